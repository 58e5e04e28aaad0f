import Foundation
import Testing
import Survey

/// Runs every trend comparison with a peer (`TrendModelReferenceTests`, `LocalTrendReferenceTests`)
/// under one recorder and writes/checks the generated validation table of docs/trends.md
/// (`BAROMETER_WRITE_DOCS=1 swift test --filter TrendAgreementTableTests` rewrites it).
@Suite struct TrendAgreementTableTests {
    @Test func agreementTable() throws {
        let entries = try AgreementRecorder.measuring {
            let models = TrendModelReferenceTests(), local = LocalTrendReferenceTests()
            for name in TrendReference.names {
                try models.linearAndQuadraticMatchStatsmodelsWLS(name: name)
                try models.logitMatchesStatsmodelsGLM(name: name)
                try models.segmentedMatchesProfileSearchAndR(name: name)
                try models.levelShiftMatchesStatsmodelsWLS(name: name)
                try local.filterAndSmootherAtFixedNoise(name: name)
                try local.maximumLikelihoodNoise(name: name)
            }
        }
        #expect(entries.count >= 10)
        try AgreementTable.verify(entries, "docs/trends.md", "trend-agreement")
    }
}
