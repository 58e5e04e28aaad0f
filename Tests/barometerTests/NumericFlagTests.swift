import Foundation
import Testing
@testable import barometer

/// Issue 11 item 6: every numeric flag that is not finite or out of range is a usage error
/// (exit 2) naming the flag and the accepted range — never a crash or blank output.
@Suite struct NumericFlagTests {
    static let data = RakeCommandTests.data

    @Test func scaleNaNIsRefused() {
        // Issue 11 "Why": `--scale nan` was accepted and printed blank SEs.
        let r = Barometer.execute(["estimate", Self.data, "--weights", "pw", "--repweights", "pw", "--rep-type", "jk1",
                                   "--scale", "nan", "--mean", "api00"])
        #expect(r.exitCode == 2)
        #expect(r.errors.contains("--scale must be in (0, 1000] (got nan)"))
    }

    @Test func hugeChartWidthIsRefused() {
        // Issue 11 "Why": `chart --width 9223372036854775807` → SIGILL.
        let r = Barometer.execute(["chart", "--width", "9223372036854775807"])
        #expect(r.exitCode == 2)
        #expect(r.errors.contains("--width must be between 12 and 10000"))
        #expect(Barometer.execute(["chart", "--height", "9223372036854775807"]).exitCode == 2)
    }

    @Test func hugeSVGSizeIsRefused() {
        // `--size 9223372036854775807x400` was accepted and wrote an SVG claiming that width.
        for size in ["9223372036854775807x400", "10001x400", "800x10001", "239x400"] {
            let r = Barometer.execute(["chart", "--dataset", "cab", "--country", "KZ", "--size", size, "--svg", "/dev/null"])
            #expect(r.exitCode == 2, "\(size)")
            #expect(r.errors.contains("from 240x160 to 10000x10000"), "\(size): \(r.errors)")
        }
    }

    @Test func otherNumericFlagsAreChecked() {
        let base = ["estimate", Self.data, "--weights", "pw", "--mean", "api00"]
        let cases: [([String], String)] = [
            (["--cluster", "dnum", "--to-replicates", "bootstrap", "--bootstrap-replicates", "9223372036854775807"],
             "--bootstrap-replicates must be between 2 and 100000"),
            (["--cluster", "dnum", "--to-replicates", "fay", "--fay-rho", "inf"], "--fay-rho must be in [0, 1)"),
            (["--rake", "m.csv", "--rake-epsilon", "nan"], "--rake-epsilon must be in (0, 1)"),
            (["--rake", "m.csv", "--rake-maxit", "0"], "--rake-maxit must be between 1 and 1000000"),
        ]
        for (extra, message) in cases {
            let r = Barometer.execute(base + extra)
            #expect(r.exitCode == 2, "\(extra)")
            #expect(r.errors.contains(message), "\(extra): \(r.errors)")
        }
        #expect(Barometer.execute(["overview", "--width", "-1"]).exitCode == 2)
        #expect(Barometer.execute(["chart", "--deff", "inf"]).exitCode == 2)
    }

    /// Text flags that hold numbers refuse NaN, infinities and out-of-range values where they are
    /// parsed (usage errors exit 2; `--rscales`, which may name a file, is a data error, exit 1).
    @Test func textFlagsHoldingNumbersAreChecked() {
        let base = ["estimate", Self.data, "--weights", "pw", "--mean", "api00"]
        for q in ["api00:nan", "api00:inf", "api00:1.5", "api00:-0.1"] {
            let r = Barometer.execute(base + ["--quantile", q])
            #expect(r.exitCode == 2 && r.errors.contains("probabilities must be numbers in [0, 1]"), "\(q): \(r.errors)")
        }
        for degree in ["0", "21", "nan", "9223372036854775807"] {
            #expect(Barometer.execute(["regress", Self.data, "--y", "api00", "--poly", "ell:\(degree)"]).exitCode == 2, "\(degree)")
        }
        for value in ["nan", "inf", "-1"] {
            let r = Barometer.execute(["estimate", EstimateTests.jk1, "--weights", "pw", "--repweights", "^rw[0-9]+$",
                                       "--rep-type", "jk1", "--rscales=\(value)", "--mean", "api00"])
            #expect(r.exitCode == 1 && r.errors.contains("--rscales value 1 '\(value)' is not a non-negative number"), "\(value): \(r.errors)")
        }
        for size in ["nanx400", "800xinf", "-800x400"] {
            #expect(Barometer.execute(["chart", "--dataset", "cab", "--country", "KZ", "--size", size, "--svg", "/dev/null"]).exitCode == 2, "\(size)")
        }
    }
}
