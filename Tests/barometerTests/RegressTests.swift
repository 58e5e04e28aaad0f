import Foundation
import Testing
@testable import barometer

/// `barometer regress` end to end through `Barometer.execute`: NIST Longley certified values via
/// the JSON output (Tests/Fixtures/strd, NIST StRD), and every error path's exit code.
@Suite struct RegressTests {
    /// Writes `text` to a fresh temporary file and returns its path.
    static func temporaryFile(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("regress-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Longley.dat (whitespace, `#` comment) rewritten as CSV with a header.
    static func longleyCSV() throws -> String {
        let dat = try String(contentsOf: packageRoot.appendingPathComponent("Tests/Fixtures/strd/Longley.dat"), encoding: .utf8)
        let rows = dat.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let body = rows.map { $0.split(separator: " ").joined(separator: ",") }.joined(separator: "\n")
        return try temporaryFile("longley.csv", "y,x1,x2,x3,x4,x5,x6\n" + body + "\n")
    }

    /// Certified values: NIST StRD Longley (Tests/Fixtures/strd/Longley.json).
    @Test func longleyJSONMatchesCertifiedValues() throws {
        let r = Barometer.execute(["regress", try Self.longleyCSV(), "--y", "y", "--x", "x1,x2,x3,x4,x5,x6", "--format", "json"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let json = try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any]
        let certified: [(Double, Double)] = [
            (-3482258.63459582, 890420.383607373), (15.0618722713733, 84.9149257747669),
            (-0.358191792925910E-01, 0.334910077722432E-01), (-2.02022980381683, 0.488399681651699),
            (-1.03322686717359, 0.214274163161675), (-0.511041056535807E-01, 0.226073200069370),
            (1829.15146461355, 455.478499142212),
        ]
        let coefs = json?["coefficients"] as? [[String: Any]] ?? []
        #expect(coefs.count == 7)
        for (c, (estimate, sd)) in zip(coefs, certified) {
            #expect(abs((c["estimate"] as? Double ?? .nan) - estimate) <= 1e-9 * abs(estimate))
            #expect(abs((c["se"] as? Double ?? .nan) - sd) <= 1e-9 * sd)
        }
        #expect(json?["model"] as? String == "ols" && json?["n"] as? Int == 16 && json?["df_residual"] as? Int == 9)
        #expect(abs((json?["residual_sd"] as? Double ?? .nan) - 304.854073561965) <= 1e-9 * 304.854073561965)
        #expect(abs((json?["r_squared"] as? Double ?? .nan) - 0.995479004577296) <= 1e-9)
    }

    @Test func textAndCSVFormats() throws {
        let path = try Self.longleyCSV()
        let text = Barometer.execute(["regress", path, "--y", "y", "--x", "x1,x2,x3,x4,x5,x6"])
        #expect(text.exitCode == 0 && text.output.contains("(Intercept)") && text.output.contains("R²"))
        let csv = Barometer.execute(["regress", path, "--y", "y", "--x", "x1", "--format", "csv"])
        #expect(csv.exitCode == 0 && csv.output.contains("term"))
    }

    @Test func polynomialTermsAreNamed() throws {
        let rows = (0..<8).map { i in "\(i),\(1 + 2 * i - i * i + (i % 2))" }.joined(separator: "\n")
        let path = try Self.temporaryFile("poly.csv", "x,y\n" + rows + "\n")
        let r = Barometer.execute(["regress", path, "--y", "y", "--poly", "x:2", "--format", "json"])
        #expect(r.exitCode == 0, "\(r.errors)")
        #expect(r.output.contains("\"x^2\""))
    }

    @Test func unknownColumnSuggestsNearest() throws {
        let r = Barometer.execute(["regress", try Self.longleyCSV(), "--y", "y", "--x", "x1,xx2"])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("xx2") && r.errors.contains("did you mean"))
    }

    @Test func collinearPredictorIsNamed() throws {
        let path = try Self.temporaryFile("collinear.csv", "y,a,b,c\n1,1,2,5\n3,2,4,5\n2,3,6,5\n5,4,8,5\n4,5,10,5\n")
        let r = Barometer.execute(["regress", path, "--y", "y", "--x", "a,b"])
        #expect(r.exitCode == 1 && r.errors.contains("collinear"))
        #expect(r.errors.contains("a") || r.errors.contains("b"))
        let constant = Barometer.execute(["regress", path, "--y", "y", "--x", "a,c"])
        #expect(constant.exitCode == 1 && constant.errors.contains("c is a linear combination"))
    }

    @Test func fewerRowsThanParameters() throws {
        let path = try Self.temporaryFile("short.csv", "y,a,b\n1,1,2\n3,2,7\n")
        let r = Barometer.execute(["regress", path, "--y", "y", "--x", "a,b"])
        #expect(r.exitCode == 1 && r.errors.contains("observations"))
    }

    @Test func badFlagsAreUsageErrors() throws {
        let path = try Self.longleyCSV()
        #expect(Barometer.execute(["regress", path, "--y", "y", "--poly", "x1:zero"]).exitCode == 2)
        #expect(Barometer.execute(["regress", path, "--x", "x1"]).exitCode == 2)      // --y missing
        #expect(Barometer.execute(["regress", path, "--y", "y"]).exitCode == 2)       // no predictor
        #expect(Barometer.execute(["regress", path, "--y", "y", "--x", "x1", "--format", "pdf"]).exitCode == 2)
    }

    @Test func negativeWeightIsDataError() throws {
        let path = try Self.temporaryFile("w.csv", "y,x,w\n1,1,1\n3,2,1\n2,3,-2\n5,4,1\n")
        let r = Barometer.execute(["regress", path, "--y", "y", "--x", "x", "--precision-weights", "w"])
        #expect(r.exitCode == 1 && r.errors.contains("data row 3") && r.errors.contains("column w"))
        let sampling = Barometer.execute(["regress", path, "--y", "y", "--x", "x", "--weights", "w"])
        #expect(sampling.exitCode == 1 && sampling.errors.contains("row 3") && sampling.errors.contains("negative"))
    }

    @Test func nonNumericCellNamesFileLineColumn() throws {
        let path = try Self.temporaryFile("bad.csv", "y,x\n1,2\n2,abc\n3,4\n4,5\n")
        let r = Barometer.execute(["regress", path, "--y", "y", "--x", "x"])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("bad.csv") && r.errors.contains("3") && r.errors.contains("x"))
    }
}
