#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText

/// Round ticks for a y axis of shares shown as percents.
///
/// The step is the smallest of 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100
/// percentage points that covers the data in at most `maxIntervals` intervals once both ends
/// are snapped outward to multiples of the step. Every step divides 100, so an axis of shares
/// inside [0, 1] never runs past 0% or 100%. Data spanning less than `minimumSpan` (10
/// percentage points) is first widened to that span around its centre, shifted back inside
/// [0%, 100%] when the data lie there, so all-equal values get a readable axis (0.5 → 45%-55%,
/// 0 → 0%-10%, 1 → 90%-100%) rather than a hair-thin one.
struct PercentTicks: Sendable, Equatable {
    /// Tick values as shares (0.5 = 50%), increasing; first and last are the axis ends.
    let values: [Double]
    /// Step in percentage points.
    let stepPercent: Double

    static let steps: [Double] = [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100]

    /// Smallest span of the axis, in percentage points.
    static let minimumSpan = 10.0

    init(low: Double, high: Double, maxIntervals: Int) {
        var lo = min(low, high) * 100, hi = max(low, high) * 100
        if hi - lo < Self.minimumSpan {
            let inside = lo >= 0 && hi <= 100
            let mid = (lo + hi) / 2
            lo = mid - Self.minimumSpan / 2
            hi = mid + Self.minimumSpan / 2
            if inside, lo < 0 { (lo, hi) = (0, Self.minimumSpan) }
            if inside, hi > 100 { (lo, hi) = (100 - Self.minimumSpan, 100) }
        }
        let limit = max(1, maxIntervals)
        var chosen = (step: 100.0, first: floor(lo / 100 - 1e-9), last: ceil(hi / 100 + 1e-9))
        for step in Self.steps {
            var first = floor(lo / step + 1e-9), last = ceil(hi / step - 1e-9)
            if first == last {  // all values equal: one step either side, kept inside [0, 100]
                first -= 1
                last += 1
                if lo >= 0, first * step < 0 { first = 0 }
                if hi <= 100, last * step > 100 { last = 100 / step }
            }
            if last - first <= Double(limit) {
                chosen = (step, first, last)
                break
            }
        }
        stepPercent = chosen.step
        values = stride(from: chosen.first, through: chosen.last, by: 1).map { $0 * chosen.step / 100 }
    }

    /// `54%`, or `52.5%` when the step has a fractional part.
    func label(_ value: Double) -> String {
        let percent = value * 100
        let digits = stepPercent.rounded() == stepPercent ? 0 : (stepPercent * 10).rounded() == stepPercent * 10 ? 1 : 2
        var s = FixedDecimal.format(percent, digits: digits) ?? Printf.string("%.\(digits)f", percent)
        if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { s.removeFirst() }
        return s + "%"
    }

    var range: ClosedRange<Double> { (values.first ?? 0)...(values.last ?? 1) }
}
