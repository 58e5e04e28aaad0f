/// A report table, independent of how it is shown: typed columns, rows of cells, caption,
/// footnotes and a source note. Renderers (text, Markdown, CSV, JSON, LaTeX; see `TableFormat`)
/// turn it into text; nothing here computes statistics.
public struct TableModel: Sendable, Equatable {
    /// How a column's cells are typed, formatted and aligned.
    public enum Kind: Sendable, Equatable {
        case text
        case integer
        /// A plain number with this many decimals.
        case number(digits: Int)
        /// A proportion (0-1) shown as a percent with this many decimals.
        case percent(digits: Int)
        /// An estimate with interval, shown as `54.0 (51.2-56.8)`; `percent` scales 0-1 values by 100.
        case estimate(digits: Int, percent: Bool)
        /// A one-line trend of the row's values (`▁▂▃▅▇`; ASCII fallback in ASCII output).
        case sparkline
        /// A p-value: `<0.001` or three decimals in text, the number itself in CSV and JSON.
        case pValue
    }

    /// Horizontal alignment of a column in the text, Markdown and LaTeX renderers.
    public enum Alignment: Sendable, Equatable {
        case left, right, center
        /// Numbers lined up on their first decimal point (the default for numeric kinds), so
        /// `5.0 (3.1-7.2)` and `54.0 (51.2-56.8)` line up on the point of the estimate.
        case decimal
    }

    /// A column header and its kind.
    public struct Column: Sendable, Equatable {
        public var header: String
        public var kind: Kind
        /// Explicit alignment; nil means the kind's default (`left` for text, `decimal` for numbers,
        /// `left` for sparklines).
        public var alignment: Alignment?
        /// Machine name used as the CSV header prefix and the JSON key; nil means the header in
        /// snake_case (`"KZ Russia (%)"` → `kz_russia`).
        public var key: String?
        /// A data column only CSV writes (identifying columns such as dataset or country that the
        /// title already names, flags, sources); text, Markdown, LaTeX and JSON leave it out.
        public var csvOnly: Bool
        /// A column for readers only (a label that combines values CSV has as separate columns);
        /// CSV leaves it out.
        public var displayOnly: Bool

        public init(
            _ header: String, _ kind: Kind = .text, alignment: Alignment? = nil, key: String? = nil, csvOnly: Bool = false,
            displayOnly: Bool = false
        ) {
            self.header = header
            self.kind = kind
            self.alignment = alignment
            self.key = key
            self.csvOnly = csvOnly
            self.displayOnly = displayOnly
        }

        /// The alignment the renderers use.
        public var effectiveAlignment: Alignment {
            if let alignment { return alignment }
            switch kind {
            case .text, .sparkline: return .left
            case .integer, .number, .percent, .estimate: return .decimal
            case .pValue: return .right
            }
        }

        /// The machine name: `key`, else the header lower-cased with runs of other characters
        /// than letters and digits turned into one `_` (parenthesised units such as `(%)` dropped).
        public var effectiveKey: String {
            if let key { return key }
            return TableModel.snakeCase(header)
        }
    }

    /// One cell. Estimates keep every number so CSV and JSON can write them at full precision.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case integer(Int)
        case number(Double)
        case estimate(EstimateCell)
        /// Values for a sparkline (non-finite = gap).
        case sparkline([Double])
        case missing
    }

    /// An estimate cell: value with optional SE, interval and n.
    public struct EstimateCell: Sendable, Equatable {
        public var value: Double
        public var se: Double?
        public var lower: Double?
        public var upper: Double?
        public var n: Int?
        public init(value: Double, se: Double? = nil, lower: Double? = nil, upper: Double? = nil, n: Int? = nil) {
            self.value = value
            self.se = se
            self.lower = lower
            self.upper = upper
            self.n = n
        }
    }

    public var title: String?
    public var columns: [Column]
    public var rows: [[Cell]]
    /// Notes printed under the table (flags, caveats), in order.
    public var footnotes: [String]
    /// Where the figures come from; always printed (as "Source: not given" when nil).
    public var sourceNote: String?
    /// A sentence under the title saying what the table shows (LaTeX: part of `\caption`).
    public var caption: String?

    public init(
        title: String? = nil, columns: [Column], rows: [[Cell]] = [], footnotes: [String] = [],
        sourceNote: String? = nil, caption: String? = nil
    ) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.footnotes = footnotes
        self.sourceNote = sourceNote
        self.caption = caption
    }

    /// Lower-cases `text` and joins its runs of letters and digits with `_`; a trailing
    /// parenthesised unit such as `(%)` is dropped first. Empty results become `column`.
    static func snakeCase(_ text: String) -> String {
        var base = Substring(text)
        if base.hasSuffix(")"), let open = base.lastIndex(of: "("), open != base.startIndex {
            base = base[..<open]
        }
        var words: [String] = []
        var current = ""
        for ch in base.lowercased() {
            if ch.isLetter || ch.isNumber {
                current.append(ch)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.isEmpty ? "column" : words.joined(separator: "_")
    }
}
