import FuzzSupport
import Survey

/// libFuzzer entry for the harmonized series CSV reader (`SeriesFile.parse`) and, when a file
/// parses, writing it back out.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSeriesCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let file = try? SeriesFile.parse(text, file: "fuzz.csv") else { return 0 }
    _ = try? file.csvText()
    return 0
}


/// Debug builds' entry point (see `runLibFuzzer`).
@_cdecl("FuzzSeriesCSV_main")
public func fuzzSeriesCSVMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runLibFuzzer(argc, argv, fuzzSeriesCSV)
}
