#!/usr/bin/env python3
"""Writes the small, synthetic seed corpora for the libFuzzer targets (Tests/Fuzz/Corpus/<target>/).

Every seed is hand-written here: no survey microdata. scripts/fuzz also seeds from the committed
synthetic test fixtures (Tests/Fixtures/xlsx, Tests/Fixtures/statfiles). Re-run after editing:
    python3 Tests/Fuzz/make-seeds.py
"""
import io
import os
import shutil
import zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Corpus")


def write(target, name, data):
    os.makedirs(os.path.join(ROOT, target), exist_ok=True)
    with open(os.path.join(ROOT, target, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def workbook(sheet_xml, shared=None, styles=None):
    """A minimal .xlsx: workbook, relationships, one sheet, optional shared strings and styles."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml",
                   '<workbook><workbookPr date1904="0"/><sheets><sheet name="S1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", "<sst>" + "".join(f"<si><t>{s}</t></si>" for s in shared) + "</sst>")
        if styles is not None:
            z.writestr("xl/styles.xml", styles)
    return buf.getvalue()


def mixed_text_columns():
    """SYNTHETIC (random.Random(17)): 40 records of two text columns (quoted and not, a comma inside
    quotes, NA, empty and "" cells) among numbers, so the CSV reader's walk over text and numeric
    columns (ccsv_mixed_records) meets known levels, new ones and the cells it hands back."""
    import random
    g = random.Random(17)
    regions = ["Almaty", "Bishkek", '"Very favorable"', '"Somewhat, often"', "NA", "", "St. Petersburg"]
    answers = ['"yes"', '"no"', '""', "maybe"]
    lines = ["id,region,answer,x,y"]
    for i in range(40):
        region = g.choice(regions[:4] if i < 3 else regions)
        lines.append(f"{i},{region},{g.choice(answers[:2] if i < 3 else answers)},{g.uniform(-9, 9):.4f},{g.randint(0, 99)}")
    return ("\n".join(lines) + "\r\n").encode()


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    # Delimited text: first byte picks the separator (0 comma, 1 semicolon, 2 tab, 3 whitespace).
    write("csv", "comma", b"\x00" + b'id,x,w,g\n1,2.5,1,"a"\n2,NA,0.5,"b ""q"""\n3,1e3,2,\n')
    write("csv", "semicolon", b"\x01" + b"x;y\n1,5;2\n3;4\r\n")
    write("csv", "tab", b"\x02" + b"a\tb\n\"multi\nline\"\t7\n")
    write("csv", "whitespace", b"\x03" + b"# columns y x (NIST)\n 1 2\n 3 4\n")
    write("csv", "switch", b"\x80" + b"v\n1\n2\nthree\n")
    write("csv", "synthetic-mixed-text-columns", b"\x00" + mixed_text_columns())
    # Workbooks: first byte even = the rest is a ZIP file; odd = NUL-separated sheet, shared
    # strings, styles (and workbook) XML that the target packs into a valid ZIP.
    write("xlsx", "parts", b"\x01" + b'<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
          b'<c r="B1" t="inlineStr"><is><t>y</t><rPh><t>p</t></rPh></is></c></row><row r="2"><c r="A2" s="1"><v>4.5E1</v></c>'
          b'<c r="B2" t="str"><v>&amp;&#233;</v></c></row></sheetData></worksheet>\x00<sst><si><t>x</t></si><si/></sst>'
          b'\x00<styleSheet><numFmts><numFmt numFmtId="164" formatCode="[h]:mm"/></numFmts><cellXfs><xf numFmtId="0"/>'
          b'<xf numFmtId="164"/></cellXfs></styleSheet>')
    write("xlsx", "parts-nospace", b"\x01" + b"<sheetData><row><c><v>1</v></c><c t=\"b\"><v>0</v></c></row></sheetData>")
    write("xlsx", "shared", b"\x00" + workbook(
        '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>2</v></c></row></sheetData></worksheet>',
        shared=["x", "g", "a&amp;b"]))
    write("xlsx", "nospace", b"\x00" + workbook(
        '<worksheet><sheetData><row><c t="inlineStr"><is><t>x</t></is></c></row>'
        '<row><c t="b"><v>1</v></c></row><row><c t="e"><v>#N/A</v></c></row></sheetData></worksheet>'))
    write("xlsx", "dates", b"\x00" + workbook(
        '<worksheet><sheetData><row r="1"><c r="A1" t="str"><v>d</v></c></row>'
        '<row r="2"><c r="A2" s="1"><v>44116.5</v></c></row><row r="3"><c r="A3" t="d"><v>2020-10-12T00:00:00</v></c></row>'
        '</sheetData></worksheet>',
        styles='<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
               '<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>'))
    # Notebooks.
    write("notebook", "basic", "# Title\n\nProse.\n\n```barometer\nbarometer estimate data/x.csv --mean y\n```\n\n"
          "```output\nold\n```\n\n~~~barometer tolerance=0.01\nbarometer table --format json \\\n  'a b' \"c\"\n~~~\n")
    write("notebook", "fences", "````\n```barometer\nnot a block\n```\n````\n   ```barometer\n")
    # Series CSV.
    header = "dataset,country,target,item,wave,date,measure,estimate,se,ci_lower,ci_upper,n,deff,flags,source_id,citation,url\n"
    write("series-csv", "series", header +
          'cab,KZ,China,favorability,7,2020-06,favorable,0.41,0.02,0.37,0.45,1000,1.5,,s1,"A, ""quoted"" source",https://example.org\n'
          "cab,KZ,China,favorability,8,2020-11,favorable,,,,,,,not-asked,s1,\"A, \"\"quoted\"\" source\",https://example.org\n")
    write("series-csv", "bad", header + "x,KZ,,i,1,,m,abc,,,,-1,,,s,,\n")
    # Statistics files: the committed synthetic fixtures are added by scripts/fuzz; one header stub here.
    write("stat", "stata-stub", b"\x72\x02\x01\x00" + b"\x00" * 60)
    write("stat", "sav-stub", b"$FL2@(#) SPSS DATA FILE" + b"\x00" * 40)


if __name__ == "__main__":
    main()
