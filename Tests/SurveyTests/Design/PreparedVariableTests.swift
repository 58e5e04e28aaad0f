import Testing
@testable import SurveyEstimation

/// The NaN scan of an analysis variable (`PreparedVariable.containsNaN`: eight lanes at a time,
/// tested once per 512 values, a scalar tail): a NaN anywhere is found — in the first lane, at a
/// block boundary, in the tail — and none is reported where there is none (infinities included).
@Suite struct PreparedVariableTests {
    func scan(_ values: [Double]) -> Bool { values.withUnsafeBufferPointer(PreparedVariable.containsNaN) }

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
}
