#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText

/// A markdown notebook split into prose and `barometer` blocks with their stored outputs.
///
/// Format (notebooks-md/README.md): a fenced block whose info string is `barometer` (optionally
/// followed by `tolerance=1e-6`) holds one command line per line, without the program name. Its
/// output is stored in the fenced block with info string `output` that follows it, separated by
/// blank lines at most. Everything else is prose and is reproduced byte for byte.
public struct NotebookDocument: Sendable, Equatable {
    /// One piece of the document, in order.
    public enum Segment: Sendable, Equatable {
        /// Text kept verbatim (prose, other code blocks, blank lines).
        case prose(String)
        /// A command block and the output block stored after it.
        case command(CommandBlock)
    }

    public var segments: [Segment]
    /// The notebook's line ending ("\n" or "\r\n", from its first line); new output blocks use it.
    public var lineEnding: String

    public init(segments: [Segment], lineEnding: String = "\n") {
        self.segments = segments
        self.lineEnding = lineEnding
    }

    /// The command blocks in document order.
    public var commandBlocks: [CommandBlock] {
        segments.compactMap { if case .command(let b) = $0 { return b } else { return nil } }
    }

    /// The document with each command block's output replaced by `outputs[k]` (block order).
    /// A block whose new output equals its stored output keeps its original bytes, so a notebook
    /// whose outputs are current is reproduced byte for byte.
    public func rendered(withOutputs outputs: [String]) -> String {
        var text = ""
        var k = 0
        for segment in segments {
            switch segment {
            case .prose(let p):
                text += p
            case .command(let block):
                let output = k < outputs.count ? outputs[k] : (block.storedOutput ?? "")
                k += 1
                text += block.raw
                if let stored = block.storedOutput, let outputRaw = block.outputRaw, stored == output {
                    text += outputRaw
                } else {
                    // Bytes, not Characters: "\r\n" is one Character and has no suffix "\n".
                    // The output block takes the command block's indentation (a block in a list
                    // item stays in the item); blank lines stay empty.
                    let pad = String(repeating: " ", count: block.indent)
                    let fence = pad + NotebookDocument.fence(for: output), eol = lineEnding
                    let newline = block.raw.utf8.last == 0x0A ? "" : eol
                    let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
                    let indented = block.indent == 0 ? output
                        : lines.map { $0.isEmpty ? String($0) : pad + $0 }
                            .joined(separator: "\n")
                    let body = eol == "\n" ? indented : indented.replacingEvery("\n", with: eol)
                    text += newline + (block.gap.isEmpty ? eol : block.gap) + fence + "output" + eol + body + fence + eol
                }
            }
        }
        return text
    }

    /// A backtick fence longer than any backtick run at the start of an output line.
    static func fence(for output: String) -> String {
        var longest = 0
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            let run = line.drop(while: { $0 == " " }).prefix(while: { $0 == "`" }).count
            longest = max(longest, run)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }
}

/// A `barometer` block of a notebook.
public struct CommandBlock: Sendable, Equatable {
    /// One command line and where it is.
    public struct Command: Sendable, Equatable {
        /// 1-based line in the notebook.
        public var line: Int
        /// The command line without the program name.
        public var text: String
    }

    /// 1-based line of the opening fence.
    public var line: Int
    /// The block verbatim, from its opening fence line to its closing fence line inclusive.
    public var raw: String
    /// Spaces before its opening fence (0-3; a block in a list item is indented): a new output
    /// block is written with the same indentation.
    public var indent: Int = 0
    /// The command lines (blank lines and `#` comments skipped).
    public var commands: [Command]
    /// Relative tolerance for numbers when checking, from `tolerance=`; nil means exact.
    public var tolerance: Double?
    /// Blank lines between the command block and its output block.
    public var gap: String
    /// The stored output (lines between the output fences, each ending in "\n"); nil if none.
    public var storedOutput: String?
    /// The gap plus the output block verbatim, when there is one.
    public var outputRaw: String?
    /// 1-based line of the output block's opening fence, when there is one.
    public var outputLine: Int?
}
