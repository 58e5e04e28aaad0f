#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText

/// The checks and df of a `ReplicateDesign` built with `deferChecks`: they come from the first
/// pass over the replicate weights that the estimates make anyway (`replicateValues`, fused), or
/// from a pass of their own when something asks first (`resolve`). Shared by the copies of the design.
final class PendingScan: @unchecked Sendable {
    let pattern: ReplicateType?
    let rho: Double
    /// The df given by the caller (no rank needed), or nil for R's rank-based df.
    let givenDF: Int?
    private let lock = Lock()
    private var outcome: Result<Int, DesignError>?

    init(pattern: ReplicateType?, rho: Double, givenDF: Int?) {
        self.pattern = pattern
        self.rho = rho
        self.givenDF = givenDF
    }

    /// Whether the checks have run.
    var isResolved: Bool { lock.withLock { outcome != nil } }

    /// A scanner configured for this design's checks; `fingerprints: false` leaves the rank to a
    /// `FullRankCertificate` (or, failing that, to the exact scan `record` runs).
    func scanner(replicates: Int, fingerprints: Bool = true) -> ReplicateScan {
        ReplicateScan(replicates: replicates, pattern: pattern, rho: rho, rank: fingerprints && givenDF == nil)
    }

    /// Keeps the outcome of a finished scan of `a` (the first one recorded wins). With
    /// `certifiedFullRank` (a `FullRankCertificate` held) the df is R − 1 without a rank computation;
    /// a scan without fingerprints and no certificate gets the exact scan.
    func record(_ scan: ReplicateScan, _ a: ReplicateWeights, weights: [Double], certifiedFullRank: Bool = false) {
        let result: Result<Int, DesignError>
        do throws(DesignError) {
            try scan.check()
            if let givenDF {
                result = .success(givenDF)
            } else if certifiedFullRank {
                result = .success(a.columns - 1)
            } else if !scan.fingerprints {
                let exact = ReplicateScan.run(a, weights: weights, pattern: nil, rho: 0, rank: true)
                result = .success(try exact.rankDF(a))
            } else {
                result = .success(try scan.rankDF(a))
            }
        } catch {
            result = .failure(error)
        }
        lock.withLock { if outcome == nil { outcome = result } }
    }

    /// The df, or the error the checks found; scans `a` now if no pass has yet.
    func resolve(_ a: ReplicateWeights, weights: [Double]) -> Result<Int, DesignError> {
        if let done = lock.withLock({ outcome }) { return done }
        let scan = ReplicateScan.run(a, weights: weights, pattern: pattern, rho: rho, rank: givenDF == nil)
        record(scan, a, weights: weights)
        return lock.withLock { outcome } ?? .failure(.invalidReplicates("replicate checks did not run"))
    }
}
