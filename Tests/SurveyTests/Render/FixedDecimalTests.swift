import Foundation
import Testing
import Survey
@testable import SurveyNumerics
@testable import SurveyRender

/// Issue 17 item 4: table numbers are formatted by integer arithmetic instead of `printf`.
/// Oracle: the C library's `printf("%.*f")` through `String(format:)`, which rounds the exact
/// binary value half to even — on exact binary ties, near-ties, subnormals, huge values and
/// seeded random doubles of every magnitude.
@Suite struct FixedDecimalTests {
    /// By hand: 0.125 and 0.375 are exact binary ties (half to even: 0.12, 0.38); 0.15 is
    /// 0.1499999999999999944… in binary, so 0.1; 2.5 rounds to the even 2; -0.0 keeps its sign.
    @Test func handCases() {
        #expect(FixedDecimal.format(0.125, digits: 2) == "0.12")
        #expect(FixedDecimal.format(0.375, digits: 2) == "0.38")
        #expect(FixedDecimal.format(0.15, digits: 1) == "0.1")
        #expect(FixedDecimal.format(2.5, digits: 0) == "2")
        #expect(FixedDecimal.format(-0.0, digits: 1) == "-0.0")
        #expect(FixedDecimal.format(54.04, digits: 1) == "54.0")
        #expect(FixedDecimal.format(1e300, digits: 1) == nil)   // beyond 2^63: printf's job
        #expect(CellFormatter(missingMark: "—").fixed(1e300, digits: 1) == String(format: "%.1f", 1e300))
    }

    @Test func agreesWithPrintf() {
        var rng = SplitMix64(seed: 2026)
        let special: [Double] = [0, 0.5, 1.5, 0.05, 0.25, -2.5, 1e-7, -1e-7, 123456.789, 5e-324,
                                 2.2250738585072014e-308, 9007199254740993, 4.35, 0.045, 1e18, 9.2e18, 1e15 + 0.3]
        var covered = 0
        for i in 0..<20000 {
            let x: Double
            switch i {
            case ..<special.count: x = special[i]
            case _ where i % 3 == 0: x = Double(bitPattern: rng.next())
            case _ where i % 3 == 1: x = Double(Int64(bitPattern: rng.next()) % 2_000_000) / [8.0, 16, 1000, 100, 40, 1][Int(rng.next() % 6)]
            default: x = (rng.nextUnit() - 0.5) * pow(10, Double(Int(rng.next() % 24)) - 10)
            }
            guard x.isFinite else { continue }
            for digits in [0, 1, 2, 3, 4, 6, 9] {
                guard let ours = FixedDecimal.format(x, digits: digits) else { continue }
                covered += 1
                #expect(ours == String(format: "%.\(digits)f", x), "\(x) with \(digits) decimals")
            }
        }
        #expect(covered > 100_000)
    }
}
