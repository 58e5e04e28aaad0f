import Foundation

/// The one-line source caption under a publication chart: sources that cite the same DOI (or,
/// without one, the same URL or citation) collapse to one entry naming the publisher and the
/// waves, e.g. `Source: Central Asia Barometer, waves 4, 8, 12; doi:10.48320/1AFC…`. The full
/// citations stay in the terminal chart's source note and in reports.
/// (A stand-in for the library's source-collapsing function of issue 12; replace when it lands.)
public enum SourceCaption {
    /// `Source: …` for `sources`; `Source: not given` when there are none.
    public static func line(_ sources: [SourceReference]) -> String {
        var order: [String] = []
        var groups: [String: [SourceReference]] = [:]
        for s in sources {
            let key = doi(in: s.citation + " " + (s.url ?? "")).map { "doi:" + $0 } ?? s.url ?? s.citation
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(s)
        }
        guard !order.isEmpty else { return "Source: not given" }
        let entries = order.map { key -> String in
            let members = groups[key] ?? []
            let publisher = members.first.map { publisherName($0.citation) } ?? ""
            let waves = members.compactMap { wave(in: $0.citation) }
            var unique: [Int] = []
            for w in waves.sorted() where !unique.contains(w) { unique.append(w) }
            let waveText = unique.isEmpty ? "" : (unique.count == 1 ? ", wave " : ", waves ") + ranges(unique)
            let link = key.hasPrefix("doi:") ? "; " + key : (key == members.first?.url ? "; " + key : "")
            return publisher + waveText + link
        }
        return "Source: " + entries.joined(separator: " | ")
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
        guard let r = text.range(of: #"10\.[0-9]{4,9}/[^\s;,]+"#, options: .regularExpression) else { return nil }
        var d = String(text[r])
        while let last = d.last, ".)]".contains(last) { d.removeLast() }
        return d
    }

    /// The wave number in `wave N` of a citation, if any.
    static func wave(in text: String) -> Int? {
        guard let r = text.range(of: #"[Ww]ave [0-9]+"#, options: .regularExpression) else { return nil }
        return Int(text[r].dropFirst(5))
    }

    /// The citation's first part (up to the first comma or full stop): its publisher or author.
    static func publisherName(_ citation: String) -> String {
        let head = citation.prefix { $0 != "," && $0 != "." }
        return head.trimmingCharacters(in: .whitespaces)
    }
}
