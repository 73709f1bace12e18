"""The whole document: authored text around the generated parts, in HTML, Word and Excel.

A fixture year is cleaned, tabulated and charted in this process (the runner is tested
elsewhere); the Word file and workbook are read back with python-docx and openpyxl.
"""

from __future__ import annotations

import html
import io
import re
import time
from pathlib import Path

import docx
import openpyxl
import pandas as pd
import pytest
from conftest import copy_fixture_years

from analysis import authored, charts, clean, regions, report, tables, word, workbook
from analysis.document import Figure, Heading, Paragraph
from analysis.errors import InputError
from analysis.paths import (
    DOCX_FILE,
    PROJ_ROOT,
    RAW_DIR,
    REPORT_FILE,
    TABLE1_FILE,
    TABLE2_FILE,
    XLSX_FILE,
    YearPaths,
    authored_file,
)
from analysis.status import SYNTHETIC, UNDECLARED, DataStatus, data_status

YEAR = 2012

FRONT_MATTER = """---
meeting: Tenth Coordination Meeting on International Migration
convener:
  - Population Division
place_and_date: New York, 9-10 February 2012
title: Input to the Tenth Coordination Meeting
organisation: United Nations Population Fund (UNFPA)
footnote: The views expressed do not imply any opinion of the Secretariat.
---
"""
BODY = """
# A. Introduction

Our own words, with <script>alert(1)</script> typed in them.

# B. Capacity building

{{ capacity_building_paragraph }}

{{ table1 }}

{{ table1_figures }}

# C. Other initiatives

{{ data_research_paragraph }}

{{ table2 }}

{{ table2_figures }}

# D. Conclusion

The end.

# Annex

{{ method_annex }}
"""


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> dict:
    """A fixture year's tables, charts and cleaned data, as the first three steps leave them."""
    root = tmp_path_factory.mktemp("document")
    raw = copy_fixture_years(root / "raw")
    paths = YearPaths(YEAR, raw, root / "processed", root / "out")
    clean.write(clean.clean_year(raw, YEAR), paths.processed_year)
    offices = clean.read_offices(paths.processed_year)
    table1, table2 = tables.build_and_write(offices, paths.out_year)
    region_list = regions.load(paths.regions_file)
    charts.save(charts.figures_for_year(table1, table2, region_list, YEAR), paths.figures)
    return {
        "root": root,
        "paths": paths,
        "table1": table1,
        "table2": table2,
        "offices": offices,
        "log": clean.read_log(paths.processed_year),
        "inputs": report.read_inputs(paths.processed_year),
        "regions": region_list,
    }


def build(year: dict, authored_path: Path, status: DataStatus = UNDECLARED):
    paths = year["paths"]
    return report.year_document(
        YEAR,
        year["table1"],
        year["table2"],
        year["offices"],
        year["log"],
        year["inputs"],
        year["regions"],
        paths.figures,
        authored_path,
        status,
    )


def write_all(year: dict, doc, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    report.write(
        doc, out, year["table1"], year["table2"], year["offices"], year["log"], year["inputs"]
    )
    return out


def authored_text(folder: Path, text: str) -> Path:
    path = authored_file(folder, YEAR)
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=["with authored text", "without"])
def written(request, year, tmp_path_factory) -> dict:
    """The year's three files, with authored text and without."""
    folder = tmp_path_factory.mktemp("written")
    if request.param == "without":
        path = authored_file(folder / "authored", YEAR)  # not there
    else:
        path = authored_text(folder / "authored", FRONT_MATTER + BODY)
    doc = build(year, path)
    out = write_all(year, doc, folder / "out")
    return {"doc": doc, "out": out, "kind": request.param}


# ---------------------------------------------------------------------------------------------
# Read back: Word and Excel hold the contract's figures, and the HTML's sentences


def csv_table(year: dict, name: str) -> pd.DataFrame:
    return pd.read_csv(year["paths"].out_year / name)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def xml_text(element) -> str:
    """An element's text as Word shows it, fields' results included (python-docx's
    `paragraph.text` leaves out what a field, such as a caption's SEQ number, shows)."""
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def paragraph_texts(document) -> list[str]:
    return [xml_text(p) for p in document.element.body.iter(f"{W}p")]


def docx_tables(path: Path) -> dict[str, list[list[str]]]:
    """Each Word table, by the caption above it."""
    document = docx.Document(str(path))
    body = document.element.body
    found = {}
    caption = None
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            if text.strip():
                caption = text
        elif child.tag.endswith("}tbl"):
            table = docx.table.Table(child, document)
            found[caption] = [[cell.text for cell in row.cells] for row in table.rows]
    return found


def test_word_tables_hold_every_cell_of_the_contracts_csvs(year, written):
    found = docx_tables(written["out"] / DOCX_FILE)
    table1 = found[
        f"Table 1. UNFPA Country Office Activities Related to Capacity Building, by Region, {YEAR}"
    ]
    expected1 = csv_table(year, TABLE1_FILE)
    assert table1[0] == ["Region", "Country Offices", "Offices reporting", "Per cent"]
    assert [row[0] for row in table1[1:]] == list(expected1["region"])
    for row, (_, want) in zip(table1[1:], expected1.iterrows(), strict=True):
        assert [int(v) for v in row[1:]] == [
            want["country_offices"],
            want["offices_reporting"],
            want["percent"],
        ]
    table2 = found[
        f"Table 2. UNFPA Country Office Activities Related to Data and Research, by Region, {YEAR}"
    ]
    expected2 = csv_table(year, TABLE2_FILE)
    activities = list(dict.fromkeys(expected2["activity"]))
    for row in table2[1:]:
        region = row[0]
        cells = expected2[expected2["region"] == region].set_index("activity")
        assert int(row[1]) == cells["country_offices"].iloc[0]
        for activity, cell in zip(activities, row[2:], strict=True):
            n, p = map(int, re.fullmatch(r"(\d+) \((\d+)%\)", cell).groups())
            assert (n, p) == (
                cells.at[activity, "offices_reporting"],
                cells.at[activity, "percent"],
            )
    assert [row[0] for row in table2[1:]] == list(dict.fromkeys(expected2["region"]))


def test_workbook_holds_every_cell_as_numbers_with_a_per_cent_format(year, written):
    book = openpyxl.load_workbook(written["out"] / XLSX_FILE)
    assert book.sheetnames == ["Table 1", "Table 2", "Source"]
    for sheet_name, csv_name in (("Table 1", TABLE1_FILE), ("Table 2", TABLE2_FILE)):
        sheet = book[sheet_name]
        expected = csv_table(year, csv_name).set_index(["region", "activity"])
        columns = workbook.table_columns(csv_table(year, csv_name))
        header = [c.value for c in sheet[workbook.HEADER_ROW]]
        assert header == ["Region", *(c[0] for c in columns)]
        rows = list(sheet.iter_rows(min_row=workbook.HEADER_ROW + 1))
        regions_shown = [r[0].value for r in rows if r[0].value in expected.index.unique(0)]
        assert regions_shown == list(dict.fromkeys(expected.index.get_level_values(0)))
        for row in rows[: len(regions_shown)]:
            region = row[0].value
            for cell, (_, activity, field) in zip(row[1:], columns, strict=True):
                want = int(expected.at[(region, activity), field])
                if field == "percent":
                    assert cell.number_format == "0%"
                    assert round(cell.value * 100) == want
                else:
                    assert isinstance(cell.value, int) and cell.value == want
            assert row[0].font.bold == (region == "Total")
    source = [c.value for c in book["Source"]["A"] if c.value]
    assert any(str(v).startswith("Source:") for v in source)
    assert any(r["path"] in source for r in year["inputs"])


def test_every_generated_sentence_is_the_same_in_word_and_html(written):
    doc = written["doc"]
    page = html.unescape((written["out"] / REPORT_FILE).read_text(encoding="utf-8"))
    word_text = [p.text for p in docx.Document(str(written["out"] / DOCX_FILE)).paragraphs]
    generated_html = re.findall(r'<p class="generated">(.*?)</p>', page)
    generated = [p.text for p in doc.blocks if isinstance(p, Paragraph) and p.sentences]
    assert generated_html == generated
    assert [t for t in word_text if t in generated] == generated
    assert len(doc.generated_sentences()) > 5


def test_word_file_is_a_un_document(written):
    document = docx.Document(str(written["out"] / DOCX_FILE))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.styles["Normal"].font.name == word.FONT
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert len(document.inline_shapes) == 3  # the three figures, embedded
    for shape in document.inline_shapes:  # at print resolution: 300 pixels an inch or more
        blob = document.part.related_parts[
            shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        ].blob
        pixels_wide = int.from_bytes(blob[16:20], "big")  # the PNG header's width
        assert pixels_wide / shape.width.inches >= 299
    texts = paragraph_texts(document)
    captions = [t for t in texts if t.startswith("Figure ")]
    assert [c.split(".")[0] for c in captions] == ["Figure 1", "Figure 2", "Figure 3"]
    # A Source: line under each table and each figure.
    sources = sum("Source: " in t for t in texts)
    assert sources == len(document.tables) + len(document.inline_shapes)
    if written["kind"] == "without":
        assert headings[0].startswith("Capacity building")
        note = next(p.text for p in document.paragraphs if p.text.startswith("No authored"))
        assert f"No authored text for {YEAR}" in note and f"{YEAR}.md" in note
    else:
        assert headings == ["A. Introduction", "B. Capacity building", "C. Other initiatives",
                            "D. Conclusion", "Annex"]  # fmt: skip
        first = [p.text for p in document.paragraphs[:5]]
        assert first[0] == "Tenth Coordination Meeting on International Migration"
        title = next(p for p in document.paragraphs if p.style.name == "Title")
        assert title.text == "Input to the Tenth Coordination Meeting"


def test_authored_text_reaches_the_page_as_text(written):
    if written["kind"] == "without":
        pytest.skip("no authored text")
    page = (written["out"] / REPORT_FILE).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script" not in page


@pytest.mark.slow  # it waits out the zip format's two-second clock
def test_reruns_give_the_same_bytes(year, written, tmp_path):
    # Two seconds apart: a zip's entry times (two-second steps) would differ if they followed
    # the clock, as would the created/modified properties.
    time.sleep(2.1)
    again = write_all(year, written["doc"], tmp_path / "again")
    for name in (REPORT_FILE, DOCX_FILE, XLSX_FILE):
        assert (again / name).read_bytes() == (written["out"] / name).read_bytes(), name


def test_text_word_and_excel_refuse_reorder_or_would_run_is_kept_as_text(year, tmp_path):
    # A note with Excel's in-cell line break (\x0b, which XML cannot hold), and a file name a
    # spreadsheet would run as a formula.
    offices = year["offices"].copy()
    offices.loc[offices.index[0], "notes"] = "first line\x0bsecond line \u202eaxat"
    inputs = [{"path": '=HYPERLINK("http://x")', "bytes": 1, "sha256": "0" * 64}]
    doc = report.year_document(
        YEAR, year["table1"], year["table2"], offices, year["log"], inputs, year["regions"],
        year["paths"].figures, tmp_path / "none.md",
    )  # fmt: skip
    report.write(doc, tmp_path, year["table1"], year["table2"], offices, year["log"], inputs)
    cells = [c.text for t in docx.Document(str(tmp_path / DOCX_FILE)).tables for c in t._cells]
    assert "first line second line <U+202E>axat" in cells  # as the page shows it
    sheet = openpyxl.load_workbook(tmp_path / XLSX_FILE)["Source"]
    formula = [c for c in sheet["A"] if c.value == inputs[0]["path"]]
    assert formula and formula[0].data_type == "s"


# ---------------------------------------------------------------------------------------------
# Authored input: errors named by file and line; figures that disagree are warnings


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        (FRONT_MATTER + "\n{{ tabel1 }}\n", 11, "unknown placeholder"),
        (FRONT_MATTER + "\n{{ table1 }}\n\n{{table1}}\n", 13, "placeholder used twice"),
        (FRONT_MATTER + "\nSee {{ table1 }} here.\n", 11, "must stand alone"),
        ("---\nmeeting: [unclosed\ntitle: T\n---\n", 3, "not valid YAML"),
        ("---\nmeeting: M\ntitle: T\norganisation: O\ndate: today\n---\n", 5, "unknown header key"),
        ("# No front matter\n", 1, "must open with front matter"),
        ("---\nmeeting: M\ntitle: T\n", 1, "no closing `---`"),
        ("---\nmeeting: M\ntitle: T\norganisation: [a, b]\n---\n", 4, "must be a line of text"),
    ],
)
def test_bad_authored_text_is_named_by_file_and_line(tmp_path, text, line, says):
    path = authored_text(tmp_path, text)
    with pytest.raises(InputError) as raised:
        authored.read(path)
    message = str(raised.value)
    assert message.startswith(f"{path}, line {line}") or f"{path.name}, line {line}" in message
    assert says in message


@pytest.mark.parametrize(
    "front",
    [
        "meeting: M\ntitle: Last year's title\norganisation: O\ntitle: This year's title\n",
        "meeting: M\ntitle: T\norganisation: O\n'title': Again\n",  # the same key, quoted
    ],
)
def test_a_repeated_header_key_is_refused_naming_both_lines(tmp_path, front):
    # PyYAML keeps the last of two `title:` lines without a word; YAML forbids repeated keys.
    path = authored_text(tmp_path, f"---\n{front}---\n")
    with pytest.raises(InputError) as raised:
        authored.read(path)
    [line] = str(raised.value).splitlines()
    assert f"{path.name}, line 5, 'title': `title` is given twice, on line 3 and on line 5" in line


def test_a_key_repeated_inside_a_list_item_is_refused_too(tmp_path):
    path = authored_text(tmp_path, "---\nmeeting: M\nconvener:\n  - {a: 1, a: 2}\n---\n")
    with pytest.raises(InputError, match="given twice, on line 4 and on line 4"):
        authored.read(path)


def test_a_missing_required_key_is_named(tmp_path):
    path = authored_text(tmp_path, "---\nmeeting: M\ntitle: T\n---\n")
    with pytest.raises(InputError, match="needs `organisation:`"):
        authored.read(path)


def test_every_number_in_words_is_read_as_its_value():
    # The number words are matched by a grammar (a thousand alternatives were slow): it must
    # read each of them, and nothing that is not one.
    from analysis import typed_figures
    from analysis.words import number_words

    for n in range(1000):
        [figure] = typed_figures.figures_in(f"In Africa, {number_words(n)} per cent did so.")
        assert figure.value == n, number_words(n)
    for not_a_number in ("one hundred and zero", "twenty-ten", "zero hundred"):
        figures = typed_figures.figures_in(f"It was {not_a_number} per cent.")
        assert [f.value for f in figures] in ([], [0], [10]), not_a_number


def test_a_figure_that_disagrees_with_the_tables_is_a_warning(year, tmp_path):
    africa = year["table1"].set_index("region").loc["Africa", "percent"]
    wrong = (africa + 7) % 100
    text = (
        FRONT_MATTER
        + f"\nIn Africa, {africa} per cent of Country Offices supported training.\n"
        + f"Last year's text: in Africa, {wrong} per cent supported\ncapacity building.\n"
    )
    path = authored_text(tmp_path, text)
    doc = build(year, path)
    about = [w for w in doc.warnings if "per cent" in w]
    assert len(about) == 1
    assert about[0].startswith(f"{path}, line 12:") or f"{path.name}, line 12:" in about[0]
    assert f'"{wrong} per cent" (Table 1, Africa, training/capacity building)' in about[0]
    assert f"the tables give {africa} per cent (" in about[0]
    page = report.render_body(doc)
    assert 'class="warning"' in page and "(Table 1, Africa, training/capacity building)" in page


def test_parts_left_out_of_the_authored_text_come_at_the_end(year, tmp_path):
    path = authored_text(tmp_path, FRONT_MATTER + "\n# A\n\n{{ table1 }}\n")
    doc = build(year, path)
    assert any("no place for {{ capacity_building_paragraph }}" in w for w in doc.warnings)
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings[:2] == ["A", "Generated parts not placed in the authored text"]
    assert sum(isinstance(b, Figure) for b in doc.blocks) == 3


def test_a_synthetic_raw_folder_gets_no_authored_text(year, tmp_path):
    path = authored_text(tmp_path, FRONT_MATTER + BODY)
    doc = build(year, path, DataStatus(SYNTHETIC))
    assert doc.authored_file is None and doc.synthetic
    assert [b.kind for b in doc.blocks[:3]] == ["subtitle", "status", "note"]
    assert f"{path.name} is left out" in doc.blocks[2].text


def test_the_report_step_reruns_when_the_authored_text_changes(tmp_path, monkeypatch):
    from analysis.paths import NOTEBOOKS_DIR
    from analysis.run import plan

    raw = copy_fixture_years(tmp_path / "raw")
    monkeypatch.setenv("ANALYSIS_ROOT", str(tmp_path))
    final = YearPaths(YEAR, raw, tmp_path / "processed", tmp_path / "out")
    inputs = plan.input_records(final)

    def keys():
        return plan.step_keys(final, None, inputs, NOTEBOOKS_DIR)

    before = keys()
    authored_text(tmp_path / "authored", FRONT_MATTER + BODY)
    after = keys()
    assert after["report"] != before["report"]
    assert {k: v for k, v in after.items() if k != "report"} == {
        k: v for k, v in before.items() if k != "report"
    }


@pytest.mark.slow  # a kernel
def test_the_report_notebook_runs_a_year_with_authored_text(year, tmp_path):
    """The notebook as the runner runs it, with a year's authored text from `authored_dir`."""
    import papermill

    paths = year["paths"]
    authored_text(tmp_path / "authored", FRONT_MATTER + BODY)
    papermill.execute_notebook(
        str(PROJ_ROOT / "notebooks" / "4_report.ipynb"),
        str(tmp_path / "executed.ipynb"),
        parameters={
            "year": YEAR,
            "raw_dir": str(paths.raw),
            "processed_dir": str(paths.processed),
            "out_dir": str(paths.out),
            "authored_dir": str(tmp_path / "authored"),
        },
        kernel_name="python3",
        progress_bar=False,
    )
    document = docx.Document(str(paths.out_year / DOCX_FILE))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "A. Introduction"
    page = (paths.out_year / REPORT_FILE).read_text(encoding="utf-8")
    assert "Our own words" in page and (paths.out_year / XLSX_FILE).is_file()


# ---------------------------------------------------------------------------------------------
# 2010 follows the paper

PAPER = (
    PROJ_ROOT.parent / "shared" / "reference" / "unfpa-input-ninth-coordination-meeting-2011.txt"
)
SECTIONS = (
    "A. Introduction",
    "B. Capacity building initiatives on international migration and development",
    "C. Other major initiatives on international migration and development",
    "D. Conclusion",
)
# Every office the paper names (as the 2010 roster spells them).
PAPER_OFFICES = (
    "Cameroon", "Namibia", "Sao Tome and Principe", "Senegal", "Zambia", "Jordan", "Morocco",
    "Azerbaijan", "Uzbekistan", "Bhutan", "Iran", "Pacific sub-regional office",
    "Papua New Guinea", "Kiribati", "Bolivia", "Dominican Republic", "Guatemala", "Mexico",
)  # fmt: skip


@pytest.fixture(scope="module")
def document_2010(tmp_path_factory) -> Path:
    """The 2010 Word file, from the committed tables, figures and cleaned data."""
    paths = YearPaths.from_parameters(2010, "data/raw", "data/processed", "outputs")
    doc = report.year_document(
        2010,
        tables.read(paths.out_year / TABLE1_FILE),
        tables.read(paths.out_year / TABLE2_FILE),
        clean.read_offices(paths.processed_year),
        clean.read_log(paths.processed_year),
        report.read_inputs(paths.processed_year),
        regions.load(paths.regions_file),
        paths.figures,
        authored_file(PROJ_ROOT / "authored", 2010),
        data_status(RAW_DIR / "2010"),
    )
    assert doc.warnings == ()
    out = tmp_path_factory.mktemp("2010") / DOCX_FILE
    word.write(doc, out)
    return out


def test_2010_has_every_section_of_the_paper(document_2010):
    document = docx.Document(str(document_2010))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [h for h in headings if h in SECTIONS] == list(SECTIONS)
    if PAPER.is_file():  # the paper's own headings, in its order
        paper = [line for line in PAPER.read_text(encoding="utf-8").splitlines()]
        in_paper = [
            line.strip() for line in paper if re.fullmatch(r"[A-D]\. [A-Z ]+", line.strip())
        ]
        assert [h.upper() for h in SECTIONS] == in_paper
    assert len(document.tables) >= 2 and len(document.inline_shapes) == 3


def test_2010_names_every_office_the_paper_names(document_2010):
    text = "\n".join(p.text for p in docx.Document(str(document_2010)).paragraphs)
    missing = [office for office in PAPER_OFFICES if office not in text]
    assert not missing


def test_2010_says_what_is_summarised_and_what_reconstructed(document_2010):
    text = "\n".join(p.text for p in docx.Document(str(document_2010)).paragraphs)
    assert text.count("Summary of the paper's section") == 4
    assert "reconstruction" in text and "Input to the Ninth Coordination Meeting" in text


def test_word_file_is_dated_by_its_year_not_the_clock(document_2010):
    properties = docx.Document(io.BytesIO(document_2010.read_bytes())).core_properties
    assert properties.created == properties.modified
    assert (properties.created.year, properties.created.month, properties.created.day) == (
        2011,
        1,
        1,
    )


# ---------------------------------------------------------------------------------------------
# Which typed figures are checked, on 2010's tables (every figure below is read from them)


@pytest.fixture(scope="module")
def tables_2010() -> dict:
    paths = YearPaths.from_parameters(2010, "data/raw", "data/processed", "outputs")
    table1 = tables.read(paths.out_year / TABLE1_FILE)
    table2 = tables.read(paths.out_year / TABLE2_FILE)
    cells = pd.concat([table1, table2]).set_index(["region", "activity"])
    return {
        "table1": table1,
        "table2": table2,
        "cells": cells,
        "regions": regions.load(paths.regions_file),
    }


def warnings_for(tables_2010: dict, sentence: str) -> list[str]:
    from analysis.document import check_figures

    text = authored.parse(FRONT_MATTER + "\n" + sentence + "\n", Path("authored/2010.md"))
    found = check_figures(
        text, tables_2010["table1"], tables_2010["table2"], tables_2010["regions"], 2010
    )
    return [str(w) for w in found]


def test_figures_that_agree_with_the_tables_pass(tables_2010):
    from analysis.words import capitalise, number_words

    cells = tables_2010["cells"]
    lac = cells.at[("Latin America and the Caribbean", "training_capacity_building"), "percent"]
    eeca = cells.at[("Eastern Europe and Central Asia", "training_capacity_building"), "percent"]
    africa = cells.loc[("Africa", "training_capacity_building")]
    everyone = cells.loc[("Total", "at_least_one")]
    agreeing = [
        f"Country Offices in the Latin America and the Caribbean and Eastern Europe and Central "
        f"Asia regions reported the most, {lac} per cent and {eeca} per cent, respectively.",
        f"{capitalise(number_words(int(africa['offices_reporting'])))} UNFPA Country Offices in "
        f"Africa, or {africa['percent']} per cent, supported training.",
        f"In Africa, {africa['offices_reporting']} of {africa['country_offices']} offices did.",
        f"{capitalise(number_words(int(everyone['percent'])))} per cent of all UNFPA Country "
        "Offices reported at least one of these activities.",
        "In Africa, two of the six activities were common; 15,000 people were counted.",
    ]
    for sentence in agreeing:
        assert warnings_for(tables_2010, sentence) == [], sentence


def test_figures_that_disagree_are_each_named(tables_2010):
    cells = tables_2010["cells"]
    lac = cells.at[("Latin America and the Caribbean", "training_capacity_building"), "percent"]
    eeca = cells.at[("Eastern Europe and Central Asia", "training_capacity_building"), "percent"]
    africa = cells.loc[("Africa", "training_capacity_building")]
    everyone = cells.loc[("Total", "at_least_one")]
    swapped = warnings_for(
        tables_2010,
        "Country Offices in the Latin America and the Caribbean and Eastern Europe and Central "
        f"Asia regions reported the most training, {eeca} per cent and {lac} per cent, "
        "respectively.",
    )
    assert len(swapped) == 2
    lac_cell = "Table 1, Latin America and the Caribbean, training/capacity building"
    assert f'"{eeca} per cent" ({lac_cell}): the tables give {lac} per cent' in swapped[0]
    fraction = warnings_for(
        tables_2010,
        f"In Africa, {africa['offices_reporting'] + 1} of {africa['country_offices']} offices "
        "supported training.",
    )
    assert len(fraction) == 1 and "line 11" in fraction[0]
    of = f"{africa['offices_reporting']} of {africa['country_offices']}"
    assert fraction[0].endswith(
        f"(Table 1, Africa, training/capacity building): the tables give {of}"
    )
    total = warnings_for(
        tables_2010,
        f"{everyone['percent'] + 5} per cent of all UNFPA Country Offices reported at least one.",
    )
    assert len(total) == 1
    assert (
        "(Table 2, all Country Offices (Total), at least one of these activities): the tables "
        f"give {everyone['percent']} per cent" in total[0]
    )


def test_markdown_lists_quotes_and_emphasis_reach_both_outputs(year, tmp_path):
    text = (
        FRONT_MATTER
        + "\n# Lists\n\n1. first *step*\n2. second\n   - a **detail**\n\n> A quoted phrase.\n"
        + "\n- a bullet with `code` and [a link](https://example.org)\n"
    )
    doc = build(year, authored_text(tmp_path / "authored", text))
    write_all(year, doc, tmp_path / "out")
    document = docx.Document(str(tmp_path / "out" / DOCX_FILE))
    paragraphs = {p.text: p for p in document.paragraphs}
    numbering = document.part.numbering_part.element

    def list_format(text: str) -> tuple[str, int]:
        """An item's numbering format (decimal or bullet) and its depth, as Word numbers it."""
        number = paragraphs[text]._p.pPr.numPr  # noqa: SLF001 python-docx has no list API
        level = number.ilvl.val
        (abstract,) = numbering.xpath(
            f'./w:num[@w:numId="{number.numId.val}"]/w:abstractNumId/@w:val'
        )
        (kind,) = numbering.xpath(
            f'./w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl[@w:ilvl="{level}"]/w:numFmt/@w:val'
        )
        return kind, level

    assert list_format("first step") == list_format("second") == ("decimal", 0)
    assert list_format("a detail") == ("bullet", 1)
    assert paragraphs["A quoted phrase."].style.name == "Block Text"
    link = "a bullet with code and a link"
    assert list_format(link) == ("bullet", 0)
    assert "https://example.org" in [r.target_ref for r in document.part.rels.values()]
    page = (tmp_path / "out" / REPORT_FILE).read_text(encoding="utf-8")
    assert '<ol>\n<li class="depth-0">first <em>step</em></li>' in page
    assert '<li class="depth-1">a <strong>detail</strong></li>' in page
    assert "<blockquote><p>A quoted phrase.</p></blockquote>" in page
    assert html.unescape(re.sub(r"<[^>]+>", "", page)).count(f"{link} (https://example.org)") == 1


def test_the_line_under_the_title_names_the_paper_the_header_names(year, tmp_path):
    # Nothing of 2010's paper is said of another year: the line ends with the header's
    # `follows`, or with the export alone.
    def subtitle(doc) -> str:
        return next(b for b in doc.blocks if b.kind == "subtitle").text

    export = f"Figures computed from the {YEAR} Country Office Annual Report export"
    assert subtitle(build(year, tmp_path / "none.md")) == (f"{export} (data status not declared).")
    text = authored_text(tmp_path, FRONT_MATTER + BODY)
    assert subtitle(build(year, text)) == f"{export} (data status not declared)."
    paper = "UNFPA's input to the Tenth Coordination Meeting (2012)"
    assert FRONT_MATTER.endswith("\n---\n")
    authored_text(tmp_path, f"{FRONT_MATTER[:-4]}follows: {paper}\n---\n{BODY}")
    assert subtitle(build(year, text)) == f"{export} (data status not declared), following {paper}."
    synthetic = subtitle(build(year, text, DataStatus(SYNTHETIC)))
    assert "following" not in synthetic and "Coordination" not in synthetic


def test_2010_follows_the_ninth_meetings_paper_as_its_header_says():
    header = authored.read(authored_file(PROJ_ROOT / "authored", 2010)).header
    assert header.follows == (
        "UNFPA's input to the Ninth Coordination Meeting on International Migration (2011)"
    )
