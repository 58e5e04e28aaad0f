import Foundation
import Testing
@testable import barometer
import Survey

/// Issue 11 item 4 and issue 12 item 6: `rake` never destroys or rewrites a file. Columns it does
/// not compute are copied byte for byte; --out may not be an input; a FIFO or device is written in
/// place; `-` is standard input/output; .sav/.dta/CSV by extension; temporary files go on SIGTERM.
@Suite(.serialized) struct RakeFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/barometer").path
    static let hasBinary = FileManager.default.isExecutableFile(atPath: binary)

    /// The input: a 20-digit ID, a zero-padded code, NA, quoted fields with commas and quotes, a
    /// CRLF record among LF ones.
    static let input = "id,code,x,name,stype,pw\n12345678901234567891,00123,NA,\"Smith, J\",E,10\n"
        + "22,007,1.50,\"a \"\"q\"\"\",H,20\r\n33,,NA,plain,E,30\n"
    static let margins = "variable,level,Freq\nstype,E,100\nstype,H,50\n"
    /// Raking one variable is post-stratification: E rows (pw 10, 30; sum 40) × 100/40 = 25, 75;
    /// the H row (pw 20) × 50/20 = 50. Every input byte stays; ",pw_cal" and ",<w>" go before each line end.
    static let expected = "id,code,x,name,stype,pw,pw_cal\n12345678901234567891,00123,NA,\"Smith, J\",E,10,25\n"
        + "22,007,1.50,\"a \"\"q\"\"\",H,20,50\r\n33,,NA,plain,E,30,75\n"

    /// A fresh folder with data.csv and m.csv.
    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rake-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data(input.utf8).write(to: dir.appendingPathComponent("data.csv"))
        try Data(margins.utf8).write(to: dir.appendingPathComponent("m.csv"))
        return dir
    }

    static func rake(_ dir: URL, out: String, data: String = "data.csv", margins: String = "m.csv") -> CommandResult {
        Barometer.execute(["rake", dir.appendingPathComponent(data).path, "--weights", "pw",
                           "--margins", dir.appendingPathComponent(margins).path, "--out", out])
    }

    @Test func untouchedColumnsAreCopiedByteForByte() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.csv").path
        let r = Self.rake(dir, out: out)
        #expect(r.exitCode == 0, "\(r.errors)")
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self) == Self.expected)
    }

    @Test func outMayNotBeAnyInput() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("link.csv").path, withDestinationPath: dir.appendingPathComponent("m.csv").path)
        try fm.linkItem(atPath: dir.appendingPathComponent("data.csv").path, toPath: dir.appendingPathComponent("hard.csv").path)
        let sneaky = dir.appendingPathComponent("sub/../data.csv").path
        try fm.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        for (out, flag) in [(dir.appendingPathComponent("m.csv").path, "--margins"), (sneaky, "data"),
                            (dir.appendingPathComponent("link.csv").path, "--margins"), (dir.appendingPathComponent("hard.csv").path, "data")] {
            let r = Self.rake(dir, out: out)
            #expect(r.exitCode == 2, "\(out)")
            #expect(r.errors.contains("is the \(flag) file"), "\(r.errors)")
        }
        #expect(try String(contentsOf: dir.appendingPathComponent("data.csv"), encoding: .utf8) == Self.input)
        #expect(try String(contentsOf: dir.appendingPathComponent("m.csv"), encoding: .utf8) == Self.margins)
    }

    @Test func unknownExtensionIsRefusedListingTheAcceptedOnes() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = Self.rake(dir, out: dir.appendingPathComponent("out.xlsx").path)
        #expect(r.exitCode == 2)
        #expect(r.errors.contains("accepted: .csv, .sav, .dta"), "\(r.errors)")
    }

    @Test func savAndDtaOutputReadBackWithTheWeights() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (ext, magic) in [("sav", "$FL2"), ("dta", "<stata_dta>")] {
            let out = dir.appendingPathComponent("out.\(ext)").path
            let r = Self.rake(dir, out: out)
            #expect(r.exitCode == 0, "\(r.errors)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: out)).starts(with: Array(magic.utf8)))
            let back = try TableReader.read(path: out)
            #expect(back.columnNames == ["id", "code", "x", "name", "stype", "pw", "pw_cal"])
            #expect(try back.numeric("pw_cal") == [25, 50, 75])
            #expect(try back.column(named: "name").text(at: 0) == "Smith, J")
            #expect(try back.column(named: "pw_cal").label == "calibrated weight (rake)")
        }
    }

    @Test func fifoIsWrittenInPlaceAndDevNullStaysADevice() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        final class Box: @unchecked Sendable { var data = Data() }
        let box = Box()
        let reader = Thread {
            if let handle = FileHandle(forReadingAtPath: fifo) { box.data = handle.readDataToEndOfFile() }
        }
        reader.start()
        let r = Self.rake(dir, out: fifo)
        #expect(r.exitCode == 0, "\(r.errors)")
        for _ in 0..<100 where box.data.isEmpty { Thread.sleep(forTimeInterval: 0.05) }
        #expect(String(decoding: box.data, as: UTF8.self) == Self.expected)
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)  // still a FIFO, not a file
        #expect(Self.rake(dir, out: "/dev/null").exitCode == 0)
        #expect(lstat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func temporaryRegistryRemovesRegisteredFiles() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("reg-\(UUID().uuidString).tmp").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
        TemporaryFiles.register(path)
        #expect(TemporaryFiles.registered.contains(path))
        #expect(TemporaryFiles.removeAll() >= 1)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!TemporaryFiles.registered.contains(path))
    }

    /// Runs the built binary with `arguments`, `stdin` fed to it, TMPDIR set to `tmp`.
    static func spawn(_ arguments: [String], tmp: URL, directory: URL) throws -> (Process, Pipe, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ["TMPDIR": tmp.path, "PATH": "/usr/bin:/bin"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        return (process, input, output, errors)
    }

    // Skipped where the debug binary was not built (`swift build`); the in-process tests above still run.
    @Test(.enabled(if: hasBinary, "needs .build/debug/barometer")) func dashIsStandardInputAndOutput() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (process, input, output, errors) = try Self.spawn(
            ["rake", "-", "--weights", "pw", "--margins", "m.csv", "--out", "-"], tmp: dir, directory: dir)
        input.fileHandleForWriting.write(Data(Self.input.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(String(decoding: err, as: UTF8.self))")
        #expect(String(decoding: out, as: UTF8.self) == Self.expected)
        #expect(String(decoding: err, as: UTF8.self).contains("Wrote standard output"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["data.csv", "m.csv"])
    }

    /// SIGTERM (`terminate`) exits 143, SIGINT (`interrupt`, Ctrl-C) 130: 128 + the signal number.
    @Test(.enabled(if: hasBinary, "needs .build/debug/barometer"), arguments: [SIGTERM, SIGINT])
    func signalRemovesTheTemporaryFile(signal: Int32) throws {
        // Standard input is copied to a registered temporary file as it arrives; the pipe stays
        // open (a slow input) until SIGTERM, which must remove the file and exit 143.
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tmp = dir.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        let (process, input, _, _) = try Self.spawn(
            ["rake", "-", "--weights", "pw", "--margins", "m.csv", "--out", "out.csv"], tmp: tmp, directory: dir)
        input.fileHandleForWriting.write(Data("id,code,x,name,stype,pw\n".utf8))
        var appeared = false
        for _ in 0..<200 where !appeared {
            appeared = !((try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []).isEmpty
            if !appeared { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(appeared, "the temporary copy of standard input never appeared")
        if signal == SIGTERM { process.terminate() } else { process.interrupt() }
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + signal)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.csv").path))
    }
}
