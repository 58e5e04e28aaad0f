import SurveyNumerics

/// R's replicate df, rank(A) − 1 under `qr(A, tol = 1e-5)`, from the Gram matrix G = AᵀA alone:
/// with G = VΛVᵀ, B = Λ^½ Vᵀ has BᵀB = G, so R's rule (`LimitedPivotingRank`: each column's
/// residual against its own norm, in column order) on the R × R matrix B decides as on the n × R
/// matrix A (both depend on A only through AᵀA). LAPACK's pivoting with |R_kk| against |R_00|
/// counted one column too many on a JK1 domain whose Gram matrix differed in the last bits.
/// Used where A has too many distinct rows to factor: the streamed pass, and subsets with more
/// than `distinctRowLimit` distinct rows.
enum GramRank {
    /// Distinct rows above which a subset's rank comes from its Gram matrix instead of a QR of
    /// the rows (the QR's cost grows with the rows, the Gram route's only with R).
    static let distinctRowLimit = 20_000

    /// rank − 1 of the matrix whose Gram matrix is `gram` (symmetric, both triangles).
    static func rankDF(gram: Matrix) throws(DesignError) -> Int {
        let r = gram.rows
        do {
            let (eigenvalues, vectors) = try LAPACK.dsyev(gram, divideAndConquer: true)
            var b = Matrix(rows: r, columns: r)
            for k in 0..<r {
                let s = max(eigenvalues[k], 0).squareRoot()
                for j in 0..<r { b[k, j] = s * vectors[j, k] }
            }
            // B's columns carry the Gram matrix's rounding, about √ε·√λ_max: the exact column
            // norms come from its diagonal (a zero column stays zero), and no residual below
            // 1e-6 of the largest norm counts (noise; the rule before was 1e-5 of it).
            let norms = (0..<r).map { max(gram[$0, $0], 0).squareRoot() }
            return try LimitedPivotingRank.rank(of: b, tolerance: 1e-5, norms: norms, floor: 1e-6 * (norms.max() ?? 0)) - 1
        } catch {
            throw .invalidReplicates("rank of the replicate weights could not be computed: \(error)")
        }
    }

    /// rank − 1 of rows `rows` of `a` (the weights as they are): R − 1 when a sample of them
    /// certifies full rank (`FullRankCertificate`: every `stride`-th row against each column's
    /// norm over all of them — a pass at memory speed), else from their Gram matrix. A design
    /// whose rows are never exactly parallel (rounded replicate weights, as in ACS files) has as
    /// many distinct rows as rows: a QR of them took 7.7 s at 2M × 80.
    /// `rows` nil: all rows. `norms`: each column's Σ a² over the rows whose rank R computes (a
    /// superset of `rows`: a subset's rows, some repeats left out of `rows`), when known.
    /// `multiplicity`: per entry of `rows`, how many times (≥ 1) its outer product counts — the
    /// Σ s² of the parallel rows it stands for over its own s² (`ReplicateScan`'s classes).
    static func rankDF(of a: ReplicateWeights, rows: [Int]?, norms: [Double]? = nil,
                       multiplicity: [Double]? = nil) throws(DesignError) -> Int {
        let r = a.columns, count = rows?.count ?? a.rows
        let step = FullRankCertificate.stride(rows: count, replicates: r)
        var squares = norms ?? [Double](repeating: 0, count: r), sample: [Double] = []
        let sampled = stride(from: 0, to: count, by: step).map { rows?[$0] ?? $0 }
        sample.reserveCapacity(sampled.count * r)
        for i in sampled { for j in 0..<r { sample.append(a.storage[j][i]) } }
        for j in 0..<r where norms == nil {
            a.storage[j].withUnsafeBufferPointer { x in
                var s0 = 0.0, s1 = 0.0
                var k = 0
                if let rows, let multiplicity {
                    while k < count {
                        let u = x[rows[k]]
                        s0 += multiplicity[k] * u * u
                        k += 1
                    }
                } else if let rows {
                    while k + 1 < count {
                        let u = x[rows[k]], v = x[rows[k + 1]]
                        s0 += u * u
                        s1 += v * v
                        k += 2
                    }
                    if k < count { s0 += x[rows[k]] * x[rows[k]] }
                } else {
                    while k + 1 < count {
                        s0 += x[k] * x[k]
                        s1 += x[k + 1] * x[k + 1]
                        k += 2
                    }
                    if k < count { s0 += x[k] * x[k] }
                }
                squares[j] = s0 + s1
            }
        }
        if FullRankCertificate.certifies(subset: sample, replicates: r, sumsOfSquares: squares) { return r - 1 }
        return try rankDF(gram: gram(of: a, rows: rows ?? Array(0..<a.rows), multiplicity: multiplicity))
    }

    /// Σ a² of each column of `a` over each slot's rows (`result[s]`), for the slots `wanted`: one
    /// pass down each column (a gather per slot missed the cache on every row).
    static func slotNorms(_ a: ReplicateWeights, slots: RowSlots, wanted: [Bool]) -> [[Double]] {
        let n = a.rows, r = a.columns
        var domain = [Int32](repeating: -1, count: n), whole = [Bool](repeating: false, count: n)
        for i in 0..<n {
            slots.forEachSlot(of: i) { s in
                if s == 0 { whole[i] = wanted[0] } else if wanted[s] { domain[i] = Int32(s) }
            }
        }
        var sums = [Double](repeating: 0, count: slots.count * r)
        for j in 0..<r {
            a.storage[j].withUnsafeBufferPointer { x in
                for i in 0..<n {
                    let v = x[i] * x[i]
                    if domain[i] >= 0 { sums[Int(domain[i]) * r + j] += v }
                    if whole[i] { sums[j] += v }
                }
            }
        }
        return (0..<slots.count).map { Array(sums[($0 * r)..<(($0 + 1) * r)]) }
    }

    /// Σ mₖ aᵢ aᵢᵀ over rows i = `rows[k]` of `a` (the weights as they are; m = `multiplicity`, or
    /// 1), gathered 4,096 rows at a time for BLAS; symmetric.
    static func gram(of a: ReplicateWeights, rows: [Int], multiplicity: [Double]? = nil) throws(DesignError) -> Matrix {
        let r = a.columns, block = 4096
        var gram = Matrix(rows: r, columns: r)
        var panel = [Double](repeating: 0, count: block * r)
        var start = 0
        while start < rows.count {
            let m = min(block, rows.count - start)
            if m < block { panel = [Double](repeating: 0, count: m * r) }
            for j in 0..<r {
                let column = a.storage[j]
                if let multiplicity {
                    for k in 0..<m { panel[j * m + k] = column[rows[start + k]] * multiplicity[start + k].squareRoot() }
                } else {
                    for k in 0..<m { panel[j * m + k] = column[rows[start + k]] }
                }
            }
            do { try gram.addCrossproduct(of: panel, rows: m) } catch {
                throw .invalidReplicates("rank of the replicate weights could not be computed: \(error)")
            }
            start += m
        }
        return gram
    }
}
