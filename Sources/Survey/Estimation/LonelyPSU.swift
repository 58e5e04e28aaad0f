/// What to do with a stratum that holds a single sampled PSU (or, at later stages, a PSU with a
/// single sampled sub-unit), where the with-replacement variance formula n/(n−1)·Σ(y−ȳ)² is undefined.
///
/// The policies are those of R `survey`'s `options(survey.lonely.psu=)`, but here a parameter of
/// the design, never a global:
/// - `fail` (default): the design initialiser throws, naming the stratum and the stage.
/// - `remove` and `certainty`: the stratum contributes nothing to the variance (as in R, both give
///   zero in the linearization formula; they differ for jackknife conversion only in R's naming).
/// - `adjust`: the lonely PSU's total is centred at zero (the grand mean of the influence values)
///   instead of its own stratum mean, scaled by the stratum's fpc factor — conservative.
/// - `average`: the stratum contributes nothing, and the variance summed over the other strata is
///   scaled up by (number of strata)/(number of strata with ≥ 2 PSUs).
/// A stratum whose fpc says it was fully enumerated (sampling fraction 1) is never lonely.
public enum LonelyPSU: String, CaseIterable, Sendable {
    case fail, remove, certainty, adjust, average
}
