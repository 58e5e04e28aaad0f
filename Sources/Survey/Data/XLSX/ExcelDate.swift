#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Excel date serials → ISO 8601 text.
///
/// In the 1900 date system a serial counts days from 1899-12-31 = day 0, except that Excel
/// (copying Lotus 1-2-3) treats 1900 as a leap year: serial 60 is the non-existent 1900-02-29,
/// so from serial 61 on the epoch is effectively 1899-12-30. In the 1904 system (old Mac
/// workbooks, `<workbookPr date1904="1"/>`) serial 0 is 1904-01-01. The fraction is the time of
/// day, rounded here to the nearest second.
package enum ExcelDate {
    /// `2020-10-12` for whole days, `2020-10-12 14:44:00` with a time, `00:19:00` for a pure
    /// time (serial in [0, 1) with a time format); nil for a negative or absurd serial.
    static func iso(serial: Double, date1904: Bool, timeOnly: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }  // < year 10000
        var seconds = Int((serial * 86_400).rounded())
        var days = seconds / 86_400
        seconds -= days * 86_400
        let time = "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        if timeOnly && days == 0 { return time }
        if date1904 {
            days += 1462  // 1904-01-01 is serial 1462 in the 1900 system (past the fake leap day)
        } else if days == 60 {
            return nil  // 1900-02-29 does not exist
        } else if days < 60 {
            days += 1  // before the fake leap day the epoch is one day later
        }
        // Days since 1899-12-30 → days since 1970-01-01, then a civil date (Hinnant's algorithm).
        let (y, m, d) = civil(fromDays: days - 25_569)
        let date = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        return seconds == 0 ? date : "\(date) \(time)"
    }

    /// `n` in decimal, zero-padded to `width` digits (String(format:) is slow for 10⁵ cells).
    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Proleptic Gregorian (year, month, day) of a day count since 1970-01-01.
    package static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
