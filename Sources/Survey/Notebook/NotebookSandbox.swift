#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText

/// Where a notebook's commands may write. Every output path (`--out`, `--svg`, … below) must be
/// relative and stay inside the notebook's folder after `..` and symbolic links are resolved, and
/// may not be the notebook itself. Under `check` nothing is written at all: each output path is
/// redirected into a private scratch folder (later commands reading that path read the fresh
/// file), the scratch path is mapped back in the command's output text, and the folder is removed.
package struct NotebookSandbox {
    package enum Mode: Sendable { case run, check }

    /// Flags whose value is a file or folder the command writes.
    static let outputFlags: Set<String> = ["--out", "--svg", "--png", "--html", "--out-dir"]

    let mode: Mode
    /// Real path of the notebook's folder and of the notebook.
    let folder: String
    let notebook: String
    /// check: the scratch folder, created on first use.
    private(set) var scratch: String?
    /// check: output words → scratch paths (and the real path they stand for), in order of first use.
    private(set) var redirected: [(word: String, path: String, resolved: String)] = []
    /// check: the scratch paths the last prepared command reads, with the words it spelled them as.
    private var spelled: [(path: String, word: String)] = []

    /// A sandbox for the notebook at `notebookPath` (relative to the current directory).
    package init(notebook notebookPath: String, mode: Mode) {
        self.mode = mode
        let url = URL(fileURLWithPath: notebookPath).standardizedFileURL
        notebook = Self.realPath(url.path)
        folder = Self.realPath(url.deletingLastPathComponent().path)
    }

    /// `words` checked (and, under check, redirected); the error message names the refused path.
    package mutating func prepare(_ words: [String]) throws(NotebookSandboxError) -> [String] {
        var out = words
        spelled = []
        var k = 0
        while k < words.count {
            let word = words[k]
            var valueIndex: Int? = nil, prefix = ""
            if Self.outputFlags.contains(word), k + 1 < words.count {
                valueIndex = k + 1
            } else if let eq = word.firstIndex(of: "="), Self.outputFlags.contains(String(word[..<eq])) {
                valueIndex = k
                prefix = String(word[...eq])
            }
            if let v = valueIndex {
                let path = String(words[v].dropFirst(prefix.count))
                if path != "-" {
                    let resolved = try check(path)
                    if mode == .check { out[v] = prefix + (try redirect(path, resolved: resolved)) }
                }
                k = v + 1
                continue
            }
            // A later command reading an earlier command's output reads the fresh (scratch) file,
            // however the path is spelled (`./data/s.csv`, `data//s.csv`): a spelling the match
            // missed read the file on disk, so the verdict depended on it.
            if let hit = redirected.first(where: { $0.word == word }) {
                out[k] = hit.path
            } else if !redirected.isEmpty, !word.hasPrefix("-"), !word.hasPrefix("/"), !word.hasPrefix("~") {
                let resolved = Self.realPath(URL(fileURLWithPath: word, relativeTo: URL(fileURLWithPath: folder, isDirectory: true))
                    .standardizedFileURL.path)
                if let hit = redirected.first(where: { $0.resolved == resolved }) {
                    out[k] = hit.path
                    spelled.append((hit.path, word))
                }
            }
            k += 1
        }
        return out
    }

    /// `text` with scratch paths replaced by the paths the notebook wrote.
    package func restore(_ text: String) -> String {
        var result = text
        for (path, word) in spelled { result = result.replacingEvery(path, with: word) }
        for (word, path, _) in redirected.reversed() { result = result.replacingEvery(path, with: word) }
        return result
    }

    /// Removes the scratch folder (check).
    package func cleanUp() {
        if let scratch { try? FileManager.default.removeItem(atPath: scratch) }
    }

    /// The resolved real path of `path`, or why the notebook may not write there.
    func check(_ path: String) throws(NotebookSandboxError) -> String {
        if path.hasPrefix("/") || path.hasPrefix("~") { throw .outside(path, "an absolute path") }
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: folder, isDirectory: true))
        let resolved = Self.realPath(url.standardizedFileURL.path)
        guard resolved.hasPrefix(folder + "/") else {
            throw .outside(path, path.split(separator: "/").contains("..") ? "'..' leads out of it" : "a symbolic link leads out of it")
        }
        if resolved == notebook { throw .notebookItself(path) }
        return resolved
    }

    /// check: the scratch path standing in for output `path` (same place relative to the folder).
    mutating func redirect(_ path: String, resolved: String) throws(NotebookSandboxError) -> String {
        if let hit = redirected.first(where: { $0.word == path || $0.resolved == resolved }) { return hit.path }
        let manager = FileManager.default
        if scratch == nil {
            let dir = manager.temporaryDirectory.appendingPathComponent("barometer-check-\(UUID().uuidString)").path
            do { try manager.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw .scratch(FileErrorText.describe(error))
            }
            scratch = dir
        }
        let target = (scratch ?? "") + "/" + resolved.dropFirst(folder.count + 1)
        do {
            try manager.createDirectory(
                atPath: URL(fileURLWithPath: target).deletingLastPathComponent().path, withIntermediateDirectories: true)
        } catch {
            throw .scratch(FileErrorText.describe(error))
        }
        redirected.append((path, target, resolved))
        return target
    }

    /// check: the output paths whose fresh file (or a file of a fresh folder) differs from the one
    /// on disk. Only stored text blocks were compared before, so a data file
    /// edited after `run` passed `check` while `render` drew the edited numbers.
    package func staleFiles() -> [String] {
        let manager = FileManager.default
        var stale: [String] = []
        for (word, path, resolved) in redirected {
            var isFolder = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            let pairs: [(String, String)]
            if isFolder {
                let files = (try? manager.subpathsOfDirectory(atPath: path)) ?? []
                pairs = files.compactMap { f in
                    var sub = false
                    _ = manager.fileExists(atPath: path + "/" + f, isDirectory: &sub)
                    return sub ? nil : (path + "/" + f, resolved + "/" + f)
                }
            } else {
                pairs = [(path, resolved)]
            }
            // A file not on disk is left to `run` (outputs kept out of version control are absent
            // from a fresh clone); one that is there must be what the blocks write.
            if pairs.contains(where: { fresh, disk in
                manager.fileExists(atPath: disk) && manager.contents(atPath: fresh) != manager.contents(atPath: disk)
            }) {
                stale.append(word)
            }
        }
        return stale
    }

    /// `path` with symbolic links resolved: realpath of the longest existing prefix, plus the rest.
    static func realPath(_ path: String) -> String {
        var head = URL(fileURLWithPath: path).standardizedFileURL
        var tail: [String] = []
        while true {
            if let real = realpath(head.path, nil) {
                defer { free(real) }
                let base = String(cString: real)
                return tail.reversed().reduce(base) { $0 == "/" ? "/" + $1 : $0 + "/" + $1 }
            }
            if head.path == "/" { return path }
            tail.append(head.lastPathComponent)
            head = head.deletingLastPathComponent()
        }
    }
}

/// Why a notebook command may not write where it asks to.
public enum NotebookSandboxError: Error, Sendable, CustomStringConvertible {
    case outside(String, String)
    case notebookItself(String)
    case scratch(String)

    public var description: String {
        switch self {
        case .outside(let path, let why):
            return "output path '\(path)' is outside the notebook's folder (\(why)); notebooks write only below their folder"
        case .notebookItself(let path): return "output path '\(path)' is the notebook itself"
        case .scratch(let why): return "cannot create a scratch folder for check: \(why)"
        }
    }
}
