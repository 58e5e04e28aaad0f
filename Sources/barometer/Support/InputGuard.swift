import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Commands that write a file never write it over one of their inputs: `--out` naming an input
/// (by real path, or by device and inode when both exist) is a usage error, before anything is read.
enum InputGuard {
    /// A usage error if `out` is the same file as any of `inputs` (`-`, standard output, is never one).
    static func refuseOverwriting(_ out: String, flag outFlag: String = "--out", inputs: [(flag: String, path: String)],
                                  command: String) throws {
        guard out != "-" else { return }
        for (flag, path) in inputs where path != "-" && sameFile(out, path) {
            throw ValidationError("\(outFlag) '\(out)' is the \(flag) file; \(command) never writes over its inputs — choose another \(outFlag)")
        }
    }

    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        if stat(a, &sa) == 0, stat(b, &sb) == 0 { return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino }
        let ua = URL(fileURLWithPath: a).standardizedFileURL.resolvingSymlinksInPath()
        let ub = URL(fileURLWithPath: b).standardizedFileURL.resolvingSymlinksInPath()
        return ua.path == ub.path
    }
}
