#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import SurveyNumerics

/// A linear combination of estimates, Σ cᵢ θᵢ, named by domain values or levels (R
/// `svycontrast`): parsed from text such as `E-H`, `0.5*E+0.5*M-H` or `[very good]-[bad]`
/// (brackets quote a name holding `+`, `-`, `*` or spaces).
public struct LinearContrast: Sendable, Equatable {
    /// The text as given (the contrast's name in reports).
    public let name: String
    /// (name, coefficient) in the order written; a name given twice adds up.
    public let terms: [(name: String, coefficient: Double)]

    public static func == (a: LinearContrast, b: LinearContrast) -> Bool {
        a.name == b.name && a.terms.map(\.name) == b.terms.map(\.name) && a.terms.map(\.coefficient) == b.terms.map(\.coefficient)
    }

    /// Parses `[±][NUM*]NAME (± [NUM*]NAME)…`; throws naming the position of the first mistake.
    public init(parsing text: String) throws(DesignError) {
        var terms: [(String, Double)] = []
        var chars = Array(text)[...]
        func fail(_ why: String) -> DesignError {
            .impossible("--contrast '\(text)': \(why) at character \(text.count - chars.count + 1); write e.g. E-H or 0.5*E+0.5*M-H")
        }
        func skipSpaces() { while chars.first == " " { chars.removeFirst() } }
        /// A `[quoted]` name, or the characters up to the next operator (trimmed).
        func readName() throws(DesignError) -> (String, Bool) {
            var name = ""
            guard chars.first == "[" else {
                while let c = chars.first, !"+-*[]".contains(c) { name.append(chars.removeFirst()) }
                return (name.whitespacesTrimmed(), false)
            }
            chars.removeFirst()
            while let c = chars.first, c != "]" { name.append(chars.removeFirst()) }
            guard chars.first == "]" else { throw fail("unclosed [") }
            chars.removeFirst()
            return (name, true)
        }
        skipSpaces()
        while !chars.isEmpty {
            var sign = 1.0
            if chars.first == "+" || chars.first == "-" {
                sign = chars.removeFirst() == "-" ? -1 : 1
                skipSpaces()
            } else if !terms.isEmpty {
                throw fail("expected + or -")
            }
            var coefficient = 1.0
            var (name, bracketed) = try readName()
            if !bracketed && chars.first == "*" {
                guard let k = Double(name), k.isFinite else { throw fail("'\(name)' before * is not a number") }
                coefficient = k
                chars.removeFirst()
                skipSpaces()
                (name, bracketed) = try readName()
            }
            guard !name.isEmpty else { throw fail("expected a name") }
            terms.append((name, sign * coefficient))
            skipSpaces()
        }
        guard !terms.isEmpty else { throw fail("empty contrast") }
        self.name = text
        self.terms = terms
    }
}

/// A contrast or difference with its test: estimate, SE, df, t = estimate/SE, two-sided p from
/// Student's t on df, and the interval estimate ± t_{1−α/2, df}·SE.
public struct ContrastResult: Sendable, Equatable {
    /// What was contrasted, e.g. `E-H`, `stype=E − rest`, `apistrat.csv − apiclus1.csv`.
    public let name: String
    public let statistic: StatisticKind
    public let variable: String
    /// The level (proportions) or domain the contrast holds fixed, if any.
    public let within: String?
    public let estimate: Double
    public let standardError: Double
    public let degreesOfFreedom: Double
    /// How the df were chosen: `design`, `design-1` (svyttest), `welch-satterthwaite`.
    public let dfRule: String
    public let confidenceLevel: Double

    public init(name: String, statistic: StatisticKind, variable: String, within: String?, estimate: Double,
                standardError: Double, degreesOfFreedom: Double, dfRule: String, confidenceLevel: Double) {
        self.name = name
        self.statistic = statistic
        self.variable = variable
        self.within = within
        self.estimate = estimate
        self.standardError = standardError
        self.degreesOfFreedom = degreesOfFreedom
        self.dfRule = dfRule
        self.confidenceLevel = confidenceLevel
    }

    public var t: Double { estimate / standardError }
    /// Two-sided p-value, 2·P(T_df > |t|).
    public var pValue: Double {
        guard t.isFinite else { return standardError == 0 && estimate != 0 ? 0 : .nan }
        if degreesOfFreedom.isInfinite { return 2 * Normal().cdf(-abs(t)) }
        guard degreesOfFreedom > 0 else { return .nan }
        return 2 * StudentT(df: degreesOfFreedom).cdf(-abs(t))
    }
    public var ciLower: Double { estimate - tQuantile(1 - (1 - confidenceLevel) / 2, df: degreesOfFreedom) * standardError }
    public var ciUpper: Double { estimate + tQuantile(1 - (1 - confidenceLevel) / 2, df: degreesOfFreedom) * standardError }
}
