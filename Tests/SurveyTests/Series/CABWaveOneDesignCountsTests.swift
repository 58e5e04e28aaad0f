import Foundation
import Testing
import Survey

/// docs/cab-waves.md's counts for wave 1 (Kazakhstan 2017), counted here directly from the CSV:
/// 1,500 interviews; sampling point 108 has 9 interviews, 8 in Central × Urban and 1 in Central ×
/// Rural; with PSU ids counted within their stratum (`Region_M` × `GeoCode`) there are 168 PSUs
/// in 12 strata, design df 168 − 12 = 156.
@Suite(.enabled(if: SharedData.cabMicrodata != nil, "needs ../shared/data/cab-microdata (CAB files are not redistributable)"))
struct CABWaveOneDesignCountsTests {
    @Test func strataPSUsAndDegreesOfFreedom() throws {
        let dir = try #require(SharedData.cabMicrodata)
        let t = try TableReader.read(path: dir.appendingPathComponent("CAB_2017_KZ.csv").path)
        #expect(t.rowCount == 1500)
        let region = try t.column(named: "Region_M"), geo = try t.column(named: "GeoCode")
        let point = try t.numeric("SamPt")
        let stratum = (0..<t.rowCount).map { "\(region.text(at: $0) ?? "?") × \(geo.text(at: $0) ?? "?")" }
        let strata = Set(stratum), psus = Set((0..<t.rowCount).map { "\(stratum[$0]) / \(point[$0])" })
        #expect(strata.count == 12 && psus.count == 168 && psus.count - strata.count == 156, "\(strata.count), \(psus.count)")
        let at108 = (0..<t.rowCount).filter { point[$0] == 108 }.map { stratum[$0] }
        #expect(at108.count == 9)
        #expect(Dictionary(grouping: at108, by: { $0 }).mapValues(\.count) == ["Central × Urban": 8, "Central × Rural": 1], "\(at108)")
    }
}
