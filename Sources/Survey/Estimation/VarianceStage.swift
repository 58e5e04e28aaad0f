/// One sampling stage of a linearization design, expressed over the design's *leaf units* (the
/// finest clusters: rows sharing every stage's cluster id), which is all the variance formula needs.
///
/// At stage s the with-replacement variance of the cluster totals y_c within stratum h is
/// `m_h · f_h · n_h/(n_h−1) · Σ_c (y_c − ȳ_h)(y_c − ȳ_h)ᵀ`, where n_h is the number of sampled
/// clusters, `f_h = (N_h − n_h)/N_h` the finite-population factor (1 without fpc) and `m_h` the
/// product of the sampling fractions n/N of the enclosing strata at earlier stages (R `survey`'s
/// `multistage` recursion, flattened). Stage s ≥ 2 strata are the stage s−1 clusters.
struct VarianceStage: Sendable {
    /// Stage cluster of each leaf unit, `0..<clusterCount`.
    let clusterOfLeaf: [Int32]
    /// Stratum of each stage cluster, `0..<strata.count`.
    let stratumOfCluster: [Int32]
    /// Per stratum: sampled clusters n_h.
    let sampled: [Int]
    /// Per stratum: fpc factor f_h = (N−n)/N, or 1 without fpc.
    let factor: [Double]
    /// Per stratum: product of earlier stages' sampling fractions (1 at stage 1).
    let multiplier: [Double]
    /// Per stratum: the recursion group (stage 1: all strata form group 0; later: the parent cluster),
    /// over which `average` rescales by #strata/#strata with ≥ 2 PSUs.
    let group: [Int32]
    /// Per stratum: label for messages.
    let labels: [String]

    var clusterCount: Int { stratumOfCluster.count }
    var groupCount: Int { Int(group.max() ?? -1) + 1 }
}
