/// One entry of the delimiter stack: a run of `*`, `_` or `~` that may open or close.
struct Delimiter {
    /// The `.delimiterRun` node holding the characters not yet used.
    var node: Int
    var char: UInt8
    /// Length of the run as written (the "rule of 3" uses it).
    var originalLength: Int
    var canOpen: Bool
    var canClose: Bool
    var prev = -1
    var next = -1
}

/// The delimiter stack as a doubly linked list in an array. Entries are pushed in text
/// order, so comparing indices compares positions — used for the `openersBottom` bounds.
struct DelimiterStack {
    var items: [Delimiter] = []
    /// Index of the topmost (last) live entry, -1 when empty.
    var top = -1

    /// Pushes an entry on top.
    mutating func push(_ delimiter: Delimiter) {
        var d = delimiter
        d.prev = top
        d.next = -1
        items.append(d)
        let index = items.count - 1
        if top >= 0 { items[top].next = index }
        top = index
    }

    /// Unlinks entry `d`.
    mutating func remove(_ d: Int) {
        let p = items[d].prev
        let n = items[d].next
        if p >= 0 { items[p].next = n }
        if n >= 0 { items[n].prev = p } else { top = p }
    }
}

extension InlineParser {
    /// Remaining characters of a delimiter's run.
    func count(of d: Int) -> Int {
        if case .delimiterRun(_, let count) = tree.nodes[delimiters.items[d].node].kind { return count }
        return 0
    }

    /// Sets the remaining characters of a delimiter's run.
    mutating func setCount(of d: Int, _ count: Int) {
        let entry = delimiters.items[d]
        tree.nodes[entry.node].kind = .delimiterRun(char: entry.char, count: count)
    }

    /// `openersBottom` slot: per character, closer length mod 3 and whether the closer can
    /// also open (`*`, `_`); per length for `~`. Closers sharing a slot accept exactly the
    /// same openers, so a failed search bounds all later searches of that slot.
    func slot(_ d: Delimiter) -> Int {
        switch d.char {
        case Byte.star: return (d.canOpen ? 3 : 0) + d.originalLength % 3
        case Byte.underscore: return 6 + (d.canOpen ? 3 : 0) + d.originalLength % 3
        default: return d.originalLength == 1 ? 12 : 13
        }
    }

    /// Whether `opener` may close with `closer` (same char; rule of 3; `~` needs equal runs).
    func matches(_ opener: Delimiter, _ closer: Delimiter) -> Bool {
        guard opener.char == closer.char, opener.canOpen else { return false }
        if closer.char == Byte.tilde { return opener.originalLength == closer.originalLength }
        if (closer.canOpen || opener.canClose) && closer.originalLength % 3 != 0
            && (opener.originalLength + closer.originalLength) % 3 == 0 {
            return false
        }
        return true
    }

    /// The spec's "process emphasis" over the delimiters above `bottom` (-1: all), with the
    /// `openersBottom` optimisation, so total work is linear. Removes those delimiters after.
    mutating func processEmphasis(bottom: Int) {
        var openersBottom = [Int](repeating: bottom, count: 14)
        var closer = delimiters.top
        guard closer > bottom else { return }
        while delimiters.items[closer].prev > bottom { closer = delimiters.items[closer].prev }
        let root = InlineTree.root

        while closer >= 0 {
            let c = delimiters.items[closer]
            guard c.canClose else {
                closer = c.next
                continue
            }
            let key = slot(c)
            let floor = max(bottom, openersBottom[key])
            var opener = c.prev
            while opener > floor, !matches(delimiters.items[opener], c) {
                opener = delimiters.items[opener].prev
            }
            guard opener > floor else {
                openersBottom[key] = c.prev
                let next = c.next
                if !c.canOpen { delimiters.remove(closer) }
                closer = next
                continue
            }
            let o = delimiters.items[opener]
            let openerCount = count(of: opener)
            let closerCount = count(of: closer)
            let used: Int
            let kind: InlineKind
            if c.char == Byte.tilde {
                used = min(openerCount, closerCount)
                kind = .strikethrough
            } else {
                used = openerCount >= 2 && closerCount >= 2 ? 2 : 1
                kind = used == 2 ? .strong : .emphasis
            }
            setCount(of: opener, openerCount - used)
            setCount(of: closer, closerCount - used)
            let wrapper = tree.make(kind)
            tree.moveSiblings(after: o.node, before: c.node, of: root, into: wrapper)
            tree.insert(wrapper, after: o.node, in: root)
            // Delimiters between opener and closer can no longer match anything.
            var between = c.prev
            while between != opener, between >= 0 {
                let previous = delimiters.items[between].prev
                delimiters.remove(between)
                between = previous
            }
            if openerCount - used == 0 {
                tree.remove(o.node, from: root)
                delimiters.remove(opener)
            }
            if closerCount - used == 0 {
                let next = delimiters.items[closer].next
                tree.remove(c.node, from: root)
                delimiters.remove(closer)
                closer = next
            }
        }
        while delimiters.top > bottom { delimiters.remove(delimiters.top) }
    }
}
