/// A unified diff of two texts (line based, LCS), as `diff -u` prints it, for `notebook check`.
package enum UnifiedDiff {
    /// The diff of `old` → `new` with `context` lines around changes; labels name both sides.
    /// `lineOffset` shifts line numbers so they point into the notebook.
    package static func make(
        old: String, new: String, oldLabel: String, newLabel: String, lineOffset: Int = 0, context: Int = 3
    ) -> String {
        let a = lines(old), b = lines(new)
        let ops = script(a, b)
        var out = "--- \(oldLabel)\n+++ \(newLabel)\n"
        // Group operations into hunks separated by more than 2·context unchanged lines.
        var k = 0
        while k < ops.count {
            guard let firstChange = ops[k...].firstIndex(where: { $0.kind != .same }) else { break }
            var end = firstChange
            var last = firstChange
            while end < ops.count {
                if ops[end].kind != .same { last = end }
                if end - last > 2 * context { break }
                end += 1
            }
            let start = max(k, firstChange - context)
            let stop = min(ops.count, last + context + 1)
            let hunk = ops[start..<stop]
            let oldStart = (hunk.first?.oldIndex ?? 0) + 1 + lineOffset
            let newStart = (hunk.first?.newIndex ?? 0) + 1 + lineOffset
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            out += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
            for op in hunk {
                switch op.kind {
                case .same: out += " " + a[op.oldIndex] + "\n"
                case .delete: out += "-" + a[op.oldIndex] + "\n"
                case .insert: out += "+" + b[op.newIndex] + "\n"
                }
            }
            k = stop
        }
        return out
    }

    struct Op {
        enum Kind { case same, delete, insert }
        var kind: Kind
        var oldIndex: Int
        var newIndex: Int
    }

    static func lines(_ s: String) -> [String] {
        var l = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if l.last == "" { l.removeLast() }
        return l
    }

    /// Largest LCS table (cells) the diff builds: a notebook's stale output and a command's new
    /// output are file- and data-sized, and the table is quadratic in them.
    static let maxTableCells = 4_000_000

    /// Edit script: common leading and trailing lines are kept as they are, and the rest is
    /// matched by the longest common subsequence — or, when that table would pass
    /// `maxTableCells`, replaced whole (all deletions, then all insertions): linear time and
    /// memory whatever the outputs' sizes.
    static func script(_ a: [String], _ b: [String]) -> [Op] {
        var head = 0
        while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        let middleA = Array(a[head..<(a.count - tail)]), middleB = Array(b[head..<(b.count - tail)])
        let (cells, overflow) = (middleA.count + 1).multipliedReportingOverflow(by: middleB.count + 1)
        var middle: [Op]
        if overflow || cells > maxTableCells {
            middle = middleA.indices.map { Op(kind: .delete, oldIndex: $0, newIndex: 0) }
                + middleB.indices.map { Op(kind: .insert, oldIndex: middleA.count, newIndex: $0) }
        } else {
            middle = lcsScript(middleA, middleB)
        }
        for k in middle.indices { middle[k].oldIndex += head; middle[k].newIndex += head }
        let prefix = (0..<head).map { Op(kind: .same, oldIndex: $0, newIndex: $0) }
        let suffix = (0..<tail).map { Op(kind: .same, oldIndex: a.count - tail + $0, newIndex: b.count - tail + $0) }
        return prefix + middle + suffix
    }

    /// Edit script from the longest common subsequence table.
    static func lcsScript(_ a: [String], _ b: [String]) -> [Op] {
        let n = a.count, m = b.count
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        if n > 0 && m > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
                }
            }
        }
        var ops: [Op] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                ops.append(Op(kind: .same, oldIndex: i, newIndex: j))
                i += 1
                j += 1
            } else if j < m, i == n || lcs[i][j + 1] > lcs[i + 1][j] {
                ops.append(Op(kind: .insert, oldIndex: i, newIndex: j))
                j += 1
            } else {
                ops.append(Op(kind: .delete, oldIndex: i, newIndex: j))
                i += 1
            }
        }
        return ops
    }
}
