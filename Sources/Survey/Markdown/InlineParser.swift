/// Phase 2 of CommonMark parsing: turns the text of one paragraph, heading or table cell into
/// an inline tree, in a single left-to-right pass. Emphasis uses the spec's delimiter stack
/// (see Emphasis.swift); links use a separate bracket stack, and are never re-parsed.
struct InlineParser {
    /// An open `[` or `![` waiting for its `]`.
    struct Bracket {
        /// The `.bracket` text node.
        var node: Int
        var image: Bool
        /// Top of the delimiter stack when the bracket was pushed: emphasis inside the link
        /// text is processed down to (not including) this delimiter.
        var delimiterBottom: Int
    }

    let text: [UInt8]
    var tree = InlineTree()
    var delimiters = DelimiterStack()
    var brackets: [Bracket] = []
    /// Non-image brackets below this stack index are inactive (a link was formed after them:
    /// links may not contain links). O(1) instead of walking the stack to deactivate them.
    var inactiveBelow = 0
    var backticks = BacktickIndex()
    var linkIndex = LinkScanIndex()

    /// Parses `text` (lines joined by "\n", no trailing whitespace) into an inline tree.
    static func parse(_ text: [UInt8]) -> InlineTree {
        var parser = InlineParser(text: text)
        parser.run()
        return parser.tree
    }

    /// A parser for `text`.
    init(text: [UInt8]) {
        self.text = text
    }

    /// The main scan: plain text runs are copied as ranges; special bytes dispatch to handlers.
    mutating func run() {
        let n = text.count
        var i = 0
        while i < n {
            switch text[i] {
            case Byte.newline:
                lineBreak(at: i)
                i += 1
            case Byte.backslash:
                i = backslash(at: i)
            case Byte.backtick:
                i = codeSpan(at: i)
            case Byte.star, Byte.underscore, Byte.tilde:
                i = delimiterRun(at: i)
            case Byte.leftBracket:
                pushBracket(image: false)
                i += 1
            case Byte.bang:
                if i + 1 < n, text[i + 1] == Byte.leftBracket {
                    pushBracket(image: true)
                    i += 2
                } else {
                    appendText(i, i + 1)
                    i += 1
                }
            case Byte.rightBracket:
                i = closeBracket(at: i)
            case Byte.lessThan:
                i = lessThan(at: i)
            case Byte.ampersand:
                i = ampersand(at: i)
            default:
                var j = i + 1
                while j < n, !InlineParser.isSpecial[Int(text[j])] { j += 1 }
                appendText(i, j)
                i = j
            }
        }
        processEmphasis(bottom: -1)
    }

    /// Bytes that may start an inline construct; all others are copied as plain text.
    static let isSpecial: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for b in "\n\\`*_~[]!<&".utf8 { table[Int(b)] = true }
        return table
    }()

    /// Appends text[start..<end], merging with a directly preceding text range.
    mutating func appendText(_ start: Int, _ end: Int) {
        let last = tree.nodes[InlineTree.root].lastChild
        if last >= 0, case .text(let s, let e) = tree.nodes[last].kind, e == start {
            tree.nodes[last].kind = .text(start: s, end: end)
            return
        }
        tree.append(.text(start: start, end: end))
    }

    /// A line ending: hard break after 2+ spaces, soft break otherwise; trailing spaces and
    /// tabs are dropped (as cmark does).
    mutating func lineBreak(at i: Int) {
        var hard = false
        let last = tree.nodes[InlineTree.root].lastChild
        if last >= 0, case .text(let s, let e) = tree.nodes[last].kind, e == i {
            hard = e - s >= 2 && text[e - 1] == Byte.space && text[e - 2] == Byte.space
            var k = e
            while k > s, ByteClass.isSpaceOrTab(text[k - 1]) { k -= 1 }
            tree.nodes[last].kind = .text(start: s, end: k)
        }
        tree.append(hard ? .hardBreak : .softBreak)
    }

    /// A backslash: hard break before a line ending, escape before ASCII punctuation, else text.
    mutating func backslash(at i: Int) -> Int {
        if i + 1 < text.count {
            let next = text[i + 1]
            if next == Byte.newline {
                tree.append(.hardBreak)
                return i + 2
            }
            if ByteClass.isASCIIPunctuation(next) {
                tree.append(.escaped(byte: next))
                return i + 2
            }
        }
        appendText(i, i + 1)
        return i + 1
    }

    /// A backtick run: a code span when a run of the same length follows, else literal text.
    mutating func codeSpan(at i: Int) -> Int {
        var j = i
        while j < text.count, text[j] == Byte.backtick { j += 1 }
        let length = j - i
        backticks.buildIfNeeded(text)
        if let close = backticks.closer(length: length, from: j) {
            let (s, e) = CodeSpans.contentRange(text, j, close)
            tree.append(.code(start: s, end: e))
            return close + length
        }
        appendText(i, j)
        return j
    }

    /// A run of `*`, `_` or `~`: classified by the flanking rules and pushed as a delimiter.
    mutating func delimiterRun(at i: Int) -> Int {
        let c = text[i]
        var j = i
        while j < text.count, text[j] == c { j += 1 }
        let length = j - i
        if c == Byte.tilde && length > 2 {
            appendText(i, j)
            return j
        }
        let before = CharClass.before(text, i)
        let after = CharClass.after(text, j)
        let leftFlanking = after != .whitespace && (after != .punctuation || before != .other)
        let rightFlanking = before != .whitespace && (before != .punctuation || after != .other)
        var canOpen = leftFlanking
        var canClose = rightFlanking
        if c == Byte.underscore {
            canOpen = leftFlanking && (!rightFlanking || before == .punctuation)
            canClose = rightFlanking && (!leftFlanking || after == .punctuation)
        }
        let node = tree.append(.delimiterRun(char: c, count: length))
        if canOpen || canClose {
            delimiters.push(Delimiter(node: node, char: c, originalLength: length, canOpen: canOpen, canClose: canClose))
        }
        return j
    }

    /// Pushes `[` or `![` on the bracket stack.
    mutating func pushBracket(image: Bool) {
        let node = tree.append(.bracket(image: image))
        brackets.append(Bracket(node: node, image: image, delimiterBottom: delimiters.top))
    }

    /// `]`: forms a link or image with the nearest bracket when an inline-link tail follows
    /// (spec: "look for link or image"); otherwise the `]` is literal.
    mutating func closeBracket(at i: Int) -> Int {
        guard let opener = brackets.last else {
            appendText(i, i + 1)
            return i + 1
        }
        // (The scan tables use 32-bit positions: texts over 1 GiB get no links at all.)
        let active = (opener.image || brackets.count - 1 >= inactiveBelow) && text.count < 1 << 30
        if active { linkIndex.buildIfNeeded(text) }
        guard active, let tail = linkIndex.inlineLinkTail(text, close: i) else {
            popBracket()
            appendText(i, i + 1)
            return i + 1
        }
        processEmphasis(bottom: opener.delimiterBottom)
        tree.targets.append(tail.target)
        let target = tree.targets.count - 1
        let link = tree.make(opener.image ? .image(target: target) : .link(target: target))
        let root = InlineTree.root
        tree.moveSiblings(after: opener.node, before: -1, of: root, into: link)
        tree.insert(link, after: opener.node, in: root)
        tree.remove(opener.node, from: root)
        popBracket()
        if !opener.image { inactiveBelow = brackets.count }
        return tail.end
    }

    /// Pops the top bracket, keeping `inactiveBelow` within the stack.
    mutating func popBracket() {
        brackets.removeLast()
        inactiveBelow = min(inactiveBelow, brackets.count)
    }

    /// `<`: an allow-listed tag, an autolink, or a literal `<`.
    mutating func lessThan(at i: Int) -> Int {
        if let end = Autolinks.allowedTag(text, i) {
            tree.append(.rawTag(start: i, end: end))
            return end
        }
        if let uri = Autolinks.uri(text, i) {
            appendAutolink(prefix: [], uri.start, uri.end)
            return uri.next
        }
        if let email = Autolinks.email(text, i) {
            appendAutolink(prefix: Array("mailto:".utf8), email.start, email.end)
            return email.next
        }
        appendText(i, i + 1)
        return i + 1
    }

    /// Appends a link whose text is the address itself (no escapes are processed inside).
    mutating func appendAutolink(prefix: [UInt8], _ start: Int, _ end: Int) {
        tree.targets.append(LinkTarget(destination: prefix + text[start..<end], title: nil))
        let link = tree.append(.link(target: tree.targets.count - 1))
        let label = tree.make(.text(start: start, end: end))
        tree.appendChild(label, to: link)
    }

    /// `&`: a recognised entity or numeric reference, else a literal `&`.
    mutating func ampersand(at i: Int) -> Int {
        if let entity = Entities.decode(text, at: i, end: text.count) {
            tree.literals.append(entity.bytes)
            tree.append(.decoded(index: tree.literals.count - 1))
            return entity.next
        }
        appendText(i, i + 1)
        return i + 1
    }
}
