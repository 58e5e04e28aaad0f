import Foundation
import Testing
@testable import SurveyText

@Suite struct FileErrorTextTests {
    /// Reading a missing file: the system's words for ENOENT and the path, not a dump of the error.
    @Test func missingFileInWords() {
        do {
            _ = try String(contentsOfFile: "/nonexistent-barometer-dir/x.txt", encoding: .utf8)
            Issue.record("read a missing file")
        } catch {
            #expect(FileErrorText.describe(error) == "No such file or directory (/nonexistent-barometer-dir/x.txt)")
        }
    }
}
