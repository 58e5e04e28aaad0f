import Testing

/// The article's ten lines give R `survey`'s answer (Tests/Fixtures/rsurvey/expected.json,
/// R 4.2.2, survey 4.1.1: `svymean(~api00, svydesign(id=~1, strata=~stype, weights=~pw,
/// fpc=~fpc, data=apistrat))` = 662.2873631593208, SE 9.40894080278458, deff 1.2044572685377166).
@Suite struct DesignBasedMeanTests {
    @Test func meanOfAPI00MatchesRSurvey() throws {
        let m = try meanAPI(apistrat: DocCPaths.path("Tests/Fixtures/rsurvey/data/apistrat.csv"))
        #expect(abs(m.value - 662.2873631593208) < 1e-9)
        #expect(abs(m.standardError - 9.40894080278458) < 1e-9)
        #expect(m.n == 200)   // apistrat: 200 schools (100 elementary, 50 middle, 50 high)
    }
}
