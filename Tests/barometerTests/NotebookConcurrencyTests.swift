import Foundation
import Testing
@testable import barometer

/// The working directory is one per process, and a notebook's blocks resolve relative paths against
/// its folder. CI failed once (NotebookSandboxTests) because two notebooks run at the same time in
/// one process (parallel tests) moved the working directory under each other: a `rake --out
/// out/raked.csv` exited 0 and its file was not in the notebook's folder. In-process notebook runs
/// must therefore not interleave.
struct NotebookConcurrencyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let data = root.appendingPathComponent("examples/apistrat.csv").path
    static let margins = root.appendingPathComponent("examples/margins-stype.csv").path

    @Test func notebooksRunAtOnceEachWriteInTheirOwnFolder() throws {
        let count = 6
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("nb-par-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        var notebooks: [URL] = []
        for k in 0..<count {
            let dir = base.appendingPathComponent("n\(k)")
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
            // Each block writes a relative output, and the next block reads it back by its relative name.
            let text = "```barometer\nrake \(Self.data) --weights pw --margins \(Self.margins) --out out/raked.csv\n```\n\n"
                + "```barometer\nestimate out/raked.csv --weights pw_cal --total api00\n```\n"
            let url = dir.appendingPathComponent("n.md")
            try Data(text.utf8).write(to: url)
            notebooks.append(url)
        }
        let codes = Codes(count)
        let paths = notebooks.map(\.path)
        DispatchQueue.concurrentPerform(iterations: count) { k in
            codes.set(k, Barometer.execute(["notebook", "run", paths[k]]).exitCode)
        }
        for (k, url) in notebooks.enumerated() {
            #expect(codes.get(k) == 0, "notebook \(k)")
            let raked = url.deletingLastPathComponent().appendingPathComponent("out/raked.csv").path
            #expect(FileManager.default.fileExists(atPath: raked), "notebook \(k) wrote outside its folder")
            let written = try String(contentsOf: url, encoding: .utf8)
            #expect(written.contains("out/raked.csv") && !written.contains(base.path), "notebook \(k) output names a scratch path")
        }
        // Same commands on the same data: every notebook ends with the same text.
        #expect(Set(notebooks.map { (try? String(contentsOf: $0, encoding: .utf8)) ?? "" }).count == 1)
    }
}

/// Exit codes written from concurrent iterations.
private final class Codes: @unchecked Sendable {
    private var values: [Int32]
    private let lock = NSLock()
    init(_ n: Int) { values = Array(repeating: -1, count: n) }
    func set(_ k: Int, _ v: Int32) { lock.lock(); values[k] = v; lock.unlock() }
    func get(_ k: Int) -> Int32 { lock.lock(); defer { lock.unlock() }; return values[k] }
}
