import Testing
import Survey

@Suite struct WaveDateTests {
    /// Hand calculation (2020 is a leap year, 366 days): 1 July is day 183 (182 days before it),
    /// so 2 July → 2020 + 182/366 + 1/366 = 2020.5 exactly; 1 March → 2020 + 60/366.
    @Test func decimalYears() {
        #expect(WaveDate.decimalYear("2020-07-02") == 2020 + 183.0 / 366)
        #expect(WaveDate.decimalYear("2020") == 2020.5)
        #expect(WaveDate.decimalYear("2019-01-01") == 2019)
        #expect(WaveDate.decimalYear("2019-02-29") == nil)
        #expect(WaveDate.decimalYear("autumn") == nil)
    }

    /// A break given as a year starts on 1 January (between autumn 2019 and spring 2020 for the
    /// CAB mode change), and the same rule serves `trend --break` and `chart --break`.
    @Test func periodStartForBreaks() {
        #expect(WaveDate.periodStart("2020") == 2020)
        #expect(WaveDate.periodStart("2020-03") == 2020 + 60.0 / 366)
        #expect(WaveDate.periodStart("2020-03-15") == WaveDate.decimalYear("2020-03-15"))
        #expect(WaveDate.periodStart("20x0") == nil)
    }
}
