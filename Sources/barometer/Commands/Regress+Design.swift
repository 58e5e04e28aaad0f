import ArgumentParser
import Survey

extension GLMFamily: ExpressibleByArgument {}

extension Barometer.Regress {
    /// Families the design-based GLM offers (tested against R `svyglm`).
    static let designFamilies: [GLMFamily] = [.gaussian, .binomial, .quasibinomial, .poisson, .quasipoisson]

    /// True when the fit is design-based: `--family`, `--weights` (sampling weights, as svyglm)
    /// or any other design flag.
    var isDesignBased: Bool {
        family != nil || design.weights != nil || design.strata != nil || design.cluster != nil || design.fpc != nil
            || design.probabilities != nil || design.repweights != nil || design.rake != nil
            || design.poststratify != nil || design.toReplicates != nil
    }

    func validateDesignFlags() throws {
        if precisionWeights != nil && isDesignBased {
            throw ValidationError("--precision-weights (model-based WLS) cannot be combined with --weights, --family or design flags")
        }
        if let family, !Self.designFamilies.contains(family) {
            throw ValidationError("--family takes gaussian, binomial, quasibinomial, poisson or quasipoisson")
        }
        if (!tests.isEmpty || analysisOfTerms) && !isDesignBased {
            throw ValidationError("--test and --anova are design-based Wald tests: give --weights or design flags")
        }
    }

    /// R `svyglm`: the GLM of `--family` (default gaussian) with sandwich (or replicate) SEs under
    /// the design the flags describe; `--weights` are the sampling weights.
    func designRegression(table: Table) throws -> RegressionReport {
        let d = try design.makeDesign(for: table)
        var spec = specification
        spec.weights = nil
        let fit = try fitDesignGLM(spec, table: table, design: d, family: family ?? .gaussian)
        let termTests = try (analysisOfTerms ? fit.termTests() : [])
            + tests.map { try fit.waldTest($0.split(separator: "+").map(String.init)) }
        let s = d.summary
        let note = "design: \(s.kind), n = \(s.n), df = \(s.degreesOfFreedom)"
            + (s.strata.map { ", \($0) strata" } ?? "") + (s.psus.map { ", \($0) PSUs" } ?? "")
            + (s.replicateType.map { ", \(s.replicates ?? 0) \($0) replicates" } ?? "")
        let method = s.kind == "replicate" ? "replicate-weight" : "sandwich (linearization)"
        let weights = design.weights.map { "sampling weights '\($0)'" } ?? (design.probabilities.map { "sampling weights 1/'\($0)'" } ?? "equal weights")
        var report = RegressionReport(
            fit, response: response, level: level, notes: [note, "design-based \(method) SEs, \(weights)"], source: file)
        report.termTests = termTests
        return report
    }
}
