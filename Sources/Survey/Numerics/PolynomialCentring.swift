/// Centring and scaling of polynomial terms, x → z = (x − c)/h with c the midpoint and h the
/// half-range of x over the used rows, so z ∈ [−1, 1].
///
/// Why: raw powers of a variable far from 0 are nearly collinear (decimal years 2017-2025: x and
/// x² agree to 1e-5; NIST Filip: cond ≈ 1e15). With an intercept and every power 1…K of x in the
/// model, the powers of z span exactly the same space, so residuals, fitted values, σ̂ and R² are
/// unchanged, while the QR works on a far better conditioned matrix. The coefficients and their
/// covariance are mapped back to the raw basis in extended precision:
///
///     z^k = h^(−k) Σ_{m=0..k} C(k,m)(−c)^(k−m) x^m   ⇒   β_raw = N·β_z,  Cov_raw = N·Cov_z·Nᵀ,
///
/// N[m, k] = C(k,m)(−c)^(k−m)/h^k (row m = 0 is the intercept). Measured on Filip: coefficient LRE
/// from 10.4 (raw basis, refined) to 14+ (see docs/accuracy.md). The map is applied only when the
/// model has an intercept and the powers of x are exactly 1…K, K ≥ 2, all of one variable.
struct PolynomialCentring {
    /// Per term: (c, h) when the term is a power of a centred variable, else nil.
    let shifts: [(center: ExtendedFloat, halfRange: ExtendedFloat)?]
    /// Index of the intercept term.
    let interceptIndex: Int
    /// Each centred family: term index of power k at position k − 1.
    let families: [[Int]]

    /// Finds the centrable polynomial families among `terms` over `rows`; nil when there are none.
    init?(terms: [DesignTerm], rows: [Int]) {
        guard let i0 = terms.firstIndex(where: \.isIntercept), !rows.isEmpty else { return nil }
        var groups: [[Int]] = []          // indices of variable terms sharing one values array
        for (j, t) in terms.enumerated() {
            guard case .variable(let v, _) = t.kind else { continue }
            if let g = groups.firstIndex(where: { group in
                if case .variable(let w, _) = terms[group[0]].kind { return w == v }
                return false
            }) {
                groups[g].append(j)
            } else {
                groups.append([j])
            }
        }
        var shifts = [(center: ExtendedFloat, halfRange: ExtendedFloat)?](repeating: nil, count: terms.count)
        var families: [[Int]] = []
        for group in groups where group.count >= 2 {
            let powers = group.map { j -> Int in
                if case .variable(_, let p) = terms[j].kind { return p }
                return 0
            }
            guard Set(powers) == Set(1...group.count), powers.count == group.count,
                  case .variable(let v, _) = terms[group[0]].kind else { continue }
            var lo = v[rows[0]], hi = v[rows[0]]
            for i in rows { lo = min(lo, v[i]); hi = max(hi, v[i]) }
            guard hi > lo else { continue }   // constant: the constant-predictor check names it
            let c = (ExtendedFloat(lo) + ExtendedFloat(hi)) / 2, h = (ExtendedFloat(hi) - ExtendedFloat(lo)) / 2
            var ordered = [Int](repeating: 0, count: group.count)
            for (j, p) in zip(group, powers) { ordered[p - 1] = j; shifts[j] = (c, h) }
            families.append(ordered)
        }
        guard !families.isEmpty else { return nil }
        self.shifts = shifts
        interceptIndex = i0
        self.families = families
    }

    /// N (p × p, row-major nested arrays): β_raw = N·β_z.
    func basisChange(parameters p: Int) -> [[ExtendedFloat]] {
        var n = (0..<p).map { r in (0..<p).map { c -> ExtendedFloat in r == c ? 1 : 0 } }
        for family in families {
            guard let (c, h) = shifts[family[0]] else { continue }
            for (kMinus1, col) in family.enumerated() {
                let k = kMinus1 + 1
                n[col][col] = 0
                var binom: ExtendedFloat = 1            // C(k, m), m = 0…k
                for m in 0...k {
                    if m > 0 { binom = binom * ExtendedFloat(k - m + 1) / ExtendedFloat(m) }
                    let row = m == 0 ? interceptIndex : family[m - 1]
                    n[row][col] += binom * power(-c, k - m) / power(h, k)
                }
            }
        }
        return n
    }

    private func power(_ x: ExtendedFloat, _ k: Int) -> ExtendedFloat {
        var r: ExtendedFloat = 1
        for _ in 0..<k { r *= x }
        return r
    }

    /// β_raw = N·β_z in extended precision.
    static func apply(_ n: [[ExtendedFloat]], to beta: [ExtendedFloat]) -> [ExtendedFloat] {
        n.map { row in zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    /// N·C·Nᵀ for a p × p covariance, accumulated in extended precision (BLAS has no extended
    /// type; p is small). The cancellation in this product is why it is not done in `Double`.
    static func transform(_ n: [[ExtendedFloat]], covariance c: Matrix) -> Matrix {
        let p = c.rows
        var nc = [[ExtendedFloat]](repeating: [ExtendedFloat](repeating: 0, count: p), count: p)
        for r in 0..<p { for k in 0..<p { var s: ExtendedFloat = 0; for j in 0..<p { s += n[r][j] * ExtendedFloat(c[j, k]) }; nc[r][k] = s } }
        var out = Matrix(rows: p, columns: p)
        for r in 0..<p { for q in 0..<p { var s: ExtendedFloat = 0; for k in 0..<p { s += nc[r][k] * n[q][k] }; out[r, q] = Double(s) } }
        return out
    }
}
