import ArgumentParser
import Survey

/// `--title TEXT`: replaces the title printed above a result table (text, Markdown, LaTeX; CSV
/// and JSON carry no title). Reports use it to label what the default title cannot know — for
/// example that the data are SYNTHETIC, or which report section a table belongs to.
struct TitleOption: ParsableArguments {
    @Option(help: "Title printed above the table, replacing the default (e.g. to label synthetic data).")
    var title: String?

    /// `model` with the title replaced when `--title` was given.
    func apply(_ model: TableModel) -> TableModel {
        guard let title else { return model }
        var model = model
        model.title = title
        return model
    }
}
