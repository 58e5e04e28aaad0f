import ArgumentParser
import Survey

extension SourceDetail: ChoiceArgument {}

/// `--sources short|full`: one collapsed source line (citations sharing a deposit or DOI
/// together) or every citation.
struct SourcesOption: ParsableArguments {
    @Option(name: .long, help: "Source footer: short (citations sharing a DOI collapse to one line) or full (every citation).")
    var sources: SourceDetail = .short

    /// The footer of a table citing `list`: notes (full) and the source note.
    func footer(_ list: [SourceReference]) -> (notes: [String], source: String?) {
        SourceCaption.footer(list, detail: sources)
    }
}
