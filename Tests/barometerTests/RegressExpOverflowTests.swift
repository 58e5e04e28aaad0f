import Foundation
import Testing
@testable import barometer

/// `--exp` of a coefficient above log(1.8e308) ≈ 709.78 is Inf, shown as R shows it, not as the
/// missing mark. R 4.2.2, survey 4.1.1: `d <- data.frame(w = 1, y = c(0, 800, 1, 801, 2),
/// x = c(0, 1, 0, 1, 0.5))`; `m <- svyglm(y ~ x, design = svydesign(ids = ~1, weights = ~w, data = d))`;
/// `exp(coef(m))`: (Intercept) 4.016771e-35, x Inf; `exp(confint(m))`: x 1.889161e+224, Inf.
@Suite struct RegressExpOverflowTests {
    @Test func overflowIsInf() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString).csv").path
        try "w,y,x\n1,0,0\n1,800,1\n1,1,0\n1,801,1\n1,2,0.5\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let args = ["regress", path, "--y", "y", "--x", "x", "--weights", "w", "--exp"]
        let csv = Barometer.execute(args + ["--format", "csv"])
        #expect(csv.exitCode == 0, "\(csv.errors)")
        let row = try #require(csv.output.split(whereSeparator: \.isNewline).first { $0.hasPrefix("x,") }).split(separator: ",")
        #expect(row[1] == "Inf" && row[6] == "Inf", "\(row)")
        #expect(abs((Double(row[5]) ?? .nan) / 1.889161e224 - 1) < 1e-6)
        let intercept = try #require(csv.output.split(whereSeparator: \.isNewline).first { $0.hasPrefix("(Intercept),") }).split(separator: ",")
        #expect(abs((Double(intercept[1]) ?? .nan) / 4.016771e-35 - 1) < 1e-6)
        let text = Barometer.execute(args)
        #expect(text.output.contains("│ x           │ Inf "), "\(text.output)")
        #expect((text.output + text.errors).contains("shown as Inf"))
    }
}
