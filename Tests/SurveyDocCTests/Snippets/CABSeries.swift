// The code of Survey.docc/Articles/CABMicrodataSeries.md, compiled here; ArticleSnippetTests
// checks that the article shows exactly the text between each docc-begin and docc-end pair.
// docc-begin
import Survey

/// Design-based shares of one respondent-level file in the layout of the Central Asia Barometer.
func importCABFile(at path: String) throws -> [Observation] {
    let codebook = try CABCodebook.builtIn()
    let file = try CABFile(table: try TableReader.read(path: path), path: path, codebook: codebook)
    return try CABImporter(codebook: codebook).observations(for: file)
}
// docc-end

// docc-begin
/// One series of the built-in CAB data: every wave of `measure` for `country` and `target`.
func builtInSeries(country: String, target: String, measure: String) throws -> (Series, [SourceReference]) {
    let cab = try SeriesCatalog.builtIn().dataset(named: "cab")
    let all = try Series.group(cab.observations)
    guard let series = all.first(where: {
        $0.key.country == country && $0.key.target == target && $0.key.measure == measure && !$0.key.isGroup
    }) else { throw DataError("no built-in CAB series \(country) · \(target) · \(measure)") }
    return (series, cab.sources)
}
// docc-end
