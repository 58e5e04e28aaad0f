import CCSVScan
import FuzzSupport
import Foundation
import Survey
@_spi(Testing) import SurveyData

/// libFuzzer entry for the delimited-text reader: the first byte picks the separator, the chunk
/// size, the fast path's thread count and whether its numeric cells take the SIMD or the scalar
/// C path, and the input's length the fast path's read window (1–128 bytes, so records cross
/// window ends, or the default for a third of the lengths); the rest is the file. The general reader reads the bytes
/// (a 64-byte chunk makes records cross chunk boundaries); the parallel fast path reads the same
/// bytes from a file split into 1–4 chunks, and must give the same table or the same error, or
/// hand the file back (nil). The streaming reader (`StreamingCSV`, delimited files) reads it in
/// chunks of 1–61 bytes: its chunks, in order, must be the general reader's rows (cell by cell
/// where a column has the same kind in both), or it must fail where the general reader fails, on
/// the same line. Any crash, hang, runaway allocation or disagreement is a bug; a `DataError` is
/// the expected answer to bad input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let separators: [CSVReader.Separator] = [.comma, .semicolon, .tab, .whitespace]
    let separator = separators[Int(data[0]) % separators.count]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let chunk = data[0] & 0x80 == 0 ? 64 : 1 << 16
    let path = fuzzFilePath
    let general: Result<Table, DataError> = Result { () throws(DataError) -> Table in
        try CSVReader(separator: separator, chunkSize: chunk).read(bytes: bytes, name: path)
    }
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return 0 }
    let threads = Int(data[0] >> 2) % 4 + 1
    ccsv_set_simd(data[0] & 0x10 == 0 ? 1 : 0)
    let fast = Result { () throws(DataError) -> Table? in
        try CSVReader(separator: separator).readFastPathOnly(path: path, threads: threads, minimumChunkBytes: 1,
                                                             windowBytes: size % 3 == 0 ? nil : 1 + size * 37 % 128)
    }
    switch (fast, general) {
    case (.success(nil), _): break
    case (.success(let table?), .success(let reference)):
        if !table.isSameReading(as: reference) { fatalError("fast path table differs from the general reader's") }
    case (.success, .failure(let error)):
        fatalError("fast path read a file the general reader rejects: \(error.message)")
    case (.failure(let error), .success):
        fatalError("fast path rejects a file the general reader reads: \(error.message)")
    case (.failure(let a), .failure(let b)):
        if a != b { fatalError("errors differ: \(a) vs \(b)") }
    }
    if separator != .whitespace {
        checkStreaming(path: path, separator: separator, chunkBytes: 1 + Int(data[0]) % 61, threads: 1 + Int(data[0] >> 6) % 2,
                       general: general)
    }
    return 0
}

/// Streams `path` in chunks and checks it against the general reader's reading of the whole file.
func checkStreaming(path: String, separator: CSVReader.Separator, chunkBytes: Int, threads: Int,
                    general: Result<Table, DataError>) {
    var rows = 0
    let streamed = Result { () throws -> Void in
        try StreamingCSV(path: path, separator: separator, chunkBytes: chunkBytes, threads: threads).forEachChunk { chunk, before in
            guard case .success(let whole) = general else { return }
            if before != rows { fatalError("streaming: rows before a chunk \(before), expected \(rows)") }
            if chunk.columnNames != whole.columnNames { fatalError("streaming: column names \(chunk.columnNames) vs \(whole.columnNames)") }
            for (c, w) in zip(chunk.columns, whole.columns) {
                for i in 0..<chunk.rowCount {
                    switch (c.values, w.values) {
                    case (.numeric(let a), .numeric(let b)):
                        if !(a[i].bitPattern == b[before + i].bitPattern || (a[i].isNaN && b[before + i].isNaN)) {
                            fatalError("streaming: \(c.name) row \(before + i): \(a[i]) vs \(b[before + i])")
                        }
                    case (.categorical, .categorical):
                        if c.text(at: i) != w.text(at: before + i) {
                            fatalError("streaming: \(c.name) row \(before + i): \(c.text(at: i) ?? "-") vs \(w.text(at: before + i) ?? "-")")
                        }
                    default:
                        break
                    }
                }
            }
            rows += chunk.rowCount
        }
    }
    switch (general, streamed) {
    case (.success(let whole), .success):
        if rows != whole.rowCount { fatalError("streaming: \(rows) rows, the general reader \(whole.rowCount)") }
    case (.success, .failure(let error)):
        // A column's kind is decided per chunk: an overflowing number ('1e999') in a chunk where
        // the column is numeric is an error there, though later text makes the whole column text.
        if (error as? DataError)?.message.contains("NaN and infinite values are not data") == true { break }
        fatalError("streaming rejects a file the general reader reads: \(error)")
    case (.failure(let error), .success):
        fatalError("streaming read a file the general reader rejects: \(error)")
    case (.failure(let a), .failure(let b)):
        // Column checks (non-UTF-8 text, NaN words) are made when a column is finished: at the end
        // of the file reading whole, at the end of its chunk streaming — so a bad row later in
        // the file can be reported first reading whole. Both reject the file, each at a true line.
        let deferred = { (m: String) in m.contains("NaN and infinite values are not data") || m.contains("is not UTF-8 text") }
        if let b = b as? DataError, a.line != b.line, !deferred(b.message), !deferred(a.message) {
            fatalError("streaming error on another line: \(a) vs \(b)")
        }
    }
}

/// One scratch file per fuzzing process, in memory-backed /dev/shm where it exists.
let fuzzFilePath: String = {
    let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return "\(folder)/barometer-fuzz-csv-\(getpid()).csv"
}()

/// Debug builds' entry point (see `runLibFuzzer`).
@_cdecl("FuzzCSV_main")
public func fuzzCSVMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runLibFuzzer(argc, argv, fuzzCSV)
}
