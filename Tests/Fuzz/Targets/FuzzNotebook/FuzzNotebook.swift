import FuzzSupport
import Survey

/// libFuzzer entry for the notebook (markdown) parser and the command-line word splitter it
/// feeds; nothing is executed. (`render`'s page is left out: Ink 0.6 can take seconds on hostile
/// prose, which would fail CI's 20-second smoke run; see the closing note of stop 35.)
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNotebook(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let document = try? NotebookParser.parse(text, file: "fuzz.md") else { return 0 }
    for block in document.commandBlocks {
        for command in block.commands { _ = try? CommandLineWords.split(command.text) }
    }
    _ = document.rendered(withOutputs: document.commandBlocks.map { _ in "out\n" })
    return 0
}


/// Debug builds' entry point (see `runLibFuzzer`).
@_cdecl("FuzzNotebook_main")
public func fuzzNotebookMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runLibFuzzer(argc, argv, fuzzNotebook)
}
