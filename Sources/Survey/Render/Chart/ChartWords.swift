/// Chart text in words for publication: a title such as "Kazakhstan: favorable views of China,
/// Russia and the US", a subtitle with the measure and the base, and the y-axis title. Built from
/// series keys and published n only; presentation, no statistics.
package enum ChartWords {
    /// "A", "A and B", "A, B and C".
    package static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return Array(items.dropLast()).joined(separator: ", ") + " and " + last
    }

    /// A target as it reads in a sentence ("United States" → "the US").
    package static func target(_ t: String) -> String { t == "United States" ? "the US" : t }

    package static func capitalized(_ s: String) -> String {
        var out = s.prefix(1).uppercased()
        out.append(contentsOf: s.dropFirst())  // String's own overload: `+` a Substring is generic
        return out
    }

    package static func unique(_ xs: [String]) -> [String] {
        var out: [String] = []
        for x in xs where !out.contains(x) { out.append(x) }
        return out
    }

    /// 1500 → "1,500".
    package static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}
