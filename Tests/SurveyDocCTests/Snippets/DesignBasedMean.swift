// The code of Survey.docc/Articles/DesignBasedMean.md, compiled here; ArticleSnippetTests checks
// that the article shows exactly the text between the docc-begin and docc-end lines.
// docc-begin
import Survey

/// Mean API score of California schools from R's `apistrat` sample (stratified by school type).
func meanAPI(apistrat path: String) throws -> EstimateElement {
    let table = try TableReader.read(path: path)
    let design = try SurveyDesign(rows: table.rowCount,
                                  weights: table.column(named: "pw"),
                                  strata: table.column(named: "stype"),
                                  fpc: [table.column(named: "fpc")])
    let mean = try design.means([table.column(named: "api00")])
    return mean.elements[0]   // value, standardError, ciLower, ciUpper, deff, n
}
// docc-end
