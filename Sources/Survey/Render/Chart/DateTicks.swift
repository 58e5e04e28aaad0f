#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText

/// Calendar ticks for an x axis in decimal years, with labels that fit.
///
/// Candidate steps are ½, 1, 2, 5, 10, 20, 50 and 100 years; the first whose neighbouring ticks
/// are at least 4 + `gap` label widths apart on the available width wins. Year ticks sit on
/// 1 January (x = the year, as `WaveDate.decimalYear` gives) and are labelled `2018`;
/// half-year ticks sit on 1 July and are labelled `Jul` (`Jul 2018` when it is the first
/// label). Ticks follow the calendar, not the waves, so irregular wave dates do not produce
/// irregular labels. A window shorter than a year is widened to one year around its centre
/// first, so there is always a tick.
struct DateTicks: Sendable, Equatable {
    struct Tick: Sendable, Equatable {
        let x: Double
        let label: String
    }

    let ticks: [Tick]
    let range: ClosedRange<Double>
    /// Step in years.
    let step: Double

    static let steps: [Double] = [0.5, 1, 2, 5, 10, 20, 50, 100]

    /// The x window to draw for data spanning `low...high`: at least one year wide.
    static func window(low: Double, high: Double) -> ClosedRange<Double> {
        let span = high - low
        if span >= 1 { return low...high }
        let mid = (low + high) / 2
        return (mid - 0.5)...(mid + 0.5)
    }

    /// - Parameters:
    ///   - range: the x window (decimal years).
    ///   - width: its width in units where a label character is 1 wide (cells, or em for SVG).
    ///   - gap: extra space wanted between neighbouring labels.
    init(range: ClosedRange<Double>, width: Double, gap: Double = 1) {
        self.range = range
        let span = max(range.upperBound - range.lowerBound, 1e-9)
        let perYear = width / span
        var chosen: (Double, [Tick]) = (100, [])
        for step in Self.steps {
            // Labels are `2018` or `Jul`: four characters at most (the first may be longer,
            // see below; the printer skips a label that would overlap its neighbour).
            if step * perYear >= 4 + gap || step == Self.steps.last {
                chosen = (step, Self.ticks(in: range, step: step))
                break
            }
        }
        step = chosen.0
        // A leading `Jul` would leave its year unstated: it reads `Jul 2018` instead — unless that
        // longer label would crowd the next year's, which the printer would then skip, leaving
        // the next `Jul` under no year at all (`Jul 2017  Jul  2019`): the leading tick goes.
        if let first = chosen.1.first, first.label == "Jul" {
            let long = "Jul \(Int(floor(first.x)))"
            // Where the printers put it: centred on its tick but not before the axis start; the
            // year label (4 wide) centred on the next tick must start `gap` after it ends (with
            // half a unit for rounding to cells).
            let end = max(0, (first.x - range.lowerBound) * perYear - Double(long.count - 1) / 2) + Double(long.count)
            if chosen.1.count > 1, (chosen.1[1].x - range.lowerBound) * perYear - 2 < end + gap {
                chosen.1.removeFirst()
            } else {
                chosen.1[0] = Tick(x: first.x, label: long)
            }
        }
        ticks = chosen.1
    }

    static func ticks(in range: ClosedRange<Double>, step: Double) -> [Tick] {
        var result: [Tick] = []
        let firstYear = Int(floor(range.lowerBound)), lastYear = Int(ceil(range.upperBound))
        guard lastYear - firstYear < 100_000 else { return [] }
        for year in firstYear...lastYear {
            if step < 1, let july = Optional(Self.julyFirst(year)), range.contains(july) {
                result.append(Tick(x: Double(year), label: String(year)))
                result.append(Tick(x: july, label: "Jul"))
                continue
            }
            if Double(year).truncatingRemainder(dividingBy: max(step, 1)) == 0 {
                result.append(Tick(x: Double(year), label: String(year)))
            }
        }
        return result.filter { range.contains($0.x) }
    }

    /// `2020-03` for a decimal year (month of the date it stands for).
    static func monthLabel(_ x: Double) -> String {
        guard x.isFinite else { return "?" }
        // Inverse of WaveDate.decimalYear: day of year from the fraction, then the month.
        let year = Int(floor(x))
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        // A day's own fraction times the year's length can land a hair below it (2017-06-01: 151/365
        // · 365 = 150.99999999996, which floored to May 31 and labelled the break "2017-05").
        var day = Int(((x - floor(x)) * Double(leap ? 366 : 365) + 1e-6).rounded(.down))
        var month = 1
        while month < 12, day >= lengths[month - 1] {
            day -= lengths[month - 1]
            month += 1
        }
        // Zero-padded by hand in 0-9999, as `%04d-%02d` pads (no printf machinery per label).
        guard (0...9999).contains(year) else { return Printf.string("%04ld-%02ld", year, month) }
        let y = String(year), m = String(month)
        return String(repeating: "0", count: 4 - y.count) + y + "-" + (m.count < 2 ? "0" : "") + m
    }

    /// 1 July of `year` in decimal years (day 181, 182 in a leap year, of 365/366), as
    /// `WaveDate.decimalYear("YYYY-07-01")` gives; Render cannot import Series.
    static func julyFirst(_ year: Int) -> Double {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return Double(year) + Double(leap ? 182 : 181) / Double(leap ? 366 : 365)
    }
}
