import Testing
import Survey
@testable import SurveyRender

/// Axis ticks, every expected value worked out by hand from the rules in `PercentTicks` and
/// `DateTicks` (steps tried smallest first; ends snapped outward to multiples of the step).
@Suite struct TicksTests {
    /// 30%-80%, at most 3 intervals: step 10 → 3…8 = 5 intervals (too many); step 20 →
    /// floor(1.5) = 1 … ceil(4) = 4 = 3 intervals → 20, 40, 60, 80.
    @Test func percentBasic() {
        let t = PercentTicks(low: 0.30, high: 0.80, maxIntervals: 3)
        #expect(t.values.map { ($0 * 100).rounded() } == [20, 40, 60, 80])
        #expect(t.values.map(t.label) == ["20%", "40%", "60%", "80%"])
    }

    /// 0%-100% with 6 intervals allowed: step 20 gives 0…5 → 0, 20, …, 100 (never past 100%).
    @Test func percentFullRange() {
        let t = PercentTicks(low: 0, high: 1, maxIntervals: 6)
        #expect(t.values.map { ($0 * 100).rounded() } == [0, 20, 40, 60, 80, 100])
    }

    /// All equal: 50% widens to 45-55; step 2 → floor(22.5) = 22 … ceil(27.5) = 28, 6 intervals
    /// → 44…56. 0% widens to 0-10 (step 2: 0…5) and 100% to 90-100 (step 2: 45…50).
    @Test func percentEqualValues() {
        #expect(PercentTicks(low: 0.5, high: 0.5, maxIntervals: 6).values.map { ($0 * 100).rounded() } == [44, 46, 48, 50, 52, 54, 56])
        #expect(PercentTicks(low: 0, high: 0, maxIntervals: 6).values.map { ($0 * 100).rounded() } == [0, 2, 4, 6, 8, 10])
        #expect(PercentTicks(low: 1, high: 1, maxIntervals: 6).values.map { ($0 * 100).rounded() } == [90, 92, 94, 96, 98, 100])
    }

    /// Net shares -12%…8%, 4 intervals: step 5 → -3…2 = 5 (too many); step 10 → -2…1 = 3.
    @Test func percentNegative() {
        let t = PercentTicks(low: -0.12, high: 0.08, maxIntervals: 4)
        #expect(t.values.map(t.label) == ["-20%", "-10%", "0%", "10%"])
    }

    @Test func percentFractionalLabel() {
        let t = PercentTicks(low: 0.50, high: 0.60, maxIntervals: 4)  // step 2.5 → 50, 52.5, …, 60
        #expect(t.stepPercent == 2.5)
        #expect(t.label(0.525) == "52.5%")
    }

    /// 2017.79…2022.37 on 65 cells: 14.2 cells per year, so half-year ticks are 7.1 cells apart
    /// ≥ 4 + 1 → step ½: 2018, Jul, …, 2022 (the window ends before July 2022).
    @Test func datesHalfYears() {
        let t = DateTicks(range: 2017.79...2022.37, width: 65)
        #expect(t.step == 0.5)
        #expect(t.ticks.map(\.label) == ["2018", "Jul", "2019", "Jul", "2020", "Jul", "2021", "Jul", "2022"])
        #expect(t.ticks[1].x == WaveDate.decimalYear("2018-07-01"))
    }

    /// A user-journey sweep: KZ and TM Russia (2017-06-23 … 2022-11-29, 5.44 years) on 75 cells
    /// printed `Jul 2017     Jul   2019`: the leading `Jul 2017` (8 wide) took the room of `2018`,
    /// which the printer skipped, so the next `Jul` had no year. By hand: 75 / 5.44 = 13.8 cells a
    /// year; 1 July 2017 is 0.02 years in (cell 0.3), so the label spans cells 0–8 and needs the
    /// gap to cell 9; `2018` centred on 1 January (0.52 years in, cell 7.1) starts at cell 5.1.
    /// The leading tick goes; every year label stays (the window reaches July 2022).
    @Test func leadingJulyNeverHidesAYear() {
        let low = WaveDate.decimalYear("2017-06-23")!, high = WaveDate.decimalYear("2022-11-29")!
        let t = DateTicks(range: low...high, width: 75)
        #expect(t.step == 0.5)
        #expect(t.ticks.map(\.label) == ["2018", "Jul", "2019", "Jul", "2020", "Jul", "2021", "Jul", "2022", "Jul"])
        // With room (the window from 1 May 2017 on 100 cells, 17.9 a year: `Jul 2017` spans cells
        // 0–8, `2018` starts at cell 9.9): the leading tick stays, with its year.
        let roomy = DateTicks(range: WaveDate.decimalYear("2017-05-01")!...high, width: 100)
        #expect(roomy.ticks.first?.label == "Jul 2017" && roomy.ticks.dropFirst().first?.label == "2018")
    }

    /// 2005…2024.5 on 14 cells: 0.72 cells per year; step 5 → 3.6 < 5; step 10 → 7.2 ≥ 5.
    @Test func datesNarrow() {
        let t = DateTicks(range: 2005...2024.5, width: 14)
        #expect(t.step == 10)
        #expect(t.ticks.map(\.label) == ["2010", "2020"])
    }

    /// 40 semi-annual waves 2005…2024.5 on 74 cells: 3.8 per year; steps ½ and 1 too tight,
    /// 2 years → 7.6 cells ≥ 5: even years 2006…2024.
    @Test func datesFortyWaves() {
        let t = DateTicks(range: 2005...2024.5, width: 74)
        #expect(t.step == 2)
        #expect(t.ticks.map(\.label) == stride(from: 2006, through: 2024, by: 2).map(String.init))
    }

    /// One wave: the window is widened to a year around it, which always holds a tick.
    @Test func datesSingleWave() {
        let w = DateTicks.window(low: 2019.37, high: 2019.37)
        #expect(abs(w.lowerBound - 2018.87) < 1e-12 && abs(w.upperBound - 2019.87) < 1e-12)
        #expect(DateTicks(range: w, width: 74).ticks.map(\.label) == ["2019", "Jul"])
    }

    /// 2020-06-01 is day 152 of the leap year 2020 (31+29+31+30+31 = 152 days before it).
    @Test func monthLabels() {
        #expect(DateTicks.monthLabel(WaveDate.decimalYear("2020-06-01") ?? 0) == "2020-06")
        #expect(DateTicks.monthLabel(WaveDate.decimalYear("2019-12-31") ?? 0) == "2019-12")
        #expect(DateTicks.monthLabel(2018) == "2018-01")
    }

    /// The first day of every month of 2017 and 2020 (non-leap, leap) labels its own month: the
    /// fraction of 2017-06-01 times 365 is 150.99999999996, which floored to May ("2017-05" on a
    /// break dated 2017-06-01, found by a sweep).
    @Test func firstOfEveryMonth() {
        for year in [2017, 2020] {
            for month in 1...12 {
                let iso = String(format: "%04d-%02d-01", year, month)
                #expect(DateTicks.monthLabel(WaveDate.decimalYear(iso) ?? 0) == String(iso.prefix(7)), "\(iso)")
            }
        }
    }
}
