import FuzzSupport
import Survey

/// libFuzzer entry for the delimited-text reader: the first byte picks the separator, the rest
/// is the file; a 64-byte chunk size makes records cross chunk boundaries. Any crash, hang or
/// runaway allocation is a bug; a `DataError` is the expected answer to bad input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let separators: [CSVReader.Separator] = [.comma, .semicolon, .tab, .whitespace]
    let separator = separators[Int(data[0]) % separators.count]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let chunk = data[0] & 0x80 == 0 ? 64 : 1 << 16
    _ = try? CSVReader(separator: separator, chunkSize: chunk).read(bytes: bytes, name: "fuzz.csv")
    return 0
}


/// Debug builds' entry point (see `runLibFuzzer`).
@_cdecl("FuzzCSV_main")
public func fuzzCSVMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runLibFuzzer(argc, argv, fuzzCSV)
}
