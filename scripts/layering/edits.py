"""Declaration-level edits the split needs before files move (issue 18): each one takes a
declaration out of a file whose layer must not know it and puts it, unchanged, into a new file of
the layer that may. Every edit checks its anchor first and reports "not applicable" (a manual fix)
when main has changed under it, instead of guessing.
"""
import os, re

S = "Sources/Survey/"


def _block(lines, start):
    """Index range [begin, end) of the declaration starting at lines[start], doc comments and
    attributes above it included, through the line where its braces close."""
    begin = start
    while begin > 0 and re.match(r"\s*(///|@)", lines[begin - 1]):
        begin -= 1
    depth, i, opened = 0, start, False
    while i < len(lines):
        depth += lines[i].count("{") - lines[i].count("}")
        opened = opened or "{" in lines[i]
        i += 1
        if opened and depth <= 0:
            break
    return begin, i


def move_members(src, names, dest, extended, header, imports):
    """Moves the members `names` (matched as `static func NAME(` / `func NAME(` / `var NAME`) out of
    `src` into a new file `dest` as `extension <extended> { ... }`."""
    p = S + src
    if not os.path.exists(p):
        return f"not applicable: {src} is gone"
    lines = open(p, encoding="utf-8").read().split("\n")
    moved = []
    for name in names:
        kw = "" if name.startswith("init") else r"(?:func|var)\s+"
        idx = [i for i, l in enumerate(lines)
               if re.match(r"\s*(?:(?:public|package|internal|static|mutating)\s+)*" + kw +
                           re.escape(name) + (r"\b" if name[-1].isalnum() else ""), l)]
        if len(idx) != 1:
            return f"not applicable: {name} found {len(idx)} times in {src}"
        b, e = _block(lines, idx[0])
        moved.append(lines[b:e])
        del lines[b:e]
        if b < len(lines) and b > 0 and lines[b].strip() == "" and lines[b - 1].strip() == "":
            del lines[b]
    open(p, "w", encoding="utf-8").write("\n".join(lines))
    body = "\n\n".join("\n".join(m) for m in moved)
    text = "".join(f"import {m}\n" for m in imports) + ("\n" if imports else "") + \
        header.rstrip() + f"\nextension {extended} {{\n" + body + "\n}\n"
    os.makedirs(os.path.dirname(S + dest), exist_ok=True)
    open(S + dest, "w", encoding="utf-8").write(text)
    return f"moved {', '.join(names)} from {src} to {dest}"


def replace(src, old, new, append=None):
    """Replaces the exact text `old` in `src` by `new`; appends `append` inside the file's last
    closing brace."""
    p = S + src
    if not os.path.exists(p):
        return f"not applicable: {src} is gone"
    t = open(p, encoding="utf-8").read()
    if t.count(old) != 1:
        return f"not applicable: anchor found {t.count(old)} times in {src}"
    t = t.replace(old, new)
    if append:
        k = t.rstrip().rfind("}")
        t = t[:k] + append + t[k:]
    open(p, "w", encoding="utf-8").write(t)
    return f"edited {src}"


CLI = "Sources/barometer/"


def move_cli_file(src, dest, keep=(), keep_file=None, extended=None, text_edits=(), cli_extra=""):
    """Moves a CLI file (relative to Sources/barometer) into the library (`dest`, pre-split path
    relative to Sources/Survey) with `git mv`; the members named in `keep` (they name CLI types)
    stay behind in `keep_file` as `extension <extended>`. `import Survey`/`ArgumentParser` and the
    `Survey.` module qualifier go (a layer cannot import the umbrella); `text_edits` are exact
    (old, new) replacements in the moved text; `cli_extra` is appended to the CLI file."""
    import subprocess
    p = CLI + src
    if not os.path.exists(p):
        return f"not applicable: {CLI}{src} is gone"
    t = open(p, encoding="utf-8").read()
    for old, new in text_edits:
        if t.count(old) != 1:
            return f"not applicable: anchor {old!r} found {t.count(old)} times in {src}"
    lines = t.split("\n")
    kept = []
    for name in keep:
        idx = [i for i, l in enumerate(lines)
               if re.match(r"\s*(?:(?:public|package|internal|static|mutating)\s+)*func\s+" + re.escape(name) + r"\b", l)]
        if len(idx) != 1:
            return f"not applicable: {name} found {len(idx)} times in {src}"
        b, e = _block(lines, idx[0])
        kept.append("\n".join(lines[b:e]))
        del lines[b:e]
    t = "\n".join(lines)
    for old, new in text_edits:
        t = t.replace(old, new)
    t = re.sub(r"^import (Survey|ArgumentParser)\n", "", t, flags=re.M)
    t = re.sub(r"\bSurvey\.(?=[A-Z])", "", t)
    os.makedirs(os.path.dirname(S + dest), exist_ok=True)
    subprocess.run(["git", "mv", p, S + dest], check=True)
    open(S + dest, "w", encoding="utf-8").write(t)
    if kept or cli_extra:
        body = "".join(f"extension {extended} {{\n" + "\n\n".join(kept) + "\n}\n" if kept else "")
        cli_imports = "import ArgumentParser\nimport Survey\n" if "ExpressibleByArgument" in cli_extra else "import Survey\n"
        open(CLI + keep_file, "w", encoding="utf-8").write(
            cli_imports + "\n/// The CLI side of a report that moved to SurveyReports (issue-18 split): what names\n"
            "/// command-line types.\n" + body + cli_extra)
    return f"moved {CLI}{src} to {S}{dest}" + (f", kept {', '.join(keep)} in {CLI}{keep_file}" if keep else "")


EDITS = [
    # ChartData (Render) reads words from ChartWords; only the Series-specific words go up.
    lambda: move_members(
        "Render/Chart/ChartWords.swift",
        ["measurePhrase", "headline", "subtitle", "base", "yTitle"],
        "Reports/Chart/ChartWords+Series.swift", "ChartWords",
        "/// Chart titles from series keys and published n (moved out of SurveyRender, which knows no\n"
        "/// `Series`, by the issue-18 split).", []),
    # A chart point dated by an ISO string needs WaveDate (Series): the dated init goes up.
    lambda: move_members(
        "Render/Chart/ChartData.swift", ["init?(date"], "Reports/Chart/ChartPoint+Date.swift",
        "ChartPoint", "/// Chart points dated by ISO dates via `WaveDate` (moved out of SurveyRender).", []),
    # DateTicks asked WaveDate for 1 July; the same calendar arithmetic, locally.
    lambda: replace(
        "Render/Chart/DateTicks.swift", 'let july = WaveDate.decimalYear("\\(year)-07-01")',
        "let july = Optional(Self.julyFirst(year))",
        append="\n    /// 1 July of `year` in decimal years (day 181, 182 in a leap year, of 365/366), as\n"
               "    /// `WaveDate.decimalYear(\"YYYY-07-01\")` gives; Render cannot import Series.\n"
               "    static func julyFirst(_ year: Int) -> Double {\n"
               "        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0\n"
               "        return Double(year) + Double(leap ? 182 : 181) / Double(leap ? 366 : 365)\n"
               "    }\n"),
    # Report building that lives in the CLI (REVIEW.md "Reports and statistics that live in the
    # CLI", C1-C4 of docs/architecture-plan.md): into SurveyReports, as `package`.
    lambda: move_cli_file("Support/JSONValue.swift", "Reports/JSON/JSONValue.swift"),
    lambda: move_cli_file("Commands/EstimateReport.swift", "Reports/Estimation/EstimateReport.swift",
                          keep=["rendered"], keep_file="Commands/EstimateReport+Output.swift",
                          extended="EstimateReport"),
    lambda: move_cli_file("Commands/EstimateComparison.swift", "Reports/Estimation/EstimateComparison.swift",
                          keep=["rendered"], keep_file="Commands/EstimateComparison+Output.swift",
                          extended="EstimateComparison"),
    lambda: move_cli_file("Commands/CrosstabReport.swift", "Reports/Estimation/CrosstabReport.swift",
                          keep=["rendered"], keep_file="Commands/CrosstabReport+Output.swift",
                          extended="CrosstabReport"),
    lambda: move_cli_file("Commands/CrosstabReport+Views.swift", "Reports/Estimation/CrosstabReport+Views.swift",
                          text_edits=[("enum CrosstabView: String, ExpressibleByArgument, CaseIterable {",
                                       "enum CrosstabView: String, CaseIterable {"),
                                      ("extension PValueAdjustment: ExpressibleByArgument {}\n", "")],
                          keep_file="Commands/CrosstabView+Argument.swift",
                          cli_extra="extension CrosstabView: ExpressibleByArgument {}\n"
                                    "extension PValueAdjustment: ExpressibleByArgument {}\n"),
]
