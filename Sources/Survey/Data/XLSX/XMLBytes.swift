#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// A read-only view of one XML part of a workbook, with the few byte-level operations the
/// `.xlsx` reader needs. SpreadsheetML is machine-written and regular, so a scanner that looks
/// for tags and attributes directly is far faster than a general XML parser (about 10 MB of
/// sheet XML per CAB file) while still catching malformed input: every search that fails is a
/// `DataError` naming the part and byte offset.
struct XMLBytes {
    let base: UnsafePointer<UInt8>
    let count: Int
    /// Zip entry name, for error messages (`xl/worksheets/sheet1.xml`).
    let part: String
    /// The workbook file, for error messages.
    let file: String?

    subscript(i: Int) -> UInt8 { i < count ? base[i] : 0 }

    /// The first index in `from..<limit` (default: to the end) holding `byte`, or nil. Searches
    /// inside one tag pass the tag's end as `limit`, so a part with no spaces or quotes is still
    /// scanned in linear time.
    func find(_ byte: UInt8, from: Int, limit: Int? = nil) -> Int? {
        let end = min(limit ?? count, count)
        guard from >= 0, from < end else { return nil }
        guard let hit = memchr(base + from, Int32(byte), end - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// The first index ≥ `from` (and < `limit`) where `pattern` starts, or nil.
    func find(_ pattern: [UInt8], from: Int, limit: Int? = nil) -> Int? {
        let end = min(limit ?? count, count)
        var i = from
        while let j = find(pattern[0], from: i, limit: end), j + pattern.count <= end {
            if hasPrefix(pattern, at: j) { return j }
            i = j + 1
        }
        return nil
    }

    func hasPrefix(_ pattern: [UInt8], at i: Int) -> Bool {
        guard i + pattern.count <= count else { return false }
        for (k, b) in pattern.enumerated() where base[i + k] != b { return false }
        return true
    }

    /// Whether the byte ends a tag name (space, `>`, `/`, tab, newline, CR).
    static func endsName(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x3E || b == 0x2F || b == 0x09 || b == 0x0A || b == 0x0D
    }

    /// The index of the `>` closing the tag that starts at `start`; throws when there is none.
    func tagEnd(_ start: Int) throws(DataError) -> Int {
        guard let e = find(0x3E, from: start) else { throw malformed("unterminated tag", at: start) }
        return e
    }

    /// The value range of attribute `name` (e.g. `Array(" r=".utf8)`, with its leading space and
    /// `=`) inside the tag `[start, end)`, without quotes.
    func attribute(_ name: [UInt8], in start: Int, _ end: Int) -> Range<Int>? {
        guard let at = find(name, from: start, limit: end) else { return nil }
        let quoteIndex = at + name.count
        let quote = self[quoteIndex]
        guard quote == 0x22 || quote == 0x27, let close = find(quote, from: quoteIndex + 1, limit: end) else { return nil }
        return (quoteIndex + 1)..<close
    }

    /// The attribute's decoded text.
    func attributeText(_ name: [UInt8], in start: Int, _ end: Int) throws(DataError) -> String? {
        guard let r = attribute(name, in: start, end) else { return nil }
        return try text(r)
    }

    /// A non-negative integer at `range`, or nil.
    func integer(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count < 19 else { return nil }
        var v = 0
        for i in range {
            let d = Int(base[i]) - 48
            guard (0...9).contains(d) else { return nil }
            v = v * 10 + d
        }
        return v
    }

    /// A decimal number at `range` (as Excel writes it: `12`, `0.5`, `1.37E-2`), or nil.
    func number(_ range: Range<Int>) -> Double? {
        guard !range.isEmpty, range.count < 64 else { return nil }
        var buffer = [CChar](repeating: 0, count: range.count + 1)
        for (k, i) in range.enumerated() { buffer[k] = CChar(bitPattern: base[i]) }
        return buffer.withUnsafeBufferPointer { b -> Double? in
            guard let start = b.baseAddress else { return nil }
            var end: UnsafeMutablePointer<CChar>?
            let v = strtod(start, &end)
            guard let end, start.distance(to: end) == range.count, v.isFinite else { return nil }
            return v
        }
    }

    /// The text at `range` with XML entities (`&amp;`, `&#233;`, `&#x41;`…) decoded.
    func text(_ range: Range<Int>) throws(DataError) -> String {
        guard find(0x26, from: range.lowerBound, limit: range.upperBound) != nil else {
            return String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let b = base[i]
            guard b == 0x26 else { out.append(b); i += 1; continue }
            guard let semi = find(0x3B, from: i, limit: min(range.upperBound, i + 13)) else {
                throw malformed("unterminated entity", at: i)
            }
            let name = String(decoding: UnsafeBufferPointer(start: base + i + 1, count: semi - i - 1), as: UTF8.self)
            switch name {
            case "lt": out.append(0x3C)
            case "gt": out.append(0x3E)
            case "amp": out.append(0x26)
            case "quot": out.append(0x22)
            case "apos": out.append(0x27)
            default:
                var scalar: UInt32?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    scalar = UInt32(name.dropFirst(2), radix: 16)
                } else if name.hasPrefix("#") {
                    scalar = UInt32(name.dropFirst(1))
                }
                guard let s = scalar, let u = Unicode.Scalar(s) else { throw malformed("unknown entity &\(name);", at: i) }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            }
            i = semi + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The concatenated `<t>` texts in `[start, end)` — a shared string `<si>` or an inline
    /// `<is>` — skipping phonetic runs (`<rPh>`), which are annotations, not cell text.
    func runText(_ start: Int, _ end: Int) throws(DataError) -> String {
        var result = ""
        var i = start
        while let lt = find(0x3C, from: i, limit: end) {
            if self[lt + 1] == 0x74, Self.endsName(self[lt + 2]) {  // <t>, <t xml:space=…>, <t/>
                let close = try tagEnd(lt)
                if self[close - 1] == 0x2F { i = close + 1; continue }
                guard let stop = find(Self.closeT, from: close + 1, limit: end) else {
                    throw malformed("<t> without </t>", at: lt)
                }
                result += try text((close + 1)..<stop)
                i = stop + Self.closeT.count
            } else if hasPrefix(Self.openRPh, at: lt) {
                guard let stop = find(Self.closeRPh, from: lt, limit: end) else { throw malformed("<rPh> without </rPh>", at: lt) }
                i = stop + Self.closeRPh.count
            } else {
                i = lt + 1
            }
        }
        return result
    }

    static let closeT = Array("</t>".utf8)
    static let openRPh = Array("<rPh".utf8)
    static let closeRPh = Array("</rPh>".utf8)

    /// A `DataError` for malformed XML at byte `offset` of this part.
    func malformed(_ what: String, at offset: Int) -> DataError {
        DataError("corrupt .xlsx workbook: malformed XML in \(part) at byte \(offset): \(what)", file: file)
    }

    /// Runs `body` over the bytes of `data`.
    static func with<T>(_ data: Data, part: String, file: String?, _ body: (XMLBytes) throws(DataError) -> T) throws(DataError) -> T {
        let result: Result<T, DataError> = data.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else {
                return .failure(DataError("corrupt .xlsx workbook: \(part) is empty", file: file))
            }
            do throws(DataError) {
                return .success(try body(XMLBytes(base: base, count: raw.count, part: part, file: file)))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
