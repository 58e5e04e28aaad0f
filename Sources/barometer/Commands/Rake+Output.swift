import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import Survey

/// Where and how `rake` writes its table: the format from `--out`'s extension (`.csv`, `.sav`,
/// `.dta`; `-` is CSV on standard output), CSV copied from a delimited input byte for byte with
/// the new column appended (`DelimitedAppend`), and never onto one of the command's inputs.
enum RakeOutput {
    enum Format: String { case csv, sav, dta }

    /// Extensions `--out` accepts.
    static let accepted = ["csv", "sav", "dta"]

    /// The output format of `path` (CSV for `-`, a FIFO or a character device), or a usage error
    /// listing the accepted extensions.
    static func format(of path: String) throws -> Format {
        if path == "-" { return .csv }
        var info = stat()  // a FIFO or device (/dev/stdout, a named pipe) takes CSV
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFIFO || info.st_mode & S_IFMT == S_IFCHR { return .csv }
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard let format = Format(rawValue: ext) else {
            throw ValidationError("--out '\(path)': unknown extension '\(ext.isEmpty ? "(none)" : "." + ext)'; "
                + "accepted: \(accepted.map { "." + $0 }.joined(separator: ", ")), or - for standard output (CSV)")
        }
        return format
    }

    /// The bytes of `written` (the input table plus `column`) for `format`; a delimited input's
    /// bytes are copied with the new column appended, other inputs are written from the table.
    static func bytes(_ written: Table, column: String, input: String, format: Format, out: String) throws -> Data {
        switch format {
        case .sav: return try StatFileWriter.data(written, format: .spss, name: out)
        case .dta: return try StatFileWriter.data(written, format: .stata, name: out)
        case .csv:
            guard case .text(let separator) = try TableReader.detectFormat(path: input), separator != .whitespace,
                  let raw = FileManager.default.contents(atPath: input) else { return written.csvData() }
            let delimiter: UInt8 = separator == .semicolon ? UInt8(ascii: ";") : separator == .tab ? 9 : UInt8(ascii: ",")
            return Data(try DelimitedAppend.appending(
                Array(raw), delimiter: delimiter, name: column, numbers: try written.numeric(column), file: input))
        }
    }

    /// Standard input copied, as it arrives, into a registered temporary file (the readers need
    /// a path; SIGINT/SIGTERM remove it); the caller removes it after use.
    static func stdinToFile() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("barometer-stdin-\(UUID().uuidString)").path
        TemporaryFiles.register(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            TemporaryFiles.unregister(path)
            throw DataError("cannot store standard input in a temporary file: \(String(cString: strerror(errno)))", file: path)
        }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw DataError("cannot read standard input: \(String(cString: strerror(errno)))", file: "-")
            }
            let written = buffer.withUnsafeBytes { write(fd, $0.baseAddress, n) }
            if written != n { throw DataError("cannot store standard input in a temporary file", file: path) }
        }
        return path
    }
}
