import ArgumentParser
import Survey

extension GLMFamily: ExpressibleByArgument {}

extension Barometer.Regress {
    /// Families the design-based GLM offers (tested against R `svyglm`).
    static let designFamilies: [GLMFamily] = [.gaussian, .binomial, .quasibinomial]

    /// True when the fit is design-based: `--family`, or any design flag besides `--weights`
    /// (`--weights` alone keeps its precision-weight WLS meaning).
    var isDesignBased: Bool {
        family != nil || design.strata != nil || design.cluster != nil || design.fpc != nil
            || design.probabilities != nil || design.repweights != nil || design.rake != nil
            || design.poststratify != nil || design.toReplicates != nil
    }

    func validateDesignFlags() throws {
        if let family, !Self.designFamilies.contains(family) {
            throw ValidationError("--family takes gaussian, binomial or quasibinomial")
        }
    }

    /// R `svyglm`: the GLM of `--family` (default gaussian) with sandwich (or replicate) SEs under
    /// the design the flags describe; `--weights` are the sampling weights.
    func designRegression(table: Table) throws -> RegressionReport {
        let d = try design.makeDesign(for: table)
        var spec = specification
        spec.weights = nil
        let fit = try fitDesignGLM(spec, table: table, design: d, family: family ?? .gaussian)
        let s = d.summary
        let note = "design: \(s.kind), n = \(s.n), df = \(s.degreesOfFreedom)"
            + (s.strata.map { ", \($0) strata" } ?? "") + (s.psus.map { ", \($0) PSUs" } ?? "")
            + (s.replicateType.map { ", \(s.replicates ?? 0) \($0) replicates" } ?? "")
        return RegressionReport(fit, response: response, level: level, notes: [note], source: file)
    }
}
