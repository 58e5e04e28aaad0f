import Foundation

/// Phase timings for `scripts/bench`: when the environment has `BAROMETER_TIMING=1`, `measure`
/// writes `barometer-timing: <phase> <seconds>` to standard error after the phase, so the benchmark
/// can report compute time without file reading and writing (as R's timing excludes `read.csv`).
/// Without the variable it only runs the body. Phases used: `read`, `compute`, `write`.
enum PhaseTimer {
    static let enabled = ProcessInfo.processInfo.environment["BAROMETER_TIMING"] == "1"

    static func measure<T>(_ phase: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            Console.error("barometer-timing: \(phase) \(seconds)")
        }
        return try body()
    }
}
