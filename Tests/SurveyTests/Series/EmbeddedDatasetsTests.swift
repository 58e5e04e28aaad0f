import Foundation
import Testing
@testable import Survey

/// DESIGN.md §6: the binary carries `datasets/`; this proves the embedded copy is current.
@Suite struct EmbeddedDatasetsTests {
    @Test func embeddedCopyEqualsDatasetsFolder() throws {
        let root = SharedData.packageRoot.appendingPathComponent("datasets")
        var onDisk: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            onDisk[relative] = try String(contentsOf: url, encoding: .utf8)
        }
        #expect(!onDisk.isEmpty)
        #expect(Set(onDisk.keys) == Set(EmbeddedDatasets.files.keys), "re-run scripts/embed-datasets")
        for (path, text) in onDisk {
            #expect(EmbeddedDatasets.files[path] == text, "datasets/\(path) differs from the embedded copy; re-run scripts/embed-datasets")
        }
    }

    @Test func catalogParses() throws {
        let catalog = try SeriesCatalog.builtIn()
        for d in catalog.datasets {
            #expect(!d.observations.isEmpty, "dataset \(d.name) has no rows")
            _ = try Series.group(d.observations)
        }
    }
}
