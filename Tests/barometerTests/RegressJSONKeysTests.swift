import Foundation
import Testing
@testable import barometer

/// docs/models.md "JSON": `model` is `ols`, `wls`, `svyglm_<family>` or `svyolr`, and
/// `exponentiated`, `term_tests` and `predicted_margins` appear only when asked for
/// (`--exp`; `--test`/`--anova`; `--margins-by`). R survey's apistrat example data.
@Suite struct RegressJSONKeysTests {
    static func json(_ extra: [String], y: String = "api00", x: String = "ell,meals,stype") throws -> [String: Any] {
        let r = OutputRun.run(["regress", "examples/apistrat.csv", "--y", y, "--x", x, "--format", "json"] + extra)
        #expect(r.exitCode == 0, "\(extra): \(r.errors)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
    }

    static let optional = ["exponentiated", "term_tests", "predicted_margins"]

    @Test func modelNamesAndOptionalKeys() throws {
        let cases: [([String], String, String, String?)] = [
            ([], "api00", "ell,meals,stype", nil), (["--precision-weights", "pw"], "api00", "ell,meals,stype", nil),
            (["--weights", "pw"], "api00", "ell,meals,stype", nil),
            (["--weights", "pw", "--test", "ell"], "api00", "ell,meals,stype", "term_tests"),
            (["--weights", "pw", "--anova"], "api00", "ell,meals,stype", "term_tests"),
            (["--weights", "pw", "--margins-by", "stype"], "api00", "ell,meals,stype", "predicted_margins"),
            (["--weights", "pw", "--family", "binomial", "--exp"], "sch.wide", "ell,meals", "exponentiated"),
            (["--weights", "pw", "--family", "ordinal"], "stype", "ell,meals", nil),
        ]
        let models = ["ols", "wls", "svyglm_gaussian", "svyglm_gaussian", "svyglm_gaussian", "svyglm_gaussian", "svyglm_binomial", "svyolr"]
        for ((extra, y, x, key), model) in zip(cases, models) {
            let json = try Self.json(extra, y: y, x: x)
            #expect(json["model"] as? String == model, "\(extra): \(String(describing: json["model"]))")
            for k in ["n", "df_residual", "coefficients"] { #expect(json[k] != nil, "\(extra): no \(k)") }
            for k in Self.optional { #expect((json[k] != nil) == (k == key), "\(extra): \(k)") }
        }
    }
}
