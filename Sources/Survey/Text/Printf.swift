#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C `printf` formatting in the C locale, for the numbers reports print (`%.4g`, `%.1e`, …).
/// Why not `String(format:)`: it lives in Foundation proper, whose start-up work and thousands
/// of protocol conformances cost every command several milliseconds (issue 17 item 4); this is
/// the same C formatting the Linux Foundation ends in, for the formats used here.
package enum Printf {
    /// `format` filled with `arguments` by `vsnprintf`. Integers are passed as Swift `Int`, so
    /// integer conversions must say `l` (`%ld`, `%04ld`).
    package static func string(_ format: String, _ arguments: any CVarArg...) -> String {
        var capacity = 128
        while true {
            let result = withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer -> (String?, Int) in
                guard let base = buffer.baseAddress else { return (nil, 0) }
                let n = withVaList(arguments) { vsnprintf(base, capacity, format, $0) }
                guard n >= 0 else { return ("", 0) }
                guard Int(n) < capacity else { return (nil, Int(n) + 1) }
                return (String(decoding: UnsafeRawBufferPointer(start: base, count: Int(n)), as: UTF8.self), 0)
            }
            if let text = result.0 { return text }
            capacity = result.1
        }
    }
}
