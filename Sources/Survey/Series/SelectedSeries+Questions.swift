/// A selection must not mix questions silently: CAB favorability and Gallup leadership approval
/// on one axis, or one fitted as the other's trend, answer different questions.
extension SelectedSeries {
    /// A message listing the datasets (or items) the selection spans beyond those the user named,
    /// with the flag that picks one; nil when the selection asks one question.
    /// `namedDatasets`: datasets named by `--dataset` plus `--series` files; `namedItems`: `--item`s.
    public func mixedQuestions(namedDatasets: Int, namedItems: Int, overlayHint: Bool = false) -> String? {
        let datasets = Array(Set(series.map(\.key.dataset))).sorted()
        if datasets.count > max(1, namedDatasets) {
            let listed = datasets.map { d in
                let questions = Set(series.filter { $0.key.dataset == d }.map { "\($0.key.item) · \($0.key.measure)" })
                return "\(d) (\(questions.sorted().joined(separator: ", ")))"
            }
            return "the selection matches series of \(datasets.count) datasets, which ask different questions: "
                + listed.joined(separator: "; ") + "; pick one with "
                + datasets.map { "--dataset \($0)" }.joined(separator: " or ")
                + (overlayHint ? " (or name them, --dataset \(datasets.joined(separator: ",")), to overlay them)" : "")
        }
        let perDataset = Dictionary(grouping: series, by: \.key.dataset).values.map { Set($0.map(\.key.item)) }
        let items = Array(Set(series.map(\.key.item))).sorted()
        if perDataset.contains(where: { $0.count > max(1, namedItems) }) {
            return "the selection matches \(items.count) items: \(items.joined(separator: ", ")); pick one with "
                + items.map { "--item \($0)" }.joined(separator: " or ")
        }
        return nil
    }
}
