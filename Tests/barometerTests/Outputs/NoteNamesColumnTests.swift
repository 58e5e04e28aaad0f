import Foundation
import Testing
@testable import barometer

/// Issue 12 item 5/6: "Notes print a column's name, never its values".
@Suite struct NoteNamesColumnTests {
    /// Why: "`regress --weights pw` prints the whole 200-number weight vector in a note".
    @Test func regressWeightsNoteNamesTheColumn() {
        let r = OutputRun.run(["regress", "examples/apistrat.csv", "--y", "api00", "--x", "ell", "--weights", "pw"])
        #expect(r.exitCode == 0)
        #expect(r.output.contains("'pw'"))
        // apistrat's pw takes the values 44.21, 15.1 and 20.36 (R survey data(api); stored in
        // examples/apistrat.csv as 44.209999084472656, 15.100000381469727, 20.360000610351562).
        for value in ["44.2099", "15.1000", "20.3600", "44.21,", "15.1,", "20.36,"] { #expect(!r.output.contains(value), "\(value)") }
        #expect(r.output.split(separator: "\n").allSatisfy { $0.count < 200 })
    }
}
