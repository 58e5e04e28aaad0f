import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText

/// Temporary files that must not outlive the process: `AtomicFile` registers each one while it
/// exists, and the CLI's SIGINT/SIGTERM handler removes every registered file before exiting
/// (130 and 143, the shell's 128 + signal), so an interrupted write leaves no `.tmp` behind.
package enum TemporaryFiles {
    private static let lock = Lock()
    nonisolated(unsafe) private static var paths: Set<String> = []
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    /// Whether the first registered file installs the signal handlers (`armSignalCleanup`).
    nonisolated(unsafe) private static var armed = false

    /// Records `path` as a temporary file to remove on interruption (installing the handlers
    /// first when armed, so no file exists unguarded).
    package static func register(_ path: String) {
        lock.lock()
        let install = armed && sources.isEmpty
        lock.unlock()
        if install { installSignalCleanup() }
        lock.lock(); paths.insert(path); lock.unlock()
    }

    /// Makes the first `register` install the handlers: a command that writes no file never
    /// starts the dispatch thread signal sources need (issue 17 item 4, process start).
    package static func armSignalCleanup() {
        lock.lock(); armed = true; lock.unlock()
    }

    /// Forgets `path` (it was renamed into place or removed).
    package static func unregister(_ path: String) {
        lock.lock(); paths.remove(path); lock.unlock()
    }

    /// The registered paths.
    package static var registered: Set<String> {
        lock.lock(); defer { lock.unlock() }
        return paths
    }

    /// Removes every registered file and forgets them; returns how many were removed.
    @discardableResult package static func removeAll() -> Int {
        lock.lock()
        let current = paths
        paths.removeAll()
        lock.unlock()
        var removed = 0
        for path in current where unlink(path) == 0 { removed += 1 }
        return removed
    }

    /// Installs SIGINT and SIGTERM handlers (once) that remove the registered files and exit with
    /// 128 + the signal number.
    package static func installSignalCleanup() {
        lock.lock(); defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)  // the dispatch source receives it instead of the default action
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                removeAll()
                exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }
}
