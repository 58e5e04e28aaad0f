import Foundation
import Testing
@testable import SurveyData

/// `AtomicFile.write`: a target whose folder is missing or is a file is an error in the user's
/// terms naming the path as given (a sweep found Foundation's "The operation could not be
/// completed. The file doesn't exist." for `--out nodir/x.csv`), nothing is left behind, and a
/// normal write replaces the file whole.
@Suite struct AtomicFileTests {
    static func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("a missing folder: 'the folder … does not exist', the path as given")
    func missingFolder() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("nodir/x.csv").path
        #expect(throws: DataError("cannot write: the folder '\(folder.path)/nodir' does not exist (create it first)", file: path)) {
            try AtomicFile.write("a,b\n", to: path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("a file where the folder should be: '… is a file, not a folder'")
    func fileAsFolder() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plain.txt")
        try Data("x".utf8).write(to: file)
        let path = file.path + "/x.csv"
        #expect(throws: DataError("cannot write: '\(file.path)' is a file, not a folder", file: path)) {
            try AtomicFile.write("a,b\n", to: path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["plain.txt"])
    }

    @Test("a normal write replaces the file whole and leaves no temporary file")
    func replacesWhole() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.csv").path
        try AtomicFile.write("old contents that are longer\n", to: path)
        try AtomicFile.write("new\n", to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("new\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"])
    }
}
