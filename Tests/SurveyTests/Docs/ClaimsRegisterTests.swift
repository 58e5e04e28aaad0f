import Foundation
import Testing

/// `docs/claims.md` stays true: every registered claim is still said, word for word, in its doc,
/// every named test still exists, and every doc under `docs/` with a checkable claim has a row.
/// So editing a claim or renaming its test fails the suite until the register follows.
@Suite struct ClaimsRegisterTests {
    static func read(_ path: String) throws -> String {
        try String(contentsOf: GeneratedBlock.url(path), encoding: .utf8)
    }

    static func register() throws -> ClaimsRegister.Parsed {
        ClaimsRegister.parse(try read(ClaimsRegister.path))
    }

    /// The parser on a hand-written sample: header and rule skipped, `\|` kept inside a cell,
    /// backticks around paths and names removed, exemptions read with their reason.
    @Test func parserReadsRowsAndExemptions() {
        let sample = """
            # t
            ## Register
            | doc | claim | test file | test | level |
            |---|---|---|---|---|
            | `README.md` | `a\\|b` wide | `Tests/X.swift` | `f` | exact |
            | bad | row |
            ## Docs without claims
            - `docs/y.md` — only a how-to
            """
        let p = ClaimsRegister.parse(sample)
        #expect(p.rows == [ClaimRow(doc: "README.md", claim: "`a|b` wide", testFile: "Tests/X.swift", test: "f",
                                    level: "exact", line: 5)])
        #expect(p.malformed == [6])
        #expect(p.exempt == ["docs/y.md": "only a how-to"])
        #expect(ClaimsRegister.occurrences(of: "a  b\nc", in: "x a b c y a\tb   c") == 2)
    }

    @Test func registerIsWellFormed() throws {
        let p = try Self.register()
        #expect(p.malformed.isEmpty, "docs/claims.md lines without five cells: \(p.malformed)")
        #expect(p.rows.count >= 100, "\(p.rows.count) rows")
        for row in p.rows {
            #expect(!row.level.isEmpty && !row.claim.isEmpty, "docs/claims.md:\(row.line)")
        }
        let keys = p.rows.map { "\($0.doc)\u{0}\(ClaimsRegister.squash($0.claim))" }
        #expect(Set(keys).count == keys.count, "a claim is registered twice")
    }

    /// Each quoted phrase occurs exactly once in its doc (whitespace-normalised), so it names one
    /// sentence and an edit of that sentence fails here.
    @Test func everyClaimIsQuotedVerbatim() throws {
        var docs: [String: String] = [:]
        for row in try Self.register().rows {
            if docs[row.doc] == nil { docs[row.doc] = (try? Self.read(row.doc)) ?? "" }
            let n = ClaimsRegister.occurrences(of: row.claim, in: docs[row.doc] ?? "")
            #expect(n == 1, "docs/claims.md:\(row.line): \(row.doc) contains “\(row.claim)” \(n) times (must be once)")
        }
    }

    /// Each named test function is declared in the named file.
    @Test func everyTestExists() throws {
        var files: [String: String?] = [:]
        for row in try Self.register().rows {
            if files[row.testFile] == nil { files[row.testFile] = .some(try? Self.read(row.testFile)) }
            guard let source = files[row.testFile] ?? nil else {
                Issue.record("docs/claims.md:\(row.line): no file \(row.testFile)")
                continue
            }
            #expect(row.testFile.hasPrefix("Tests/") && row.testFile.hasSuffix(".swift"), "docs/claims.md:\(row.line)")
            #expect(ClaimsRegister.declares(source, function: row.test),
                    "docs/claims.md:\(row.line): \(row.testFile) declares no func \(row.test)")
        }
    }

    /// README and every `docs/*.md` (but the register) has at least one row, unless listed under
    /// "Docs without claims" with a reason; a listed doc exists and has no rows.
    @Test func everyDocIsCovered() throws {
        let p = try Self.register()
        let names = try FileManager.default.contentsOfDirectory(atPath: GeneratedBlock.url("docs").path)
        let docs = names.filter { $0.hasSuffix(".md") && $0 != "claims.md" }.map { "docs/\($0)" } + ["README.md"]
        let covered = Set(p.rows.map(\.doc))
        for doc in docs.sorted() where p.exempt[doc] == nil {
            #expect(covered.contains(doc), "\(doc) has no row in docs/claims.md and is not listed as without claims")
        }
        for (doc, reason) in p.exempt {
            #expect(docs.contains(doc), "\(doc) is listed as without claims but does not exist")
            #expect(!covered.contains(doc), "\(doc) is listed as without claims but has rows")
            #expect(reason.count > 10, "\(doc): give the reason it has no claims")
        }
        for doc in covered { #expect(docs.contains(doc), "register names \(doc), which is not README.md or docs/*.md") }
    }
}
