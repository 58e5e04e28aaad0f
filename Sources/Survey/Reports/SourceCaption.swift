#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyRender
import SurveySeries
import SurveyText

/// How much of the sources a footer prints: one collapsed line (default) or every citation.
public enum SourceDetail: String, Sendable, CaseIterable {
    case short, full
}

/// The one source function of every footer (text tables, terminal charts, SVG captions):
/// sources that cite the same DOI (or, without one, the same URL or citation) collapse to one
/// entry naming the publisher, the waves and the files, e.g. `Source: Central Asia Barometer,
/// waves 4, 8, 12 (CAB_2018_KZ.xlsx, …, CAB_2022_KZ.xlsx); doi:10.48320/1AFC…`; `full` lists
/// every distinct citation with the ids that share it.
public enum SourceCaption {
    /// `Source: …` for `sources`; `Source: not given` when there are none.
    public static func line(_ sources: [SourceReference]) -> String {
        text(sources).map { "Source: " + $0 } ?? "Source: not given"
    }

    /// The collapsed sources without the `Source: ` label; nil when there are none.
    public static func text(_ sources: [SourceReference]) -> String? {
        var order: [String] = []
        var groups: [String: [SourceReference]] = [:]
        for s in sources {
            let key = doi(in: s.citation + " " + (s.url ?? "")).map { "doi:" + $0 } ?? s.url ?? s.citation
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(s)
        }
        guard !order.isEmpty else { return nil }
        let entries = order.map { key -> String in
            let members = groups[key] ?? []
            let publisher = members.first.map { publisherName($0.citation) } ?? ""
            let waves = members.compactMap { wave(in: $0.citation) }
            var unique: [Int] = []
            for w in waves.sorted() where !unique.contains(w) { unique.append(w) }
            let waveText = unique.isEmpty ? "" : (unique.count == 1 ? ", wave " : ", waves ") + ranges(unique)
            let link = key.hasPrefix("doi:") ? "; " + key : (key == members.first?.url ? "; " + key : "")
            return publisher + waveText + fileList(members) + link
        }
        return entries.joined(separator: " | ")
    }

    /// Every distinct (citation, URL), each with the ids that share it: `[cab-w4-KZ] Central …`.
    public static func full(_ sources: [SourceReference]) -> [String] {
        var order: [String] = []
        var ids: [String: [String]] = [:]
        for s in sources {
            let text = s.citation + (s.url.map { " \($0)" } ?? "")
            if ids[text] == nil { order.append(text) }
            ids[text, default: []].append(s.id)
        }
        return order.map { "[\((ids[$0] ?? []).joined(separator: ", "))] \($0)" }
    }

    /// The footnotes and source note of a table in `detail`: short puts the collapsed line in
    /// the source note; full lists every citation as a note.
    public static func footer(_ sources: [SourceReference], detail: SourceDetail) -> (notes: [String], source: String?) {
        switch detail {
        case .short: return ([], text(sources))
        case .full:
            let notes = full(sources)
            return notes.count <= 1 ? ([], sources.first.map { $0.citation + ($0.url.map { " " + $0 } ?? "") }) : (notes, "\(notes.count) sources, listed in the notes above")
        }
    }

    /// ` (A.xlsx, B.xlsx)` for the data files the citations name ("from FILE"), the first and the
    /// last with `…` between when there are more than two; empty when none is named.
    static func fileList(_ members: [SourceReference]) -> String {
        var files: [String] = []
        for s in members {
            guard let match = CitationScan.fromFile(in: s.citation) else { continue }
            let file = String(match.dropFirst(5))
            if !files.contains(file) { files.append(file) }
        }
        guard let first = files.first, let last = files.last else { return "" }
        return files.count <= 2 ? " (" + files.joined(separator: ", ") + ")" : " (\(first), …, \(last))"
    }

    /// Increasing numbers with runs of three or more collapsed: `[1, 2, 3, 5]` → `1–3, 5`.
    static func ranges(_ xs: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < xs.count {
            var j = i
            while j + 1 < xs.count, xs[j + 1] == xs[j] + 1 { j += 1 }
            parts += j - i >= 2 ? ["\(xs[i])–\(xs[j])"] : xs[i...j].map(String.init)
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }

    /// The first DOI (`10.NNNN/…`) in `text`, without trailing punctuation.
    static func doi(in text: String) -> String? {
        guard var d = CitationScan.doi(in: text) else { return nil }
        while let last = d.last, ".)]".contains(last) { d.removeLast() }
        return d
    }

    /// The wave number in `wave N` of a citation, if any.
    static func wave(in text: String) -> Int? {
        guard let match = CitationScan.wave(in: text) else { return nil }
        return Int(match.dropFirst(5))
    }

    /// The citation's first part (up to the first comma, or full stop before a space): its
    /// publisher or author (`news-pravda.com` keeps its dot).
    static func publisherName(_ citation: String) -> String {
        var head = ""
        var previous: Character?
        for ch in citation {
            if ch == "," { break }
            if ch == " ", previous == "." { head.removeLast(); break }
            head.append(ch)
            previous = ch
        }
        if head.hasSuffix(".") { head.removeLast() }
        return head.whitespacesTrimmed()
    }
}
