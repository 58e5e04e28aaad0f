#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyData

/// Evidence for the wave 8/12 item mapping (E1a/E1b/E1c = China/Russia/US) from the files
/// themselves: every other item whose answer texts name exactly one of the three countries, and,
/// per country named, how much more (or less) favorable on each E1 item the respondents naming it
/// are than the other respondents asked that item (weighted shares, in points). If the mapping
/// is right, naming country X moves the E1 item mapped to X the most. Country words are the only
/// fixed input; items and answers are found in the file.
enum CABItemEvidence {
    /// One item × country named.
    struct Row: Sendable, Equatable {
        var item: String
        var country: String
        var naming: Int
        /// E1 variable → favorable share among those naming − among the rest, in points.
        var difference: [String: Double]
    }

    /// Words (lowercase, whole words) by which an answer text names a target.
    static let words: [String: [String]] = [
        "China": ["china"], "Russia": ["russia"], "United States": ["united states", "usa", "america"],
    ]

    /// The targets an answer text names.
    static func named(_ text: String) -> [String] {
        let plain = " " + String(text.lowercased().map { $0.isLetter ? $0 : " " })
            .split(separator: " ").joined(separator: " ") + " "
        return words.keys.sorted().filter { t in (words[t] ?? []).contains { plain.contains(" \($0) ") } }
    }

    /// The evidence rows of a file (empty when its E1 items were not asked); a country named by
    /// fewer than `minimum` respondents, or left to fewer than `minimum`, gives no row.
    static func rows(for file: CABFile, codebook: CABCodebook, minimum: Int = 30) throws -> [Row] {
        let t = file.table
        let importer = CABImporter(codebook: codebook)
        let w = try t.numeric(file.wave.weight)
        var favorable: [String: [Double]] = [:]  // E1 variable → 1/0 (NaN when not asked)
        var asked = [Bool](repeating: true, count: t.rowCount)
        for item in file.wave.items {
            let codes = try importer.categoryCodes(try t.column(named: item.variable), file: file)
            let cats = codebook.categories
            favorable[item.variable] = codes.map { $0 < 0 ? .nan : (cats[Int($0)].hasSuffix("-favorable") && !cats[Int($0)].hasSuffix("-unfavorable") ? 1 : 0) }
            for i in codes.indices where codes[i] < 0 { asked[i] = false }
        }
        guard asked.contains(true) else { return [] }
        let skip = Set(file.wave.items.map(\.variable) + [file.wave.countryVariable])
        var rows: [Row] = []
        for column in t.columns where !skip.contains(column.name) {
            guard case .categorical = column.values else { continue }
            let texts = (0..<column.count).map { column.text(at: $0) }
            // Other favorability-scale items (E1d, E1e: unidentified) name no country.
            var namesOf: [String: [String]] = [:]
            for text in Set(texts.compactMap { $0 }) { namesOf[text] = named(text) }
            guard namesOf.values.contains(where: { $0.count == 1 }) else { continue }
            for country in words.keys.sorted() {
                var inGroup = [Bool](repeating: false, count: t.rowCount), base = asked
                for i in 0..<t.rowCount {
                    guard let text = texts[i], codebook.answers[CABCodebook.normalise(text)] != "not-asked" else {
                        base[i] = false
                        continue
                    }
                    inGroup[i] = namesOf[text] == [country]
                }
                let n = (0..<t.rowCount).filter { base[$0] && inGroup[$0] }.count
                let rest = (0..<t.rowCount).filter { base[$0] && !inGroup[$0] }.count
                guard n >= minimum, rest >= minimum else { continue }
                var difference: [String: Double] = [:]
                for (variable, f) in favorable {
                    var a = (0.0, 0.0), b = (0.0, 0.0)
                    for i in 0..<t.rowCount where base[i] {
                        if inGroup[i] { a.0 += w[i] * f[i]; a.1 += w[i] } else { b.0 += w[i] * f[i]; b.1 += w[i] }
                    }
                    difference[variable] = 100 * (a.0 / a.1 - b.0 / b.1)
                }
                rows.append(Row(item: column.name, country: country, naming: n, difference: difference))
            }
        }
        return rows
    }
}
