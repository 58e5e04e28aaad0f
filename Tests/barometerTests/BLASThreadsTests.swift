import Foundation
import Testing

/// The program runs OpenBLAS on one thread unless the environment it starts with says otherwise
/// (`Sources/CBLASThreads`): OpenBLAS's own constructor would otherwise start a worker per core,
/// which spin for ~0.1 s on every short command. Checked on the built binary, a separate process
/// started with the variables removed or set, through the line `BAROMETER_TIMING=1` writes.
@Suite struct BLASThreadsTests {
    /// `barometer-blas-threads: N` of `estimate` on the example file, in an environment without
    /// OpenBLAS's three thread variables (and OPENBLAS_CORETYPE) plus `extra`; the estimate printed is R's (a first version set
    /// the variable in the environment, which moved `environ`, and the static release runtime
    /// then lost the arguments and printed the root help).
    func threads(_ extra: [String: String]) throws -> String? {
        try timingLine("barometer-blas-threads: ", extra)
    }

    /// The value of the line starting `prefix` that `estimate` writes under `BAROMETER_TIMING=1`
    /// (as `threads`).
    func timingLine(_ prefix: String, _ extra: [String: String]) throws -> String? {
        var environment = ProcessInfo.processInfo.environment
        for name in ["OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_CORETYPE"] { environment[name] = nil }
        environment.merge(extra.merging(["BAROMETER_TIMING": "1"]) { $1 }) { $1 }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLIClaimsTests.binary)
        p.arguments = ["estimate", CLIClaimsTests.examples.appendingPathComponent("apistrat.csv").path, "--mean", "api00"]
        p.environment = environment
        let err = Pipe(), out = Pipe()
        p.standardError = err
        p.standardOutput = out
        try p.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text)")
        // R survey: svymean(~api00, svydesign(id = ~1, data = apistrat)) = 652.82 (SE 8.554).
        #expect(printed.contains("652.8200") && printed.contains("8.5540"), "\(printed)")
        return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    /// The CPU's feature flags (/proc/cpuinfo), empty where there is no such file.
    static var cpuFlags: Set<Substring> {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return [] }
        return Set(line.split(separator: " "))
    }

    /// OpenBLAS 0.3.21 (Debian 12) falls back to its SSE3 kernels, "Prescott", on Intel CPUs newer
    /// than it (family 6 model 207 on the benchmark host); the program then picks the kernels the
    /// CPU runs (`Sources/CBLASThreads/blas_kernels.c`). OPENBLAS_CORETYPE, when set, decides —
    /// and the estimate is still R's, so the environment offered to OpenBLAS lost no argument.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CLIClaimsTests.binary),
                   "needs the debug binary .build/debug/barometer (built by swift build / swift test)"),
          .enabled(if: cpuFlags.isSuperset(of: ["avx2", "fma"]), "needs a CPU with AVX2 and FMA"))
    func kernelsFitTheCPU() throws {
        let flags = Self.cpuFlags
        let chosen = try timingLine("barometer-blas-kernels: ", [:])
        #expect(chosen != nil && chosen != "Prescott", "\(chosen ?? "no kernels line")")
        if flags.isSuperset(of: ["avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl"]) {
            // OpenBLAS's own name for an AVX-512 CPU it knows, or the program's choice.
            #expect(["SkylakeX", "Cooperlake", "SapphireRapids", "Zen"].contains(chosen ?? ""), "\(chosen ?? "")")
        }
        #expect(try timingLine("barometer-blas-kernels: ", ["OPENBLAS_CORETYPE": "Haswell"]) == "Haswell")
        #expect(try timingLine("barometer-blas-kernels: ", ["OPENBLAS_CORETYPE": "Prescott"]) == "Prescott")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CLIClaimsTests.binary),
                   "needs the debug binary .build/debug/barometer (built by swift build / swift test)"))
    func oneThreadUnlessTheEnvironmentSays() throws {
        // This machine has 2 cores or more (OpenBLAS would start one worker per core).
        #expect(try threads([:]) == "1")
        #expect(try threads(["OPENBLAS_NUM_THREADS": "2"]) == "2")
        #expect(try threads(["OMP_NUM_THREADS": "2"]) == "2")
    }
}
