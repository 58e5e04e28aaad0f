import Testing
import Survey
@testable import SurveyEstimation

/// The level codes of a numeric column (`LevelCodes.of`): integers spanning at most 65,536 take the
/// one-pass table (`LevelCodes.smallIntegers`), anything else the hashed path; both give the sorted
/// distinct values and each row's index among them. Expectations are written out by hand, or (for
/// the large seeded column) computed by a plain sort-and-search in the test.
struct LevelCodesTests {
    typealias D = LevelCodes

    @Test("integer codes: sorted levels, each row's index, −1 and a count for missing; −0 is 0")
    func integerCodes() throws {
        let a = try #require(D.smallIntegers([3, 1, 2], parts: 2))
        #expect(a.distinct == [1, 2, 3] && a.codes == [2, 0, 1] && a.missing == 0)
        let b = try #require(D.smallIntegers([-0.0, 3], parts: 2))
        #expect(b.distinct == [0, 3] && b.codes == [0, 1] && b.missing == 0)
        #expect(b.distinct[0].sign == .plus)
        let c = try #require(D.smallIntegers([.nan, 2, .nan], parts: 2))
        #expect(c.distinct == [2] && c.codes == [-1, 0, -1] && c.missing == 2)
        // A gap between values and a missing row in the middle (the recoding pass).
        let d = try #require(D.smallIntegers([5, .nan, 2, 9], parts: 2))
        #expect(d.distinct == [2, 5, 9] && d.codes == [1, -1, 0, 2] && d.missing == 1)
        // Offsets from the smallest value are the codes: 1, 2, 3 → 0, 1, 2.
        let e = try #require(D.smallIntegers([1, 2, 3, 1], parts: 3))
        #expect(e.distinct == [1, 2, 3] && e.codes == [0, 1, 2, 0])
        // The smallest value after the first 4,096 rows (the origin guessed too high): recoded.
        let late = [Double](repeating: 7, count: 5000) + [3, 7]
        let f = try #require(D.smallIntegers(late, parts: 2))
        #expect(f.distinct == [3, 7] && f.codes == [Int32](repeating: 1, count: 5000) + [0, 1])
        // Missing first rows: the origin is the first value found.
        let g = try #require(D.smallIntegers([Double](repeating: .nan, count: 4100) + [4, 2], parts: 2))
        #expect(g.distinct == [2, 4] && g.codes == [Int32](repeating: -1, count: 4100) + [1, 0] && g.missing == 4100)
    }

    @Test("spans up to 65,535 on either side of the origin take the table")
    func widestSpans() throws {
        let up = try #require(D.smallIntegers([-5, 65_530], parts: 2))
        #expect(up.distinct == [-5, 65_530] && up.codes == [0, 1])
        let down = try #require(D.smallIntegers([65_535, 0], parts: 2))
        #expect(down.distinct == [0, 65_535] && down.codes == [1, 0])
    }

    @Test("a fraction, a value of 1e9 or more, a span over 65,535, infinity or no rows: the hashed path")
    func notSmallIntegers() {
        #expect(D.smallIntegers([1, 2.5], parts: 2) == nil)
        #expect(D.smallIntegers([1e9], parts: 2) == nil)
        #expect(D.smallIntegers([-1e12, 1], parts: 2) == nil)
        #expect(D.smallIntegers([0, 65_536], parts: 2) == nil)
        #expect(D.smallIntegers([0, 70_000, 3], parts: 2) == nil)
        #expect(D.smallIntegers([.infinity], parts: 2) == nil)
        #expect(D.smallIntegers([], parts: 2) == nil)
        // The hashed path gives the same form.
        let f = D.of([2.5, .nan, 1, 2.5])
        #expect(f.distinct == [1, 2.5] && f.codes == [1, -1, 0, 1] && f.missing == 1)
        let g = D.of([0, 65_536, 0])
        #expect(g.distinct == [0, 65_536] && g.codes == [0, 1, 0] && g.missing == 0)
    }

    @Test("all missing: every code −1, no levels")
    func allMissing() {
        let a = D.of([.nan, .nan])
        #expect(a.codes == [-1, -1] && a.distinct.isEmpty && a.missing == 2)
    }

    @Test("a large seeded column (threads used): the same codes for 1, 2 and 3 parts as sort-and-search")
    func partsAgree() {
        var rng = SplitMix64(seed: 17)
        let values: [Double] = (0..<200_000).map { _ in
            let u = rng.next() % 13
            return u == 0 ? .nan : Double(Int(u) * 3 - 20)
        }
        let levels = Array(Set(values.filter { !$0.isNaN })).sorted()
        let expected = values.map { v in v.isNaN ? Int32(-1) : Int32(levels.firstIndex(of: v) ?? -2) }
        let missing = values.filter(\.isNaN).count
        for parts in [1, 2, 3] {
            let coded = D.smallIntegers(values, parts: parts)
            #expect(coded?.distinct == levels)
            #expect(coded?.codes == expected)
            #expect(coded?.missing == missing)
        }
    }

    @Test("level codes: index among the sorted distinct values, −1 and a count for missing; gaps renumbered")
    func levelCodes() {
        // Values 1…3 all present: codes are value − 1 (no renumbering).
        let full = D.of([2, 1, 3, 2])
        #expect(full.codes == [1, 0, 2, 1] && full.distinct == [1, 2, 3] && full.missing == 0)
        // 1 and 3 present, 2 absent: 3 is the second level; NaN is missing.
        let gap = D.of([3, .nan, 1, 3])
        #expect(gap.codes == [1, -1, 0, 1] && gap.distinct == [1, 3] && gap.missing == 1)
        // A fraction takes the hashed path: the same sorted order.
        let hashed = D.of([2.5, 1, .nan, 2.5])
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
        let coded = D.of(values)
        // The definition: sorted distinct values 0,1,2,3,5,…,10; a value's code is its index there.
        let distinct: [Double] = [0, 1, 2, 3, 5, 6, 7, 8, 9, 10]
        #expect(coded.distinct == distinct)
        #expect(coded.missing == (n + 12) / 13)
        let expected = values.map { v in v.isNaN ? Int32(-1) : Int32(distinct.firstIndex(of: v) ?? -1) }
        #expect(coded.codes == expected)
        #expect(D.smallIntegers(values, parts: 2) != nil)   // the table path
        var fractional = values
        fractional[n - 1] = 2.5
        #expect(D.smallIntegers(fractional, parts: 2) == nil)
    }
}

