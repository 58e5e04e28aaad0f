/// Input checks shared by `LinearModel` and `GeneralizedLinearModel`.
enum ModelInput {
    /// Lengths agree; response, predictors and weights are finite; weights are ≥ 0 with a
    /// positive total. Messages name the variable and the 1-based observation.
    static func validate(
        response: [Double], name: String, terms: [DesignTerm], weights: [Double]?
    ) throws(LinearAlgebraError) {
        let n = response.count
        if let i = response.firstIndex(where: { !$0.isFinite }) {
            throw .invalidData("\(name): observation \(i + 1) is \(response[i]); a finite number is required")
        }
        for term in terms {
            guard case .variable(let v, _) = term.kind else { continue }
            guard v.count == n else {
                throw .dimensionMismatch("\(term.name) has \(v.count) observations, the response \(n)")
            }
            if let i = v.firstIndex(where: { !$0.isFinite }) {
                throw .invalidData("\(term.name): observation \(i + 1) is \(v[i]); a finite number is required")
            }
        }
        if let weights {
            guard weights.count == n else {
                throw .dimensionMismatch("\(weights.count) weights for \(n) observations")
            }
            if let i = weights.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw .invalidData("weight of observation \(i + 1) is \(weights[i]); weights must be finite and ≥ 0")
            }
        }
    }
}
