#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyData

/// Fits one model to many series at once — the entry point for simulation studies, bootstrap
/// loops and `scripts/bench.d/trends` (hidden CLI `barometer trend --batch FILE --model M`).
///
/// Input: CSV with header `series,time,y,var,m` (one row per wave; rows of a series contiguous
/// and in time order; `time` in decimal years, `var` the sampling variance, `m` the effective
/// sample size n/deff, may be empty for non-logit models). Output: CSV with header
/// `series,slope,slope_se,endpoint,endpoint_se,extra1,extra2` — extra1/extra2 are the
/// dispersion and the log-odds slope (logit), the level and slope noise (local-trend), or the
/// dispersion and the AIC (others). A series that cannot be fitted gets empty fields and its
/// error in a comment line `# series: message` at the end, so one bad series does not stop a
/// 100,000-series run.
package enum TrendBatch {
    package static func run(csv text: String, model kind: TrendModelKind) throws(DataError) -> String {
        var bytes = Data(text.utf8)
        bytes.append(0)
        return try run(nulTerminatedCSV: bytes, model: kind)
    }

    /// The same over a file's bytes followed by one 0 byte (parsed in place, without copying:
    /// one pass, `strtod` on each number; the 0 ends the last field).
    package static func run(nulTerminatedCSV bytes: Data, model kind: TrendModelKind) throws(DataError) -> String {
        let model = kind == .logit ? LogitTrend(lean: true) : kind.model()
        let options = TrendOptions(gridPoints: 2)
        var out = "series,slope,slope_se,endpoint,endpoint_se,extra1,extra2\n"
        var errors: [String] = []
        var id = "", times: [Double] = [], ys: [Double] = [], vars: [Double] = [], ms: [Double] = []
        func flush() {
            guard !id.isEmpty else { return }
            do {
                let data = try TrendData(times: times, values: ys, variances: vars, effectiveSizes: ms)
                let fit = try model.fit(data, options: options)
                let extra: (Double?, Double?)
                switch kind {
                case .logit: extra = (fit.dispersion, fit.coefficients[1].estimate)
                case .localTrend: extra = (fit.stateNoise?.level, fit.stateNoise?.slope)
                default: extra = (fit.dispersion, fit.aic)
                }
                let fields = [fit.slope?.estimate, fit.slope?.se, fit.endpoint.estimate, fit.endpoint.se, extra.0, extra.1]
                out += id + "," + fields.map { $0.map { "\($0)" } ?? "" }.joined(separator: ",") + "\n"
            } catch {
                out += id + ",,,,,,\n"
                errors.append("# \(id): \(error)")
            }
            times.removeAll(keepingCapacity: true); ys.removeAll(keepingCapacity: true)
            vars.removeAll(keepingCapacity: true); ms.removeAll(keepingCapacity: true)
        }
        let header = Array("series,time,y,var".utf8)
        guard bytes.count > header.count, bytes.last == 0, bytes.prefix(header.count).elementsEqual(header) else {
            throw DataError("batch file must start with the header series,time,y,var,m", line: 1)
        }
        let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
        var failure: DataError?
        bytes.withUnsafeBytes { (rawBytes: UnsafeRawBufferPointer) in
            let raw = rawBytes.bindMemory(to: UInt8.self)
            guard let base = raw.baseAddress else { return }
            let count = raw.count - 1
            var i = 0, lineNumber = 1
            while i < count && raw[i] != newline { i += 1 }
            i += 1
            var previous: ArraySlice<UInt8> = []
            while i < count {
                lineNumber += 1
                var end = i
                while end < count && raw[end] != newline { end += 1 }
                if end == i { i = end + 1; continue }
                var fields: [Int] = [i]
                for k in i..<end where raw[k] == comma { fields.append(k + 1) }
                func number(_ f: Int) -> Double? {
                    guard f < fields.count else { return nil }
                    let start = fields[f], stop = f + 1 < fields.count ? fields[f + 1] - 1 : end
                    if stop <= start { return nil }
                    var parsedEnd: UnsafeMutablePointer<CChar>?
                    let v = base.advanced(by: start).withMemoryRebound(to: CChar.self, capacity: stop - start) { p in
                        strtod(p, &parsedEnd)
                    }
                    let used = parsedEnd.map { UnsafeRawPointer($0) - UnsafeRawPointer(base.advanced(by: start)) } ?? 0
                    return used == stop - start ? v : nil
                }
                guard fields.count >= 4, let t = number(1), let y = number(2), let v = number(3) else {
                    failure = DataError("expected series,time,y,var,m with numbers", line: lineNumber)
                    return
                }
                let sid = raw[fields[0]..<(fields[1] - 1)]
                if !sid.elementsEqual(previous) {
                    flush()
                    id = String(decoding: sid, as: UTF8.self)
                    previous = ArraySlice(sid)
                }
                times.append(t); ys.append(y); vars.append(v)
                ms.append(number(4) ?? .nan)
                i = end + 1
            }
        }
        if let failure { throw failure }
        flush()
        return out + errors.map { $0 + "\n" }.joined()
    }
}
