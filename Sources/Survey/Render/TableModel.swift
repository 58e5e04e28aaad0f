/// A report table, independent of how it is shown: typed columns, rows of cells, caption,
/// footnotes and a source note. Renderers (text, Markdown, CSV, JSON, LaTeX) turn it into text;
/// nothing here computes statistics.
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
    }

    /// A column header and its kind.
    public struct Column: Sendable, Equatable {
        public var header: String
        public var kind: Kind
        public init(_ header: String, _ kind: Kind = .text) {
            self.header = header
            self.kind = kind
        }
    }

    /// One cell. Estimates keep every number so CSV and JSON can write them at full precision.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case integer(Int)
        case number(Double)
        case estimate(EstimateCell)
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
    /// Where the figures come from; always printed.
    public var sourceNote: String?

    public init(
        title: String? = nil, columns: [Column], rows: [[Cell]] = [], footnotes: [String] = [],
        sourceNote: String? = nil
    ) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.footnotes = footnotes
        self.sourceNote = sourceNote
    }
}
