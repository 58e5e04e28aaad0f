import Foundation
import Testing
import Survey

/// The 15 real CAB files (read from ../shared, never copied into the repository): the
/// structural checks of CODEBOOK.md §2/§11 and PROVENANCE.md's last section (no survey results
/// involved), and the re-derivation of `datasets/cab/favorability.csv` and `groups.csv`, which
/// must come out byte for byte. Each file is read once. Skipped where ../shared/data/cab-microdata is absent (a
/// user's clone): the files are not redistributable.
@Suite(.enabled(if: SharedData.cabMicrodata != nil, "needs ../shared/data/cab-microdata (CAB files are not redistributable)"))
struct CABMicrodataTests {
    /// CODEBOOK.md §2 (and PROVENANCE.md, last section, for the wave 1 CSV, which has no sheet):
    /// file → (rows, columns, sheet name), in `scripts/build-cab.sh` order.
    static let inventory: [(String, Int, Int, String?)] = [
        ("CAB_2017_KZ.csv", 1500, 111, nil),
        ("CAB_2018_KG.xlsx", 1500, 188, "CAB W4_KG"), ("CAB_2018_KZ.xlsx", 1500, 188, "CAB W4_KZ"),
        ("CAB_2018_TJ.xlsx", 1500, 188, "CAB W4_TJ"), ("CAB_2018_TM.xlsx", 1500, 188, "CAB W4_TURK"),
        ("CAB_2018_UZ.xlsx", 1500, 188, "CAB W4_UZ"), ("CAB_2020_KG.xlsx", 2000, 109, "CAB OTS_KGZ_W8_EXCEL"),
        ("CAB_2020_KZ.xlsx", 2000, 109, "CAB OTS KAZ_W8_EXCEL"), ("CAB_2020_TJ.xlsx", 2052, 109, "CAB OTS _TJK_W8_EXCEL"),
        ("CAB_2020_UZ.xlsx", 2000, 109, "CAB OTS_UZB_W8_EXCEL"),
        ("CAB_2022_KG.xlsx", 1518, 158, "CAB OTS PP W6 - KGZ - Substanti"),
        ("CAB_2022_KZ.xlsx", 1511, 161, "CAB OTS PP W6 - KAZ - Substanti"),
        ("CAB_2022_TJ.xlsx", 1500, 159, "CAB OTS PP W6 - TJK - Substanti"),
        ("CAB_2022_TM.xlsx", 1621, 158, "CAB OTS PP W6 - TUR - Substanti"),
        ("CAB_2022_UZ.xlsx", 1500, 158, "CAB OTS PP W6 - UZB - Substanti"),
    ]

    /// §2 interview date ranges per file.
    static let dates: [String: (String, String)] = [
        "CAB_2017_KZ.csv": ("2017-06-11", "2017-07-12"),
        "CAB_2018_KG.xlsx": ("2018-11-06", "2018-12-10"), "CAB_2018_KZ.xlsx": ("2018-11-05", "2019-02-03"),
        "CAB_2018_TJ.xlsx": ("2018-11-14", "2019-02-02"), "CAB_2018_TM.xlsx": ("2018-11-02", "2018-11-18"),
        "CAB_2018_UZ.xlsx": ("2018-11-02", "2018-12-02"), "CAB_2020_KG.xlsx": ("2020-10-14", "2020-11-08"),
        "CAB_2020_KZ.xlsx": ("2020-10-08", "2020-11-23"), "CAB_2020_TJ.xlsx": ("2020-10-12", "2020-11-06"),
        "CAB_2020_UZ.xlsx": ("2020-10-09", "2020-11-05"), "CAB_2022_KG.xlsx": ("2022-11-01", "2022-12-01"),
        "CAB_2022_KZ.xlsx": ("2022-11-04", "2022-12-10"), "CAB_2022_TJ.xlsx": ("2022-11-03", "2022-12-19"),
        "CAB_2022_TM.xlsx": ("2022-11-03", "2022-11-24"), "CAB_2022_UZ.xlsx": ("2022-11-03", "2022-11-18"),
    ]

    @Test func codebookChecksAndReDerivation() throws {
        let dir = try #require(SharedData.cabMicrodata)
        let codebook = try CABCodebook.builtIn()
        let importer = CABImporter(codebook: codebook)
        var observations: [Observation] = []
        var groupRows: [Observation] = []
        var sources: [SourceReference] = []
        for (name, rows, cols, sheet) in Self.inventory {
            let path = dir.appendingPathComponent(name).path
            if let sheet { #expect(try XLSXReader.sheetNames(path: path) == [sheet], "\(name)") }
            let t = try TableReader.read(path: path)
            #expect(t.rowCount == rows && t.columns.count == cols, "\(name): \(t.rowCount)x\(t.columns.count)")
            let file = try CABFile(table: t, path: name, codebook: codebook)
            let iso = String(name.dropFirst(9).prefix(2))
            #expect(file.country == iso, "\(name): country from contents")
            #expect(file.wave.label.hasPrefix(String(name.dropFirst(4).prefix(4))), "\(name): wave from contents")
            #expect(file.firstInterview == Self.dates[name]?.0 && file.lastInterview == Self.dates[name]?.1, "\(name) dates")
            // Weights: mean 1.000, positive, none missing (§11).
            for w in file.wave.number <= 4 ? ["totwt"] : ["FinalWgt1", "FinalWgt2"] {
                let v = try t.numeric(w)
                #expect(v.allSatisfy { $0 > 0 } && abs(v.reduce(0, +) / Double(v.count) - 1) < 0.0005, "\(name) \(w)")
            }
            // Favorability items: only the six texts, or Not Asked in every row; no empty cells.
            for item in file.wave.items {
                let c = try t.column(named: item.variable)
                let texts = Set((0..<c.count).map { c.text(at: $0) ?? "(empty)" })
                let six: Set = ["Very Favorable", "Somewhat Favorable", "Somewhat Unfavorable", "Very Unfavorable",
                                "Don't Know (vol.)", "Refused (vol.)"]
                #expect(texts.isSubset(of: six) || texts == ["Not Asked"], "\(name) \(item.variable): \(texts)")
                #expect((texts == ["Not Asked"]) == (iso == "TJ"), "\(name): only Tajikistan is not asked")
            }
            if file.wave.number == 4 {
                let samPt = try t.numeric("SamPt")
                let sizes = Dictionary(grouping: samPt, by: { $0 }).mapValues(\.count)
                #expect(sizes.count == 150 && sizes.values.allSatisfy { $0 == 10 }, "\(name) SamPt")
                let occ = try t.column(named: "Occ")
                #expect((0..<occ.count).allSatisfy { occ.isMissing($0) }, "\(name): #NULL! is missing")
            }
            if file.wave.number == 1 {
                // PROVENANCE.md: 167 sampling points; 108 in an Urban and a Rural stratum; NA only
                // in HrsWorkGrp (712 cells), where the Excel exports have #NULL!.
                let samPt = try t.numeric("SamPt")
                #expect(Set(samPt).count == 167, "\(name) SamPt")
                let geo = try t.column(named: "GeoCode")
                #expect(Set((0..<t.rowCount).filter { samPt[$0] == 108 }.compactMap { geo.text(at: $0) }) == ["Urban", "Rural"])
                let missing = t.columns.map { c in (c.name, (0..<c.count).filter { c.isMissing($0) }.count) }.filter { $0.1 > 0 }
                #expect(missing.map(\.0) == ["HrsWorkGrp"] && missing.first?.1 == 712, "\(name): \(missing)")
            }
            if ["CAB_2017_KZ.csv", "CAB_2018_KG.xlsx", "CAB_2018_KZ.xlsx"].contains(name) {
                let party = try t.column(named: "Party_M")
                #expect((0..<party.count).contains { party.text(at: $0) == "None" }, "\(name): 'None' survives")
            }
            if ["CAB_2020_KZ.xlsx", "CAB_2022_KG.xlsx", "CAB_2022_KZ.xlsx"].contains(name) {
                let g2 = try t.column(named: "G2")
                #expect((0..<g2.count).contains { g2.text(at: $0) == "None" }, "\(name): 'None' survives")
            }
            observations += try importer.observations(for: file)
            groupRows += try importer.groupObservations(for: file)
            sources.append(CABImporter.source(for: file))
        }
        // The subgroup rows (issue 16) are re-derived too, byte for byte.
        let derivedGroups = try SeriesFile(observations: groupRows, sources: sources).csvText(citations: false)
        let committedGroups = try String(
            contentsOf: SharedData.packageRoot.appendingPathComponent("datasets/cab/groups.csv"), encoding: .utf8)
        #expect(derivedGroups == committedGroups, "datasets/cab/groups.csv is stale: re-run scripts/build-cab.sh")
        let derived = try SeriesFile(observations: observations, sources: sources).csvText()
        let committed = try String(
            contentsOf: SharedData.packageRoot.appendingPathComponent("datasets/cab/favorability.csv"), encoding: .utf8)
        #expect(derived == committed, "datasets/cab/favorability.csv is stale: re-run scripts/build-cab.sh")
    }
}
