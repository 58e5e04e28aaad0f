import ArgumentParser
import Survey

/// `--family`: a GLM family of the design-based GLM, or `ordinal` (proportional-odds logit).
enum RegressFamily: String, ChoiceArgument, Sendable {
    case gaussian, binomial, quasibinomial, poisson, quasipoisson, ordinal

    /// The GLM family (nil for the ordinal model).
    var glm: GLMFamily? { GLMFamily(rawValue: rawValue) }
}

extension Barometer.Regress {
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
        if responseLevels != nil && family != .ordinal {
            throw ValidationError("--levels orders the response of --family ordinal")
        }
        if (!tests.isEmpty || analysisOfTerms || marginsBy != nil) && !isDesignBased {
            throw ValidationError("--test, --anova and --margins-by are design-based: give --weights or design flags")
        }
    }

    /// R `svyglm`: the GLM of `--family` (default gaussian) with sandwich (or replicate) SEs under
    /// the design the flags describe; `--weights` are the sampling weights.
    func designRegression(table: Table) throws -> RegressionReport {
        let d = try design.makeDesign(for: table)
        var spec = specification
        spec.weights = nil
        let levels = responseLevels.map(Self.list)
        let fit: any TermTestable
        var report: RegressionReport
        let margins: PredictedMargins?
        if family == .ordinal {
            let ordinal = try fitDesignOrdinal(spec, table: table, design: d, responseLevels: levels)
            (fit, report) = (ordinal, RegressionReport(ordinal, response: response, level: level, source: file))
            margins = try marginsBy.map {
                try predictedMargins(ordinal: spec, table: table, design: d, responseLevels: levels, group: $0)
            }
        } else {
            let glmFamily = family?.glm ?? .gaussian
            let glm = try fitDesignGLM(spec, table: table, design: d, family: glmFamily)
            (fit, report) = (glm, RegressionReport(glm, response: response, level: level, source: file))
            margins = try marginsBy.map { try predictedMargins(spec, table: table, design: d, family: glmFamily, group: $0) }
        }
        let termTests = try (analysisOfTerms ? fit.termTests() : [])
            + tests.map { try fit.waldTest($0.split(separator: "+").map(String.init)) }
        let s = d.summary
        let note = "design: \(s.kind), n = \(s.n), df = \(s.degreesOfFreedom)"
            + (s.strata.map { ", \($0) strata" } ?? "") + (s.psus.map { ", \($0) PSUs" } ?? "")
            + (s.replicateType.map { ", \(s.replicates ?? 0) \($0) replicates" } ?? "")
        let method = s.kind == "replicate" ? "replicate-weight" : "sandwich (linearization)"
        let weights = design.weights.map { "sampling weights '\($0)'" } ?? (design.probabilities.map { "sampling weights 1/'\($0)'" } ?? "equal weights")
        report.notes.insert(contentsOf: [note, "design-based \(method) SEs, \(weights)"], at: 0)
        report.termTests = termTests
        report.margins = margins
        return report
    }
}
