import Foundation
import Testing
@testable import barometer
import Survey

/// The segmented trend's dispersion is that of the model it prints. Where ψ̂ falls on a wave date
/// (a kink of the profile RSS), the linearised fit whose covariance is used has smaller residuals
/// than the printed fit: φ̂ came out 0.825 for 8 waves whose printed fit gives Σr²/var/(n − 4) =
/// 2.048 (an independent numpy profile fit finds the same ψ̂ and RSS 8.19), so `auto` kept normal
/// quantiles and the slope's interval was 4.6–6.7 instead of 3.5–7.8. The series: 8 yearly waves,
/// SE 0.012 each (hand-made, found by a sweep; in 13 of 40 random 8-wave series ψ̂ sat on a wave).
@Suite struct SegmentedDispersionTests {
    static let csv = """
dataset,country,target,item,wave,date,measure,estimate,se,ci_lower,ci_upper,n,deff,flags,source_id
hand,KZ,China,favorability,w1,2010-06-01,favorable,0.3353,0.012,,,1000,,,s
hand,KZ,China,favorability,w2,2011-06-01,favorable,0.3199,0.012,,,1000,,,s
hand,KZ,China,favorability,w3,2012-06-01,favorable,0.3020,0.012,,,1000,,,s
hand,KZ,China,favorability,w4,2013-06-01,favorable,0.2659,0.012,,,1000,,,s
hand,KZ,China,favorability,w5,2014-06-01,favorable,0.3503,0.012,,,1000,,,s
hand,KZ,China,favorability,w6,2015-06-01,favorable,0.4139,0.012,,,1000,,,s
hand,KZ,China,favorability,w7,2016-06-01,favorable,0.4657,0.012,,,1000,,,s
hand,KZ,China,favorability,w8,2017-06-01,favorable,0.4920,0.012,,,1000,,,s
"""

    @Test func dispersionIsThePrintedFits() throws {
        let path = try HostileSweepTests.file("seg.csv", Self.csv)
        let r = Barometer.execute(["trend", "--series", path, "--model", "segmented", "--format", "json"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        let fitted = try #require(json["fitted"] as? [[String: Any]]).compactMap { $0["estimate"] as? Double }
        let y = [0.3353, 0.3199, 0.3020, 0.2659, 0.3503, 0.4139, 0.4657, 0.4920]
        #expect(fitted.count == 8)
        // Hand calculation: Σ (y − fitted)² / 0.012² over n − 4 = 4 df.
        let rss = zip(y, fitted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) / (0.012 * 0.012) }
        let phi = try #require(json["dispersion"] as? Double)
        #expect(abs(phi - rss / 4) < 1e-9 * phi, "\(phi) vs \(rss / 4)")
        #expect(abs(phi - 2.048) < 0.001, "\(phi)")
    }
}

/// A break at the last possible point: 5 yearly waves 20, 30, 40, 50, 50 % (SE 1 point) — +10
/// points a year, then flat. ψ̂ sits at the fourth wave, where only the last wave follows it, so ψ
/// has no interval; the note said "the slope does not change", which the printed slope change
/// (−10 points a year) contradicts. It now gives the real reason.
@Suite struct SegmentedEdgeNoteTests {
    @Test func breakAtTheLastPossiblePointIsSaid() throws {
        var text = SeriesFile.columns.joined(separator: ",") + "\n"
        for (k, y) in [0.20, 0.30, 0.40, 0.50, 0.50].enumerated() {
            let row: [String: String] = ["dataset": "hand", "country": "KZ", "target": "Russia", "item": "favorability",
                                         "wave": "w\(k + 1)", "date": "\(2011 + k)-06-01", "measure": "favorable",
                                         "estimate": "\(y)", "se": "0.01", "source_id": "s", "citation": "hand-made"]
            text += SeriesFile.columns.map { row[$0] ?? "" }.joined(separator: ",") + "\n"
        }
        let path = try HostileSweepTests.file("edge.csv", text)
        let r = Barometer.execute(["trend", "--series", path, "--model", "segmented"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let flat = r.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("the break is at the last possible point") && !flat.contains("the slope does not change"), "\(r.output)")
    }
}
