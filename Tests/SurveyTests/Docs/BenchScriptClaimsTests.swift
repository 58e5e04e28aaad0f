import Foundation
import Testing
@testable import SurveyData

/// docs/benchmarks.md's description of the harness against the scripts it describes (the timings
/// themselves are the generated run block, `BenchmarkDocTests`).
@Suite struct BenchScriptClaimsTests {
    static func read(_ path: String) throws -> String {
        try String(contentsOf: GeneratedBlock.url(path), encoding: .utf8)
    }

    /// "Medians of `--reps` runs (default 3"; "`--quick` uses 20,000 rows" (the design workloads;
    /// 1,000,000 otherwise).
    @Test func repsAndQuickRows() throws {
        #expect(try Self.read("scripts/bench").contains(#"p.add_argument("--reps", type=int, default=3)"#))
        let design = try Self.read("scripts/bench.d/10-design")
        #expect(design.contains("rows = 20_000 if quick else 1_000_000"))
    }

    /// "Peak memory is given as a multiple of the weights (10⁶ × 100 × 8 bytes = 763 MiB, printed
    /// "763 MB")": the bench divides by rows × 100 × 8 / 2²⁰, and 8·10⁸ / 1,048,576 = 762.9.
    @Test func replicateWeightsAre763MiB() throws {
        let design = try Self.read("scripts/bench.d/10-design")
        #expect(design.contains("matrix_mb = rows * 100 * 8 / 2**20"))
        #expect((Double(1_000_000 * 100 * 8) / 1_048_576).rounded() == 763)
        #expect(try Self.read("docs/benchmarks.md").contains("(10⁶ × 100 × 8 bytes = 763 MiB"))
    }

    /// "R `rake(..., control = list(maxit = 100, epsilon = 1e-10))`".
    @Test func peerRakeControl() throws {
        #expect(try Self.read("scripts/bench-lib/peer_survey.R").contains("control = list(maxit = 100, epsilon = 1e-10)"))
    }

    /// Whether `python3` with numpy runs here (the generator needs it; skipped otherwise).
    static let numpy: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import numpy"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    /// docs/benchmarks.md: the end-to-end workload is "a SYNTHETIC 10,000,000-row file of the taylor
    /// shape (200 strata, 4,000 PSUs, 5 outcomes". The script asks for 10⁷ rows and `--ys 5`; the
    /// generator, run here on 8,000 rows (two per PSU), writes only taylor.csv with the header
    /// stratum, psu, w, dom, y1…y5, 200 distinct strata and 4,000 distinct PSUs (counted here).
    @Test(.enabled(if: numpy, "needs python3 with numpy and pandas"))
    func endToEndWorkloadShape() throws {
        let script = try Self.read("scripts/bench.d/15-end-to-end")
        #expect(script.contains("rows = 100_000 if quick else 10_000_000"))
        #expect(script.contains(#""--only-taylor", "--ys", "5"]"#))
        #expect(try Self.read("docs/benchmarks.md").contains("10,000,000-row file of the taylor shape (200 strata, 4,000 PSUs, 5 outcomes"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barometer-e2egen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", GeneratedBlock.url("scripts/bench-lib/make_survey_data.py").path,
                       "--rows", "8000", "--out", dir.path, "--only-taylor", "--ys", "5"]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files == ["stamp.json", "taylor.csv"])
        let lines = try String(contentsOf: dir.appendingPathComponent("taylor.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "stratum,psu,w,dom,y1,y2,y3,y4,y5")
        let cells = lines.dropFirst().map { $0.split(separator: ",") }
        #expect(cells.count == 8000)
        #expect(Set(cells.map { $0[0] }).count == 200)
        #expect(Set(cells.map { $0[1] }).count == 4000)
    }

    /// docs/data-input.md: the csv workload's 1 GB file has "9.2 million rows × 12 columns". The
    /// generator writes blocks of 200,000 rows until 10⁹ bytes are written; one block is generated
    /// here, its bytes per row less the id measured, and the blocks needed for 10⁹ bytes counted
    /// with the ids' growing length (ids 0, 1, …): 46 blocks = 9,200,000 rows.
    @Test(.enabled(if: numpy, "needs python3 with numpy"))
    func csvWorkloadRowsAndColumns() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barometer-csvgen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("d.csv")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", GeneratedBlock.url("scripts/bench-lib/make_csv_data.py").path, "--out", out.path, "--bytes", "1"]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let text = try String(contentsOf: out, encoding: .utf8)
        let lines = text.split(separator: "\n")
        let header = try #require(lines.first)
        #expect(header.split(separator: ",").count == 12)
        let rows = lines.count - 1
        #expect(rows == 200_000)
        func digits(_ range: Range<Int>) -> Int { range.reduce(0) { $0 + String($1).count } }
        let perRow = Double(text.utf8.count - header.utf8.count - 1 - digits(0..<rows)) / Double(rows)
        var written = 0.0, start = 0
        while written < 1e9 {
            written += Double(digits(start..<(start + rows))) + perRow * Double(rows)
            start += rows
        }
        #expect(start == 9_200_000, "\(start) rows")
        #expect(try String(contentsOf: GeneratedBlock.url("docs/data-input.md"), encoding: .utf8)
            .contains("9.2 million rows × 12 columns"))
    }

    /// docs/benchmarks.md: "each thread reads its chunk 256 KB at a time (`pread`) into one reused
    /// buffer" — the chunk parser's default window is 1 << 18 bytes = 256 KiB, and its windows are
    /// read by `MappedFile.read`, which calls `pread` (through the readers' one positioned read,
    /// `readFully`).
    @Test func chunksReadInWindowsOf256KB() throws {
        #expect(CSVChunkParser.defaultWindowBytes == 1 << 18 && 1 << 18 == 256 * 1024)
        #expect(try Self.read("Sources/Survey/Data/CSVChunkParser.swift").contains("file.read(into: buffer + carried"))
        #expect(try Self.read("Sources/Survey/Data/MappedFile.swift").contains("readFully(descriptor"))
        #expect(try Self.read("Sources/Survey/Data/FileRead.swift").contains("pread(fd"))
        #expect(try DocNumbersTests.doc("docs/benchmarks.md").contains(
            "each thread reads its chunk 256 KB at a time (`pread`) into one reused buffer"))
    }

    /// docs/benchmarks.md: "on runs of 8 or more numeric columns, 64 bytes at a time" — the C
    /// numeric run's floor for the block walk and the block it classifies (the choice is not
    /// observable from outside: both paths give the same values; read from the source).
    @Test func blockWalkOnRunsOfEightColumns() throws {
        let run = try Self.read("Sources/CCSVScan/numeric_run.c")
        #expect(run.contains("enum { BLOCK_RUN = 8 };"))
        #expect(run.contains("stop - column >= BLOCK_RUN"))
        let walk = try Self.read("Sources/CCSVScan/block_walk.c")
        #expect(walk.contains("_mm256_loadu_si256((const __m256i *)(b + 32))"))
        #expect(try DocNumbersTests.doc("docs/benchmarks.md").contains("on runs of 8 or more numeric columns, 64 bytes at a"))
    }
}
