import SurveyText

/// A built-in series file split into fields at build time (`scripts/embed-datasets` writes
/// `EmbeddedSeriesFiles.swift`), so the built-in catalog builds its observations without parsing
/// CSV text: every interactive command reads it (issue 17 item 4). Only the splitting is done
/// ahead; what the fields mean is decided here exactly as `SeriesFile.parse` decides it, and
/// `EmbeddedDatasetsTests` proves the two agree on every built-in file.
struct EmbeddedSeriesTable: Sendable {
    /// The distinct field texts of the file.
    let strings: [String]
    /// Per observation, `stride` values: indexes into `strings` of dataset, country, target, item,
    /// wave, date, measure, flags (`;`-joined), source_id, mode, weight, group, group_level (-1:
    /// the field is empty and means "unknown"), then `n` (-1: unknown).
    let rows: [Int32]
    /// Per observation: estimate, se, ci_lower, ci_upper, deff (nil: empty field).
    let numbers: [Double?]
    /// Per source, in first-appearance order: indexes of id, citation and url (-1: no url).
    let sources: [Int32]

    /// Values per observation in `rows`.
    static let stride = 14
    /// Values per observation in `numbers`.
    static let numberStride = 5

    /// The observations and sources `SeriesFile.parse` reads from the file's text.
    var file: SeriesFile {
        var splitFlags = [[String]?](repeating: nil, count: strings.count)
        var observations: [Observation] = []
        let count = rows.count / Self.stride
        observations.reserveCapacity(count)
        for r in 0..<count {
            let cell = rows[(r * Self.stride)..<((r + 1) * Self.stride)]
            let base = cell.startIndex
            func text(_ k: Int) -> String? { cell[base + k] < 0 ? nil : strings[Int(cell[base + k])] }
            func orAll(_ k: Int) -> String { text(k).flatMap { $0.isEmpty ? nil : $0 } ?? "all" }
            let flagsIndex = Int(cell[base + 7])
            let flags = splitFlags[flagsIndex] ?? {
                let parts = ByteSplit.ascii(strings[flagsIndex], on: ";").map(String.init)
                splitFlags[flagsIndex] = parts
                return parts
            }()
            let number = numbers[(r * Self.numberStride)..<((r + 1) * Self.numberStride)]
            let n = cell[base + 13]
            observations.append(Observation(
                dataset: text(0) ?? "", country: text(1) ?? "", target: text(2) ?? "", item: text(3) ?? "",
                wave: text(4) ?? "", date: text(5) ?? "", measure: text(6) ?? "",
                estimate: number[number.startIndex] ?? .nan, se: number[number.startIndex + 1],
                ciLower: number[number.startIndex + 2], ciUpper: number[number.startIndex + 3],
                n: n < 0 ? nil : Int(n), deff: number[number.startIndex + 4],
                flags: flags, sourceID: text(8) ?? "", mode: text(9), weight: text(10),
                group: orAll(11), groupLevel: orAll(12)))
        }
        var references: [SourceReference] = []
        for s in Swift.stride(from: 0, to: sources.count, by: 3) {
            references.append(SourceReference(
                id: strings[Int(sources[s])], citation: strings[Int(sources[s + 1])],
                url: sources[s + 2] < 0 ? nil : strings[Int(sources[s + 2])]))
        }
        return SeriesFile(observations: observations, sources: references)
    }
}
