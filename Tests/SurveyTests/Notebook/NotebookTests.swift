import Testing
import Survey
@testable import SurveyNotebook

/// A fake executor: echoes its arguments, fails with exit 1 for `fail`, exit 2 for `bogus`.
private let echo = NotebookRunner { words in
    switch words.first {
    case "fail": return .init(text: "barometer: error: data.csv:3: bad value\n", exitCode: 1)
    case "bogus": return .init(text: "barometer: error: Unknown subcommand 'bogus'\n", exitCode: 2)
    default: return .init(text: words.joined(separator: "|") + "\n", exitCode: 0)
    }
}

@Suite struct NotebookParserTests {
    static let sample = """
        # Title

        Prose with `code`.

        ```barometer
        table --country KZ
        # a comment line
        chart --country 'Kyrgyz Republic'
        ```

        ```output
        old output
        ```

        ```python
        print("not ours")
        ```

        ~~~barometer tolerance=1e-6
        trend --model linear
        ~~~
        Tail prose.

        """

    @Test func findsBlocksCommandsAndOutputs() throws {
        let doc = try NotebookParser.parse(Self.sample, file: "s.md")
        let blocks = doc.commandBlocks
        #expect(blocks.count == 2)
        #expect(blocks[0].line == 5)
        #expect(blocks[0].commands.map(\.text) == ["table --country KZ", "chart --country 'Kyrgyz Republic'"])
        #expect(blocks[0].commands.map(\.line) == [6, 8])
        #expect(blocks[0].storedOutput == "old output\n")
        #expect(blocks[0].outputLine == 11)
        #expect(blocks[1].tolerance == 1e-6)
        #expect(blocks[1].storedOutput == nil)
    }

    @Test func unchangedOutputsReproduceTheFileByteForByte() throws {
        let doc = try NotebookParser.parse(Self.sample, file: "s.md")
        let outputs = doc.commandBlocks.map { $0.storedOutput ?? "" }
        // Block 2 has no output block yet, so only compare when every block has one.
        let withOutputs = doc.rendered(withOutputs: outputs)
        let reparsed = try NotebookParser.parse(withOutputs, file: "s.md")
        let again = reparsed.rendered(withOutputs: reparsed.commandBlocks.map { $0.storedOutput ?? "" })
        #expect(again == withOutputs)
        // CRLF files survive untouched too.
        let crlf = "a\r\n```barometer\r\nx\r\n```\r\n\r\n```output\r\ny\r\n```\r\nb"
        let d = try NotebookParser.parse(crlf, file: "c.md")
        #expect(d.rendered(withOutputs: ["y\n"]) == crlf)
    }

    @Test func missingOutputBlockIsCreatedAfterTheCommandBlock() throws {
        let doc = try NotebookParser.parse("Intro\n```barometer\nx\n```\nAfter\n", file: "n.md")
        #expect(doc.rendered(withOutputs: ["1\n"]) == "Intro\n```barometer\nx\n```\n\n```output\n1\n```\nAfter\n")
    }

    /// A block in a list item (fence indented 3 spaces): its output block was written at the
    /// margin, which ends the list on GitHub and in every CommonMark reader. It now takes the
    /// block's indentation (blank output lines stay empty), and the stored output read back
    /// loses it, so the notebook is current on the next run.
    @Test func outputOfAnIndentedBlockKeepsTheIndentation() throws {
        let text = "1. Step:\n\n   ```barometer\n   x\n   ```\n\n2. Next.\n"
        let doc = try NotebookParser.parse(text, file: "l.md")
        let written = doc.rendered(withOutputs: ["a\n\n  b\n"])
        #expect(written == "1. Step:\n\n   ```barometer\n   x\n   ```\n\n   ```output\n   a\n\n     b\n   ```\n\n2. Next.\n")
        let again = try NotebookParser.parse(written, file: "l.md")
        #expect(again.commandBlocks.first?.storedOutput == "a\n\n  b\n")
        #expect(again.rendered(withOutputs: ["a\n\n  b\n"]) == written)
    }

    @Test func outputContainingFencesGetsALongerFence() throws {
        let doc = try NotebookParser.parse("```barometer\nx\n```\n", file: "n.md")
        #expect(doc.rendered(withOutputs: ["```\n"]) == "```barometer\nx\n```\n\n````output\n```\n````\n")
    }

    @Test func unterminatedFenceNamesItsLine() {
        #expect(throws: NotebookError(file: "u.md", line: 3, message: "unterminated code fence (expected a closing ```)")) {
            try NotebookParser.parse("a\n\n```barometer\nx\n", file: "u.md")
        }
    }

    @Test func unknownAttributeIsAnError() {
        #expect(throws: NotebookError.self) { try NotebookParser.parse("```barometer colour=red\nx\n```\n", file: "a.md") }
    }
}

@Suite struct NotebookRunnerTests {
    @Test func runsEveryCommandAndJoinsOutputs() throws {
        let doc = try NotebookParser.parse("```barometer\ntable --country KZ\nchart \"a b\" 'c d'\n```\n", file: "r.md")
        #expect(try echo.outputs(for: doc, file: "r.md") == ["table|--country|KZ\nchart|a b|c d\n"])
    }

    @Test func failingCommandStoresItsError() throws {
        let doc = try NotebookParser.parse("```barometer\nfail\n```\n", file: "r.md")
        #expect(try echo.outputs(for: doc, file: "r.md") == ["barometer: error: data.csv:3: bad value\n"])
    }

    /// CSV output ends its lines in CRLF; stored so in an LF notebook, `check` never matched it (a
    /// sweep): outputs are stored with LF line ends.
    @Test func crlfOutputIsStoredWithLF() throws {
        let crlf = NotebookRunner { _ in .init(text: "a,b\r\n1,2\r\n", exitCode: 0) }
        let doc = try NotebookParser.parse("```barometer\nestimate x --format csv\n```\n", file: "r.md")
        #expect(try crlf.outputs(for: doc, file: "r.md") == ["a,b\n1,2\n"])
    }

    @Test func badUsageIsANotebookErrorWithTheLine() throws {
        let doc = try NotebookParser.parse("text\n```barometer\nbogus --x\n```\n", file: "r.md")
        // The notebook error says "barometer: error:" once (it read "r.md:3: barometer: error: …" after it).
        #expect(throws: NotebookError(file: "r.md", line: 3, message: "Unknown subcommand 'bogus'")) {
            try echo.outputs(for: doc, file: "r.md")
        }
    }

    @Test func programNameAndNestedNotebooksAreRejected() throws {
        let a = try NotebookParser.parse("```barometer\nbarometer table\n```\n", file: "r.md")
        #expect(throws: NotebookError.self) { try echo.outputs(for: a, file: "r.md") }
        let b = try NotebookParser.parse("```barometer\nnotebook run x.md\n```\n", file: "r.md")
        #expect(throws: NotebookError.self) { try echo.outputs(for: b, file: "r.md") }
    }

    @Test func shellLikeWordSplitting() throws {
        #expect(try CommandLineWords.split(#"a 'b c' "d \"e\"" f\ g"#) == ["a", "b c", #"d "e""#, "f g"])
        #expect(throws: CommandLineWordsError.self) { try CommandLineWords.split("a 'b") }
    }
}

@Suite struct OutputComparisonTests {
    /// By hand: `\n` + two or more spaces → one space; one space, or none, is left alone.
    @Test func unwrapsIndentedContinuations() {
        #expect(OutputComparison.unwrapped("a\n  b\n c\n\n   d") == "a b\n c\n d")
        #expect(OutputComparison.unwrapped("no breaks") == "no breaks")
        #expect(OutputComparison.unwrapped("tail\n  ") == "tail ")
        #expect(OutputComparison.unwrapped("Қазақ\n    стан") == "Қазақ стан")
    }

    @Test func exactUnlessToleranceGiven() {
        #expect(!OutputComparison.matches(stored: "p = 0.1234567", fresh: "p = 0.1234568", tolerance: nil))
        // |0.1234567 − 0.1234568| = 1e-7 ≤ 1e-6 · 1: within tolerance.
        #expect(OutputComparison.matches(stored: "p = 0.1234567", fresh: "p = 0.1234568", tolerance: 1e-6))
        // 54.0 vs 54.1: difference 0.1 > 1e-6 · 54.1.
        #expect(!OutputComparison.matches(stored: "54.0 (51.2-56.8)", fresh: "54.1 (51.2-56.8)", tolerance: 1e-6))
        // Text must still match exactly.
        #expect(!OutputComparison.matches(stored: "KZ 1.0", fresh: "KG 1.0", tolerance: 1e-3))
        #expect(OutputComparison.matches(stored: "x -1.5e-3 y", fresh: "x -1.5000001e-3 y", tolerance: 1e-6))
        // Whole numbers are exact whatever the tolerance: 2022 vs 2021 differ by 5e-4 relative,
        // 1200 vs 1201 by 8e-4, both under 1e-3, and neither is the same output.
        #expect(!OutputComparison.matches(stored: "2022-autumn 54.1", fresh: "2021-autumn 54.1", tolerance: 1e-3))
        #expect(!OutputComparison.matches(stored: "n = 1200", fresh: "n = 1201", tolerance: 1e-3))
        #expect(OutputComparison.matches(stored: "n = 1200, 54.10", fresh: "n = 1200, 54.11", tolerance: 1e-3))
    }
}

@Suite struct UnifiedDiffTests {
    @Test func diffShowsChangedLineWithNotebookLineNumbers() {
        let d = UnifiedDiff.make(old: "a\nb\nc\n", new: "a\nB\nc\n", oldLabel: "old", newLabel: "new", lineOffset: 10)
        // The hunk starts at line 1 of the output block + offset 10 = 11 and spans 3 lines each side.
        #expect(d == "--- old\n+++ new\n@@ -11,3 +11,3 @@\n a\n-b\n+B\n c\n")
    }

    /// Issue 11 item 1: the LCS table was (old lines + 1) × (new lines + 1) Ints — two 20,000-line
    /// outputs (a notebook of ~200 KB) needed 3.2 GB. Past `maxTableCells` the changed middle is
    /// replaced whole; common first and last lines still print as context.
    @Test func hugeOutputsDiffInLinearMemory() {
        let old = (0..<20_000).map { "old \($0)" }, new = (0..<20_000).map { "new \($0)" }
        let start = ContinuousClock.now
        let d = UnifiedDiff.make(old: (["head"] + old + ["tail"]).joined(separator: "\n"),
                                 new: (["head"] + new + ["tail"]).joined(separator: "\n"), oldLabel: "o", newLabel: "n")
        #expect(ContinuousClock.now - start < .seconds(10))
        let lines = d.split(separator: "\n", omittingEmptySubsequences: false)
        // By hand: one hunk over all 20,002 lines: " head", 20,000 "-", 20,000 "+", " tail".
        #expect(lines[2] == "@@ -1,20002 +1,20002 @@")
        #expect(lines[3] == " head" && lines[4] == "-old 0" && lines[20_003] == "-old 19999")
        #expect(lines[20_004] == "+new 0" && lines[40_003] == "+new 19999" && lines[40_004] == " tail")
    }
}

/// Issue 12: notes wrap at the width, and a path redirected under `check` can move a line break;
/// re-wrapped prose is the same output, a changed word or table line is not.
@Suite struct OutputComparisonWrapTests {
    @Test func rewrappedProseMatches() {
        let stored = "Note: Wrote out/raked.csv: 200\n  rows with weight 'pw_cal'.\n"
        let fresh = "Note: Wrote\n  out/raked.csv: 200\n  rows with weight 'pw_cal'.\n"
        #expect(OutputComparison.matches(stored: stored, fresh: fresh, tolerance: nil))
        #expect(!OutputComparison.matches(stored: stored, fresh: fresh.replacingOccurrences(of: "200", with: "201"), tolerance: nil))
        #expect(!OutputComparison.matches(stored: "│ 5 │\n", fresh: "│ 6 │\n", tolerance: nil))
    }
}
