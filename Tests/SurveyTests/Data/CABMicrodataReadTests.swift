import Foundation
import Testing
@testable import Survey

/// The XLSX reader on the 14 real CAB files (read from ../shared, never copied here), checked
/// against the structural facts of CODEBOOK.md §2 and §11 (no survey results involved).
@Suite struct CABMicrodataReadTests {
    /// CODEBOOK.md §2: file → (rows, columns, sheet name).
    static let inventory: [(String, Int, Int, String)] = [
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

    @Test func shapesSheetsAndWeights() throws {
        guard let dir = SharedData.cabMicrodata else {
            print("skipped: ../shared/data/cab-microdata is absent")
            return
        }
        for (file, rows, cols, sheet) in Self.inventory {
            let path = dir.appendingPathComponent(file).path
            #expect(try XLSXReader.sheetNames(path: path) == [sheet], "\(file)")
            let t = try XLSXReader.read(path: path)
            #expect(t.rowCount == rows, "\(file) rows")
            #expect(t.columns.count == cols, "\(file) columns")
            let weights = file.contains("2018") ? ["totwt"] : ["FinalWgt1", "FinalWgt2"]
            for w in weights {
                let v = try t.numeric(w)
                #expect(v.allSatisfy { $0 > 0 }, "\(file) \(w) positive, none missing")
                let mean = v.reduce(0, +) / Double(v.count)
                #expect(abs(mean - 1) < 0.0005, "\(file) \(w) mean \(mean)")
            }
        }
    }

    /// §1/§11: wave 4 `#NULL!` error cells are missing; `None` survives as text; wave 8 KZ
    /// interview dates span 2020-10-08 to 2020-11-23; wave 4 has 150 sampling points of 10.
    @Test func missingValuesTextAndDates() throws {
        guard let dir = SharedData.cabMicrodata else {
            print("skipped: ../shared/data/cab-microdata is absent")
            return
        }
        let w4 = try XLSXReader.read(path: dir.appendingPathComponent("CAB_2018_KG.xlsx").path)
        let occ = try w4.column(named: "Occ")
        #expect((0..<occ.count).allSatisfy { occ.isMissing($0) })
        let party = try w4.column(named: "Party_M")
        #expect((0..<party.count).contains { party.text(at: $0) == "None" })
        let samPt = try w4.numeric("SamPt")
        let counts = Dictionary(grouping: samPt, by: { $0 }).mapValues(\.count)
        #expect(counts.count == 150 && counts.values.allSatisfy { $0 == 10 })
        let wave = try w4.column(named: "Wave")
        #expect((0..<wave.count).allSatisfy { wave.text(at: $0) == "CAB OTS W4" })

        let w8 = try XLSXReader.read(path: dir.appendingPathComponent("CAB_2020_KZ.xlsx").path)
        let mm9 = try w8.column(named: "MM9")
        let days = (0..<mm9.count).compactMap { mm9.text(at: $0).map { String($0.prefix(10)) } }.sorted()
        #expect(days.first == "2020-10-08" && days.last == "2020-11-23")
        let g2 = try w8.column(named: "G2")
        #expect((0..<g2.count).contains { g2.text(at: $0) == "None" })
    }
}
