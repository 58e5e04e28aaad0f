/// A self-contained HTML page: inline CSS only (no scripts, fonts, images or links to load), the
/// same font stack as the SVG charts, figures that scale to the column, tables that wrap, and
/// print CSS for clean A4 output (margins, no figure or table row split across pages).
public struct HTMLPage: Sendable {
    public let title: String
    public let body: [String]

    public init(title: String, body: [String]) {
        self.title = title
        self.body = body
    }

    static let style = """
        :root { color-scheme: light; }
        html { -webkit-text-size-adjust: 100%; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
          color: #1a1a1a; background: #fff; max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; line-height: 1.5; font-size: 16px; }
        h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .5rem; }
        h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
        h3 { font-size: 1.05rem; margin: 1.5rem 0 .4rem; }
        p, li { overflow-wrap: anywhere; }
        figure { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
        figure svg { display: block; width: 100%; height: auto; }
        figcaption { font-size: .85rem; color: #444; margin-top: .3rem; }
        .table-wrap { overflow-x: auto; max-width: 100%; }
        table { border-collapse: collapse; font-size: .85rem; margin: .5rem 0 1rem; width: 100%; }
        caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
        th, td { border-bottom: 1px solid #ddd; padding: .25rem .4rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
        th { background: #f4f4f4; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        pre, code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .8rem; }
        pre { background: #f6f6f6; padding: .5rem .7rem; white-space: pre-wrap; overflow-wrap: anywhere; border-radius: 3px; }
        .lede { color: #444; }
        .sources li { margin-bottom: .4rem; font-size: .9rem; }
        @page { size: A4; margin: 18mm 16mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 11pt; }
          h2 { break-after: avoid; page-break-after: avoid; }
          tr, pre { break-inside: avoid; page-break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
          .table-wrap { overflow: visible; }
        }
        """

    /// The whole document.
    public func render() -> String {
        ([
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>\(HTMLText.escape(title))</title>",
            "<style>\n\(Self.style)\n</style>",
            "</head>",
            "<body>",
        ] + body + ["</body>", "</html>"]).joined(separator: "\n") + "\n"
    }
}
