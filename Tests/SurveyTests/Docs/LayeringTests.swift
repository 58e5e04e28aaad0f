import Foundation
import Testing

/// docs/architecture.md: `scripts/check-layers` passes on this tree and fails on an import or a
/// package dependency that goes up a layer (the CI step that enforces the layering).
@Suite struct LayeringTests {
    static let root = SharedData.packageRoot

    /// Runs check-layers with `directory` as the package root; its exit status and output.
    static func checkLayers(in directory: URL) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", root.appendingPathComponent("scripts/check-layers").path]
        p.currentDirectoryURL = directory
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A copy of Package.swift and Sources/Survey in a temporary directory.
    static func copyOfTree() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barometer-layers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("Sources"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: root.appendingPathComponent("Package.swift"), to: dir.appendingPathComponent("Package.swift"))
        try FileManager.default.copyItem(at: root.appendingPathComponent("Sources/Survey"), to: dir.appendingPathComponent("Sources/Survey"))
        return dir
    }

    @Test func thisTreeHasNoViolation() throws {
        let r = try Self.checkLayers(in: Self.root)
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.contains("check-layers: split: 0 violation(s)"))
    }

    /// check-layers on a copy of the tree whose file `path` is rewritten by `edit`; the edit
    /// must change the file.
    static func checkLayers(editing path: String, _ edit: (String) -> String) throws -> (status: Int32, output: String) {
        let dir = try copyOfTree()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(path)
        let text = try String(contentsOf: file, encoding: .utf8)
        let edited = edit(text)
        #expect(edited != text, "the edit of \(path) changed nothing")
        try edited.write(to: file, atomically: true, encoding: .utf8)
        return try checkLayers(in: dir)
    }

    @Test func anImportUpALayerFails() throws {
        let r = try Self.checkLayers(editing: "Sources/Survey/Numerics/Matrix.swift") { "import SurveyReports\n" + $0 }
        #expect(r.status == 1)
        #expect(r.output.contains("Numerics/Matrix.swift:1: SurveyNumerics imports SurveyReports, which it may not"))
    }

    @Test func aDependencyUpALayerFails() throws {
        let r = try Self.checkLayers(editing: "Package.swift") {
            $0.replacingOccurrences(
                of: #"name: "SurveyRender",\#n            dependencies: ["SurveyText"]"#,
                with: #"name: "SurveyRender",\#n            dependencies: ["SurveyText", "SurveySeries"]"#)
        }
        #expect(r.status == 1)
        #expect(r.output.contains("Package.swift: target SurveyRender depends on SurveySeries, which it may not"))
    }
}
