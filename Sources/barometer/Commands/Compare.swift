import SurveyText
import ArgumentParser
import Survey

extension Barometer {
    /// `barometer compare`: change between two waves of each selected series, or the difference
    /// between two countries at one wave.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            _superCommandName: Barometer.commandName,
            abstract: "Change between two waves of a series, with SE, CI, z and p.",
            discussion: """
                Examples:
                  barometer compare --dataset cab --country KZ --target China \\
                    --from 2020 --to 2022
                  barometer compare --dataset cab --country KZ,UZ --target China \\
                    --wave 2022 --measure net

                A comparison across a change of interview mode (face-to-face → telephone, \
                from the two figures' modes) exits 1 unless --across-break, which prints \
                the caveat under the title.

                Waves are named by label or by a unique prefix of the label or date. \
                With --wave instead of --from/--to, two countries are compared at that \
                wave (second minus first, in --country order); with --wave and --by, each \
                level of the subgroup minus its reference level (the first) within each \
                survey, SE from that design's covariance of both domains (computed at import). \
                --by/--group with --from/--to compare each subgroup level between waves. \
                --adjust holm adds Holm-adjusted p-values over all rows of the table. Waves and countries are \
                independent samples: SE = √(SE₁² + SE₂²). Net favorability uses the \
                multinomial variance (p_f + p_u − (p_f − p_u)²)·deff/n.
                """)

        @OptionGroup var selectors: SeriesSelectors

        @Option(help: "The earlier wave.")
        var from: String?

        @Option(help: "The later wave.")
        var to: String?

        @Option(help: "Compare two countries (or, with --by, subgroup levels) at this wave instead.")
        var wave: String?

        @Option(help: "Multiple-comparison adjustment of the p-values over the table's rows: none|holm.")
        var adjust: String = "none"

        @OptionGroup var input: TrendInputOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var sourcesOption: SourcesOption
        @OptionGroup var titled: TitleOption

        func validate() throws {
            for (flag, value) in [("--from", from), ("--to", to), ("--wave", wave)] where value?.whitespacesTrimmed().isEmpty == true {
                throw ValidationError("\(flag) needs a wave (got an empty one)")
            }
            if wave == nil && (from == nil || to == nil) {
                throw ValidationError("give --from WAVE and --to WAVE, or --wave WAVE with two countries")
            }
            if wave != nil && (from != nil || to != nil) {
                throw ValidationError("--wave compares countries; it cannot be combined with --from/--to")
            }
            if !["none", "holm"].contains(adjust) { throw ValidationError("--adjust must be none or holm (got '\(adjust)')") }
        }

        func run() throws {
            let betweenGroups = wave != nil && !selectors.selection.by.isEmpty
            let selected = betweenGroups ? try selectors.resolve(defaultMeasures: ["favorable"]) : try input.series(selectors)
            var rows: [(SeriesKey, Comparison)] = []
            var used: [Observation] = []
            // Per row, the waves of its series, whose flags between the two compared ones count.
            var waves: [[Observation]] = []
            var skippedLevels = 0
            if let wave, betweenGroups {
                (rows, used) = try groupDifferences(levels: selected, wave: wave)
            } else if let wave {
                let order = SeriesSelectors.split(selectors.country).map { Countries.code(for: $0) ?? $0 }
                let groups = Dictionary(grouping: selected.series) { s in
                    SeriesKey(dataset: s.key.dataset, country: "", target: s.key.target, item: s.key.item, measure: s.key.measure)
                }
                for key in groups.keys.sorted() {
                    let members = (groups[key] ?? []).sorted {
                        (order.firstIndex(of: $0.key.country) ?? Int.max, $0.key.country)
                            < (order.firstIndex(of: $1.key.country) ?? Int.max, $1.key.country)
                    }
                    guard members.count == 2 else {
                        throw ValidationError("--wave compares two countries; the selection has \(members.count) for "
                            + "\(key.target) · \(key.measure) (\(members.map(\.key.country).joined(separator: ", ")))")
                    }
                    var label = key
                    label.country = "\(members[1].key.country)−\(members[0].key.country)"
                    rows.append((label, try Comparison.series(members[0], members[1], wave: wave, level: input.level)))
                    used += [try members[0].observation(wave: wave), try members[1].observation(wave: wave)]
                }
            } else if let from, let to {
                for s in selected.series {
                    // A subgroup level suppressed (n < 30) or absent in one wave has nothing to
                    // compare; it is left out and counted in a note.
                    if selectors.selection.wantsGroups,
                       (try? s.observation(wave: from)) == nil || (try? s.observation(wave: to)) == nil {
                        skippedLevels += 1
                        continue
                    }
                    rows.append((s.key, try Comparison.waves(s, from: from, to: to, level: input.level)))
                    used += [try s.observation(wave: from), try s.observation(wave: to)]
                    waves.append(s.observations)
                }
            }
            // Breaks come from the compared figures themselves (`Comparability`): their modes
            // where both are known, else a mode-break flag on the later one or a wave between.
            var crossed: [(SeriesKey, SeriesBreak)] = []
            for i in rows.indices {
                let pair = (used[2 * i], used[2 * i + 1])
                for b in Comparability.breaks(from: pair.0, to: pair.1, in: i < waves.count ? waves[i] : []) { crossed.append((rows[i].0, b)) }
                for j in [2 * i, 2 * i + 1] { used[j].flags.removeAll { $0 == "mode-break" } }
                if crossed.last?.0 == rows[i].0 { used[2 * i + 1].flags.append("mode-break") }
            }
            if let first = crossed.first, !input.acrossBreak {
                throw TrendError.acrossBreak(
                    series: "\(first.0.label) \(first.1.beforeWave) → \(first.1.afterWave)",
                    breaks: Array(Set(crossed.map(\.1.label))).sorted().joined(separator: "; "),
                    advice: "Compare waves of one mode, or add --across-break to compare anyway with the caveat printed")
            }
            guard !rows.isEmpty else { throw DataError("nothing to compare: every selected subgroup level is suppressed or absent in a wave") }
            let holm = adjust == "holm" ? Holm.adjust(rows.map(\.1.difference.pValue)) : nil
            if output.format == .json {
                Console.write(TrendJSON.comparisons(rows.indices.map { i in
                    (series: rows[i].0, comparison: rows[i].1, flags: Array(Set(used[2 * i].flags + used[2 * i + 1].flags)).sorted())
                }, holm: holm))
                return
            }
            // Cite only the sources of the compared figures, and show their flags (e.g. mode-break).
            let ids = Set(used.map(\.sourceID))
            let flags = ComparisonNotes.notes(used, assumedDeff: input.deff, leftOut: skippedLevels)
            let footer = sourcesOption.footer(selected.sources.filter { ids.contains($0.id) })
            var table = TrendTable.table(
                rows, level: input.level, footnotes: flags + footer.notes, sourceNote: footer.source,
                digits: SeriesPrecision.decimals(used, requested: 1), holm: holm, sameSurvey: betweenGroups,
                betweenCountries: wave != nil && !betweenGroups)
            if !crossed.isEmpty {
                let breaks = Array(Set(crossed.map { $0.1.label })).sorted().joined(separator: "; ")
                table.caption = "Caution: across a series break (\(breaks)): \(Comparability.caveat)."
            }
            Console.write(output.render(titled.apply(table)))
        }

        /// Each `--by` level minus its group's reference level at `wave`, from the import-time
        /// difference rows (design covariance of both domains); the compared figures are the
        /// level rows in `levels`.
        func groupDifferences(levels: SelectedSeries, wave: String) throws -> ([(SeriesKey, Comparison)], [Observation]) {
            let differences = try selectors.resolve(defaultMeasures: ["favorable"], differences: true)
            var byKey: [SeriesKey: Series] = [:]
            for s in levels.series { byKey[s.key] = s }
            var rows: [(SeriesKey, Comparison)] = []
            var used: [Observation] = []
            for s in differences.series {
                let d = try s.observation(wave: wave)
                let names = s.key.groupLevel.components(separatedBy: " vs ")
                guard names.count == 2 else { throw DataError("difference row '\(s.key.groupLevel)' is not 'LEVEL vs REFERENCE'") }
                var key = s.key
                key.groupLevel = names[1]
                guard let reference = byKey[key] else { throw DataError("no rows for \(key.label)") }
                key.groupLevel = names[0]
                guard let level = byKey[key] else { throw DataError("no rows for \(key.label)") }
                let a = try reference.observation(wave: wave), b = try level.observation(wave: wave)
                if d.hasNoEstimate { continue }
                rows.append((s.key, try Comparison(reference: a, level: b, difference: d, confidence: input.level)))
                used += [a, b]
            }
            guard !rows.isEmpty else { throw DataError("no subgroup differences at wave \(wave) in the selection") }
            return (rows, used)
        }
    }
}
