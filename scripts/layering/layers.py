"""The layer table for issue 18: which SwiftPM target each file under Sources/Survey belongs to,
which targets each may import, and a source scanner that finds the cross-file references
(type names, free-function calls, uniquely named members) the split has to respect.

Shared by scripts/split-modules (performs the split), scripts/check-layers (enforces it) and
scripts/layer-plan (writes the tables in docs/architecture-plan.md). Pure Python 3, no packages.
"""
import collections, fnmatch, os, re

SURVEY = "Sources/Survey"

# Targets, lowest first. folder: the target's directory under Sources/Survey after the split.
# deps: the targets (and external products, as written in Package.swift) it may import.
# Statistics layers (Estimation, Series, Trends) never import Render; Render and Notebook
# import nothing of ours; Reports is the only layer that turns results into tables/charts/JSON.
# SurveyText (session 6): byte-level string utilities with no domain (ByteSplit, issue 17 item 4),
# used by Series and Render alike, and (session 24) the small C-library helpers that stand in for
# Foundation proper (Printf, Lock, percent-encoding); every layer may import it, it imports
# nothing of ours.
TARGETS = [
    dict(name="SurveyText", folder="Text", deps=[], system=[], products=[]),
    dict(name="SurveyNumerics", folder="Numerics", deps=["SurveyText"], system=["CBLAS"], products=[]),
    dict(name="SurveyData", folder="Data", deps=["SurveyText"], system=["CReadStat", "CCSVScan", "SystemZlib"],
         products=[]),
    dict(name="SurveyRender", folder="Render", deps=["SurveyText"], system=[], products=[]),
    dict(name="SurveyNotebook", folder="Notebook", deps=["SurveyText"], system=[], products=[]),
    dict(name="SurveyMarkdown", folder="Markdown", deps=[], system=[], products=[]),
    dict(name="SurveyEstimation", folder="Estimation",
         deps=["SurveyText", "SurveyNumerics", "SurveyData"], system=["CBLAS", "CCellSums"], products=[]),
    dict(name="SurveySeries", folder="Series",
         deps=["SurveyText", "SurveyNumerics", "SurveyData", "SurveyEstimation"],
         system=["CSeriesTables"], products=[]),
    dict(name="SurveyTrends", folder="Trends",
         deps=["SurveyText", "SurveyNumerics", "SurveyData", "SurveyEstimation", "SurveySeries"],
         system=[], products=[]),
    dict(name="SurveyReports", folder="Reports",
         deps=["SurveyText", "SurveyNumerics", "SurveyData", "SurveyEstimation", "SurveySeries",
               "SurveyTrends", "SurveyRender", "SurveyNotebook", "SurveyMarkdown"], system=[], products=[]),
    dict(name="Survey", folder="Umbrella",
         deps=["SurveyText", "SurveyNumerics", "SurveyData", "SurveyRender", "SurveyNotebook", "SurveyMarkdown",
               "SurveyEstimation", "SurveySeries", "SurveyTrends", "SurveyReports"],
         system=[], products=[]),
]
BY_NAME = {t["name"]: t for t in TARGETS}
BY_FOLDER = {t["folder"]: t for t in TARGETS}
RANK = {t["name"]: i for i, t in enumerate(TARGETS)}

# Where each pre-split folder goes (first match wins; paths relative to Sources/Survey).
# (pattern, target, destination) — destination ends in "/" for "keep the rest of the path".
FOLDER_RULES = [
    ("Numerics/", "SurveyNumerics", "Numerics/"),
    ("Data/", "SurveyData", "Data/"),
    ("Design/", "SurveyEstimation", "Estimation/"),
    ("Regression/", "SurveyEstimation", "Estimation/Regression/"),
    ("Streaming/", "SurveyEstimation", "Estimation/Streaming/"),
    ("Series/", "SurveySeries", "Series/"),
    ("Trends/", "SurveyTrends", "Trends/"),
    ("Render/", "SurveyRender", "Render/"),
    ("Notebook/", "SurveyNotebook", "Notebook/"),
    ("Reports/", "SurveyReports", "Reports/"),
]

# Files that change layer: every Result -> TableModel / JSONText / chart builder goes up to
# Reports (REVIEW.md "Where the one-way flow breaks"); presentation of Series leaves Render.
# (glob, target, new path relative to Sources/Survey, why)
FILE_RULES = [
    ("Render/Text/ByteSplit.swift", "SurveyText", "Text/ByteSplit.swift",
     "string utility Series and Render both use (Series -> Render)"),
    ("Render/Table/FixedDecimal.swift", "SurveyText", "Text/FixedDecimal.swift",
     "number formatting Series files and Render tables both use (Series -> Render, session 7)"),
    ("Design/Calibration/Calibration+Report.swift", "SurveyReports",
     "Reports/Estimation/Calibration+Report.swift", "builds a TableModel (Design -> Render)"),
    ("Regression/RegressionReport.swift", "SurveyReports",
     "Reports/Estimation/RegressionReport.swift", "a report type: TableModel + JSONText"),
    ("Regression/RegressionReport+*.swift", "SurveyReports",
     "Reports/Estimation/", "extensions of RegressionReport"),
    ("Series/Overview.swift", "SurveyReports", "Reports/Series/Overview.swift",
     "builds TableModel/SourceCaption from Series (Series -> Render)"),
    ("Series/SeriesTable.swift", "SurveyReports", "Reports/Series/SeriesTable.swift",
     "builds TableModel (Series -> Render)"),
    ("Series/SeriesJSON.swift", "SurveyReports", "Reports/Series/SeriesJSON.swift",
     "builds JSONText (Series -> Render)"),
    ("Series/SeriesTidy.swift", "SurveyReports", "Reports/Series/SeriesTidy.swift",
     "builds TableModel (Series -> Render)"),
    ("Trends/TrendTable.swift", "SurveyReports", "Reports/Trends/TrendTable.swift",
     "builds TableModel (Trends -> Render)"),
    ("Trends/TrendJSON.swift", "SurveyReports", "Reports/Trends/TrendJSON.swift",
     "builds JSONText (Trends -> Render)"),
    ("Render/SourceCaption.swift", "SurveyReports", "Reports/SourceCaption.swift",
     "reads SourceReference (Render -> Series)"),
    ("Render/Chart/ChartData+Series.swift", "SurveyReports", "Reports/Chart/ChartData+Series.swift",
     "builds ChartData from Series (Render -> Series)"),
    ("Render/HTML/SeriesReport.swift", "SurveyReports", "Reports/HTML/SeriesReport.swift",
     "HTML page of Series (Render -> Series)"),
    ("Render/HTML/NotebookHTML.swift", "SurveyReports", "Reports/HTML/NotebookHTML.swift",
     "HTML of a NotebookDocument (Render -> Notebook)"),
]

UMBRELLA_FILE = "Umbrella/Survey.swift"


def survey_files(root="."):
    base = os.path.join(root, SURVEY)
    out = []
    for dp, _, fs in os.walk(base):
        for f in fs:
            if f.endswith(".swift"):
                out.append(os.path.relpath(os.path.join(dp, f), base))
    return sorted(out)


def place(rel):
    """(target, new relative path, rule) for a pre-split path relative to Sources/Survey."""
    for pat, target, dest, why in FILE_RULES:
        if fnmatch.fnmatchcase(rel, pat):
            new = dest + os.path.basename(rel) if dest.endswith("/") else dest
            return target, new, "moved: " + why
    for prefix, target, dest in FOLDER_RULES:
        if rel.startswith(prefix):
            return target, dest + rel[len(prefix):], "folder"
    return None, None, "unmapped"


def target_of_split_path(rel):
    """Target of a post-split path relative to Sources/Survey (its first folder)."""
    t = BY_FOLDER.get(rel.split("/")[0])
    return t["name"] if t else None


# ---------------------------------------------------------------- scanner

def strip(src):
    """Source without comments and string-literal text (interpolations kept)."""
    out, i, n, mode, interp = [], 0, len(src), "code", []
    while i < n:
        c = src[i]
        if mode == "code":
            if src.startswith("//", i):
                j = src.find("\n", i)
                i = n if j < 0 else j
                continue
            if src.startswith("/*", i):
                d, i = 1, i + 2
                while i < n and d:
                    if src.startswith("/*", i): d, i = d + 1, i + 2
                    elif src.startswith("*/", i): d, i = d - 1, i + 2
                    else:
                        if src[i] == "\n": out.append("\n")
                        i += 1
                continue
            m = re.match(r'(#*)("""|")', src[i:i + 8])
            if m:
                mode = ("str", m.group(2) + m.group(1), len(m.group(1)))
                i += len(m.group(0)); out.append(' "'); continue
            if interp:
                if c == "(": interp[-1][1] += 1
                elif c == ")":
                    interp[-1][1] -= 1
                    if interp[-1][1] == 0:
                        mode = interp.pop()[0]; i += 1; out.append(" "); continue
            out.append(c); i += 1
        else:
            _, delim, h = mode
            if src.startswith(delim, i):
                mode = "code"; i += len(delim); out.append('" '); continue
            if c == "\\" and src.startswith("#" * h + "(", i + 1):
                interp.append([mode, 1]); mode = "code"; i += 2 + h; out.append(" "); continue
            if c == "\\": i += 2; continue
            if c == "\n": out.append("\n")
            i += 1
    return "".join(out)


KW = r"(?:struct|enum|class|protocol|actor|typealias|func|var|let)"
ACCESS = r"(?:(public|package|internal|fileprivate|private|open)(?:\(set\))?\s+)?"
ATTRS = r"(?:@[\w.]+(?:\([^)]*\))?\s+)*"
MODS = r"(?:(?:final|indirect|nonisolated|static|mutating|nonmutating|override|convenience|lazy|" \
       r"public|package|internal|fileprivate|private|open)(?:\(set\))?\s+)*"
# stdlib / Foundation member names that project code also declares: never evidence.
STOP = set("""lowerBound upperBound rounded hasPrefix hasSuffix isNumber integer element distance
description isEmpty contains removeAll numerator denominator withUnsafeBufferPointer
withUnsafeMutableBufferPointer withUnsafeBytes withUnsafeMutableBytes withContiguousStorageIfAvailable
reserveCapacity startIndex endIndex firstIndex lastIndex compactMap allSatisfy enumerated reversed
replacingOccurrences trimmingCharacters components squareRoot magnitude isFinite capacity""".split())


class Scan:
    """Declarations and references of a set of Swift files (paths relative to base)."""

    def __init__(self, base, files):
        self.base, self.files = base, files
        self.code, self.decl, self.kind, self.member = {}, collections.defaultdict(set), {}, \
            collections.defaultdict(set)
        self.local = collections.defaultdict(set)
        self.decl_line = {}      # (file, name) -> (line number, access)
        self.exts = {}
        texts = {f: open(os.path.join(base, f), encoding="utf-8").read() for f in files}
        projtypes = set()
        for t in texts.values():
            projtypes.update(re.findall(r"(?:struct|enum|class|protocol|actor)\s+(\w+)", t))
        for f in files:
            s = strip(texts[f]); self.code[f] = s
            depth, exts = 0, []
            for ln, line in enumerate(s.split("\n"), 1):
                st = line.strip()
                if depth == 0:
                    m = re.match(ATTRS + ACCESS + MODS + "(" + KW + r")\s+`?(\w+)", st)
                    if m and m.group(1) not in ("private", "fileprivate"):
                        self.decl[m.group(3)].add(f); self.kind[m.group(3)] = m.group(2)
                        self.decl_line[(f, m.group(3))] = (ln, m.group(1) or "internal")
                    m = re.match(ATTRS + ACCESS + r"extension\s+([\w.]+)", st)
                    if m: exts.append(m.group(2).split(".")[0])
                elif depth == 1:
                    m = re.match(ATTRS + ACCESS + MODS + "(" + KW + r"|init)\s*`?(\w*)", st)
                    if m:
                        name = m.group(3) or "init"
                        self.local[f].add(name)
                        if m.group(1) not in ("private", "fileprivate") and \
                                (not exts or exts[-1] in projtypes):
                            self.member[name].add(f)
                depth += line.count("{") - line.count("}")
            self.exts[f] = exts
        self.unique_members = {k: next(iter(v)) for k, v in self.member.items()
                               if len(v) == 1 and k not in self.decl and len(k) >= 7
                               and k not in STOP}
        self.refs = {f: self._refs(f) for f in files}

    def _refs(self, f):
        s = self.code[f]
        toks = set(re.findall(r"(?<![.\w])[A-Za-z_]\w*\b", s))
        calls = set(re.findall(r"(?<![.\w])([a-z_]\w*)\s*[(<]", s))
        dots = set(re.findall(r"\.([A-Za-z_]\w*)\b", s))
        r = collections.defaultdict(set)
        for t in toks:
            if t not in self.decl or t in self.local[f]:
                continue
            if self.kind.get(t) in ("func", "var", "let") and t not in calls:
                continue
            for g in self.decl[t]:
                if g != f: r[g].add(t)
        for t in dots:
            g = self.unique_members.get(t)
            # a member the file declares itself, at any depth, is its own (e.g. a nested type's)
            if g and g != f and not re.search(r"\b(?:var|let|case|func)\s+`?" + re.escape(t) + r"\b", s):
                r[g].add("." + t)
        for e in self.exts[f]:
            for g in self.decl.get(e, ()):
                if g != f: r[g].add("extension " + e)
        return {g: sorted(v) for g, v in r.items()}


def type_scope_lines(lines):
    """For each line: True when it sits at file scope or directly inside a type or extension body
    (where a declaration has an access level), False inside a function, closure or accessor."""
    out, stack = [], []   # stack of "type" / "other" per open brace
    for line in lines:
        out.append(all(k == "type" for k in stack))
        st = line.strip()
        is_type = re.match(ATTRS + ACCESS + MODS + r"(?:struct|enum|class|protocol|actor|extension)\b", st)
        for ch in line:
            if ch == "{":
                stack.append("type" if is_type else "other"); is_type = None
            elif ch == "}" and stack:
                stack.pop()
    return out


def allowed(a, b):
    return a == b or b in BY_NAME[a]["deps"]


# Public API narrowing (issue 18 item 2; scripts/layering/narrow-api, after the split): top-level
# declarations that are plumbing, not library surface. "package" when another layer or the CLI
# names them, "internal" when only their own layer (and @testable tests) does. From the symbol
# graph of main (scripts/layer-plan api; the list, REVIEW.md's, and ByteSplit, new in
# session 6). Their members and extensions follow them; public declarations whose signatures show
# them follow by the compiler's word (narrow-api --build). Checked by the dry run of session 6:
# ReadLimits stays public (XLSXReader.read(path:sheet:limits:) shows it), DisplayWidth is package
# (barometerTests names it without @testable).
NARROW = {
    # package: named by another layer or by the CLI
    "AtomicFile": "package", "ByteSplit": "package", "CommandLineWords": "package",
    "DelimitedAppend": "package", "DisplayWidth": "package", "HTMLText": "package", "JSONText": "package",
    "NotebookRunner": "package", "NotebookSandbox": "package", "OutputComparison": "package",
    "ProjectionQR": "package", "TemporaryFiles": "package", "TextWrap": "package",
    "TrendBatch": "package", "UnifiedDiff": "package", "accumulateTransposedProduct": "package",
    # internal: named inside their own layer only (tests use @testable)
    "ASCIICanvas": "internal", "ASCIIText": "internal", "BrailleCanvas": "internal",
    "CABItemEvidence": "internal", "CSVHeader": "internal", "CSVRecords": "internal",
    "CanvasGeometry": "internal", "CellCanvas": "internal", "DateTicks": "internal",
    "EmbeddedDatasets": "internal", "ExtendedFloat": "internal",
    "GroupCodes": "internal", "LinearCalibrationAdjustment": "internal", "PercentTicks": "internal",
    "PostStratificationAdjustment": "internal", "ProportionInterval": "internal",
    "RakingAdjustment": "internal", "Sparkline": "internal",
    "Targets": "internal", "calibrationMatrix": "internal", "lapackInt": "internal",
    "nearestName": "internal",
}
