/// Derivative-free minimisation (Nelder & Mead 1965, standard coefficients 1, 2, ½, ½) for the
/// few smooth parameters of trend models (state noise, breakpoint refinement).
///
/// Stops when the simplex's function values agree to `tolerance` (absolute + relative) and its
/// vertices to `tolerance` in every coordinate, or after `maxEvaluations`. A non-finite
/// objective value counts as +∞, so the search steps back from invalid regions.
struct NelderMead: Sendable {
    var tolerance = 1e-11
    var maxEvaluations = 4000

    /// Minimises `f` from `start` with initial steps `step`; returns the best point and value.
    func minimize(
        _ f: ([Double]) -> Double, start: [Double], step: [Double]
    ) -> (point: [Double], value: Double, evaluations: Int) {
        let k = start.count
        var evaluations = 0
        func eval(_ x: [Double]) -> Double {
            evaluations += 1
            let y = f(x)
            return y.isFinite ? y : .infinity
        }
        var simplex = [start]
        for i in 0..<k {
            var x = start
            x[i] += step[i]
            simplex.append(x)
        }
        var values = simplex.map(eval)
        while evaluations < maxEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let spreadF = abs(values[k] - values[0])
            var spreadX = 0.0
            for v in simplex.dropFirst() { for i in 0..<k { spreadX = max(spreadX, abs(v[i] - simplex[0][i])) } }
            if spreadF <= tolerance * (1 + abs(values[0])) && spreadX <= tolerance * 1e3 { break }
            var centroid = [Double](repeating: 0, count: k)
            for v in simplex.dropLast() { for i in 0..<k { centroid[i] += v[i] / Double(k) } }
            func along(_ c: Double) -> [Double] { (0..<k).map { centroid[$0] + c * (simplex[k][$0] - centroid[$0]) } }
            let reflected = along(-1), fr = eval(reflected)
            if fr < values[0] {
                let expanded = along(-2), fe = eval(expanded)
                if fe < fr { simplex[k] = expanded; values[k] = fe } else { simplex[k] = reflected; values[k] = fr }
            } else if fr < values[k - 1] {
                simplex[k] = reflected; values[k] = fr
            } else {
                let contracted = fr < values[k] ? along(-0.5) : along(0.5)
                let fc = eval(contracted)
                if fc < min(fr, values[k]) {
                    simplex[k] = contracted; values[k] = fc
                } else {
                    for j in 1...k {
                        simplex[j] = (0..<k).map { simplex[0][$0] + 0.5 * (simplex[j][$0] - simplex[0][$0]) }
                        values[j] = eval(simplex[j])
                    }
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] } ?? 0
        return (simplex[best], values[best], evaluations)
    }
}
