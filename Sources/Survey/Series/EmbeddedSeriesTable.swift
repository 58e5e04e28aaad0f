import CSeriesTables
import SurveyText

/// A built-in series file split into fields at build time: `scripts/embed-datasets` writes its
/// indexes and numbers as constant C arrays (`CSeriesTables`) and its distinct texts as a Swift
/// array of string literals (`EmbeddedDatasets.seriesTexts`), so the built-in catalog
/// builds its observations without parsing or decoding text — every interactive command reads
/// the series files, and `--by` the 9,396 subgroup rows (issue 17 item 4). Only the splitting is
/// done ahead; what the fields mean is decided here exactly as `SeriesFile.parse` decides it, and
/// `EmbeddedDatasetsTests` proves the two agree on every built-in file.
struct EmbeddedSeriesTable: Sendable, Equatable {
    /// Its place among the C tables.
    let index: Int
    /// The file's distinct field texts, which the table's integers index.
    let texts: [String]

    /// The tables by path under `datasets/`: the series and subgroup files `catalog.csv` lists.
    static let all: [String: EmbeddedSeriesTable] = {
        var tables: [String: EmbeddedSeriesTable] = [:]
        for index in 0..<cseries_table_count() {
            let path = String(cString: cseries_table_at(index).pointee.path)
            tables[path] = EmbeddedSeriesTable(index: index, texts: EmbeddedDatasets.seriesTexts[path] ?? [])
        }
        return tables
    }()

    /// Values per observation in the C table's `rows`, and in its `numbers`.
    static let stride = 14, numberStride = 5
    /// The numbers are stored as k = value × 10⁶: k and 10⁶ are exact doubles, so one correctly
    /// rounded division gives the double nearest the decimal, as `Double(String)` does.
    static let scale = 1e6

    /// The observations and sources `SeriesFile.parse` reads from the file's text.
    var file: SeriesFile { file(keeping: nil) }

    /// As `file`, with only the observations `filter` keeps, by the texts of their `group`,
    /// `country` and `target` fields (each asked once per distinct text): a subgroup command
    /// builds only the rows it can select.
    func file(keeping filter: BuiltInDataset.RowFilter?) -> SeriesFile {
        let table = cseries_table_at(index).pointee
        var splitFlags = [[String]?](repeating: nil, count: texts.count)
        // Each question: its field, and its answers by text index + 1 (0: no text, read as "").
        let questions: [(field: Int, ask: (String) -> Bool)] = filter.map { [(11, $0.group), (1, $0.country), (2, $0.target)] } ?? []
        var answers = [[Bool?]](repeating: [Bool?](repeating: nil, count: texts.count + 1), count: questions.count)
        var observations: [Observation] = []
        observations.reserveCapacity(filter == nil ? table.count : 0)
        rows: for r in 0..<table.count {
            let cell = table.rows + r * Self.stride
            for (q, question) in questions.enumerated() {
                let t = Int(cell[question.field])
                let answer = answers[q][t + 1] ?? {
                    let answer = question.ask(t < 0 ? "" : texts[t])
                    answers[q][t + 1] = answer
                    return answer
                }()
                guard answer else { continue rows }
            }
            func text(_ k: Int) -> String? { cell[k] < 0 ? nil : texts[Int(cell[k])] }
            func orAll(_ k: Int) -> String { text(k).flatMap { $0.isEmpty ? nil : $0 } ?? "all" }
            let number = table.numbers + r * Self.numberStride
            func value(_ k: Int) -> Double? { number[k] == .min ? nil : Double(number[k]) / Self.scale }
            let flagsIndex = Int(cell[7])
            let flags = splitFlags[flagsIndex] ?? {
                let parts = ByteSplit.ascii(texts[flagsIndex], on: ";").map(String.init)
                splitFlags[flagsIndex] = parts
                return parts
            }()
            observations.append(Observation(
                dataset: text(0) ?? "", country: text(1) ?? "", target: text(2) ?? "", item: text(3) ?? "",
                wave: text(4) ?? "", date: text(5) ?? "", measure: text(6) ?? "",
                estimate: value(0) ?? .nan, se: value(1), ciLower: value(2), ciUpper: value(3),
                n: cell[13] < 0 ? nil : Int(cell[13]), deff: value(4),
                flags: flags, sourceID: text(8) ?? "", mode: text(9), weight: text(10),
                group: orAll(11), groupLevel: orAll(12)))
        }
        var references: [SourceReference] = []
        for s in 0..<table.source_count {
            let source = table.sources + s * 3
            references.append(SourceReference(
                id: texts[Int(source[0])], citation: texts[Int(source[1])],
                url: source[2] < 0 ? nil : texts[Int(source[2])]))
        }
        return SeriesFile(observations: observations, sources: references)
    }
}
