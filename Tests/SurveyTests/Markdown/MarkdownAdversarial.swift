@testable import SurveyMarkdown

/// A small seeded PRNG (MarkdownRandom), so "random" inputs are reproducible.
struct MarkdownRandom: RandomNumberGenerator {
    var state: UInt64

    /// A generator starting from `seed`.
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `count` characters drawn from `alphabet` with a seeded generator.
func markdownRandomText(_ alphabet: String, count: Int, seed: UInt64) -> String {
    var rng = MarkdownRandom(seed: seed)
    let chars = Array(alphabet)
    var s = ""
    s.reserveCapacity(count)
    for _ in 0..<count { s.append(chars[Int(rng.next() % UInt64(chars.count))]) }
    return s
}

/// One hostile input family; `make(k)` builds it at scale k (k = 2 doubles the size).
struct HostileMarkdown: Sendable, CustomStringConvertible {
    let description: String
    let make: @Sendable (Int) -> String

    /// The alphabet of the random-bytes pattern, as the brief specifies.
    static let randomAlphabet = "*_`[]()!<>\\#-+|:~ \na1"

    static let all: [HostileMarkdown] = [
        HostileMarkdown(description: "[ x 20000") { String(repeating: "[", count: 20_000 * $0) },
        HostileMarkdown(description: "*a x 20000") { String(repeating: "*a", count: 20_000 * $0) },
        // Scale k uses lengths up to 200·√k, so the size (quadratic in the length) grows k-fold.
        HostileMarkdown(description: "backtick runs 1...200") { k in
            (1...Int(200 * Double(k).squareRoot())).map { String(repeating: "`", count: $0) }.joined(separator: "x")
        },
        HostileMarkdown(description: "![[ x 10000") { String(repeating: "![[", count: 10_000 * $0) },
        HostileMarkdown(description: "< x 20000") { String(repeating: "<", count: 20_000 * $0) },
        HostileMarkdown(description: "> nesting 5000 on one line") { String(repeating: "> ", count: 5_000 * $0) + "x" },
        HostileMarkdown(description: "> nesting growing over lines") { k in
            (1...Int(250 * Double(k).squareRoot())).map { String(repeating: ">", count: $0) + " x\n" }.joined()
        },
        HostileMarkdown(description: "- nested 2000 deep on one line") { String(repeating: "- ", count: 2_000 * $0) + "x" },
        HostileMarkdown(description: "- nested by indentation over lines") { k in
            (0..<Int(250 * Double(k).squareRoot())).map { String(repeating: "  ", count: $0) + "- x\n" }.joined()
        },
        HostileMarkdown(description: "_* x 20000") { String(repeating: "_*", count: 20_000 * $0) },
        HostileMarkdown(description: "100 KB random") { markdownRandomText(HostileMarkdown.randomAlphabet, count: 100_000 * $0, seed: 42) },
        HostileMarkdown(description: "100 KB random, other seed") { markdownRandomText(HostileMarkdown.randomAlphabet, count: 100_000 * $0, seed: 7) },
        HostileMarkdown(description: "[a](b \" x 10000") { String(repeating: "[a](b \"", count: 10_000 * $0) },
        HostileMarkdown(description: "[a]( x 10000") { String(repeating: "[a](", count: 10_000 * $0) + ")" },
        HostileMarkdown(description: "[a](< x 10000") { String(repeating: "[a](<", count: 10_000 * $0) },
        HostileMarkdown(description: "]( x 20000") { String(repeating: "](", count: 20_000 * $0) },
        HostileMarkdown(description: "[ x 5000 then links") { String(repeating: "[", count: 5_000 * $0) + String(repeating: "[a](b)", count: 5_000 * $0) },
        HostileMarkdown(description: "*a **b x 10000") { String(repeating: "*a **b ", count: 10_000 * $0) },
        HostileMarkdown(description: "`a ``b x 10000") { String(repeating: "`a ``b ", count: 10_000 * $0) },
        HostileMarkdown(description: "&# x 20000") { String(repeating: "&#", count: 20_000 * $0) },
        HostileMarkdown(description: "<http://a x 10000") { String(repeating: "<http://a", count: 10_000 * $0) },
        HostileMarkdown(description: "<a@b x 10000") { String(repeating: "<a@b.", count: 10_000 * $0) },
        HostileMarkdown(description: "<b> then </i>") { String(repeating: "<b>", count: 10_000 * $0) + String(repeating: "</i>", count: 10_000 * $0) },
        HostileMarkdown(description: "* x 20000, a, * x 20000") { String(repeating: "*", count: 20_000 * $0) + "a" + String(repeating: "*", count: 20_000 * $0) },
        HostileMarkdown(description: "table with 10000 rows") { "|a|b|\n|-|-|\n" + String(repeating: "|x|*y*|\n", count: 10_000 * $0) },
        HostileMarkdown(description: "table row of 50000 pipes") { "|a|\n|-|\n" + String(repeating: "|", count: 50_000 * $0) },
        HostileMarkdown(description: "setext pairs") { String(repeating: "a\n=\n", count: 20_000 * $0) },
        HostileMarkdown(description: "fence lines") { String(repeating: "```\n", count: 20_000 * $0) },
        HostileMarkdown(description: "tab > x 20000") { String(repeating: "\t>", count: 20_000 * $0) },
        HostileMarkdown(description: "hard breaks") { String(repeating: "a  \n", count: 20_000 * $0) },
        HostileMarkdown(description: "long flat list") { String(repeating: "- a\n", count: 20_000 * $0) },
        HostileMarkdown(description: "- - - x line") { String(repeating: "- ", count: 40_000 * $0) + "x" },
        HostileMarkdown(description: "![ ]( x 10000") { String(repeating: "![ ](", count: 10_000 * $0) },
        HostileMarkdown(description: "nested images") { String(repeating: "![", count: 10_000 * $0) + String(repeating: "](u)", count: 10_000 * $0) },
    ]
}

/// Seconds taken by one render (the output is checked non-empty so it is not optimised away).
func markdownRenderSeconds(_ input: String) -> Double {
    let clock = ContinuousClock()
    var length = 0
    let elapsed = clock.measure { length = MarkdownHTML.render(input).utf8.count }
    precondition(length >= 0)
    let parts = elapsed.components
    return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
}
