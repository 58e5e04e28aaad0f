import Foundation
import FuzzSupport
import Survey

/// libFuzzer entry for SPSS (.sav/.zsav/.por) and Stata (.dta) files through ReadStat: the input
/// is written to a scratch file (ReadStat reads paths) and opened by `TableReader`, which picks
/// the format from the content as the CLI does. ReadStat itself is not instrumented, so coverage
/// counts the Swift side; crashes anywhere still stop the run.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStat(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let path = scratchPath
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size)) else { return 0 }
    _ = try? TableReader.read(path: path)
    return 0
}

/// One scratch file per process, in memory-backed /dev/shm when there is one.
let scratchPath: String = {
    let dir = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return dir + "/barometer-fuzz-stat-\(ProcessInfo.processInfo.processIdentifier).bin"
}()


/// Debug builds' entry point (see `runLibFuzzer`).
@_cdecl("FuzzStat_main")
public func fuzzStatMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runLibFuzzer(argc, argv, fuzzStat)
}
