import Foundation

/// Locates the workplace's `shared/` folder (reference data, CAB microdata) beside the checkout.
/// Tests that need it are disabled by a `.enabled(if:)` trait with the reason, so the runner
/// reports them as skipped (never a silent pass).
enum SharedData {
    /// The package root (two levels above this file's `Tests/SurveyTests/Support`).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` next to the checkout (or `../../shared` beside a worktree folder such as
    /// `/work/wt/NAME`), if it exists.
    static var root: URL? {
        let parent = packageRoot.deletingLastPathComponent()
        let candidates = [
            parent.appendingPathComponent("shared"),
            parent.deletingLastPathComponent().appendingPathComponent("shared"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// A file under `../shared/reference/`, falling back to `Tests/Fixtures/` copies.
    static func reference(_ relative: String) -> URL? {
        if let root {
            let u = root.appendingPathComponent("reference").appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: u.path) { return u }
        }
        let fixture = packageRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: fixture.path) ? fixture : nil
    }

    /// `../shared/data/cab-microdata`, if present (never copied into the repository: no licence).
    static var cabMicrodata: URL? {
        guard let root else { return nil }
        let u = root.appendingPathComponent("data/cab-microdata")
        return FileManager.default.fileExists(atPath: u.path) ? u : nil
    }

    /// A file under `../shared/` (e.g. `data/published/figures.csv`), if present.
    static func file(_ relative: String) -> URL? {
        guard let root else { return nil }
        let u = root.appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: u.path) ? u : nil
    }
}
