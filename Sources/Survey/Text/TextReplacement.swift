extension String {
    /// Every occurrence of `target` replaced by `replacement`, matched byte by byte in UTF-8 (so
    /// scalar by scalar): unlike the standard library's `replacing(_:with:)` and, on Linux,
    /// Foundation's `replacingOccurrences(of:with:)` (both compare whole characters), a quote
    /// followed by a combining accent is still a quote to double when a CSV field is quoted.
    public func replacingEvery(_ target: String, with replacement: String) -> String {
        let pattern = Array(target.utf8)
        guard let head = pattern.first else { return self }
        var bytes = self
        return bytes.withUTF8 { text -> String in
            var out: [UInt8] = []
            var copied = 0, i = 0
            while i + pattern.count <= text.count {
                if text[i] == head, pattern.indices.allSatisfy({ text[i + $0] == pattern[$0] }) {
                    out.append(contentsOf: text[copied..<i])
                    out.append(contentsOf: replacement.utf8)
                    i += pattern.count
                    copied = i
                } else {
                    i += 1
                }
            }
            guard copied > 0 else { return self }
            out.append(contentsOf: text[copied...])
            return String(decoding: out, as: UTF8.self)
        }
    }
}
