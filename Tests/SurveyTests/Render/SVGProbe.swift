import Foundation

/// Reads back what an SVG chart drew (elements and attributes, by regular expression), so tests
/// can check positions against values they compute from the data and the printed axis labels.
struct SVGProbe {
    struct Element {
        let name: String
        let attributes: [String: String]
        let text: String?
        func number(_ key: String) -> Double { Double(attributes[key] ?? "") ?? .nan }
    }

    let elements: [Element]

    init(_ svg: String) {
        var out: [Element] = []
        let pattern = #"<(text|circle|rect|line|polygon|polyline)\s([^>]*?)/?>(?:([^<]*)</text>)?"#
        let regex = try? NSRegularExpression(pattern: pattern)
        let ns = svg as NSString
        for m in regex?.matches(in: svg, range: NSRange(location: 0, length: ns.length)) ?? [] {
            let name = ns.substring(with: m.range(at: 1))
            let attrText = ns.substring(with: m.range(at: 2))
            var attrs: [String: String] = [:]
            let attrRegex = try? NSRegularExpression(pattern: #"([a-z0-9-]+)="([^"]*)""#)
            let a = attrText as NSString
            for am in attrRegex?.matches(in: attrText, range: NSRange(location: 0, length: a.length)) ?? [] {
                attrs[a.substring(with: am.range(at: 1))] = a.substring(with: am.range(at: 2))
            }
            let text = m.range(at: 3).location != NSNotFound ? ns.substring(with: m.range(at: 3)) : nil
            out.append(Element(name: name, attributes: attrs, text: name == "text" ? (text ?? "") : nil))
        }
        elements = out
    }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }
    func texts(_ s: String) -> [Element] { all("text").filter { $0.text == s } }
    func withClass(_ c: String) -> [Element] { elements.filter { $0.attributes["class"] == c } }
}
