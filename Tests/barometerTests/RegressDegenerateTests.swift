import Foundation
import Testing
@testable import barometer

/// `regress` on degenerate data says so instead of printing numbers that mean nothing: squares
/// that overflow (|y| = 1e200) are an error, not "residual SD = inf, R² = nan" and t = 0; a
/// constant response has no R² (not −∞) and its exact fit is flagged as R's summary.lm flags it;
/// a one-level categorical predictor is an error (R: "contrasts can be applied only to factors
/// with 2 or more levels"), not silently dropped; an ordinal model whose predictor orders the
/// categories perfectly is an error (no MLE), not slopes of 390 after 200 iterations.
@Suite struct RegressDegenerateTests {
    static func file(_ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("regress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("d.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func overflowingSquaresAreAnError() throws {
        let r = Barometer.execute(["regress", try Self.file("y,x\n1,1\n2,2\n1e200,3\n4,5\n"), "--y", "y", "--x", "x"])
        #expect(r.exitCode == 1 && r.errors.contains("overflows double precision") && r.errors.contains("1e+200"), "\(r.errors)")
        #expect(r.output.isEmpty)
    }

    @Test func constantResponseHasNoRSquared() throws {
        // y = 7 in every row: the fit is exact (intercept 7, slope 0); R² = 1 − 0/0 is undefined.
        let path = try Self.file("y,x\n" + (1...20).map { "7,\($0)" }.joined(separator: "\n") + "\n")
        let r = Barometer.execute(["regress", path, "--y", "y", "--x", "x"])
        #expect(r.exitCode == 0)
        #expect(r.output.contains("y is constant over the rows used: R² is undefined"), "\(r.output)")
        #expect(!r.output.contains("nan") && !r.output.contains("inf") && !r.output.contains("R² ="), "\(r.output)")
        let json = Barometer.execute(["regress", path, "--y", "y", "--x", "x", "--format", "json"])
        #expect(json.output.contains("\"r_squared\": null"), "\(json.output)")
    }

    @Test func exactFitIsFlagged() throws {
        // y = 2x + 1 exactly: residuals at rounding level, so t and p are noise (R warns the same).
        let path = try Self.file("y,x\n" + (1...20).map { "\(2 * $0 + 1),\($0)" }.joined(separator: "\n") + "\n")
        let r = Barometer.execute(["regress", path, "--y", "y", "--x", "x"])
        #expect(r.exitCode == 0 && r.output.contains("essentially perfect fit"), "\(r.output)")
        let noisy = try Self.file("y,x\n" + (1...20).map { "\(2 * $0 + 1 + ($0 % 3)),\($0)" }.joined(separator: "\n") + "\n")
        #expect(!Barometer.execute(["regress", noisy, "--y", "y", "--x", "x"]).output.contains("essentially perfect fit"))
    }

    @Test func oneLevelFactorIsAnError() throws {
        let path = try Self.file("y,g\n1,p\n2,p\n3,p\n5,p\n")
        let r = Barometer.execute(["regress", path, "--y", "y", "--x", "g"])
        #expect(r.exitCode == 1 && r.errors.contains("categorical predictor 'g' has 1 level(s) (p)"), "\(r.errors)")
    }

    @Test func ordinalSeparationIsAnError() throws {
        // x orders the categories perfectly: rows 0-9 are a, 10-19 b, 20-29 c.
        let path = try Self.file("y,x,w\n" + (0..<30).map { "\(["a", "b", "c"][$0 / 10]),\($0),1" }.joined(separator: "\n") + "\n")
        let r = Barometer.execute(["regress", path, "--y", "y", "--x", "x", "--weights", "w", "--family", "ordinal"])
        #expect(r.exitCode == 1 && r.errors.contains("separation"), "\(r.errors)")
        #expect(r.output.isEmpty)
    }
}
