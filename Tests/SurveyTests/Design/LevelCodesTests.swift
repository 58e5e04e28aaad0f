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

    @Test("level codes: index among the sorted distinct values, −1 and a count for missing; gaps renumbered")
    func levelCodes() {
        // Values 1…3 all present: codes are value − 1 (no renumbering).
        let full = D.levelCodes([2, 1, 3, 2])
        #expect(full.codes == [1, 0, 2, 1] && full.distinct == [1, 2, 3] && full.missing == 0)
        // 1 and 3 present, 2 absent: 3 is the second level; NaN is missing.
        let gap = D.levelCodes([3, .nan, 1, 3])
        #expect(gap.codes == [1, -1, 0, 1] && gap.distinct == [1, 3] && gap.missing == 1)
        // A fraction takes the hashed path: the same sorted order.
        let hashed = D.levelCodes([2.5, 1, .nan, 2.5])
        #expect(hashed.codes == [1, 0, -1, 1] && hashed.distinct == [1, 2.5] && hashed.missing == 1)
    }

    @Test("a long column with a gap and missing values: codes and missing count as the definition gives them")
    func longColumn() {
        // 70,001 rows: value (i·7) mod 11 with 4 never used, NaN every 13th row.
        let n = 70_001
        let values = (0..<n).map { i -> Double in
            if i % 13 == 0 { return .nan }
            let v = (i * 7) % 11
            return Double(v == 4 ? 5 : v)
        }
        let coded = D.levelCodes(values)
        // The definition: sorted distinct values 0,1,2,3,5,…,10; a value's code is its index there.
        let distinct: [Double] = [0, 1, 2, 3, 5, 6, 7, 8, 9, 10]
        #expect(coded.distinct == distinct)
        #expect(coded.missing == (n + 12) / 13)
        let expected = values.map { v in v.isNaN ? Int32(-1) : Int32(distinct.firstIndex(of: v) ?? -1) }
        #expect(coded.codes == expected)
        #expect(D.smallIntegerRange(values) == 0..<11)
        var fractional = values
        fractional[n - 1] = 2.5
        #expect(D.smallIntegerRange(fractional) == nil)
    }
}

