import Foundation
import FuzzSupport
import Survey
import ZIPFoundation

/// libFuzzer entry for the `.xlsx` reader, with a 1 MiB decompression limit so every input stays
/// far below the 2 GB RSS limit. The workbook is written to a scratch file and read by path, as
/// the CLI reads it (ZIPFoundation's in-memory archives are a different code path). Two modes,
/// by the first byte:
/// - even: the rest is the ZIP file itself (container parsing, ZIP64, inflate, limits);
/// - odd: the rest is split at NUL bytes into the sheet XML, shared strings, styles and
///   workbook XML, packed into a valid stored ZIP here, so mutations reach the XML scanner
///   instead of failing the CRC check.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let rest = Data(bytes: data + 1, count: size - 1)
    guard let workbook = data[0] & 1 == 0 ? rest : pack(rest),
          FileManager.default.createFile(atPath: scratchPath, contents: workbook) else { return 0 }
    _ = try? XLSXReader.read(path: scratchPath, limits: ReadLimits(maxDecompressedBytes: 1 << 20))
    return 0
}

/// One scratch file per process, in memory-backed /dev/shm when there is one.
let scratchPath: String = {
    let dir = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return dir + "/barometer-fuzz-xlsx-\(ProcessInfo.processInfo.processIdentifier).xlsx"
}()

/// A stored (uncompressed) workbook from NUL-separated parts.
func pack(_ bytes: Data) -> Data? {
    let parts = bytes.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false).map { Data($0) }
    let workbook = parts.count > 3 && !parts[3].isEmpty ? parts[3]
        : Data(#"<workbook><sheets><sheet name="S" r:id="r1"/></sheets></workbook>"#.utf8)
    var entries: [(String, Data)] = [
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", Data(#"<Relationships><Relationship Id="r1" Target="worksheets/sheet1.xml"/></Relationships>"#.utf8)),
        ("xl/worksheets/sheet1.xml", parts[0]),
    ]
    if parts.count > 1 { entries.append(("xl/sharedStrings.xml", parts[1])) }
    if parts.count > 2 { entries.append(("xl/styles.xml", parts[2])) }
    guard let archive = try? Archive(accessMode: .create) else { return nil }
    for (name, content) in entries {
        do {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(content.count), provider: { position, length in
                content.subdata(in: Int(position)..<Int(position) + length)
            })
        } catch {
            return nil
        }
    }
    return archive.data
}


/// Debug builds' entry point (see `runLibFuzzer`).
@_cdecl("FuzzXLSX_main")
public func fuzzXLSXMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runLibFuzzer(argc, argv, fuzzXLSX)
}
