import Foundation
import Testing
@testable import barometer

/// `barometer examples`: the help examples' input files, written from the binary into any folder
/// (a user-journey sweep found every file example failing outside the repository). The written
/// files must be the repository's examples/ byte for byte, a differing file must stop the command
/// before anything is written, and an example must then run from that folder with R's numbers.
@Suite struct ExamplesCommandTests {
    static let examples = ExamplesRunTests.root.appendingPathComponent("examples")

    /// A new empty folder, removed after `body`.
    static func inScratch(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("examples-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    /// The repository's examples/ files (not hidden), by name.
    static func onDisk() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: examples.path) where !name.hasPrefix(".") {
            files[name] = try Data(contentsOf: examples.appendingPathComponent(name))
        }
        return files
    }

    @Test("the binary carries every file of examples/, byte for byte (else re-run scripts/embed-examples)")
    func embeddedEqualsRepository() throws {
        let embedded = Dictionary(uniqueKeysWithValues: try ExampleFiles.builtIn().map { ($0.name, $0.data) })
        let disk = try Self.onDisk()
        #expect(Set(embedded.keys) == Set(disk.keys), "re-run scripts/embed-examples")
        for (name, data) in disk { #expect(embedded[name] == data, "examples/\(name) differs; re-run scripts/embed-examples") }
    }

    @Test("examples/synthetic-series.csv is the microdata-workflow notebook's import of the SYNTHETIC files, byte for byte")
    func syntheticSeriesIsTheNotebooksImport() throws {
        let notebook = ExamplesRunTests.root.appendingPathComponent("notebooks-md/data/synthetic-series.csv")
        #expect(try Data(contentsOf: Self.examples.appendingPathComponent("synthetic-series.csv")) == (try Data(contentsOf: notebook)))
    }

    @Test("writes examples/ into --to; again: every file unchanged; an example then runs there with R's estimate and SE")
    func writesThenExampleRuns() throws {
        try Self.inScratch { folder in
            let first = Barometer.execute(["examples", "--to", folder.path])
            #expect(first.exitCode == 0, "\(first.errors)")
            let written = folder.appendingPathComponent("examples")
            for (name, data) in try Self.onDisk() {
                #expect(FileManager.default.contents(atPath: written.appendingPathComponent(name).path) == data, "\(name)")
            }
            let again = Barometer.execute(["examples", "--to", folder.path])
            #expect(again.exitCode == 0 && !again.output.contains("wrote") && again.output.contains("unchanged"))
            // R: svymean(~api00, svydesign(id=~1, strata=~stype, weights=~pw, fpc=~fpc, data=apistrat))
            // = 662.2873631593208, SE 9.40894080278458 (Tests/Fixtures/rsurvey/expected.json).
            let run = Barometer.execute(["estimate", written.appendingPathComponent("apistrat.csv").path, "--weights", "pw",
                                         "--strata", "stype", "--fpc", "fpc", "--mean", "api00", "--format", "json"])
            #expect(run.exitCode == 0, "\(run.errors)")
            let object = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
            let estimate = try #require((object?["estimates"] as? [[String: Any]])?.first)
            #expect(abs((estimate["estimate"] as? Double ?? 0) - 662.2873631593208) < 1e-9)
            #expect(abs((estimate["se"] as? Double ?? 0) - 9.40894080278458) < 1e-9)
        }
    }

    @Test("a differing file already there: exit 1 naming it, and nothing written; --force replaces it")
    func differingFileStopsBeforeWriting() throws {
        try Self.inScratch { folder in
            let written = folder.appendingPathComponent("examples")
            try FileManager.default.createDirectory(at: written, withIntermediateDirectories: true)
            let mine = written.appendingPathComponent("margins-stype.csv")
            try Data("stype,Freq\nE,1\n".utf8).write(to: mine)
            let refused = Barometer.execute(["examples", "--to", folder.path])
            #expect(refused.exitCode == 1)
            #expect(refused.errors.contains(mine.path) && refused.errors.contains("--force"), "\(refused.errors)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: written.path) == ["margins-stype.csv"])
            #expect(FileManager.default.contents(atPath: mine.path) == Data("stype,Freq\nE,1\n".utf8))
            let forced = Barometer.execute(["examples", "--to", folder.path, "--force"])
            #expect(forced.exitCode == 0, "\(forced.errors)")
            #expect(FileManager.default.contents(atPath: mine.path) == (try Self.onDisk())["margins-stype.csv"])
        }
    }

    @Test("--to a folder that does not exist: created, as notebook render's --out-dir is, with examples/ in it")
    func missingFolderIsCreated() throws {
        try Self.inScratch { folder in
            let nested = folder.appendingPathComponent("work/report")
            let r = Barometer.execute(["examples", "--to", nested.path])
            #expect(r.exitCode == 0, "\(r.errors)")
            let written = nested.appendingPathComponent("examples")
            for (name, data) in try Self.onDisk() {
                #expect(FileManager.default.contents(atPath: written.appendingPathComponent(name).path) == data, "\(name)")
            }
        }
    }

    /// A file where a folder goes: named `examples` inside --to (exit 1, bad data), or --to itself
    /// (exit 2, bad usage); either way the error names it and nothing is written.
    @Test("a file where a folder goes: an error naming it, nothing written",
          arguments: [("examples", false, Int32(1)), ("notes.txt", true, Int32(2))])
    func fileWhereAFolderGoes(_ name: String, isTheTarget: Bool, exitCode: Int32) throws {
        try Self.inScratch { folder in
            let file = folder.appendingPathComponent(name)
            try Data("x".utf8).write(to: file)
            let r = Barometer.execute(["examples", "--to", isTheTarget ? file.path : folder.path])
            #expect(r.exitCode == exitCode && r.errors.contains("is a file, not a folder") && r.errors.contains(file.path), "\(r.errors)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [name])
        }
    }

    @Test("an example file that is not there: the error names the file and says `barometer examples` writes it")
    func missingExampleFileHints() {
        let path = "/tmp/no-such-\(UUID().uuidString)/examples/apistrat.csv"
        let r = Barometer.execute(["estimate", path, "--weights", "pw", "--mean", "api00"])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains(path) && r.errors.contains("cannot open file") && r.errors.contains("barometer examples"), "\(r.errors)")
        // Any other missing file gets no such hint.
        let other = Barometer.execute(["estimate", "/tmp/no-such-\(UUID().uuidString).csv", "--weights", "pw", "--mean", "api00"])
        #expect(other.exitCode == 1 && !other.errors.contains("barometer examples"))
    }
}
