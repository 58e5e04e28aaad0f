import Dispatch
import Testing
@testable import SurveyText

@Suite struct LockTests {
    /// 8 threads × 10,000 increments under the lock: 80,000 exactly (a lost update would show).
    @Test func countsEveryIncrement() {
        final class Box: @unchecked Sendable { var n = 0 }
        let box = Box(), lock = Lock()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<10_000 { lock.withLock { box.n += 1 } }
        }
        #expect(box.n == 80_000)
    }

    /// A recursive lock taken again by its holder (a notebook that runs a notebook) does not deadlock.
    @Test func recursiveLockReenters() {
        let lock = Lock(recursive: true)
        let inner = lock.withLock { lock.withLock { 42 } }
        #expect(inner == 42)
    }
}
