#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

extension Table {
    /// The table as RFC 4180 CSV (UTF-8, `\n` line ends, header row): categorical cells as their
    /// level text, numbers in Swift's shortest round-trip form (integers without a decimal point),
    /// missing values as empty fields. Numeric columns keep their codes, not value labels, so the
    /// file reads back to the same values. Fields containing `,`, `"` or a line break are quoted.
    public func csvData() -> Data {
        var out = [UInt8]()
        out.reserveCapacity(rowCount * max(1, columns.count) * 8 + 64)
        func append(_ s: String) {
            if s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) {
                out.append(UInt8(ascii: "\""))
                for b in s.utf8 {
                    if b == UInt8(ascii: "\"") { out.append(b) }
                    out.append(b)
                }
                out.append(UInt8(ascii: "\""))
            } else {
                out.append(contentsOf: s.utf8)
            }
        }
        for (j, c) in columns.enumerated() {
            if j > 0 { out.append(UInt8(ascii: ",")) }
            append(c.name)
        }
        out.append(10)
        // Level texts are quoted once per level, not once per cell.
        let encodedLevels: [[[UInt8]]?] = columns.map { c in
            guard case .categorical(_, let levels) = c.values else { return nil }
            return levels.map { l in
                let saved = out.count
                append(l)
                let bytes = Array(out[saved...])
                out.removeSubrange(saved...)
                return bytes
            }
        }
        for i in 0..<rowCount {
            for (j, c) in columns.enumerated() {
                if j > 0 { out.append(UInt8(ascii: ",")) }
                switch c.values {
                case .numeric(let v):
                    if !v[i].isNaN { out.append(contentsOf: formatNumber(v[i]).utf8) }
                case .categorical(let codes, _):
                    if codes[i] >= 0, let levels = encodedLevels[j] { out.append(contentsOf: levels[Int(codes[i])]) }
                }
            }
            out.append(10)
        }
        return Data(out)
    }
}
