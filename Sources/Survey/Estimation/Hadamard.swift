#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Hadamard matrices (0/1 form) chosen exactly as R `survey`'s `hadamard(n)` chooses them, so
/// BRR/Fay replicates converted from a design match R's replicate for replicate.
///
/// R's rule for the smallest usable matrix with more than n rows: a precomputed matrix of size 4 or 16
/// (Sylvester: the 1×1 matrix (1) doubled as [[H, H], [H, 1−H]]) when n is just below it; else
/// a Paley construction from a prime p ≡ 3 (mod 4) (entry (i, j) is 0 when i + j mod p is a
/// quadratic residue or 0, bordered by a row and column of 1s), possibly doubled; else a doubled
/// precomputed matrix. R's precomputed sizes 28 and 36 (used for 24–27 and 32–35 strata) are
/// Williamson-type matrices stored as data; those sizes are not reproduced and throw.
enum Hadamard {
    /// R's precomputed sizes, in its order.
    static let precomputedSizes = [4, 16, 28, 36]

    /// Primes p ≡ 3 (mod 4) up to 7919 (R's `small.primes`).
    static let smallPrimes: [Int] = (3...7919).filter { (p: Int) -> Bool in
        guard p % 4 == 3 else { return false }
        var d = 2
        while d * d <= p {
            if p % d == 0 { return false }
            d += 1
        }
        return true
    }

    /// The matrix R's `hadamard(n)` returns (rows are `matrix[i]`, entries 0/1).
    static func matrix(_ n: Int) throws(DesignError) -> [[UInt8]] {
        let m = n - n % 4
        if let i = precomputedSizes.indices.first(where: { m < precomputedSizes[$0] && m + 4 >= precomputedSizes[$0] }) {
            return try precomputed(i)
        }
        if precomputedSizes.allSatisfy({ m < $0 }) { return try precomputed(0) }
        let sizes = precomputedSizes.map { s -> Int in
            let ratio = Double(n + 1) / Double(s)
            let doublings = max(0, Int((log2(ratio)).rounded(.up)))
            return s << doublings
        }
        var best = 0
        for i in sizes.indices where sizes[i] - n < sizes[best] - n { best = i }
        if sizes[best] - n > 4, let h = paley(n, limit: sizes[best]) { return h }
        var h = try precomputed(best)
        while h.count < sizes[best] { h = doubled(h) }
        return h
    }

    /// Sylvester matrices for R's sizes 4 and 16; R's stored 28 and 36 are not reproduced.
    static func precomputed(_ index: Int) throws(DesignError) -> [[UInt8]] {
        let size = precomputedSizes[index]
        guard size == 4 || size == 16 else {
            throw .impossible("BRR conversion needs R's stored \(size)×\(size) Hadamard matrix, which barometer does not "
                + "reproduce; give replicate weights or use jkn/bootstrap")
        }
        var h: [[UInt8]] = [[1]]
        while h.count < size { h = doubled(h) }
        return h
    }

    /// [[H, H], [H, 1−H]].
    static func doubled(_ h: [[UInt8]]) -> [[UInt8]] {
        h.map { $0 + $0 } + h.map { $0 + $0.map { 1 - $0 } }
    }

    /// R's `paley(n, nmax)`; nil when R's returns NULL.
    static func paley(_ n: Int, limit: Int) -> [[UInt8]]? {
        let nceil = n + 4 - n % 4
        var nn = nceil
        if n % 4 + 4 == n % 8 {
            while nn % 8 == 0 { nn /= 2 }
            if smallPrimes.contains(nn - 1) {
                var m = paley(prime: nn - 1)
                while nn < nceil { m = doubled(m); nn *= 2 }
                return m
            }
        }
        guard let largest = smallPrimes.last, n <= largest, let p = smallPrimes.first(where: { $0 >= n }) else { return nil }
        if p + 1 > nceil + 4 && nceil + 4 < limit { return paley(nceil + 3, limit: 2 * (nceil + 3)) }
        if p > limit { return nil }
        return paley(prime: p)
    }

    /// The (p+1)-square Paley matrix for a prime p ≡ 3 (mod 4).
    static func paley(prime p: Int) -> [[UInt8]] {
        var residue = [Bool](repeating: false, count: p)
        residue[0] = true
        for i in 1...max(1, (p - 1) / 2) { residue[(i * i) % p] = true }
        var rows: [[UInt8]] = [[UInt8](repeating: 1, count: p + 1)]
        for i in 0..<p {
            rows.append([1] + (0..<p).map { j in residue[(i + j) % p] ? 0 : 1 })
        }
        return rows
    }
}
