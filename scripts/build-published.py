#!/usr/bin/env python3
"""Builds datasets/published/{figures,sources,series}.csv from the shared compilation of published
figures (../shared/data/published/figures.csv). Re-runnable: same input, same bytes.

    scripts/build-published.py [PATH/TO/figures.csv]

figures.csv  every one of the input rows, in input order (`row` = 1-based input row), values
             verbatim (country name, wave, fieldwork, target, question, category, percent, n,
             original status text in `status_detail`), plus: ISO2 `country`, `dataset` (survey
             programme), `item`, `fieldwork_start`/`fieldwork_end` (only where the fieldwork text
             gives dates), `status` in the project vocabulary (primary | secondary | predecessor |
             other survey, per ../shared/data/README.md), `flags` (`conflict` where two sources
             disagree on the same figure; caveat words from the status as flags).
sources.csv  one `source_id` per distinct (URL, quote) pair: url, title, publisher, date (only
             where the compilation states the page's date), verbatim quote.
series.csv   the figures that form series, in the series CSV format (SeriesFile.swift):
             dataset `gallup` (leadership approval by country x target x year; one row per
             country-year-target-category, preferring primary, then the Gallup Analytics extract,
             then press, then blog/aggregator) and `cab-published` (CAB's own primary figures).
             No n is published for any of them: se/CI stay empty and the flag `n-unknown` says so.
"""
import csv
import io
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# ../shared beside the checkout, or ../../shared beside a worktree folder.
DEFAULT_INPUT = next((p for p in (os.path.join(os.path.dirname(ROOT), "shared", "data", "published", "figures.csv"),
                                  os.path.join(os.path.dirname(os.path.dirname(ROOT)), "shared", "data", "published",
                                               "figures.csv")) if os.path.exists(p)), "../shared/data/published/figures.csv")
OUT = os.path.join(ROOT, "datasets", "published")

ISO = {"Kazakhstan": "KZ", "Kyrgyzstan": "KG", "Tajikistan": "TJ", "Turkmenistan": "TM", "Uzbekistan": "UZ",
       "Central Asia (KZ, KG, TJ, UZ average)": "KZ+KG+TJ+UZ"}

PUBLISHERS = {
    "ca-barometer.org": "Central Asia Barometer", "civicidea.ge": "Civic IDEA", "m-vector.com": "M-Vector",
    "eurasianet.org": "Eurasianet", "www.eurasianet.org": "Eurasianet",
    "minerva.defense.gov": "Minerva Research Initiative (US DoD)", "kt.kz": "Kazakhstan Segodnya (kt.kz)",
    "news.gallup.com": "Gallup", "asiaplustj.info": "Asia-Plus", "jamestown.org": "Jamestown Foundation",
    "mediaplov.asia": "mediaplov.asia", "poland.postsen.com": "postsen.com", "sputniknews.com": "Sputnik",
    "greece.news-pravda.com": "news-pravda.com", "24.kg": "24.kg", "en.in-ukraine.info": "in-ukraine.info",
    "talap.org": "TALAP Center", "github.com": "jlbarker/ps239t-final-project (GitHub)",
}

# Page dates, only where the compilation itself states them (fieldwork/status text or the URL).
PAGE_DATES = {
    "http://asiaplustj.info/en/news/tajikistan/society/20110328/tajikistan-reportedly-tops-list-pro-russia-countries-around-world": "2011-03-28",  # URL
    "https://kt.kz/rus/society/87_kazahstancev_odobrjajut_politiku_rossijskih_vlastej_opros_1153473792.html": "2009-01-13",  # "published 13.01.2009"
    "https://minerva.defense.gov/Owl-In-the-Olive-Tree/Owl_View/Article/2001688/explaining-great-power-status-in-central-asia-unfamilarity-and-discontent": "2019-10",  # "Minerva, Oct 2019"
    "https://talap.org/en/news/news-detail/89/": "2024-05-24",  # "published 24 May 2024"
    "https://greece.news-pravda.com/en/world/2026/02/13/6491.html": "2026-02-13",  # URL
    "http://m-vector.com/en/news/?id=290": "2012-10-24",  # "M-Vector release 24 Oct 2012"
}

ITEMS = [
    ("Gallup World Poll: Do you approve or disapprove", "leadership-approval"),
    ("approval of", "leadership-approval"),
    ("Which country would be best able to help", "covid-best-able-to-help"),
    ("How much confidence do you have that China's investment", "china-investment-jobs-confidence"),
    ("Favorability of", "favorability"),
    ("Which great power is reliable and friendly", "reliable-friendly-power"),
    ("Confidence in [leader]", "leader-confidence"),
    ("More important to have a close relationship", "relations-priority-us-russia"),
    ("Rate relations with", "relations-rating"),
    ("Rate cooperation with", "cooperation-rating"),
    ("Has your attitude towards Russia changed", "attitude-change-russia"),
    ("Role of Russia", "russia-role"),
    ("Priority country", "priority-country"),
    ("Which countries are an economic threat", "economic-threat"),
    ("Country of the biggest threat", "biggest-threat"),
    ("Country in the (CIS) region", "closest-relations-country"),
    ("Perception of China", "perception-china"),
]

MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}


def item_of(question):
    for prefix, slug in ITEMS:
        if question.startswith(prefix):
            return slug
    sys.exit(f"build-published: no item slug for question {question!r}; add one to ITEMS")


def vocabulary(status):
    """README.md 'Status vocabulary': the opening words decide."""
    if status.startswith(("CAB primary", "Gallup primary")):
        return "primary"
    if status.startswith(("Gallup via", "SECONDARY", "Gallup Analytics extract")):
        return "secondary"
    if status.startswith("predecessor series"):
        return "predecessor"
    if status.startswith("other survey"):
        return "other survey"
    sys.exit(f"build-published: status {status!r} matches no vocabulary entry")


def dataset_of(row):
    s, w = row["status"], row["wave"]
    if s.startswith("predecessor"):
        return "m-vector"
    if s.startswith("other survey"):
        return re.sub(r"[^a-z]+", "-", s[s.index("(") + 1:s.index(")")].lower()).strip("-")
    if "source survey not named" in s:
        return "unattributed"
    if w.startswith("CAB") or s.startswith("CAB"):
        return "cab"
    if "Gallup" in w or "Gallup" in s:
        return "gallup"
    sys.exit(f"build-published: no dataset for row {row}")


CAVEATS = [
    ("nearly", "approximate"), ("'about'", "approximate"), ("lower bound", "lower-bound"),
    ("year ambiguous", "year-ambiguous"), ("year presumed", "year-presumed"),
    ("machine-translated", "machine-translated"), ("garbled", "garbled-source"),
    ("verify vs Gallup", "unverified"), ("wave/wording unverified", "unverified"),
    ("source survey not named", "survey-unnamed"),
]


def caveat_flags(status):
    flags = []
    for words, flag in CAVEATS:
        if words in status and flag not in flags:
            flags.append(flag)
    return flags


def fieldwork_dates(text):
    """(start, end) ISO (possibly partial) dates, only where the text states them."""
    t = text.strip()
    m = re.fullmatch(r"(\d{4})", t)
    if m:
        return m.group(1), m.group(1)
    m = re.fullmatch(r"(\d{4})-(\d{4})", t)
    if m:
        return m.group(1), m.group(2)
    m = re.fullmatch(r"(\d{4}) \(exact dates not in source\)", t)
    if m:
        return m.group(1), m.group(1)
    m = re.fullmatch(r"([A-Z][a-z]+) (\d{4})", t)
    if m and m.group(1)[:3].lower() in MONTHS:
        ym = f"{m.group(2)}-{MONTHS[m.group(1)[:3].lower()]:02d}"
        return ym, ym
    m = re.match(r"(\d{1,2}) ([A-Z][a-z]{2})-(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})", t)
    if m:
        y = m.group(5)
        return (f"{y}-{MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}",
                f"{y}-{MONTHS[m.group(4).lower()]:02d}-{int(m.group(3)):02d}")
    m = re.match(r"(\d{1,2})-(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})", t)
    if m:
        y, mo = m.group(4), MONTHS[m.group(3).lower()]
        return f"{y}-{mo:02d}-{int(m.group(1)):02d}", f"{y}-{mo:02d}-{int(m.group(2)):02d}"
    return "", ""


def source_slug(url):
    host = re.sub(r"^www\.", "", url.split("/")[2])
    if host == "github.com":
        return "gallup-extract-" + ("us" if "Gallup_Us" in url else "china")
    special = {"24.kg": "24kg", "minerva.defense.gov": "minerva"}
    return special.get(host, host.split(".")[-2])


def gallup_year(row):
    m = re.fullmatch(r"Gallup World Poll (\d{4})", row["wave"])
    if m:
        return m.group(1)
    m = re.match(r"Gallup World Poll (\d{4}) \(per pro-Kremlin aggregator", row["wave"])
    return m.group(1) if m else None


def approval_class(category):
    c = category.lower()
    if c.startswith("disapprove"):
        return "disapprove"
    if c.startswith("approve"):
        return "approve"
    return None


def base_target(target):
    return re.sub(r"\s*\(.*\)$", "", target)


def preference(row):
    """Lower is preferred: primary, Gallup Analytics extract, press, blog/aggregator."""
    s = row["status"]
    if s.startswith("Gallup primary"):
        return 0
    if s.startswith("Gallup Analytics extract"):
        return 1
    if s.startswith("Gallup via"):
        return 2
    return 3


def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    os.replace(tmp, path)


def fmt(x):
    s = f"{x:.6f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_INPUT
    with open(src, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    os.makedirs(OUT, exist_ok=True)

    # Sources: one id per (URL, quote) pair, numbered per host slug in input order.
    source_ids, sources, counters = {}, [], {}
    for r in rows:
        if not r["source"] or not r["quote"]:
            sys.exit(f"build-published: a row without URL or quote cannot go in: {r}")
        key = (r["source"], r["quote"])
        if key in source_ids:
            continue
        slug = source_slug(r["source"])
        counters[slug] = counters.get(slug, 0) + 1
        sid = f"{slug}-{counters[slug]}"
        source_ids[key] = sid
        host = r["source"].split("/")[2]
        sources.append([sid, r["source"], r["source_title"], PUBLISHERS.get(host, host),
                        PAGE_DATES.get(r["source"], ""), r["quote"]])

    # Conflicts: Gallup approval figures for the same country, year, target and category with
    # different published values. Every row of such a group is flagged.
    groups = {}
    for i, r in enumerate(rows):
        y, c = gallup_year(r), approval_class(r["category"])
        if y and c and "approve" in r["question"].lower():
            groups.setdefault((r["country"], y, base_target(r["target"]), c), []).append(i)
    conflict_rows = set()
    for members in groups.values():
        if len({rows[i]["percent"] for i in members}) > 1:
            conflict_rows.update(members)

    figures = []
    for i, r in enumerate(rows):
        flags = (["conflict"] if i in conflict_rows else []) + caveat_flags(r["status"])
        start, end = fieldwork_dates(r["fieldwork"])
        figures.append([i + 1, dataset_of(r), ISO[r["country"]], r["country"], r["wave"], r["fieldwork"], start, end,
                        r["target"], item_of(r["question"]), r["question"], r["category"], r["percent"], r["n"],
                        source_ids[(r["source"], r["quote"])], vocabulary(r["status"]), r["status"],
                        ";".join(flags)])
    write_csv(os.path.join(OUT, "figures.csv"),
              ["row", "dataset", "country", "country_name", "wave", "fieldwork", "fieldwork_start", "fieldwork_end",
               "target", "item", "question", "category", "percent", "n", "source_id", "status", "status_detail",
               "flags"], figures)
    write_csv(os.path.join(OUT, "sources.csv"), ["id", "url", "title", "publisher", "date", "quote"], sources)

    by_id = {s[0]: s for s in sources}

    def citation(r):
        s = by_id[source_ids[(r["source"], r["quote"])]]
        title = f'"{s[2]}"' if s[2] else "(page title not confirmed)"
        date = f", {s[4]}" if s[4] else ""
        return f"{s[3]}, {title}{date}."

    series = []
    # Gallup leadership approval: one row per country-year-target-category, by preference.
    for (country, year, target, cls), members in sorted(groups.items(), key=lambda kv: (ISO[kv[0][0]], kv[0][2], kv[0][1], kv[0][3])):
        if ISO[country] not in ("KZ", "KG", "TJ", "TM", "UZ"):
            continue
        best = min(members, key=lambda i: (preference(rows[i]), i))
        r = rows[best]
        flags = (["conflict"] if best in conflict_rows else []) + caveat_flags(r["status"])
        if r["n"]:
            sys.exit("build-published: a Gallup row now has n; compute its SE (DESIGN.md §5)")
        flags.append("n-unknown")
        series.append(["gallup", ISO[country], target, "leadership-approval", year, year, cls,
                       fmt(float(r["percent"]) / 100), "", "", "", "", "", ";".join(flags),
                       source_ids[(r["source"], r["quote"])], citation(r), r["source"]])
    # CAB primary figures (CAB's own posts): the only CAB figures with a primary source.
    for i, r in enumerate(rows):
        if vocabulary(r["status"]) != "primary" or dataset_of(r) != "cab":
            continue
        m = re.search(r"Wave (\d+) \((\d{4})\)", r["wave"])
        wave, date = (f"w{m.group(1)}-{m.group(2)}", m.group(2)) if m else ("2020-spring", "2020")
        measure = re.sub(r"[^a-z]+", "-", re.sub(r"\s*\(.*\)$", "", r["category"]).lower()).strip("-")
        flags = caveat_flags(r["status"]) + (["n-unknown"] if not r["n"] else [])
        series.append(["cab-published", ISO[r["country"]], base_target(r["target"]), item_of(r["question"]),
                       wave, date, measure, fmt(float(r["percent"]) / 100), "", "", "", "", "", ";".join(flags),
                       source_ids[(r["source"], r["quote"])], citation(r), r["source"]])
    write_csv(os.path.join(OUT, "series.csv"),
              ["dataset", "country", "target", "item", "wave", "date", "measure", "estimate", "se", "ci_lower",
               "ci_upper", "n", "deff", "flags", "source_id", "citation", "url"], series)
    print(f"build-published: {len(figures)} figures, {len(sources)} sources, {len(series)} series rows, "
          f"{len(conflict_rows)} rows in conflict")


if __name__ == "__main__":
    main()
