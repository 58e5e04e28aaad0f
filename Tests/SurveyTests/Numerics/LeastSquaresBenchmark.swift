import Foundation
import Testing
import Survey
@testable import SurveyNumerics

/// Timing of `LinearModel.fit` on seeded synthetic data (n = 1e6, p = 10), printed; runs only with
/// `BAROMETER_BENCH=1` (not part of the normal suite). Peer: `scripts/bench-regress.py` (numpy).
@Suite struct LeastSquaresBenchmark {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["BAROMETER_BENCH"] == "1"))
    func fitMillionByTen() throws {
        var rng = SplitMix64(seed: 42)
        let n = 1_000_000, p = 9
        let xs = (0..<p).map { _ in (0..<n).map { _ in rng.nextUnit() * 2 - 1 } }
        let y = (0..<n).map { i in 1 + (0..<p).reduce(0.0) { $0 + Double($1 + 1) * xs[$1][i] } + rng.nextUnit() - 0.5 }
        let model = LinearModel(response: y, terms: [.intercept] + xs.enumerated().map { .variable("x\($0)", $1) })
        var times: [Double] = []
        for _ in 0..<3 {
            let start = Date()
            _ = try model.fit()
            times.append(Date().timeIntervalSince(start))
        }
        print("BENCH LinearModel.fit n=\(n) p=\(p + 1) OPENBLAS_NUM_THREADS=\(ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] ?? "?") median \(times.sorted()[1]) s")
    }
}
