import Testing
@testable import SurveyMarkdown

/// Randomised properties over many seeded documents: rendering never traps, and the output
/// only ever contains markup this renderer generates (user `<` is always escaped; links
/// only use allowed schemes).
@Suite struct MarkdownPropertyTests {
    /// Markdown-heavy alphabet, plus tabs, CR, NUL and non-ASCII.
    static let alphabet = "*_`[]()!<>\\#-+|:~ \n\n\t\r\u{0}a1&;é日\"'=./@"

    /// Tags the renderer may emit.
    static let knownTags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "blockquote", "ul", "ol", "li",
        "pre", "code", "em", "strong", "del", "a", "img", "table", "thead", "tbody", "tr", "th",
        "td", "sup", "sub", "b", "i", "kbd",
    ]
    /// Attributes the renderer may emit.
    static let knownAttributes: Set<String> = ["href", "src", "alt", "title", "class", "start", "align"]

    @Test("random documents produce only known, balanced markup", arguments: 0..<8)
    func wellFormed(_ batch: Int) {
        var rng = MarkdownRandom(seed: UInt64(1000 + batch))
        let alphabet = Array(MarkdownPropertyTests.alphabet)
        for _ in 0..<250 {
            let length = Int(rng.next() % 120)
            var doc = ""
            for _ in 0..<length { doc.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            let html = MarkdownHTML.render(doc)
            let problem = MarkdownPropertyTests.check(html)
            #expect(problem == nil, "input \(String(reflecting: doc)) → \(String(reflecting: html)): \(problem ?? "")")
        }
    }

    /// Scans the HTML: every tag is known, attributes are known and quoted, hrefs are safe,
    /// and open/close tags nest properly. Returns a description of the first problem.
    static func check(_ html: String) -> String? {
        let bytes = Array(html.utf8)
        var stack: [String] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else {
                if bytes[i] == UInt8(ascii: ">") { return "raw > in output" }
                i += 1
                continue
            }
            var j = i + 1
            let closing = j < bytes.count && bytes[j] == UInt8(ascii: "/")
            if closing { j += 1 }
            var name = ""
            while j < bytes.count, (bytes[j] >= 0x61 && bytes[j] <= 0x7A) || (bytes[j] >= 0x30 && bytes[j] <= 0x39) {
                name.append(Character(Unicode.Scalar(bytes[j])))
                j += 1
            }
            guard knownTags.contains(name) else { return "unknown tag <\(name)" }
            // Attributes: ( name="value")*
            while j < bytes.count, bytes[j] == UInt8(ascii: " ") {
                j += 1
                if bytes[j] == UInt8(ascii: "/") { break }
                var attribute = ""
                while j < bytes.count, bytes[j] >= 0x61 && bytes[j] <= 0x7A {
                    attribute.append(Character(Unicode.Scalar(bytes[j])))
                    j += 1
                }
                guard knownAttributes.contains(attribute) else { return "unknown attribute \(attribute)" }
                guard j + 1 < bytes.count, bytes[j] == UInt8(ascii: "="), bytes[j + 1] == UInt8(ascii: "\"") else {
                    return "unquoted attribute"
                }
                j += 2
                var value: [UInt8] = []
                while j < bytes.count, bytes[j] != UInt8(ascii: "\"") {
                    if bytes[j] == UInt8(ascii: "<") || bytes[j] == UInt8(ascii: ">") { return "raw < or > in attribute" }
                    value.append(bytes[j])
                    j += 1
                }
                j += 1
                if (attribute == "href" || attribute == "src"), let scheme = MarkdownPropertyTests.scheme(of: value),
                   !["http", "https", "mailto"].contains(scheme) {
                    return "unsafe URL scheme \(scheme)"
                }
            }
            if j < bytes.count, bytes[j] == UInt8(ascii: "/") { j += 1 }
            guard j < bytes.count, bytes[j] == UInt8(ascii: ">") else { return "malformed tag \(name)" }
            let void = name == "hr" || name == "br" || name == "img"
            if closing {
                guard stack.popLast() == name else { return "misnested </\(name)>" }
            } else if !void {
                stack.append(name)
            }
            i = j + 1
        }
        return stack.isEmpty ? nil : "unclosed \(stack)"
    }

    /// The scheme a browser would see in an attribute value (lower-cased), or nil when the
    /// URL is relative: leading spaces/controls skipped, tabs/newlines ignored, per WHATWG.
    static func scheme(of value: [UInt8]) -> String? {
        var i = 0
        while i < value.count, value[i] <= 0x20 { i += 1 }
        var scheme = ""
        while i < value.count {
            let b = value[i]
            i += 1
            if b == 0x09 || b == 0x0A || b == 0x0D { continue }
            if b == UInt8(ascii: ":") { return scheme.isEmpty ? nil : scheme }
            let letter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
            let other = (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
            guard letter || (!scheme.isEmpty && other) else { return nil }
            scheme.append(Character(Unicode.Scalar(b | (letter ? 0x20 : 0))))
        }
        return nil
    }
}
