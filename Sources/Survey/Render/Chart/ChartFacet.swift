/// Which key part splits a multi-series chart into small multiples (`--facet country|target`).
public enum ChartFacet: String, Sendable, CaseIterable {
    case country, target
}
