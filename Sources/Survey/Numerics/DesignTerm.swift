/// One column of a regression design matrix: the intercept, a variable, or a power of a variable.
///
/// Powers are kept symbolic (`x` and 7, not the rounded doubles of x⁷) so the least-squares solver
/// can evaluate them in extended precision when it computes residuals: for ill-conditioned
/// polynomial fits (NIST Filip, cond ≈ 1e15 unscaled) the rounding of x^k to `Double` alone would
/// cost several digits.
public struct DesignTerm: Sendable, Equatable {
    /// What the column holds.
    public enum Kind: Sendable, Equatable {
        /// A column of ones.
        case intercept
        /// `values[i]` raised to `power` (≥ 1) for observation i.
        case variable(values: [Double], power: Int)
    }

    /// Display name: `(Intercept)`, `x`, `x^2`, ….
    public let name: String
    /// The column's definition.
    public let kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// The intercept, named `(Intercept)` as R and DESIGN.md §3 do.
    public static let intercept = DesignTerm(name: "(Intercept)", kind: .intercept)

    /// A variable entering linearly.
    public static func variable(_ name: String, _ values: [Double]) -> DesignTerm {
        DesignTerm(name: name, kind: .variable(values: values, power: 1))
    }

    /// `name^power` (plain `name` when power is 1), e.g. the terms of a polynomial.
    public static func power(_ name: String, _ values: [Double], _ power: Int) -> DesignTerm {
        DesignTerm(name: power == 1 ? name : "\(name)^\(power)", kind: .variable(values: values, power: power))
    }

    /// The terms x, x², …, x^degree of a polynomial in one variable.
    public static func polynomial(_ name: String, _ values: [Double], degree: Int) -> [DesignTerm] {
        degree < 1 ? [] : (1...degree).map { power(name, values, $0) }
    }

    /// True for the intercept.
    public var isIntercept: Bool { kind == .intercept }

    /// Number of observations the term has (nil for the intercept, which fits any).
    var count: Int? {
        if case .variable(let v, _) = kind { return v.count }
        return nil
    }

    /// The value for observation `i` in extended precision (x^k by repeated multiplication, error
    /// about k units of `ExtendedFloat` roundoff).
    @inline(__always)
    func extendedValue(_ i: Int) -> ExtendedFloat {
        switch kind {
        case .intercept:
            return 1
        case .variable(let v, let power):
            let x = ExtendedFloat(v[i])
            var result = x
            var k = 1
            while k < power { result *= x; k += 1 }
            return power == 0 ? 1 : result
        }
    }

    /// Adds `coefficient` · (this term's value) to every element of `sum`, in extended precision.
    func accumulate(into sum: inout [ExtendedFloat], times coefficient: ExtendedFloat) {
        switch kind {
        case .intercept:
            for i in sum.indices { sum[i] += coefficient }
        case .variable(let v, let power):
            for i in sum.indices {
                let x = ExtendedFloat(v[i])
                var p: ExtendedFloat = power == 0 ? 1 : x
                var e = 1
                while e < power { p *= x; e += 1 }
                sum[i] += p * coefficient
            }
        }
    }

    /// The value for observation `i`, rounded once to `Double`.
    package func value(_ i: Int) -> Double {
        if case .variable(let v, 1) = kind { return v[i] }
        return Double(extendedValue(i))
    }
}
