import Foundation

/// Paths of the package from this file's own: the fixtures the articles' code reads and the
/// catalog whose code blocks must equal the compiled snippets.
enum DocCPaths {
    /// The package root (two folders above `Tests/SurveyDocCTests`).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The DocC catalog of the umbrella target.
    static let catalog = "Sources/Survey/Umbrella/Survey.docc"
}
