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

extension FileErrorTextTests {
    /// An error without an underlying errno gets words for its code, with its path; never a
    /// dump of the error's fields.
    @Test func codeWithoutErrnoInWords() {
        let error = CocoaError(.fileWriteNoPermission, userInfo: ["NSFilePath": "/x/y"])
        #expect(FileErrorText.describe(error) == "permission denied (/x/y)")
        #expect(FileErrorText.describe(CocoaError(.fileNoSuchFile)) == "no such file or folder")
        #expect(FileErrorText.describe(CocoaError(.featureUnsupported)) == "file system error 3328")
    }
}
