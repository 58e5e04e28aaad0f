#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `--repweights` regular expression: POSIX extended syntax, as R's `grep` reads the same
/// argument of `svrepdesign`, plus `\d` and `\D` for a digit and a non-digit. Matched anywhere in
/// a column name (anchor it with `^…$`). Why the C library's `regcomp`: it reads the POSIX syntax
/// R users write for `svrepdesign` (Foundation's `NSRegularExpression`, used before, is gone
/// with Foundation proper, issue 17 item 4; Swift's `Regex` reads a different dialect).
struct ColumnPattern {
    private let compiled: UnsafeMutablePointer<regex_t>

    /// nil when `pattern` is not a valid regular expression.
    init?(_ pattern: String) {
        compiled = .allocate(capacity: 1)
        guard regcomp(compiled, Self.posix(pattern), REG_EXTENDED | REG_NOSUB) == 0 else {
            compiled.deallocate()
            return nil
        }
    }

    /// Whether the pattern matches somewhere in `name`; a name holding a NUL byte never matches.
    func matches(_ name: String) -> Bool {
        !name.utf8.contains(0) && regexec(compiled, name, 0, nil, 0) == 0
    }

    /// Frees the compiled pattern (a struct has no deinit: call once, when done).
    func release() {
        regfree(compiled)
        compiled.deallocate()
    }

    /// `pattern` with `\d` and `\D` outside bracket expressions spelled `[0-9]` and `[^0-9]`.
    static func posix(_ pattern: String) -> String {
        var out = ""
        var inBracket = false, atBracketStart = false, escaped = false
        for ch in pattern {
            if inBracket {
                out.append(ch)
                if ch == "]" && !atBracketStart { inBracket = false }
                atBracketStart = atBracketStart && ch == "^"
                continue
            }
            if escaped {
                escaped = false
                if ch == "d" { out += "[0-9]"; continue }
                if ch == "D" { out += "[^0-9]"; continue }
                out += "\\" + String(ch)
                continue
            }
            if ch == "\\" { escaped = true; continue }
            if ch == "[" { inBracket = true; atBracketStart = true }
            out.append(ch)
        }
        if escaped { out += "\\" }
        return out
    }
}
