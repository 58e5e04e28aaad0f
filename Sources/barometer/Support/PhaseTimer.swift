import CBLASThreads
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Phase timings for `scripts/bench`: when the environment has `BAROMETER_TIMING=1`, `measure`
/// writes `barometer-timing: <phase> <seconds>` to standard error after the phase, so the benchmark
/// can report compute time without file reading and writing (as R's timing excludes `read.csv`),
/// `barometer-cpu: <phase> <user> user <system> system` (CPU seconds, all threads; page faults),
/// `barometer-cpu-thread: <phase> <user> user <system> system` (the calling thread alone, Linux:
/// the thread that reads a file on one thread, without other threads such as OpenBLAS's workers,
/// which spin for about a tenth of a second after the library loads when the user's environment
/// asks for several, `CBLASThreads`), and `barometer-peak: <phase> <MB>`, the process's peak resident
/// set so far (`getrusage`), so a memory peak can be traced to its phase; once, first,
/// `barometer-blas-threads: <n>` and `barometer-blas-kernels: <name>`. Without the variable it only runs the body. Phases
/// used: `read`, `compute`, `write`.
enum PhaseTimer {
    static let enabled = ProcessEnvironment.value("BAROMETER_TIMING") == "1"
    /// Whether `barometer-blas-threads: N` (OpenBLAS's threads, `CBLASThreads`) was written, once
    /// before the first phase. Only the main thread measures phases.
    nonisolated(unsafe) private static var reportedThreads = false

    static func measure<T>(_ phase: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        if !reportedThreads {
            reportedThreads = true
            Console.error("barometer-blas-threads: \(barometer_blas_threads())")
            Console.error("barometer-blas-kernels: \(String(cString: barometer_blas_kernels()))")
        }
        let start = DispatchTime.now().uptimeNanoseconds, cpu = cpuSeconds(), own = threadSeconds()
        defer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            Console.error("barometer-timing: \(phase) \(seconds)")
            let now = cpuSeconds()
            Console.error("barometer-cpu: \(phase) \(now.user - cpu.user) user \(now.system - cpu.system) system \(now.faults - cpu.faults) faults")
            if let own, let mine = threadSeconds() {
                Console.error("barometer-cpu-thread: \(phase) \(mine.user - own.user) user \(mine.system - own.system) system")
            }
            Console.error("barometer-peak: \(phase) \(peakMegabytes())")
        }
        return try body()
    }

    /// User and system CPU seconds of this process so far (all threads), and its page faults.
    static func cpuSeconds() -> (user: Double, system: Double, faults: Int) {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return (0, 0, 0) }
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return (seconds(usage.ru_utime), seconds(usage.ru_stime), usage.ru_minflt)
    }

    /// User and system CPU seconds of the calling thread so far (Linux `RUSAGE_THREAD`); nil elsewhere.
    static func threadSeconds() -> (user: Double, system: Double)? {
        #if os(Linux)
        var usage = rusage()
        guard getrusage(1, &usage) == 0 else { return nil }   // RUSAGE_THREAD
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return (seconds(usage.ru_utime), seconds(usage.ru_stime))
        #else
        return nil
        #endif
    }

    /// Peak resident set size of this process so far, in MiB (Linux reports `ru_maxrss` in KiB).
    static func peakMegabytes() -> Int {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss) / 1024
    }
}
