import SurveyRender

/// A JSON value with ordered object keys, for the JSON contracts of DESIGN.md §3 that are not
/// plain tables (crosstab tests, rake reports). Numbers print at full precision (Swift's
/// shortest round-trip form); non-finite numbers print as `null`.
package indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null

    package static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }

    /// An optional number: `null` when nil.
    static func number(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }

    /// Compact JSON; with `multiline`, an object's array members put one element per line.
    package func rendered(multiline: Bool = true) -> String {
        switch self {
        case .object(let pairs):
            let inner = pairs.map { key, value -> String in
                let v: String
                if multiline, case .array(let items) = value, !items.isEmpty {
                    v = "[\n  " + items.map { $0.rendered(multiline: false) }.joined(separator: ",\n  ") + "\n]"
                } else {
                    v = value.rendered(multiline: false)
                }
                return Self.quote(key) + ": " + v
            }
            return "{" + inner.joined(separator: ", ") + "}"
        case .array(let items):
            return "[" + items.map { $0.rendered(multiline: false) }.joined(separator: ", ") + "]"
        case .string(let s): return Self.quote(s)
        case .number(let x): return JSONText.number(x)
        case .integer(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }

    static func quote(_ s: String) -> String { JSONText.string(s) }
}
