/// Profile-likelihood interval for a proportion (`svyciprop(method = "likelihood")`).
/// Not yet implemented: returns NaN limits, which the CLI reports as an unavailable interval.
struct ProfileLikelihoodInterval {
    let p: Double
    let variance: Double
    let df: Double
    let level: Double

    func interval() -> (lower: Double, upper: Double) { (.nan, .nan) }
}
