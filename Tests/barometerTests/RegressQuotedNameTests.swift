import Foundation
import Testing
@testable import barometer
import Survey

/// A column whose name has `*` or `:` (`x*z`, as a spreadsheet export may give) is named in
/// backquotes in `--x`, as in R's formulas; unquoted, the error says how. Expected values: R 4.2.2,
/// survey 4.1.1, `d <- read.csv("star.csv", check.names = FALSE)`; `svyglm(y ~ \`x*z\`,
/// design = svydesign(ids = ~1, weights = ~w, data = d))`: (Intercept) 1.354838709677421 (SE
/// 1.205184161793301), `x*z` 0.615483870967742 (SE 0.200458713284785).
@Suite struct RegressQuotedNameTests {
    static let csv = "w,y,x*z,g\n1,2,3,a\n2,3,4,b\n1.5,4,2,a\n2,5,6,b\n1,3,3,a\n3,6,7,b\n"

    static func file() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("star-\(UUID().uuidString).csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func backquotedNameIsTheColumn() throws {
        let path = try Self.file()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = Barometer.execute(["regress", path, "--y", "y", "--x", "`x*z`", "--weights", "w", "--format", "json"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        let rows = try #require(json["coefficients"] as? [[String: Any]])
        let byTerm = Dictionary(uniqueKeysWithValues: rows.map { ($0["term"] as? String ?? "", $0) })
        let slope = try #require(byTerm["x*z"])
        #expect(abs((slope["estimate"] as? Double ?? .nan) - 0.615483870967742) < 1e-12)
        #expect(abs((slope["se"] as? Double ?? .nan) - 0.200458713284785) < 1e-12)
        let intercept = try #require(byTerm["(Intercept)"])
        #expect(abs((intercept["estimate"] as? Double ?? .nan) - 1.354838709677421) < 1e-12)
        #expect(abs((intercept["se"] as? Double ?? .nan) - 1.205184161793301) < 1e-12)
    }

    @Test func unquotedNameSaysToQuote() throws {
        let path = try Self.file()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = Barometer.execute(["regress", path, "--y", "y", "--x", "x*z", "--weights", "w"])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("write it in backquotes: `x*z`"), "\(r.errors)")
        let open = Barometer.execute(["regress", path, "--y", "y", "--x", "`x*z", "--weights", "w"])
        #expect(open.exitCode == 1)
        #expect(open.errors.contains("a backquote is not closed"), "\(open.errors)")
    }

    @Test func formulaSplitsOutsideBackquotes() throws {
        #expect(try ModelFormula(parsing: ["`x*z`:g", "a*b"]).labels == ["a", "b", "x*z:g", "a:b"])
        #expect(try ModelFormula(parsing: ["` spaced name `"]).labels == [" spaced name "])
        #expect(throws: DataError.self) { try ModelFormula(parsing: ["`x`y"]) }
    }
}
