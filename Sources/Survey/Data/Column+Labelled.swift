extension Column {
    /// A numeric column with value labels viewed as categorical with the label texts, so the code
    /// `1` reads "Very favorable".
    ///
    /// Levels are the labelled values in increasing numeric order (the order of the codes, which
    /// is the order questionnaires use), followed by any unlabelled values that occur, also in
    /// increasing order, as their numbers' text. Values sharing one label text share one level.
    /// Missing stays missing. A categorical column, or a numeric one without value labels, is
    /// returned unchanged. The variable label is kept; `valueLabels` is cleared (the labels are
    /// now the levels).
    public func labelled() -> Column {
        guard case .numeric(let values) = self.values, !valueLabels.isEmpty else { return self }
        var levels: [String] = []
        var levelIndex: [String: Int32] = [:]
        var codeOf: [Double: Int32] = [:]
        func add(_ value: Double, _ text: String) {
            if let k = levelIndex[text] {
                codeOf[value] = k
            } else {
                let k = Int32(levels.count)
                levels.append(text)
                levelIndex[text] = k
                codeOf[value] = k
            }
        }
        for (value, text) in valueLabels.sorted(by: { $0.key < $1.key }) { add(value, text) }
        let unlabelled = Set(values.filter { !$0.isNaN && valueLabels[$0] == nil }).sorted()
        for value in unlabelled { add(value, formatNumber(value)) }
        let codes = values.map { $0.isNaN ? Int32(-1) : (codeOf[$0] ?? -1) }
        return Column(name: name, values: .categorical(codes: codes, levels: levels), label: label,
                      valueLabels: [:], firstNonNumeric: nil)
    }
}

extension Column {
    /// Level codes and labels of this numeric column, from each row's index into `distinct`
    /// (its sorted distinct values): a value's label where it has one, else its number, levels of
    /// one text joined (`joiningSameLabels`). What `--proportion`, `--by` and `crosstab` show.
    package func levelLabels(codes: [Int32], distinct: [Double]) -> (codes: [Int32], labels: [String]) {
        joiningSameLabels(codes: codes, labels: distinct.map { valueLabels[$0] ?? formatNumber($0) })
    }
}

/// Levels of one label text joined into one: value labels may repeat ("Other" on codes 1 and 2)
/// or collide with an unlabelled value's text ("2" on code 1 while code 2 has no label), and two
/// levels printed alike then split rows that `--where` joins (haven's `as_factor` joins them too).
/// Each text keeps its first level's place; `codes` (−1 missing) are renumbered. Unchanged, and
/// not copied, when every label is distinct.
package func joiningSameLabels(codes: [Int32], labels: [String]) -> (codes: [Int32], labels: [String]) {
    guard Set(labels).count < labels.count else { return (codes, labels) }
    var first: [String: Int32] = [:], joined: [String] = []
    var map = [Int32](repeating: -1, count: labels.count)
    for (k, text) in labels.enumerated() {
        if let j = first[text] {
            map[k] = j
        } else {
            map[k] = Int32(joined.count)
            first[text] = map[k]
            joined.append(text)
        }
    }
    return (codes.map { $0 < 0 ? -1 : map[Int($0)] }, joined)
}
