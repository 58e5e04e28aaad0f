import CCSVScan
import FuzzSupport
import Foundation
@_spi(Testing) import Survey

/// libFuzzer entry for the delimited-text reader: the first byte picks the separator, the chunk
/// size, the fast path's thread count and whether its numeric cells take the SIMD or the scalar
/// C path; the rest is the file. The general reader reads the bytes
/// (a 64-byte chunk makes records cross chunk boundaries); the parallel fast path reads the same
/// bytes from a file split into 1–4 chunks, and must give the same table or the same error, or
/// hand the file back (nil). Any crash, hang, runaway allocation or disagreement is a bug; a
/// `DataError` is the expected answer to bad input.
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
        try CSVReader(separator: separator).readFastPathOnly(path: path, threads: threads, minimumChunkBytes: 1)
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
    return 0
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
