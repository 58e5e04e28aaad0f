import Testing
@testable import SurveyMarkdown

/// Hostile Markdown of 4–100 KB renders without a hang: Ink 0.6 backtracked (242 fuzzed bytes
/// took more than 10 s; 175 bytes of `[` took 11 s), and a quadratic pass would take tens of
/// seconds on these sizes. The bound is a hang guard, generous for a debug build on a busy
/// 2-core machine, not a speed target (each renders in 1–90 ms in debug).
@Suite(.serialized) struct MarkdownAdversarialTests {
    /// Seconds any one hostile input may take in a debug build.
    static let timeLimit = 5.0

    @Test("hostile input renders without a hang (under 5 s in a debug build)", arguments: HostileMarkdown.all)
    func fast(_ pattern: HostileMarkdown) {
        let input = pattern.make(1)
        let seconds = markdownRenderSeconds(input)
        #expect(seconds < MarkdownAdversarialTests.timeLimit, "\(pattern.description) took \(seconds) s")
    }
}
