import Foundation
import Testing
@testable import barometer
import Survey

/// Models a sweep against R `svyglm` found refused: a factor level whose rows all lack the response
/// (R's model frame drops the level; barometer built the levels before dropping the incomplete rows
/// and refused a column of zeros as "a linear combination"), and two factors without an intercept
/// (R codes only the first factor in full; barometer coded both, a rank-deficient model).
/// Expected values: R 4.2.2, survey 4.1.1, on apistrat with `d <- svydesign(id = ~1, strata =
/// ~stype, weights = ~pw, fpc = ~fpc, data = a)`.
@Suite struct RegressLevelsTests {
    static let apistrat = RakeCommandTests.fixtures.appendingPathComponent("rsurvey/data/apistrat.csv").path

    static func coefficients(_ args: [String]) throws -> [String: (estimate: Double, se: Double)] {
        let r = Barometer.execute(["regress"] + args + ["--weights", "pw", "--strata", "stype", "--fpc", "fpc", "--format", "json"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        let rows = try #require(json["coefficients"] as? [[String: Any]])
        var out: [String: (Double, Double)] = [:]
        for row in rows { out[row["term"] as? String ?? ""] = (row["estimate"] as? Double ?? .nan, row["se"] as? Double ?? .nan) }
        return out
    }

    static func close(_ a: Double?, _ b: Double) -> Bool { abs((a ?? .nan) - b) <= 1e-10 * max(1, abs(b)) }

    /// `a$grp3 <- c(E = "alpha", H = "beta", M = "gamma")[a$stype]; a$y <- ifelse(a$grp3 == "gamma",
    /// NA, a$api00); coef(svyglm(y ~ grp3 + ell, d))`: (Intercept) 774.7457316126340, grp3beta
    /// −93.8598168849351, ell −3.9902836759202; SEs 12.2223076522977, 13.8551035804128, 0.3293278596924.
    @Test func levelWithoutCompleteRowsIsDropped() throws {
        var table = try TableReader.read(path: Self.apistrat)
        let stype = try table.column(named: "stype"), api00 = try table.numeric("api00")
        guard case .categorical(let codes, let levels) = stype.values else { Issue.record("stype not categorical"); return }
        let names = ["E": "alpha", "H": "beta", "M": "gamma"]
        let grp3 = codes.map { names[levels[Int($0)]] ?? "" }
        try table.setColumn(Column(name: "grp3", values: .categorical(codes: codes, levels: levels.map { names[$0] ?? $0 })))
        try table.setColumn(Column(name: "y", values: .numeric(zip(grp3, api00).map { $0 == "gamma" ? .nan : $1 })))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("unused-\(UUID().uuidString).csv").path
        try table.csvData().write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let c = try Self.coefficients([path, "--y", "y", "--x", "grp3,ell"])
        #expect(Set(c.keys) == ["(Intercept)", "grp3beta", "ell"])
        #expect(Self.close(c["(Intercept)"]?.estimate, 774.7457316126340) && Self.close(c["(Intercept)"]?.se, 12.2223076522977))
        #expect(Self.close(c["grp3beta"]?.estimate, -93.8598168849351) && Self.close(c["grp3beta"]?.se, 13.8551035804128))
        #expect(Self.close(c["ell"]?.estimate, -3.9902836759202) && Self.close(c["ell"]?.se, 0.3293278596924))
        // Naming the dropped level as the reference is an error that says why.
        let r = Barometer.execute(["regress", path, "--y", "y", "--x", "grp3,ell", "--ref", "grp3=gamma"])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("--ref grp3=gamma: no complete row"), "\(r.errors)")
    }

    /// `coef(svyglm(api00 ~ 0 + stype + awards + ell, d))`: stypeE 755.6979450595965, stypeH
    /// 672.5636580649693, stypeM 702.7153254729928, awardsYes 26.4330386018629, ell
    /// −4.0001616244613; SEs 16.9581978729206, 11.2663489904014, 16.6985568469642,
    /// 15.4445825214256, 0.2971861707336.
    @Test func secondFactorWithoutInterceptTakesContrasts() throws {
        let c = try Self.coefficients([Self.apistrat, "--y", "api00", "--x", "stype,awards,ell", "--no-intercept"])
        #expect(Set(c.keys) == ["stypeE", "stypeH", "stypeM", "awardsYes", "ell"])
        let expected: [(String, Double, Double)] = [
            ("stypeE", 755.6979450595965, 16.9581978729206), ("stypeH", 672.5636580649693, 11.2663489904014),
            ("stypeM", 702.7153254729928, 16.6985568469642), ("awardsYes", 26.4330386018629, 15.4445825214256),
            ("ell", -4.0001616244613, 0.2971861707336),
        ]
        for (term, estimate, se) in expected {
            #expect(Self.close(c[term]?.estimate, estimate) && Self.close(c[term]?.se, se), "\(term): \(String(describing: c[term]))")
        }
    }
}

/// A Poisson model with every count zero at one level: the level's MLE is −∞, and the fit stops
/// somewhere near −29 with a large t and a tiny p (R's svyglm gives −28.7 or −31.7, depending on
/// its tolerance, without a word). The note says the coefficient may be infinite; an ordinary
/// Poisson fit (counts at every level) has no such note.
@Suite struct RegressBoundaryNoteTests {
    @Test func allZeroLevelIsNoted() throws {
        var table = try TableReader.read(path: RegressLevelsTests.apistrat)
        let stype = try table.column(named: "stype"), api00 = try table.numeric("api00")
        guard case .categorical(let codes, let levels) = stype.values else { Issue.record("stype not categorical"); return }
        let counts = zip(codes, api00).map { levels[Int($0)] == "H" ? 0 : ($1 / 100).rounded() }
        try table.setColumn(Column(name: "cnt", values: .numeric(counts)))
        try table.setColumn(Column(name: "cntAll", values: .numeric(api00.map { ($0 / 100).rounded() })))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("zeros-\(UUID().uuidString).csv").path
        try table.csvData().write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let design = ["--weights", "pw", "--strata", "stype", "--fpc", "fpc", "--family", "poisson"]
        let zero = Barometer.execute(["regress", path, "--y", "cnt", "--x", "stype,meals"] + design)
        #expect(zero.exitCode == 0, "\(zero.errors)")
        #expect(zero.output.contains("fitted value within 1e-8 of a mean of 0"), "\(zero.output)")
        let ordinary = Barometer.execute(["regress", path, "--y", "cntAll", "--x", "stype,meals"] + design)
        #expect(ordinary.exitCode == 0, "\(ordinary.errors)")
        #expect(!ordinary.output.contains("within 1e-8"))
    }
}
