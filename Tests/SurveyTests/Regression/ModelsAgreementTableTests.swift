import Foundation
import Testing
import Survey

/// Runs every `regress` comparison with R (`ModelReferenceTests`, `PredictedMarginsTests`,
/// `OrdinalReferenceTests`) under one recorder and writes/checks the generated table of measured
/// maxima in docs/models.md (`BAROMETER_WRITE_DOCS=1 swift test --filter ModelsAgreementTableTests`
/// rewrites it).
@Suite struct ModelsAgreementTableTests {
    @Test func agreementTable() throws {
        let entries = try AgreementRecorder.measuring {
            let models = ModelReferenceTests()
            for c in ModelReferenceTests.cases { try models.svyglmMatchesR(c) }
            for (name, index) in ModelReferenceTests.termTestCases { try models.regTermTestMatchesR(name, index) }
            let margins = PredictedMarginsTests()
            for c in PredictedMarginsTests.glmCases { try margins.svypredmeansMatchesR(c.0, c.1, c.2, c.3, c.4) }
            for design in ["strat", "clus1"] { try margins.ordinalCategoryProbabilitiesMatchR(design) }
            let ordinal = OrdinalReferenceTests()
            for design in ["strat", "clus1"] { try ordinal.svyolrMatchesR(design) }
            try ordinal.replicateSvyolrMatchesR()
            try ordinal.regTermTestOnOrdinal()
            try ordinal.notebookModelMatchesR()
        }
        #expect(entries.count >= 20)
        try AgreementTable.verify(entries, "docs/models.md", "models-agreement")
    }
}
