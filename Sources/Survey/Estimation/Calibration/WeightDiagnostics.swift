/// Summary of a weight vector that says whether calibrated weights are usable: range, spread, and
/// the loss of precision unequal weights cost (Kish 1965, §11.7: design effect `1 + CV²` with the
/// CV of the weights taken with divisor n, so `deff = n Σw² / (Σw)²`, effective n = `(Σw)² / Σw²`).
public struct WeightDiagnostics: Sendable, Equatable {
    public let count: Int
    public let sum: Double
    public let minimum: Double
    public let maximum: Double
    /// max / min (infinite when a weight is 0; negative when one is negative).
    public let ratio: Double
    /// Kish's design effect from unequal weighting, `1 + CV²`.
    public let kishDeff: Double
    /// Kish's effective sample size, `n / deff`.
    public let effectiveN: Double
    /// Weights below zero.
    public let negative: Int

    public init(_ w: [Double]) {
        var sum = 0.0, squares = 0.0, lo = Double.infinity, hi = -Double.infinity, negative = 0
        for x in w {
            sum += x
            squares += x * x
            lo = min(lo, x)
            hi = max(hi, x)
            if x < 0 { negative += 1 }
        }
        count = w.count
        self.sum = sum
        minimum = w.isEmpty ? .nan : lo
        maximum = w.isEmpty ? .nan : hi
        ratio = hi / lo
        kishDeff = Double(w.count) * squares / (sum * sum)
        effectiveN = sum * sum / squares
        self.negative = negative
    }
}
