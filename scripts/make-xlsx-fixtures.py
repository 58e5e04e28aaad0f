#!/usr/bin/env python3
"""Generates the SYNTHETIC .xlsx fixtures in Tests/Fixtures/xlsx/ for the XLSX reader tests.
No CAB rows: every value below is made up. Re-run:  python3 scripts/make-xlsx-fixtures.py

types.xlsx      written by openpyxl (shared strings, numbers, booleans, dates, times, empties,
                a mixed number/text column, the answer text "None")
inline.xlsx     hand-written SpreadsheetML like SPSS exports: inline strings, error cells
                (#NULL!), rich-text runs, XML entities, cells without `r`, a formula string,
                sheet name with spaces
empty.xlsx      a workbook whose only sheet has no cells
corrupt-zip.xlsx  ZIP signature followed by garbage
truncated-xml.xlsx  sheet XML cut off inside <sheetData>
not-workbook.xlsx   a valid ZIP without xl/workbook.xml
"""
import datetime
import os
import zipfile

import openpyxl

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Tests", "Fixtures", "xlsx")
os.makedirs(OUT, exist_ok=True)
FIXED = (2024, 1, 1, 0, 0, 0)  # zip entry timestamps, for stable bytes


def types():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["id", "answer", "weight", "flag", "when", "duration", "mixed", "blank"])
    ws.append([1, "Very Favorable", 0.5, True, datetime.datetime(2020, 10, 12, 14, 44), datetime.time(0, 19), 3, None])
    ws.append([2, "None", 1.25, False, datetime.datetime(2020, 2, 29), datetime.time(1, 2, 3), "Don't Know (vol.)", None])
    ws.append([3, None, 2, None, None, None, 2.5, None])
    ws.append([4, "Somewhat Favorable", 1e-3, True, datetime.datetime(1999, 12, 31, 23, 59, 59), None, None, None])
    wb.save(os.path.join(OUT, "types.xlsx"))


WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"""
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="2" applyNumberFormat="1"/></cellXfs></styleSheet>"""


def package(path, sheet_xml, name="Synthetic Sheet 1", workbook=True):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        def add(n, text):
            z.writestr(zipfile.ZipInfo(n, FIXED), text, zipfile.ZIP_DEFLATED)
        add("[Content_Types].xml", CONTENT_TYPES)
        add("_rels/.rels", ROOT_RELS)
        if workbook:
            add("xl/workbook.xml", WORKBOOK.format(name=name))
            add("xl/_rels/workbook.xml.rels", RELS)
            add("xl/styles.xml", STYLES)
        add("xl/worksheets/sheet1.xml", sheet_xml)


def sheet(rows_xml):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<dimension ref="A1:D4"/><sheetData>' + rows_xml + '</sheetData></worksheet>')


def inline():
    def s(ref, text):
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
    rows = (
        '<row r="1">' + s("A1", "IDNO") + s("B1", "Occ") + s("C1", "Opinion") + s("D1", "Date") + '</row>'
        '<row r="2"><c r="A2" s="2"><v>1.00000000000000000</v></c><c r="B2" t="e"><v>#NULL!</v></c>'
        + s("C2", "Don&apos;t Know (vol.)") + '<c r="D2" s="1"><v>43410</v></c></row>'
        '<row r="3"><c r="A3"><v>2</v></c><c r="B3" t="inlineStr"><is><r><t xml:space="preserve">Rich </t></r><r><t>text</t></r><rPh sb="0" eb="4"><t>PHONETIC</t></rPh></is></c>'
        + s("C3", "Not Asked") + '<c r="D3" s="1"><v>43466.5</v></c></row>'
        # a row whose cells carry no r= references: columns A, B, C, D in order
        '<row><c><v>3</v></c><c t="str"><f>CONCAT("a","&amp;b")</f><v>a&amp;b</v></c><c t="inlineStr"><is><t>&#233;t&#xE9; &lt;ok&gt;</t></is></c><c/></row>'
    )
    package(os.path.join(OUT, "inline.xlsx"), sheet(rows))


def empty():
    wb = openpyxl.Workbook()
    wb.active.title = "Empty"
    wb.save(os.path.join(OUT, "empty.xlsx"))


def broken():
    with open(os.path.join(OUT, "corrupt-zip.xlsx"), "wb") as f:
        f.write(b"PK\x03\x04" + bytes(range(256)) * 4)
    package(os.path.join(OUT, "truncated-xml.xlsx"),
            sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>')[:-40])
    package(os.path.join(OUT, "not-workbook.xlsx"), sheet(""), workbook=False)


def cab_like():
    """SYNTHETIC files shaped like CAB wave 8 exports (CODEBOOK.md §4): not CAB data."""
    def write(name, mm3a, e1a):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Synthetic W8"
        ws.append(["MM1", "MM3a", "MM4", "MM9", "FinalWgt1", "E1a", "E1b", "E1c"])
        weights = [1, 1, 1, 1, 2, 2]
        e1c = ["Refused (vol.)", "Very Unfavorable", "Very Unfavorable", "Somewhat Favorable",
               "Don't Know (vol.)", "Very Favorable"]
        for i in range(6):
            ws.append([i + 1, mm3a, "Kazakhstan", datetime.datetime(2020, 10, 10 + i, 12, 0), weights[i], e1a[i],
                       "Not Asked", e1c[i]])
        wb.save(os.path.join(OUT, name))
    answers = ["Very Favorable", "Somewhat Favorable", "Somewhat Unfavorable", "Very Unfavorable",
               "Don't Know (vol.)", "Very Favorable"]
    write("cab-synthetic-w8.xlsx", 2, answers)
    write("cab-unknown-wave.xlsx", 9, answers)
    write("cab-bad-answer.xlsx", 2, answers[:5] + ["Maybe"])


if __name__ == "__main__":
    cab_like()
    types()
    inline()
    empty()
    broken()
    print("make-xlsx-fixtures: wrote", ", ".join(sorted(os.listdir(OUT))))
