import Foundation
import Testing

/// Every Swift code block of the articles is, byte for byte, a docc-begin … docc-end region of a
/// snippet file this target compiles (so a sample that stops compiling, or an article edited
/// without its snippet, fails here). Issue 18 item 3.
@Suite struct ArticleSnippetTests {
    /// The lines strictly between each `open` line and the next `close` line, in order.
    static func delimited(_ text: String, open: String, close: String) -> [String] {
        var found: [String] = [], current: [String]? = nil
        for line in text.components(separatedBy: "\n") {
            if let lines = current {
                if line == close { found.append(lines.joined(separator: "\n")); current = nil } else { current = lines + [line] }
            } else if line == open {
                current = []
            }
        }
        return found
    }

    /// The ```swift blocks of a markdown file, in order.
    static func codeBlocks(_ markdown: String) -> [String] { delimited(markdown, open: "```swift", close: "```") }

    /// The docc-begin … docc-end regions of a Swift file, in order.
    static func regions(_ swift: String) -> [String] { delimited(swift, open: "// docc-begin", close: "// docc-end") }

    static let pairs: [(article: String, snippet: String)] = [
        ("DesignBasedMean.md", "DesignBasedMean.swift"),
        ("CABMicrodataSeries.md", "CABSeries.swift"),
        ("TrendChart.md", "TrendChart.swift"),
    ]

    @Test(arguments: pairs.map(\.article))
    func articleCodeIsTheCompiledSnippet(article: String) throws {
        let snippet = try #require(Self.pairs.first { $0.article == article }).snippet
        let md = try String(contentsOfFile: DocCPaths.path("\(DocCPaths.catalog)/Articles/\(article)"), encoding: .utf8)
        let swift = try String(contentsOfFile: DocCPaths.path("Tests/SurveyDocCTests/Snippets/\(snippet)"), encoding: .utf8)
        let blocks = Self.codeBlocks(md), regions = Self.regions(swift)
        #expect(!blocks.isEmpty, "\(article) shows no code")
        #expect(blocks == regions, "\(article) must show exactly the docc-begin…docc-end regions of \(snippet)")
    }

    /// Every article of the catalog is checked (a new article needs a snippet pair above).
    @Test func everyArticleWithCodeHasASnippet() throws {
        let dir = DocCPaths.path("\(DocCPaths.catalog)/Articles")
        for file in try FileManager.default.contentsOfDirectory(atPath: dir) where file.hasSuffix(".md") {
            let md = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
            if !Self.codeBlocks(md).isEmpty {
                #expect(Self.pairs.contains { $0.article == file }, "\(file) has Swift code but no compiled snippet")
            }
        }
    }
}
