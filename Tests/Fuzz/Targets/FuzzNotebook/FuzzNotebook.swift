import FuzzSupport
import Survey

/// libFuzzer entry for the notebook (markdown) parser, the command-line word splitter it feeds,
/// and `render`'s page (`NotebookHTML`: the prose through `MarkdownHTML`, linear in its input, so
/// hostile prose cannot stall CI's smoke run as Ink 0.6's backtracking did); nothing is executed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNotebook(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let document = try? NotebookParser.parse(text, file: "fuzz.md") else { return 0 }
    for block in document.commandBlocks {
        for command in block.commands { _ = try? CommandLineWords.split(command.text) }
    }
    _ = document.rendered(withOutputs: document.commandBlocks.map { _ in "out\n" })
    _ = NotebookHTML.render(document, fallbackTitle: "fuzz.md", links: { $0 + ".x" }) { _ in nil }
    return 0
}


/// Debug builds' entry point (see `runLibFuzzer`).
@_cdecl("FuzzNotebook_main")
public func fuzzNotebookMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runLibFuzzer(argc, argv, fuzzNotebook)
}
