import Testing
import Survey

@Suite struct MatrixTests {
    /// Hand calculation: [[1,2],[3,4]] · [[5,6],[7,8]] = [[19,22],[43,50]].
    @Test func dgemmMatchesHandCalculation() throws {
        let a = try Matrix(rows: 2, columns: 2, storage: [1, 3, 2, 4])
        let b = try Matrix(rows: 2, columns: 2, storage: [5, 7, 6, 8])
        let c = try a.multiplied(by: b)
        #expect(c[0, 0] == 19 && c[0, 1] == 22 && c[1, 0] == 43 && c[1, 1] == 50)
        let at = try a.multiplied(by: b, transposeSelf: true)  // [[1,3],[2,4]]·B = [[26,30],[38,44]]
        #expect(at[0, 0] == 26 && at[0, 1] == 30 && at[1, 0] == 38 && at[1, 1] == 44)
    }

    @Test func mismatchedShapesThrow() throws {
        let a = Matrix(rows: 2, columns: 3)
        #expect(throws: LinearAlgebraError.self) { try a.multiplied(by: a) }
    }
}
