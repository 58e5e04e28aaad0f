import Testing
@testable import SurveyEstimation

/// The NaN scan of an analysis variable (`VectorScan.containsNaN`: eight lanes at a time,
/// tested once per 512 values, a scalar tail): a NaN anywhere is found — in the first lane, at a
/// block boundary, in the tail — and none is reported where there is none (infinities included).
@Suite struct VectorScanTests {
    func scan(_ values: [Double]) -> Bool { values.withUnsafeBufferPointer(VectorScan.containsNaN) }

    @Test func findsANaNWhereverItIs() {
        for n in [0, 1, 7, 8, 9, 511, 512, 513, 520, 1_031, 4_096] {
            let clean = (0..<n).map { Double($0) - 100 }
            #expect(!scan(clean), "n \(n)")
            for at in Set([0, 7, 8, 511, 512, 519, n - 1].filter { $0 >= 0 && $0 < n }) {
                var v = clean
                v[at] = .nan
                #expect(scan(v), "n \(n), NaN at \(at)")
            }
        }
        #expect(!scan([.infinity, -.infinity, 0, -0.0, .greatestFiniteMagnitude, 1, 2, 3, 4]))
    }

    /// Weights: every value ≥ 0 and finite; a negative, infinite or NaN one anywhere fails.
    @Test func weightsAreNonNegativeAndFinite() {
        func check(_ v: [Double]) -> Bool { v.withUnsafeBufferPointer(VectorScan.allNonNegativeFinite) }
        for n in [0, 1, 9, 512, 530, 2_000] {
            let fine = (0..<n).map { Double($0 % 7) * 0.5 }
            #expect(check(fine), "n \(n)")
            for bad in [-1e-300, -.infinity, .infinity, .nan] {
                for at in Set([0, 8, 511, 520, n - 1].filter { $0 >= 0 && $0 < n }) {
                    var v = fine
                    v[at] = bad
                    #expect(!check(v), "n \(n), \(bad) at \(at)")
                }
            }
        }
        #expect(check([0, -0.0, .greatestFiniteMagnitude]))
    }
}
