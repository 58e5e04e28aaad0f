import Foundation
import Testing
@testable import barometer
import Survey

/// A sweep found `mode` and `weight` in table's CSV but not its JSON, though the interview mode
/// decides whether two waves compare. KZ China favorable (datasets/cab/codebook.csv): waves 1 and
/// 4 face-to-face with weight totwt, waves 8 and 12 telephone with FinalWgt1.
@Suite struct SeriesJSONModeTests {
    @Test func jsonRowsCarryModeAndWeightAsTheCSVDoes() throws {
        let args = ["table", "--dataset", "cab", "--country", "KZ", "--target", "China", "--measure", "favorable"]
        let json = Barometer.execute(args + ["--format", "json"])
        let j = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let rows = try #require(j["rows"] as? [[String: Any]])
        let byWave = Dictionary(uniqueKeysWithValues: rows.map { ($0["wave"] as? String ?? "", $0) })
        #expect(byWave["2018-autumn"]?["mode"] as? String == "face-to-face" && byWave["2018-autumn"]?["weight"] as? String == "totwt")
        #expect(byWave["2022-autumn"]?["mode"] as? String == "telephone" && byWave["2022-autumn"]?["weight"] as? String == "FinalWgt1")
        let csv = try CSVReader().read(bytes: Array(Barometer.execute(args + ["--format", "csv"]).output.utf8), name: "table.csv")
        let waves = try csv.column(named: "wave"), modes = try csv.column(named: "mode")
        for i in 0..<csv.rowCount {
            #expect(byWave[waves.text(at: i) ?? ""]?["mode"] as? String == modes.text(at: i))
        }
    }
}
