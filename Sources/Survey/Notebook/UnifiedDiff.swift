/// A unified diff of two texts (line based, LCS), as `diff -u` prints it, for `notebook check`.
public enum UnifiedDiff {
    /// The diff of `old` → `new` with `context` lines around changes; labels name both sides.
    /// `lineOffset` shifts line numbers so they point into the notebook.
    public static func make(
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

    /// Edit script from the longest common subsequence table (outputs are small).
    static func script(_ a: [String], _ b: [String]) -> [Op] {
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
