import Testing
import Survey
@testable import SurveyEstimation

/// `KeyTable`: the values of a grouping column numbered in first-seen order across a streaming
/// pass's chunks. Expected ids are counted by hand.
@Suite("Streaming key table")
struct KeyTableTests {
    @Test("numbers get first-seen ids across chunks: small whole numbers, large, negative, fractional; NaN is −1")
    func numberIDs() {
        var keys = KeyTable()
        // First seen: 3 → 0, 5000 → 1 (above the small table), −1 → 2, 2.5 → 3, 7 → 4.
        let first = keys.ids(of: Column(name: "d", values: .numeric([3, 3, 5000, -1, 2.5, .nan, 3, 7, 7, 5000])))
        #expect(first == [0, 0, 1, 2, 3, -1, 0, 4, 4, 1])
        // A later chunk: 7 and 3 keep their ids; 1 is new (5); 4095 is the largest small number (6).
        let second = keys.ids(of: Column(name: "d", values: .numeric([7, 1, 3, 4095, 1, 4096])))
        #expect(second == [4, 5, 0, 6, 5, 7])
        #expect(keys.count == 8)
        // Fractions beside small whole numbers (0.5 looks up 0's slot and is not 0), 0 met after
        // the table has grown past it, −0 the same key as 0.
        let third = keys.ids(of: Column(name: "d", values: .numeric([0.5, 0, -0.0, 0.5, 4095.5, 3, .nan])))
        #expect(third == [8, 9, 9, 8, 10, 0, -1])
        #expect(keys.count == 11)
    }

    @Test("text levels get ids by their text, whatever their codes in a chunk")
    func textIDs() {
        var keys = KeyTable()
        let a = keys.ids(of: Column(name: "r", values: .categorical(codes: [0, 1, -1, 0], levels: ["Osh", "Almaty"])))
        #expect(a == [0, 1, -1, 0])
        let b = keys.ids(of: Column(name: "r", values: .categorical(codes: [0, 1, 2], levels: ["Almaty", "Bishkek", "Osh"])))
        #expect(b == [1, 2, 0])
    }
}
