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
