#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText

/// Where a notebook page's relative links point once it is written to another folder
/// (`notebook render --out-dir`): a link to a notebook rendered in the same run goes to its page
/// (`other.md#x` → `other.html#x`), and any other relative path is made relative to the page's
/// folder, so it still reaches the file beside the notebook. Absolute URLs (`https:`, `mailto:`),
/// absolute paths and fragments (`#x`) are kept as written.
public struct NotebookLinks: Sendable {
    /// The notebook's folder and the page's folder (absolute, standardized).
    public let notebookFolder: URL, pageFolder: URL
    /// Notebook file (absolute, standardized) → its page (absolute), for every notebook rendered.
    public let pages: [String: String]

    public init(notebook: String, page: String, pages: [String: String]) {
        notebookFolder = URL(fileURLWithPath: notebook).standardizedFileURL.deletingLastPathComponent()
        pageFolder = URL(fileURLWithPath: page).standardizedFileURL.deletingLastPathComponent()
        self.pages = pages
    }

    /// The destination to write for `target` as written in the prose.
    public func rewrite(_ target: String) -> String {
        guard !target.isEmpty, !target.hasPrefix("#"), !target.hasPrefix("/"), !target.hasPrefix("?"),
              !Self.hasScheme(target) else { return target }
        let cut = target.firstIndex(where: { $0 == "#" || $0 == "?" }) ?? target.endIndex
        let path = String(target[..<cut]), rest = String(target[cut...])
        let decoded = PercentEncoding.decode(path) ?? path
        let file = URL(fileURLWithPath: decoded, relativeTo: notebookFolder).standardizedFileURL
        let destination = pages[file.path].map { URL(fileURLWithPath: $0) } ?? file
        if pages[file.path] == nil && notebookFolder == pageFolder { return target }
        let relative = Self.relativePath(from: pageFolder, to: destination)
        return PercentEncoding.encodePath(relative) + rest
    }

    /// Whether `target` starts with a URL scheme (`https:`, `mailto:`, `c:`…).
    static func hasScheme(_ target: String) -> Bool {
        guard let colon = target.firstIndex(of: ":"), let first = target.first, first.isLetter else { return false }
        return target[..<colon].allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }

    /// The path from folder `from` to file `to`, with `..` where they part.
    static func relativePath(from folder: URL, to file: URL) -> String {
        let base = folder.pathComponents, target = file.pathComponents
        var common = 0
        while common < base.count, common < target.count - 1, base[common] == target[common] { common += 1 }
        let ups = [String](repeating: "..", count: base.count - common)
        return (ups + target[common...]).joined(separator: "/")
    }
}
