#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import SurveyData

/// A CAB respondent-level file recognised by its contents: which wave (the codebook's
/// recognition rule holds in every row), which country (the constant country variable), and
/// its interview dates. File names are never trusted.
public struct CABFile: Sendable {
    public let path: String
    public let table: Table
    public let wave: CABCodebook.Wave
    /// ISO2 country code.
    public let country: String
    /// Earliest and latest interview dates (ISO) and the median interview date, the series date
    /// (the median, not the midpoint of the range, so a few late interviews — wave 4 KZ and TJ
    /// ran into February 2019 — do not move it).
    public let firstInterview: String
    public let lastInterview: String
    public let midpoint: String

    /// The file's base name, as cited.
    public var fileName: String { URL(fileURLWithPath: path).lastPathComponent }

    /// Recognises `table` (read from `path`) with the codebook. An unrecognised file is a
    /// `DataError` that lists what the codebook looks for and what the file holds.
    public init(table: Table, path: String, codebook: CABCodebook) throws(DataError) {
        self.path = path
        self.table = table
        var found: [String] = []
        var match: CABCodebook.Wave?
        for w in codebook.waves {
            let (name, value) = w.recognise
            guard let column = table.columns.first(where: { $0.name == name }) else {
                found.append("no column \(name)")
                continue
            }
            let values = Set((0..<column.count).map { column.text(at: $0) ?? "(missing)" })
            if values == [value] {
                match = w
                break
            }
            found.append("\(name) = " + values.sorted().prefix(5).joined(separator: ", "))
        }
        guard let wave = match else {
            let known = codebook.waves.map { "wave \($0.number) (\($0.recognise.column)=\($0.recognise.value))" }
            throw DataError(
                "not a CAB file of a wave the codebook knows: it looks for \(known.joined(separator: ", ")); "
                    + "this file has \(Array(Set(found)).sorted().joined(separator: "; "))",
                file: path)
        }
        self.wave = wave
        let countryColumn = try table.column(named: wave.countryVariable)
        let names = Set((0..<countryColumn.count).compactMap { countryColumn.text(at: $0) })
        guard names.count == 1, let name = names.first else {
            throw DataError("column \(wave.countryVariable) should hold one country name, found: \(names.sorted().joined(separator: ", "))", file: path)
        }
        guard let code = Countries.code(for: name), wave.countries.contains(code) else {
            throw DataError("country '\(name)' is not among wave \(wave.number)'s countries (\(wave.countries.joined(separator: ", ")))", file: path)
        }
        self.country = code
        let days = try Self.interviewDays(table, wave: wave, path: path)
        let sorted = days.sorted()
        guard let first = sorted.first, let last = sorted.last else {
            throw DataError("no interview dates in \(wave.dateVariables.joined(separator: "/"))", file: path)
        }
        firstInterview = Self.iso(first)
        lastInterview = Self.iso(last)
        midpoint = Self.iso(sorted[(sorted.count - 1) / 2])
    }

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"]

    /// Interview dates as days since 1970-01-01: `Year`/`Month` name/`Day` (wave 4) or the date
    /// part of an ISO date-time column (`MM9`).
    static func interviewDays(_ table: Table, wave: CABCodebook.Wave, path: String) throws(DataError) -> [Int] {
        var days: [Int] = []
        if wave.dateVariables.count == 3 {
            let y = try table.numeric(wave.dateVariables[0]), d = try table.numeric(wave.dateVariables[2])
            let m = try table.column(named: wave.dateVariables[1])
            for i in 0..<table.rowCount {
                guard y[i].isFinite, d[i].isFinite, let name = m.text(at: i) else { continue }
                guard let month = months.firstIndex(of: name.lowercased()) else {
                    throw DataError("'\(name)' is not a month name", file: path, line: i + 2, column: wave.dateVariables[1])
                }
                // Year and day as numbers may be anything (1e300 would trap in Int()): bound them first.
                guard abs(y[i]) < 1e6, abs(d[i]) < 1e6, isCalendarDate(Int(y[i]), month + 1, Int(d[i])) else {
                    throw DataError("\(formatNumber(y[i])) \(name) \(formatNumber(d[i])) is not a calendar date (expected a day "
                                    + "of that month of a year 1900-2100)", file: path, line: i + 2,
                                    column: wave.dateVariables[2])
                }
                days.append(daysFromCivil(Int(y[i]), month + 1, Int(d[i])))
            }
        } else if let name = wave.dateVariables.first {
            let c = try table.column(named: name)
            for i in 0..<c.count {
                guard let text = c.text(at: i) else { continue }
                let parts = text.prefix(10).split(separator: "-").compactMap { Int($0) }
                guard parts.count == 3 else {
                    throw DataError("'\(text)' is not a date", file: path, line: i + 2, column: name)
                }
                // Month 13 or 31 April would roll over into the next month or year (2020-13-10 → 2021-01-10).
                guard isCalendarDate(parts[0], parts[1], parts[2]) else {
                    throw DataError("'\(text)' is not a calendar date (expected YYYY-MM-DD with a month 1-12, a day of that "
                                    + "month and a year 1900-2100)", file: path, line: i + 2, column: name)
                }
                days.append(daysFromCivil(parts[0], parts[1], parts[2]))
            }
        }
        return days
    }

    /// Whether (y, m, d) is a day of the Gregorian calendar in 1900–2100.
    static func isCalendarDate(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        (1900...2100).contains(y) && (1...12).contains(m) && d >= 1 && d <= daysInMonth(y, m)
    }

    /// Days in month m (1-12) of year y (Gregorian leap years); 0 for a month out of range.
    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        guard (1...12).contains(m) else { return 0 }
        if m == 2 { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28 }
        return [4, 6, 9, 11].contains(m) ? 30 : 31
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func iso(_ days: Int) -> String {
        let (y, m, d) = ExcelDate.civil(fromDays: days)
        return Printf.string("%04ld-%02ld-%02ld", y, m, d)
    }
}
