#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import SurveyData

/// The right-hand side of a model formula as R's `terms()` reads it: a list of terms, each a set
/// of variables (`a`, `a:b`), with `a*b` expanded to `a + b + a:b`; duplicates removed and terms
/// ordered by their number of variables (main effects, then two-way interactions, …), keeping the
/// written order within a degree — as R's `attr(terms(f), "term.labels")`.
public struct ModelFormula: Sendable, Equatable {
    /// Each term's variables, in the order written (`stype:ell` → ["stype", "ell"]).
    public let terms: [[String]]

    /// Parses comma-separated items such as `stype*ell`, `meals`, `ell:stype`; a name between
    /// backquotes (the backtick character) is taken as written, `*` and `:` included, as in R.
    /// Throws with
    /// the offending item when a variable name is empty (e.g. `a**b`, `a:`) or a backquote is not closed.
    public init(parsing items: [String]) throws(DataError) {
        var out: [[String]] = []
        for item in items {
            for term in try Self.expand(item) where !out.contains(where: { Set($0) == Set(term) }) {
                out.append(term)
            }
        }
        // A stable sort by degree (R orders terms by their order, then as written).
        terms = out.enumerated().sorted { ($0.element.count, $0.offset) < ($1.element.count, $1.offset) }.map(\.element)
    }

    /// R's label of a term: its variables joined by `:` as written (`stype:ell`).
    public static func label(_ term: [String]) -> String { term.joined(separator: ":") }

    /// The labels of every term.
    public var labels: [String] { terms.map(Self.label) }

    /// Every variable used, each once, in first-use order.
    public var variables: [String] {
        var seen: [String] = []
        for t in terms { for v in t where !seen.contains(v) { seen.append(v) } }
        return seen
    }

    /// `a*b*c` → every non-empty sub-product in R's order (a, b, a:b, c, a:c, b:c, a:b:c);
    /// `a:b` → one term; factors of a product may themselves be `:` products.
    static func expand(_ item: String) throws(DataError) -> [[String]] {
        let factors = try split(item)
        guard factors.allSatisfy({ $0.allSatisfy { !$0.isEmpty } }) else {
            throw DataError("model term '\(item)' has an empty variable name (expected e.g. a, a:b or a*b)")
        }
        var out: [[String]] = []
        for f in factors {
            // Multiply every term so far by f, after adding f itself (R's expansion order).
            var next = out
            next.append(f)
            for t in out {
                var product = t
                for v in f where !product.contains(v) { product.append(v) }
                next.append(product)
            }
            out = []
            for t in next where !out.contains(where: { Set($0) == Set(t) }) { out.append(t) }
        }
        return out
    }

    /// An item's factors (split at `*`), each a list of variables (split at `:`), names trimmed;
    /// a backquoted name keeps its `*`, `:` and spaces.
    static func split(_ item: String) throws(DataError) -> [[String]] {
        var factors: [[String]] = [[]], name = "", quoted = false, wasQuoted = false
        func endName() {
            factors[factors.count - 1].append(wasQuoted ? name : name.whitespacesTrimmed())
            (name, wasQuoted) = ("", false)
        }
        for c in item {
            if quoted {
                if c == "`" { quoted = false } else { name.append(c) }
            } else if c == "`" {
                guard name.allSatisfy(\.isWhitespace) else {
                    throw DataError("model term '\(item)': a backquote must start a name (expected e.g. `x*z`:b)")
                }
                (name, quoted, wasQuoted) = ("", true, true)
            } else if c == "*" || c == ":" {
                endName()
                if c == "*" { factors.append([]) }
            } else if wasQuoted {
                if !c.isWhitespace {
                    throw DataError("model term '\(item)': text after a backquoted name (expected *, : or the end)")
                }
            } else {
                name.append(c)
            }
        }
        if quoted { throw DataError("model term '\(item)': a backquote is not closed") }
        endName()
        return factors
    }

    /// `name` as an item of a formula: in backquotes when it has `*`, `:` or a backquote-free
    /// edge space that parsing would change.
    public static func quoted(_ name: String) -> String {
        name.contains(where: { "*:".contains($0) }) || name != name.whitespacesTrimmed() ? "`\(name)`" : name
    }
}
