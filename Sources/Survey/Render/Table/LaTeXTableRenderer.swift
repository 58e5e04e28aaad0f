/// A LaTeX `table` float holding a booktabs `tabular` (needs `\usepackage{booktabs}`).
///
/// Layout: `\caption{title. caption}` when either is set, `\toprule`, header, `\midrule`, rows,
/// `\bottomrule`, then the footnotes and the source in `\footnotesize` below the tabular.
/// Specials are escaped (`\ & % $ # _ { } ~ ^` → `\textbackslash{}`, `\&`, …,
/// `\textasciitilde{}`, `\textasciicircum{}`); intervals read `[lo, hi]` as in every format;
/// missing cells print `---`; `|` prints `\textbar{}`; a text starting with `[` gets `{}` first (after
/// `\\` it would be read as the row skip `\\[len]`); sparkline columns are left out. Column spec: `l` left, `r` right and decimal, `c` centre.
struct LaTeXTableRenderer {
    let table: TableModel

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.replacingNewlines() {
            switch ch {
            case "\\": out += "\\textbackslash{}"
            case "&", "%", "$", "#", "_", "{", "}": out += "\\" + String(ch)
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            case "<": out += "\\textless{}"
            case ">": out += "\\textgreater{}"
            case "|": out += "\\textbar{}"
            // Typed as they are: a backtick and a straight quote came out as curly quotes, and
            // `a--b` as an en dash.
            case "`": out += "\\textasciigrave{}"
            case "\"": out += "\\textquotedbl{}"
            case "-" where out.hasSuffix("-"): out += "{}-"
            default: out.append(ch)
            }
        }
        // A cell or line starting with `[` follows a `\\`, which would read it as its row skip
        // `\\[len]` (a label `[DK]` stopped the document compiling): `{}` ends that search.
        return out.first == "[" ? "{}" + out : out
    }

    func render() -> String {
        let formatter = CellFormatter(missingMark: "---")
        var lines = ["\\begin{table}[htbp]", "\\centering"]
        let captionParts = [table.title, table.caption].compactMap { $0 }
        if !captionParts.isEmpty {
            lines.append("\\caption{" + captionParts.map(Self.escape).joined(separator: ". ") + "}")
        }
        // Sparklines have no glyphs in plain LaTeX: their columns are left out.
        let shown = table.columns.indices.filter { table.columns[$0].kind != .sparkline && !table.columns[$0].csvOnly }
        let spec = shown.map { table.columns[$0] }.map { c -> String in
            switch c.effectiveAlignment {
            case .left: return "l"
            case .right, .decimal: return "r"
            case .center: return "c"
            }
        }.joined()
        lines.append("\\begin{tabular}{\(spec)}")
        lines.append("\\toprule")
        lines.append(shown.map { Self.escape(table.columns[$0].header) }.joined(separator: " & ") + " \\\\")
        lines.append("\\midrule")
        for row in table.rows {
            let cells = shown.map { j -> String in
                let text = formatter.format(table.cell(row, j), kind: table.columns[j].kind)
                return text == "---" ? text : Self.escape(text)   // the missing mark is an em dash
            }
            lines.append(cells.joined(separator: " & ") + " \\\\")
        }
        lines.append("\\bottomrule")
        lines.append("\\end{tabular}")
        let notes = table.footnotes.map { "Note: " + $0 } + [table.sourceLine]
        lines.append("\\par\\smallskip{\\footnotesize " + notes.map(Self.escape).joined(separator: "\\\\\n") + "\\par}")
        lines.append("\\end{table}")
        return lines.joined(separator: "\n") + "\n"
    }
}
