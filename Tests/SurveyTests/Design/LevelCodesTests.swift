import Testing
@testable import Survey

/// The level codes of a numeric column (`smallIntegerRange`, the table path for coded answers):
/// integers spanning at most 65,536 take the table, anything else the hashed path. Expectations
/// are the ranges written out by hand.
struct LevelCodesTests {
    typealias D = ReplicateDesign

    @Test("integer codes give their range; −0 is 0; missing values are skipped")
    func integerRanges() {
        #expect(D.smallIntegerRange([3, 1, 2]) == 1..<4)
        #expect(D.smallIntegerRange([-0.0, 3]) == 0..<4)
        #expect(D.smallIntegerRange([.nan, 2, .nan]) == 2..<3)
        #expect(D.smallIntegerRange([-5, 65_530]) == -5..<65_531)
    }

    @Test("a fraction, a value of 1e9 or more, a span over 65,536 or no values: no range")
    func notSmallIntegers() {
        #expect(D.smallIntegerRange([1, 2.5]) == nil)
        #expect(D.smallIntegerRange([1e9]) == nil)
        #expect(D.smallIntegerRange([-1e12, 1]) == nil)
        #expect(D.smallIntegerRange([0, 65_536]) == nil)
        #expect(D.smallIntegerRange([.infinity]) == nil)
        #expect(D.smallIntegerRange([.nan]) == nil)
        #expect(D.smallIntegerRange([]) == nil)
    }
}
