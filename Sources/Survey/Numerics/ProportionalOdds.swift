#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// A weighted proportional-odds (cumulative logit) model, as R `MASS::polr` / `survey::svyolr`:
/// P(Y ≤ k | x) = F(ζₖ − xᵀβ) for the ordered categories k = 1…K−1, F the logistic cdf, no
/// intercept in x (the thresholds ζ play its part). Fitted by Newton–Raphson on the weighted
/// log-likelihood Σ wᵢ log(F(ζ_{yᵢ} − ηᵢ) − F(ζ_{yᵢ−1} − ηᵢ)) with the analytic Hessian, halving
/// steps that do not raise it or that break the order of the thresholds; iterated until the step
/// is at rounding level, so the estimates are converged to machine precision.
public struct ProportionalOddsModel: Sendable {
    /// Category index 0…K−1 per observation.
    public let categories: [Int]
    /// Number of categories K (≥ 3 for a meaningful model; ≥ 2 accepted).
    public let levelCount: Int
    /// Predictor columns (no intercept), n × p.
    public let x: Matrix
    /// Weights (only their ratios matter for the estimates).
    public let weights: [Double]

    public init(categories: [Int], levelCount: Int, x: Matrix, weights: [Double]) {
        (self.categories, self.levelCount, self.x, self.weights) = (categories, levelCount, x, weights)
    }

    /// The fit: θ = (β, ζ), the Hessian of −ℓ and the per-observation score rows.
    public struct Fit: Sendable {
        /// β (p) then ζ (K − 1).
        public let parameters: [Double]
        /// Hessian of −log-likelihood at θ ((p + K − 1)²), positive definite at the maximum.
        public let hessian: Matrix
        /// Score rows: the gradient of wᵢ·(−log pᵢ) per observation (n × (p + K − 1)).
        public let scores: Matrix
        public let logLikelihood: Double
        public let iterations: Int
    }

    /// Logistic cdf F, with F(±∞) = 1, 0.
    package static func cdf(_ t: Double) -> Double { t == .infinity ? 1 : (t == -.infinity ? 0 : 1 / (1 + exp(-t))) }
    /// Logistic density f (0 at ±∞).
    package static func density(_ t: Double) -> Double {
        guard t.isFinite else { return 0 }
        let e = exp(-abs(t))
        return e / ((1 + e) * (1 + e))
    }
    /// f'(t) = f(t)(1 − 2F(t)).
    private static func densitySlope(_ t: Double) -> Double { t.isFinite ? density(t) * (1 - 2 * cdf(t)) : 0 }

    /// Log-likelihood, gradient of −ℓ, Hessian of −ℓ and the score rows at θ (nil if some pᵢ ≤ 0).
    func evaluate(_ theta: [Double], withScores: Bool) -> (ll: Double, gradient: [Double], hessian: Matrix, scores: Matrix)? {
        let p = x.columns, q = levelCount - 1, m = p + q
        var ll = 0.0
        var g = [Double](repeating: 0, count: m)
        var h = Matrix(rows: m, columns: m)
        var scores = Matrix(rows: withScores ? categories.count : 0, columns: withScores ? m : 0)
        var xi = [Double](repeating: 0, count: p)
        for i in categories.indices where weights[i] != 0 {
            var eta = 0.0
            for j in 0..<p { xi[j] = x[i, j]; eta += xi[j] * theta[j] }
            let k = categories[i], w = weights[i]
            let upper = k < q ? theta[p + k] - eta : .infinity        // ζ_k − η
            let lower = k > 0 ? theta[p + k - 1] - eta : -.infinity   // ζ_{k−1} − η
            let pr = Self.cdf(upper) - Self.cdf(lower)
            guard pr > 0 else { return nil }
            ll += w * log(pr)
            let (fa, fb) = (Self.density(upper), Self.density(lower))
            let (da, db) = (Self.densitySlope(upper), Self.densitySlope(lower))
            // ∂p: ζ_k → fa, ζ_{k−1} → −fb, β → −x(fa − fb). Gradient of −w log p = −w ∂p / p.
            var dp = [Double](repeating: 0, count: m)
            for j in 0..<p { dp[j] = -xi[j] * (fa - fb) }
            if k < q { dp[p + k] = fa }
            if k > 0 { dp[p + k - 1] = -fb }
            // Second derivatives of p: ββ xxᵀ(da − db); βζ_k −x·da; βζ_{k−1} x·db; ζ_kζ_k da; ζ_{k−1}ζ_{k−1} −db.
            var d2 = [(Int, Int, Double)]()
            for a in 0..<p {
                for b in 0...a { d2.append((a, b, xi[a] * xi[b] * (da - db))) }
                if k < q { d2.append((p + k, a, -xi[a] * da)) }
                if k > 0 { d2.append((p + k - 1, a, xi[a] * db)) }
            }
            if k < q { d2.append((p + k, p + k, da)) }
            if k > 0 { d2.append((p + k - 1, p + k - 1, -db)) }
            for j in 0..<m where dp[j] != 0 {
                g[j] -= w * dp[j] / pr
                if withScores { scores[i, j] = -w * dp[j] / pr }
            }
            // Hessian of −w log p = −w (∂²p/p − ∂p∂pᵀ/p²): lower triangle first, mirrored below.
            for (a, b, v) in d2 { h[a, b] -= w * v / pr }
            for a in 0..<m where dp[a] != 0 {
                for b in 0...a where dp[b] != 0 { h[a, b] += w * dp[a] * dp[b] / (pr * pr) }
            }
        }
        for a in 0..<m { for b in 0..<a { h[b, a] = h[a, b] } }
        return (ll, g, h, scores)
    }

    /// Starting values: β = 0, ζₖ = logit of the weighted share at or below category k.
    func start() throws -> [Double] {
        let q = levelCount - 1
        var share = [Double](repeating: 0, count: levelCount)
        for i in categories.indices { share[categories[i]] += weights[i] }
        let total = share.reduce(0, +)
        var cumulative = 0.0
        var zeta: [Double] = []
        for k in 0..<q {
            cumulative += share[k]
            let c = cumulative / total
            guard c > 0 && c < 1 else {
                throw LinearAlgebraError.invalidData("ordered category \(k + 1) or a neighbour has no observations with weight")
            }
            zeta.append(log(c / (1 - c)))
        }
        return [Double](repeating: 0, count: x.columns) + zeta
    }

    /// Fits from `initial` (default: `start()`).
    public func fit(initial: [Double]? = nil, maxIterations: Int = 200) throws -> Fit {
        var theta = try initial ?? start()
        let p = x.columns, q = levelCount - 1
        guard var current = evaluate(theta, withScores: false) else {
            throw LinearAlgebraError.invalidData("starting values give an observation probability 0")
        }
        var iterations = 0, small = 0, settled = false
        while iterations < maxIterations {
            iterations += 1
            let step = try Cholesky(current.hessian).solve(current.gradient)
            var t = 1.0, accepted: (theta: [Double], value: (ll: Double, gradient: [Double], hessian: Matrix, scores: Matrix))?
            while t > 1e-10 {
                let candidate = zip(theta, step).map { $0 - t * $1 }
                let ordered = (1..<max(1, q)).allSatisfy { candidate[p + $0] > candidate[p + $0 - 1] }
                if ordered, let v = evaluate(candidate, withScores: false), v.ll >= current.ll - 1e-12 * abs(current.ll) {
                    accepted = (candidate, v)
                    break
                }
                t /= 2
            }
            guard let next = accepted else { settled = true; break }
            let size = zip(step, theta).map { abs(t * $0) / (1 + abs($1)) }.max() ?? 0
            (theta, current) = (next.theta, next.value)
            // Newton converges quadratically: after a step below 1e-9 one more step reaches rounding level.
            if size < 1e-9 { small += 1; if small >= 2 { settled = true; break } } else { small = 0 }
        }
        // Still moving after every iteration: the likelihood rises without bound as the
        // coefficients grow (a predictor orders the categories perfectly), so there is no MLE to report.
        guard settled else {
            throw LinearAlgebraError.notConverged("after \(maxIterations) Newton iterations the proportional-odds "
                + "coefficients still grow without bound (complete or quasi-complete separation: a predictor orders the "
                + "categories perfectly), so the maximum-likelihood estimates do not exist")
        }
        guard let final = evaluate(theta, withScores: true) else {
            throw LinearAlgebraError.notConverged("proportional-odds fit reached an observation probability 0")
        }
        return Fit(parameters: theta, hessian: final.hessian, scores: final.scores, logLikelihood: final.ll,
                   iterations: iterations)
    }
}
