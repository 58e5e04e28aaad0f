/// Keeps the allow-listed raw tags of one inline run well nested with the Markdown markup:
/// a closing tag without a matching open tag in the same Markdown element is written as
/// text, and tags left open are closed when that element (emphasis, link, …) or the whole
/// paragraph/heading/cell ends, so user tags can never leak into surrounding markup.
/// Per-name open counts (snapshotted per element) make each tag O(1) amortised.
struct RawTagBalancer {
    /// Names of the allow-listed tags that can be open (`br` is void and never is).
    private static let names: [[UInt8]] = ["sup", "sub", "em", "strong", "b", "i", "kbd"].map { Array($0.utf8) }
    private static let br: [UInt8] = Array("br".utf8)

    /// Indices into `names` of the tags currently open, innermost last.
    private var open: [Int] = []
    /// How many tags of each name are open.
    private var counts = [Int](repeating: 0, count: RawTagBalancer.names.count)
    /// For each enclosing Markdown element: the `open` depth and `counts` when it started.
    private var scopes: [(depth: Int, counts: [Int])] = []

    /// A Markdown element (emphasis, link, …) starts: tags opened from now on belong to it.
    mutating func enterScope() {
        scopes.append((open.count, counts))
    }

    /// The current Markdown element ends: close the tags opened inside it.
    mutating func exitScope(into out: inout [UInt8]) {
        guard let scope = scopes.popLast() else { return }
        while open.count > scope.depth, let top = open.popLast() {
            counts[top] -= 1
            appendTag(top, closing: true, into: &out)
        }
    }

    /// Writes the tag text[start..<end] (already known to be allow-listed).
    mutating func emit(_ text: [UInt8], _ start: Int, _ end: Int, into out: inout [UInt8]) {
        var name: [UInt8] = []
        var k = start + 1
        let closing = k < end && text[k] == Byte.slash
        if closing { k += 1 }
        while k < end, ByteClass.isLetter(text[k]) {
            name.append(ByteClass.lower(text[k]))
            k += 1
        }
        if name == RawTagBalancer.br {
            Escaping.appendRaw("<br />", to: &out)
            return
        }
        guard let id = RawTagBalancer.names.firstIndex(of: name) else {
            Escaping.appendText(text, start, end, to: &out)
            return
        }
        if !closing {
            open.append(id)
            counts[id] += 1
            appendTag(id, closing: false, into: &out)
            return
        }
        let openHere = counts[id] - (scopes.last?.counts[id] ?? 0)
        guard openHere > 0 else {
            Escaping.appendText(text, start, end, to: &out)   // stray closing tag: literal text
            return
        }
        // Close anything opened inside it first, so the output stays well nested.
        while let top = open.popLast() {
            counts[top] -= 1
            appendTag(top, closing: true, into: &out)
            if top == id { break }
        }
    }

    /// Closes every tag still open.
    mutating func closeAll(into out: inout [UInt8]) {
        while let top = open.popLast() {
            counts[top] -= 1
            appendTag(top, closing: true, into: &out)
        }
    }

    /// Writes `<name>` or `</name>`.
    private func appendTag(_ id: Int, closing: Bool, into out: inout [UInt8]) {
        out.append(Byte.lessThan)
        if closing { out.append(Byte.slash) }
        out.append(contentsOf: RawTagBalancer.names[id])
        out.append(Byte.greaterThan)
    }
}
