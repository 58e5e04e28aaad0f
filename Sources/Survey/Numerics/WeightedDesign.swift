import CBLAS

/// The row-weighted, column-scaled design A = W^½ · X · S that the least-squares solver factors,
/// with the observations of zero weight left out.
///
/// Column scaling: S is diagonal with powers of two, s_j = 2^(-round(log2 ‖W^½x_j‖)), so every
/// scaled column has a norm in [1, 2) and the scaling is exact in binary floating point (it
/// changes no digit of the data). This makes the rank test of `PivotedQR` scale-free and removes
/// the artificial ill-conditioning of columns measured in different units (Longley: GNP ≈ 5e5
/// next to the intercept).
package struct WeightedDesign {
    /// Indices of the observations used (weight > 0), in input order.
    let rows: [Int]
    /// √wᵢ for each used row, in extended precision.
    let rootWeights: [ExtendedFloat]
    /// The model's terms in input order.
    let terms: [DesignTerm]
    /// Power-of-two column scales, input order.
    let scales: [Double]
    /// A = W^½XS rounded to `Double` (n₊ × p, input column order): what the QR factors.
    let matrix: Matrix
    /// Centring of polynomial families (the design then holds powers of z = (x − c)/h), if any.
    let centring: PolynomialCentring?

    /// Chooses the used rows and the column scales. `weights` nil means all ones.
    package init(terms: [DesignTerm], observations n: Int, weights: [Double]?, centre: Bool = true) {
        self.terms = terms
        if let weights {
            var used: [Int] = []
            var roots: [ExtendedFloat] = []
            for i in 0..<n where weights[i] > 0 {
                used.append(i)
                roots.append(ExtendedFloat(weights[i]).squareRoot())
            }
            rows = used
            rootWeights = roots
        } else {
            rows = Array(0..<n)
            rootWeights = Array(repeating: 1, count: n)
        }
        let centring = centre ? PolynomialCentring(terms: terms, rows: rows) : nil
        self.centring = centring
        let m = rows.count
        var matrix = Matrix(rows: m, columns: terms.count)
        var scales: [Double] = []
        var buffer = [ExtendedFloat](repeating: 0, count: m)
        for j in 0..<terms.count {
            let shift = centring?.shifts[j]
            if weights == nil, shift == nil, case .variable(let v, 1) = terms[j].kind {
                for k in 0..<m { matrix.storage[k + j * m] = v[rows[k]] }   // exact already
            } else {
                WeightedDesign.fill(&buffer, term: terms[j], rows: rows, rootWeights: rootWeights, scale: 1, shift: shift)
                for k in 0..<m { matrix.storage[k + j * m] = Double(buffer[k]) }
            }
            let norm = matrix.storage.withUnsafeBufferPointer { a in
                cblas_dnrm2(Int32(clamping: m), a.baseAddress.map { $0 + j * m }, 1)
            }
            // 2^(−⌊log2 ‖x_j‖⌋); a zero (or overflowing) column keeps scale 1 (QR/the caller reports it)
            let s = norm > 0 && norm.isFinite ? Double(sign: .plus, exponent: -Int(norm.exponent), significand: 1) : 1
            scales.append(s)
            for k in 0..<m { matrix.storage[k + j * m] *= s }
        }
        self.scales = scales
        self.matrix = matrix
    }

    /// Number of used observations.
    var count: Int { rows.count }

    /// Writes √wᵢ · x_ij · s_j for the used rows into `buffer` (extended precision).
    func column(_ j: Int, into buffer: inout [ExtendedFloat]) {
        WeightedDesign.fill(
            &buffer, term: terms[j], rows: rows, rootWeights: rootWeights, scale: scales[j], shift: centring?.shifts[j])
    }

    private static func fill(
        _ buffer: inout [ExtendedFloat], term: DesignTerm, rows: [Int], rootWeights: [ExtendedFloat], scale: Double,
        shift: (center: ExtendedFloat, halfRange: ExtendedFloat)?
    ) {
        let s = ExtendedFloat(scale)
        let (c, h) = shift ?? (0, 1)
        switch term.kind {
        case .intercept:
            for k in 0..<rows.count { buffer[k] = rootWeights[k] * s }
        case .variable(let values, let power):
            values.withUnsafeBufferPointer { v in
                for k in 0..<rows.count {
                    let x = shift == nil ? ExtendedFloat(v[rows[k]]) : (ExtendedFloat(v[rows[k]]) - c) / h
                    var p: ExtendedFloat = power == 0 ? 1 : x
                    var e = 1
                    while e < power { p *= x; e += 1 }
                    buffer[k] = rootWeights[k] * p * s
                }
            }
        }
    }

    /// √wᵢ·yᵢ for the used rows.
    func weightedResponse(_ y: [Double]) -> [ExtendedFloat] {
        (0..<rows.count).map { rootWeights[$0] * ExtendedFloat(y[rows[$0]]) }
    }
}
