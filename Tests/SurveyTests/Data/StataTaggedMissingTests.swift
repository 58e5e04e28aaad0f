import Foundation
import Testing
import Survey

/// docs/data-input.md: "Stata tagged missing `.a`–`.z` … → missing". `tagged.dta` (written by
/// `Tests/Fixtures/statfiles/make_tagged.py`, pyreadstat 1.3.8, which reads the tags back as 'a'
/// and 'z') has `score` = 1.5, .a, 3, .z, . (system missing), 6.
@Suite struct StataTaggedMissingTests {
    @Test func taggedMissingIsMissing() throws {
        let t = try TableReader.read(path: StatFileReaderTests.fixture("tagged.dta"))
        #expect(try t.numeric("id") == [1, 2, 3, 4, 5, 6])
        let score = try t.numeric("score")
        #expect(score.count == 6 && score[0] == 1.5 && score[2] == 3 && score[5] == 6)
        #expect(score[1].isNaN && score[3].isNaN && score[4].isNaN, "\(score)")
    }
}
