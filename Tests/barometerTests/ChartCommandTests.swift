import Foundation
import Testing
@testable import barometer

/// `barometer chart` end to end, in-process (never a TTY, so `--color auto` means no colour).
@Suite(.serialized) struct ChartCommandTests {
    /// A synthetic series file (made-up figures) with intervals and a mode break.
    static let seriesCSV = """
        dataset,country,target,item,wave,date,measure,estimate,se,ci_lower,ci_upper,n,deff,flags,source_id,citation,url
        test,KZ,Russia,favorability,2018-spring,2018-05-15,favorable,0.8,0.01,0.78,0.82,1500,1,,t1,Synthetic test series,
        test,KZ,Russia,favorability,2018-autumn,2018-11-15,favorable,0.75,0.01,0.73,0.77,1500,1,,t1,Synthetic test series,
        test,KZ,Russia,favorability,2019-spring,2019-05-15,favorable,0.72,0.01,0.70,0.74,1500,1,,t1,Synthetic test series,
        test,KZ,Russia,favorability,2020-autumn,2020-11-15,favorable,0.6,0.01,0.58,0.62,1500,1,mode-break,t1,Synthetic test series,
        test,KZ,Russia,favorability,2021-spring,2021-05-15,favorable,0.58,0.01,0.56,0.60,1500,1,,t1,Synthetic test series,
        test,KZ,China,favorability,2018-spring,2018-05-15,favorable,0.3,0.01,0.28,0.32,1500,1,,t1,Synthetic test series,
        test,KZ,China,favorability,2019-spring,2019-05-15,favorable,0.35,0.01,0.33,0.37,1500,1,,t1,Synthetic test series,
        test,KZ,China,favorability,2021-spring,2021-05-15,favorable,0.4,0.01,0.38,0.42,1500,1,,t1,Synthetic test series,

        """

    static func withSeriesFile(_ body: (String, URL) throws -> Void, contents: String = seriesCSV) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barometer-chart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("series.csv")
        try contents.write(to: file, atomically: true, encoding: .utf8)
        try body(file.path, dir)
    }

    @Test func braille() throws {
        try Self.withSeriesFile { path, _ in
            let r = Barometer.execute(["chart", "--series", path, "--width", "60", "--height", "10", "--band"])
            #expect(r.exitCode == 0, "\(r.errors)")
            #expect(r.output.contains("● China   ■ Russia"))  // series in key order
            #expect(r.output.contains("Series break at 2020-11 (Russia): mode break"))
            #expect(r.output.contains("Source: Synthetic test series"))  // collapsed (issue 12)
            #expect(!r.output.contains("\u{1B}"))  // auto colour, not a TTY
        }
    }

    @Test func asciiIsSevenBit() throws {
        try Self.withSeriesFile { path, _ in
            for extra in [[String](), ["--band"], ["--color", "always"]] {
                let r = Barometer.execute(["chart", "--series", path, "--ascii", "--width", "50", "--height", "8"] + extra)
                #expect(r.exitCode == 0, "\(r.errors)")
                #expect(r.output.utf8.allSatisfy { $0 < 0x80 }, "non-ASCII byte in --ascii output")
            }
            // Built-in data has Cyrillic citations: folded too.
            let b = Barometer.execute(["chart", "--dataset", "gallup", "--country", "KZ", "--target", "Russia", "--ascii"])
            #expect(b.exitCode == 0, "\(b.errors)")
            #expect(b.output.utf8.allSatisfy { $0 < 0x80 })
        }
    }

    @Test func colourFlags() throws {
        try Self.withSeriesFile { path, _ in
            let never = Barometer.execute(["chart", "--series", path, "--color", "never"])
            #expect(never.exitCode == 0 && !never.output.contains("\u{1B}"))
            // `swift test` itself may run with NO_COLOR=1, which (by contract) wins over
            // --color always; clear it for this check and restore it after.
            let saved = ProcessInfo.processInfo.environment["NO_COLOR"]
            unsetenv("NO_COLOR")
            defer { if let saved { setenv("NO_COLOR", saved, 1) } }
            let always = Barometer.execute(["chart", "--series", path, "--color", "always"])
            #expect(always.exitCode == 0 && always.output.contains("\u{1B}[34m"))
        }
        // The decision itself: NO_COLOR (non-empty) or TERM=dumb turn auto colour off even on a TTY.
        #expect(ColorChoice.useColor(.auto, environment: [:], isTTY: true))
        #expect(!ColorChoice.useColor(.auto, environment: ["NO_COLOR": "1"], isTTY: true))
        #expect(ColorChoice.useColor(.auto, environment: ["NO_COLOR": ""], isTTY: true))  // empty = unset (no-color.org)
        #expect(!ColorChoice.useColor(.auto, environment: ["TERM": "dumb"], isTTY: true))
        #expect(!ColorChoice.useColor(.auto, environment: [:], isTTY: false))
        #expect(!ColorChoice.useColor(.never, environment: [:], isTTY: true))
        #expect(ColorChoice.useColor(.always, environment: [:], isTTY: false))
        // Issue 5 / DESIGN.md §3: never colour with NO_COLOR set, even with --color always.
        #expect(!ColorChoice.useColor(.always, environment: ["NO_COLOR": "1"], isTTY: true))
    }

    /// With NO_COLOR set in the real environment, the default run prints no escape codes.
    @Test func noColorEnvironment() throws {
        try Self.withSeriesFile { path, _ in
            setenv("NO_COLOR", "1", 1)
            defer { unsetenv("NO_COLOR") }
            let r = Barometer.execute(["chart", "--series", path])
            #expect(r.exitCode == 0 && !r.output.contains("\u{1B}"))
        }
    }

    @Test func defaultSizeIs80x20() throws {
        try Self.withSeriesFile { path, _ in
            let r = Barometer.execute(["chart", "--series", path])
            let lines = r.output.split(separator: "\n")
            #expect(lines.filter { $0.contains("┤") || $0.contains("│") }.count == 20)
            #expect(lines.allSatisfy { $0.count <= 80 })
            #expect(lines.contains { $0.count == 80 })
        }
    }

    @Test func svgWrittenAtomically() throws {
        try Self.withSeriesFile { path, dir in
            let svg = dir.appendingPathComponent("out.svg").path
            let r = Barometer.execute(["chart", "--series", path, "--band", "--svg", svg])
            #expect(r.exitCode == 0, "\(r.errors)")
            #expect(r.output.hasSuffix("SVG written to \(svg)\n"))
            let text = try String(contentsOfFile: svg, encoding: .utf8)
            #expect(text.hasPrefix("<?xml") && text.hasSuffix("</svg>\n"))
            // Only the input and the SVG: no temporary file left behind.
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["out.svg", "series.csv"])
        }
    }

    @Test func emptySelectionExits1() throws {
        try Self.withSeriesFile({ path, _ in
            let r = Barometer.execute(["chart", "--series", path])
            #expect(r.exitCode == 1)
            #expect(r.errors.contains("no series match the selection"))
        }, contents: String(Self.seriesCSV.prefix { $0 != "\n" }) + "\n")
    }

    @Test func usageErrorsExit2() {
        #expect(Barometer.execute(["chart", "--width", "5"]).exitCode == 2)
        #expect(Barometer.execute(["chart", "--height", "1"]).exitCode == 2)
        #expect(Barometer.execute(["chart", "--break", "soon"]).exitCode == 2)
        #expect(Barometer.execute(["chart", "--color", "sometimes"]).exitCode == 2)
    }

    /// The `--trend` hook (wired by the trends work): the fitted line is drawn dashed with its
    /// dotted band and gets a legend entry; ASCII stays 7-bit.
    @Test func trendOverlay() throws {
        try Self.withSeriesFile { path, _ in
            let r = Barometer.execute(["chart", "--series", path, "--target", "China", "--trend", "linear", "--width", "60", "--height", "10"])
            #expect(r.exitCode == 0, "\(r.errors)")
            #expect(r.output.contains("╌╌ trend: linear"))
            let a = Barometer.execute(["chart", "--series", path, "--target", "China", "--trend", "linear", "--ascii"])
            #expect(a.exitCode == 0 && a.output.utf8.allSatisfy { $0 < 0x80 })
            #expect(a.output.contains("- - trend: linear"))
        }
    }

    @Test func explicitBreak() throws {
        try Self.withSeriesFile { path, _ in
            let r = Barometer.execute(["chart", "--series", path, "--break", "2019-01"])
            #expect(r.exitCode == 0)
            #expect(r.output.contains("Series break in China at 2019-01"))
        }
    }
}
