/// The rows of a statistic whose columns are all 0/1 functions of one array of level codes
/// (proportions: the ones column, the level indicators, the non-missing indicator) sorted into
/// cells — (code, domain) combinations — so that a replicate's totals of every column and slot
/// are sums of its per-cell weight sums: one addition per weight instead of a product per column.
struct CellLayout: Sendable {
    /// Level codes shared by the columns (nil: only the ones column).
    let codes: [Int32]?
    /// Levels with a cell of their own (0..<levels); other codes share one cell.
    let levels: Int
    /// Row domain codes (nil: no slot needs a domain) and their count.
    let domainCodes: [Int32]?
    let domains: Int
    /// Cells for the codes: missing (−1), each level, any other code.
    var codeCells: Int { codes == nil ? 1 : levels + 2 }
    /// Cells in all: code cells × (no domain + each domain).
    var cells: Int { codeCells * (domainCodes == nil ? 1 : domains + 1) }
    /// Per pair, the cells its total sums.
    let members: [[Int]]

    /// Most cells of the layout (the accumulators of four replicates, two sets, stay within 4 KB).
    static let maxCells = 64

    /// The layout of `pairs` of `statistic`, or nil if a column is not a function of shared codes
    /// or the cells would be too many.
    init?(_ statistic: RatioStatistic, pairs: [(column: Int, slot: Int)]) {
        var shared: [Int32]?, forms: [CodeMember] = [], top: Int32 = -1
        for pair in pairs {
            guard let (codes, member) = statistic.columns[pair.column].codeForm else { return nil }
            if let codes {
                if let shared {
                    let same = shared.withUnsafeBufferPointer { a in codes.withUnsafeBufferPointer { a.baseAddress == $0.baseAddress } }
                    guard same, shared.count == codes.count else { return nil }
                } else {
                    shared = codes
                }
            }
            if case .level(let l) = member {
                guard l >= 0 else { return nil }
                top = max(top, l)
            }
            forms.append(member)
        }
        let useDomains = pairs.contains { $0.slot > 0 } && statistic.domainCodes != nil
        codes = shared
        levels = Int(top) + 1
        domainCodes = useDomains ? statistic.domainCodes : nil
        domains = useDomains ? statistic.domainCount : 0
        let codeCells = shared == nil ? 1 : levels + 2
        guard codeCells * (useDomains ? domains + 1 : 1) <= Self.maxCells else { return nil }
        let domainCells = useDomains ? domains + 1 : 1
        members = zip(pairs, forms).map { pair, member in
            let codeSet: [Int] = switch member {
            case .any: Array(0..<codeCells)
            case .nonMissing: Array(1..<codeCells)
            case .level(let l): [Int(l) + 1]
            }
            let domainSet = pair.slot == 0 ? Array(0..<domainCells) : [pair.slot]
            return domainSet.flatMap { d in codeSet.map { d * codeCells + $0 } }.sorted()
        }
    }

    /// The cell of each row `start..<start + length`, times `scale`, into `out`.
    func cellOffsets(start: Int, length: Int, scale: Int32, into out: UnsafeMutablePointer<Int32>) {
        let top = Int32(levels), codeCells = Int32(self.codeCells)
        for k in 0..<length { out[k] = 0 }
        if let codes {
            codes.withUnsafeBufferPointer { c in
                for k in 0..<length {
                    let code = c[start + k]
                    out[k] = code >= 0 && code < top ? code + 1 : (code < 0 ? 0 : top + 1)
                }
            }
        }
        if let domainCodes {
            let d = Int32(domains)
            domainCodes.withUnsafeBufferPointer { c in
                for k in 0..<length {
                    let code = c[start + k]
                    out[k] += (code >= 0 && code < d ? code + 1 : 0) &* codeCells
                }
            }
        }
        for k in 0..<length { out[k] &*= scale }
    }
}
