import Foundation
import Testing
import Survey

/// R's df of a replicate design's domain: `[.svyrep.design` (what `subset` calls) recomputes
/// `degf` as the rank of the subset's replicate weights − 1. References from R 4 `survey` 4.1.1 on
/// `Tests/Fixtures/rsurvey-extra/clus1_jk1.csv` (apiclus1's 15 JK1 replicates, combined):
/// `r <- svrepdesign(data=d, repweights="rw[0-9]+", weights=~pw, type="JK1", combined.weights=TRUE)`;
/// `sub <- subset(r, stype==s)`; `degf(sub)`; `confint(svymean(~api00, sub), df=degf(sub))`.
/// A domain holding 8 of the 15 districts keeps 8 distinct replicate-weight rows: rank 8, df 7.
@Suite("Replicate domain df (R's degf of the subset)")
struct DomainDFTests {
    /// R: stype → (degf(sub), mean, SE, 2.5%, 97.5%).
    static let reference: [String: (df: Double, mean: Double, se: Double, lower: Double, upper: Double)] = [
        "E": (14, 648.868055555556, 25.6294990802173, 593.898247110304, 703.837864000807),
        "H": (7, 618.571428571429, 46.8102158228285, 507.882857014476, 729.260000128381),
        "M": (11, 631.44, 34.0264245671496, 556.548344476726, 706.331655523274),
    ]

    static let path = CalibrationFixtures.extra("clus1_jk1.csv").path
    static let names = (1...15).map { "rw\($0)" }

    /// The fixture's given JK1 weights as a design (in memory), and its table.
    static func fileDesign() throws -> (ReplicateDesign, Table) {
        let t = try CalibrationFixtures.loadCSV(CalibrationFixtures.extra("clus1_jk1.csv"))
        let d = try ReplicateDesign(weights: t.numeric("pw"),
                                    replicates: ReplicateWeights(rows: t.rowCount, columns: names.map { try t.numeric($0) }),
                                    type: .jk1)
        return (d, t)
    }

    static func check(_ estimate: Estimate, _ context: String, rule: DomainDegreesOfFreedom = .auto) {
        #expect(estimate.elements.count == 3, "\(context)")
        for e in estimate.elements {
            guard let value = e.domain?.value, let r = reference[value] else { Issue.record("\(context): domain"); continue }
            #expect(abs(e.value - r.mean) < 1e-9 * r.mean, "\(context) \(value) mean")
            #expect(abs(e.standardError - r.se) < 1e-9 * r.se, "\(context) \(value) SE")
            if rule == .design {
                #expect(e.degreesOfFreedom == 14 && e.dfRule == .design, "\(context) \(value) design df")
            } else {
                #expect(e.degreesOfFreedom == r.df, "\(context) \(value): df \(e.degreesOfFreedom) vs R's \(r.df)")
                #expect(abs(e.ciLower - r.lower) < 1e-9 * r.mean && abs(e.ciUpper - r.upper) < 1e-9 * r.mean,
                        "\(context) \(value): [\(e.ciLower), \(e.ciUpper)] vs R [\(r.lower), \(r.upper)]")
            }
        }
    }

    @Test("in memory: H 7, M 11, E 14 df and R's intervals; --domain-df design keeps 14")
    func inMemory() throws {
        let (d, t) = try Self.fileDesign()
        #expect(d.degreesOfFreedom == 14)
        let by = Domains(column: try t.column(named: "stype"))
        for rule in [DomainDegreesOfFreedom.auto, .subset, .design] {
            let e = try d.means([t.column(named: "api00")], by: by, options: EstimationOptions(domainDF: rule))
            Self.check(e, "in memory \(rule)", rule: rule)
        }
    }

    @Test("converted from the cluster design (as.svrepdesign JK1): the same df from the PSU factors")
    func converted() throws {
        let t = try CalibrationFixtures.loadCSV(CalibrationFixtures.extra("clus1_jk1.csv"))
        let linear = try SurveyDesign(rows: t.rowCount, weights: t.column(named: "pw"), clusters: [t.column(named: "dnum")])
        let d = try linear.replicateDesign(.jk1)
        let by = Domains(column: try t.column(named: "stype"))
        let df = d.degreesOfFreedom(base: nil, domains: by)
        let order = by.labels.map { Self.reference[$0]!.df }
        #expect(df == [14] + order, "\(df)")
    }

    @Test("streamed, re-reading the file for the uncertified domains and accumulating every row: as in memory",
          arguments: [false, true], [1_000, 1 << 20])
    func streamed(reread: Bool, chunkBytes: Int) throws {
        let spec = StreamingReplicates(weights: "pw", replicates: Self.names, type: .jk1)
        let reader = StreamingCSV(path: Self.path, chunkBytes: chunkBytes, threads: 1)
        for rule in [DomainDegreesOfFreedom.auto, .design] {
            var estimator = try StreamingEstimator(request: StreamingRequest(means: ["api00"], by: "stype", domainDF: rule),
                                                   design: .replicate(spec))
            if reread { estimator.source = reader }
            try reader.forEachChunk { chunk, before in try estimator.add(chunk, rowsBefore: before) }
            let (estimate, summary) = try estimator.estimate()
            #expect(summary.degreesOfFreedom == 14)
            Self.check(estimate, "streamed reread=\(reread) chunk=\(chunkBytes) \(rule)", rule: rule)
        }
    }

    @Test("a missing value leaves its row out of the subset's rank (R's na.rm subset): the whole keeps 14 here")
    func baseSubset() throws {
        let (d, t) = try Self.fileDesign()
        // Base: the high schools only (R: degf(subset(r, stype == "H")) = 7) — slot 0 is that subset.
        let stype = try t.column(named: "stype")
        guard case .categorical(let raw, let levels) = stype.values else { Issue.record("stype"); return }
        let h = Int32(levels.firstIndex(of: "H")!)
        let base = raw.map { $0 == h ? 1.0 : 0 }
        #expect(d.degreesOfFreedom(base: base, domains: nil) == [7])
    }
}
