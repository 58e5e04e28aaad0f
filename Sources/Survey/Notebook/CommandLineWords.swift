/// Splits a notebook command line into arguments the way a POSIX shell splits words, without
/// running a shell: whitespace separates words; single quotes keep text literally; double quotes
/// keep text but allow `\"` and `\\`; a backslash outside quotes escapes the next character.
/// No globbing, variables or command substitution: nothing outside barometer can run.
package enum CommandLineWords {
    package static func split(_ line: String) throws(CommandLineWordsError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in line {
            if escaped {
                current.append(c)
                escaped = false
                continue
            }
            switch quote {
            case "'":
                if c == "'" { quote = nil } else { current.append(c) }
            case "\"":
                if c == "\"" { quote = nil } else if c == "\\" { escaped = true } else { current.append(c) }
            default:
                if c == " " || c == "\t" {
                    if inWord { words.append(current) }
                    current = ""
                    inWord = false
                } else if c == "'" || c == "\"" {
                    quote = c
                    inWord = true
                } else if c == "\\" {
                    escaped = true
                    inWord = true
                } else {
                    current.append(c)
                    inWord = true
                }
            }
        }
        if quote != nil { throw .unterminatedQuote }
        if escaped { throw .trailingBackslash }
        if inWord { words.append(current) }
        return words
    }
}

/// Why a command line could not be split into words.
public enum CommandLineWordsError: Error, Sendable, CustomStringConvertible {
    case unterminatedQuote
    case trailingBackslash

    public var description: String {
        switch self {
        case .unterminatedQuote: return "unterminated quote in command line"
        case .trailingBackslash: return "command line ends with a backslash"
        }
    }
}
