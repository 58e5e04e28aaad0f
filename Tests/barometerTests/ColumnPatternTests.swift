import Testing
@testable import barometer

/// `--repweights` patterns (POSIX extended, as R's `grep` reads `svrepdesign(repweights = )`).
/// Expected matches by hand from the pattern.
@Suite struct ColumnPatternTests {
    static let names = ["w", "rw1", "rw10", "rwx", "rw1a", "xrw2", "pw3", "fay01"]

    @Test(arguments: [
        ("^rw[0-9]+$", ["rw1", "rw10"]),
        ("^rw\\d+$", ["rw1", "rw10"]),       // \d as a digit, as in R's TRE
        ("rw", ["rw1", "rw10", "rwx", "rw1a", "xrw2"]),  // unanchored: anywhere in the name
        ("^(rw|pw)[0-9]$", ["rw1", "pw3"]),
        ("\\D$", ["w", "rwx", "rw1a"]),
        ("^fay[0-9]{2}$", ["fay01"]),
        ("[\\d]", []),                         // inside brackets \ and d are themselves
    ])
    func matches(_ pattern: String, _ expected: [String]) throws {
        let p = try #require(ColumnPattern(pattern))
        defer { p.release() }
        #expect(Self.names.filter(p.matches) == expected)
    }

    @Test(arguments: ["([", "a{2,1}", "*x["])
    func invalidIsNil(_ pattern: String) {
        #expect(ColumnPattern(pattern) == nil)
    }

    @Test func digitClassSpelledOutsideBrackets() {
        #expect(ColumnPattern.posix("^r\\d+\\D[\\d]$") == "^r[0-9]+[^0-9][\\d]$")
        #expect(ColumnPattern.posix("a\\.b\\") == "a\\.b\\")
    }
}
