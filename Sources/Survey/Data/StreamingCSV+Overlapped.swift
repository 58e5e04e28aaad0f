#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import Dispatch
import SurveyText

/// The streaming pass with parsing and the caller's work overlapped: a second thread parses
/// chunk k + 1 while `body` handles chunk k on the calling thread (double buffering: at most two
/// chunks' tables exist at once, so memory stays bounded). `body` sees the same tables, in the
/// same order, as under `forEachChunk`, and an error — a parse error in a later chunk or one
/// thrown by `body` — surfaces exactly where the sequential pass would raise it: chunks before a
/// parse error are all handed to `body` first, and after an error of `body` no further chunk is.
extension StreamingCSV {
    /// Busy and waiting seconds of an overlapped pass (for BAROMETER_TIMING and scripts/bench).
    public struct PassTiming: Sendable, Equatable {
        /// Seconds the parsing thread spent parsing chunks (the read time).
        public var parse = 0.0
        /// Seconds `body` ran (the accumulation time).
        public var work = 0.0
        /// Seconds the calling thread waited for a parsed chunk.
        public var wait = 0.0
        /// The most chunks parsed beyond the one `body` had just handled (1 at most: double buffering).
        public var chunksAhead = 0
    }

    /// Calls `body` with each table (a chunk, or a piece of one) and the rows before it, in file
    /// order, while the next chunk is parsed on another thread; returns how the time was spent.
    @discardableResult
    public func forEachChunkOverlapped(_ body: (Table, Int) throws -> Void) throws -> PassTiming {
        var cursor = try ChunkCursor(self)
        // Four pieces a thread: this thread's work competes with the parser's threads, and
        // smaller pieces keep those threads even. 2M-row, 87-column replicate estimate, 2 cores,
        // each piece its own table (`readPieces`): 1, 2, 3, 4, 6 and 8 pieces took 0.53-0.70,
        // 0.54-0.55, 0.50-0.54, 0.48-0.51, 0.52-0.55 and 0.52-0.57 s; the parse alone is the same
        // from 1 to 4 (0.37-0.38 s) and slower beyond.
        cursor.piecesPerThread = 4
        let handoff = Handoff(cursor)
        let producerDone = DispatchSemaphore(value: 0)
        let started = detachThread {
            while true {
                handoff.mayParse.wait()
                if handoff.isCancelled { break }
                let start = DispatchTime.now().uptimeNanoseconds
                let item = Result { try handoff.cursor.next() }
                handoff.put(item, nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
                if case .success(.some) = item { continue }
                break
            }
            producerDone.signal()
        }
        guard started else { throw DataError("cannot start a thread to read the file", file: path) }
        var timing = PassTiming()
        var taken = 0
        while true {
            let waitStart = DispatchTime.now().uptimeNanoseconds
            handoff.available.wait()
            let item = handoff.take()
            let workStart = DispatchTime.now().uptimeNanoseconds
            timing.wait += Double(workStart - waitStart) / 1e9
            switch item {
            case .failure(let error):
                producerDone.wait()
                throw error
            case .success(nil):
                producerDone.wait()
                timing.parse = Double(handoff.parseNanoseconds) / 1e9
                return timing
            case .success(.some(let (tables, rowsBefore))):
                handoff.mayParse.signal()
                do {
                    try Self.handOn(tables, rowsBefore, to: body)
                } catch {
                    handoff.cancel()
                    producerDone.wait()
                    throw error
                }
                timing.work += Double(DispatchTime.now().uptimeNanoseconds - workStart) / 1e9
                taken += 1
                timing.chunksAhead = max(timing.chunksAhead, handoff.producedCount - taken)
            }
        }
    }

    /// The one-slot mailbox between the parsing thread and the caller: `mayParse` lets the parser
    /// start a chunk (one at a time, after the caller took the previous one), `available` says a
    /// chunk (or the end, or an error) is in the slot. `cursor` is used by the parsing thread only.
    final class Handoff: @unchecked Sendable {
        var cursor: ChunkCursor
        /// Created at 0 and signalled once by `init` (libdispatch traps when a semaphore is freed
        /// with a count below its initial value).
        let mayParse = DispatchSemaphore(value: 0)
        let available = DispatchSemaphore(value: 0)
        private let lock = Lock()
        private var slot: Result<([Table], Int)?, any Error>?
        private var cancelled = false
        private var parsed: UInt64 = 0
        private var produced = 0

        init(_ cursor: ChunkCursor) {
            self.cursor = cursor
            mayParse.signal()
        }

        var isCancelled: Bool { locked { cancelled } }
        var parseNanoseconds: UInt64 { locked { parsed } }
        /// Chunks parsed so far.
        var producedCount: Int { locked { produced } }

        /// Puts a parsed chunk (or the end, or an error) in the slot.
        func put(_ item: Result<([Table], Int)?, any Error>, nanoseconds: UInt64) {
            locked {
                slot = item
                parsed += nanoseconds
                if case .success(.some) = item { produced += 1 }
            }
            available.signal()
        }

        /// Empties the slot (called after `available`).
        func take() -> Result<([Table], Int)?, any Error> {
            locked {
                defer { slot = nil }
                return slot ?? .success(nil)
            }
        }

        /// Stops the parser after the chunk it is on (wakes it if it waits to start one).
        func cancel() {
            locked { cancelled = true }
            mayParse.signal()
        }

        private func locked<T>(_ body: () -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            return body()
        }
    }
}
