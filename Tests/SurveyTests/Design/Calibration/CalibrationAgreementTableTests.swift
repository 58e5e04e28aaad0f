import Foundation
import Testing
import Survey

/// Runs every calibration, crosstab and svyglm comparison with R (the tests of
/// `CalibrationReferenceTests`, `ReplicateCalibrationTests`, `CalibrationFunctionReferenceTests`,
/// `CrosstabTests`, `CrosstabReportTests`, `DesignGLMTests`)
/// under one recorder and writes/checks the generated table of measured maxima in
/// docs/calibration.md (`BAROMETER_WRITE_DOCS=1` rewrites it).
@Suite struct CalibrationAgreementTableTests {
    @Test func agreementTable() throws {
        let entries = try AgreementRecorder.measuring {
            let calibration = CalibrationReferenceTests()
            for name in CalibrationReferenceTests.caseNames {
                try calibration.weightsMatchR(name)
                try calibration.standardErrorsMatchR(name)
            }
            try ReplicateCalibrationTests().rakedJK1MatchesR()
            let calfun = CalibrationFunctionReferenceTests()
            for name in CalibrationFunctionReferenceTests.caseNames {
                try calfun.weightsAndDiagnosticsMatchR(name)
                try calfun.estimatesMatchR(name)
            }
            let crosstab = CrosstabTests()
            for name in CrosstabTests.cases { try crosstab.matchesR(name) }
            for name in ["srs", "strat", "clus1"] { try crosstab.matchesSharedExpected(name) }
            let report = CrosstabReportTests()
            for name in CrosstabReportTests.cases {
                try report.percentagesCountsAndMarginsMatchR(name)
                try report.waldTestsMatchR(name)
                try report.bannerPairsMatchR(name)
            }
            let glm = DesignGLMTests()
            for design in DesignGLMTests.designs {
                for family in DesignGLMTests.families { try glm.matchesR(design, family) }
            }
            for name in ["srs", "strat", "clus1"] { try glm.matchesSharedExpected(name) }
        }
        #expect(entries.values.reduce(0) { $0 + $1.count } > 1000)
        try AgreementTable.verify(entries, "docs/calibration.md", "agreement")
    }
}
