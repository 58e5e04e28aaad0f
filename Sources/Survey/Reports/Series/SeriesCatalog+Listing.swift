import SurveyRender
import SurveySeries

extension SeriesCatalog {
    /// `barometer datasets`: one row per built-in dataset with its source, countries, targets,
    /// wave span and row count; CSV adds the span and the description as data columns.
    package func listing() -> TableModel {
        let rows: [[TableModel.Cell]] = datasets.map { d in
            let obs = d.observations
            let waves = Set(obs.map(\.wave))
            let firstWave = obs.min { ($0.date, $0.wave) < ($1.date, $1.wave) }?.wave ?? ""
            let lastWave = obs.max { ($0.date, $0.wave) < ($1.date, $1.wave) }?.wave ?? ""
            return [
                .text(d.name), .text(d.source),
                .text(Set(obs.map(\.country)).sorted().joined(separator: ",")),
                .text(Set(obs.map(\.target)).sorted().map { $0 == "United States" ? "US" : $0 }.joined(separator: ",")),
                .text(waves.count <= 1 ? firstWave : "\(firstWave)…\(lastWave) (\(waves.count))"),
                .integer(obs.count), .text(firstWave), .text(lastWave), .integer(waves.count), .text(d.title),
            ]
        }
        return TableModel(
            title: "Built-in datasets",
            columns: [
                .init("Name"), .init("Source"), .init("Countries"), .init("Targets"),
                .init("Waves"), .init("Rows", .integer),
                // CSV: the wave span as data, and the description the notes give in text.
                .init("first_wave", key: "first_wave", csvOnly: true), .init("last_wave", key: "last_wave", csvOnly: true),
                .init("wave_count", .integer, key: "wave_count", csvOnly: true),
                .init("description", key: "description", csvOnly: true),
            ],
            rows: rows,
            footnotes: datasets.map { "\($0.name): \($0.title)." } + ["Published figures' sources with the verbatim quote each was read from: table --dataset gallup --format json (its sources)."],
            sourceNote: "barometer built-in data (datasets/ in the source tree)")
    }
}
