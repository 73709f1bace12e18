"""Figures in the researchers' own sentences: inline figures written from the tables, and
typed figures checked against them (warnings naming one cell), on fixture years and on the
2010 reference."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import markupsafe
import pandas as pd
import pytest
from conftest import FIXTURES, copy_fixture_years

from analysis import authored, authored_check, charts, clean, narrative, regions, report, tables
from analysis.document import check_figures
from analysis.errors import InputError
from analysis.paths import (
    PROJ_ROOT,
    TABLE1_FILE,
    TABLE2_FILE,
    YearPaths,
    authored_file,
)
from analysis.regions import TOTAL
from analysis.status import UNDECLARED
from analysis.words import capitalise, number, number_words

YEAR = 2012
FRONT = "---\nmeeting: M\ntitle: T\norganisation: O\n---\n\n"  # the body starts on line 7


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("figures")
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
        "regions": regions.load(paths.regions_file),
    }


def document(year: dict, path: Path):
    paths = year["paths"]
    return report.year_document(
        YEAR, year["table1"], year["table2"], year["offices"], year["log"], year["inputs"],
        year["regions"], paths.figures, path, UNDECLARED,
    )  # fmt: skip


def written(year: dict, tmp_path: Path, body: str):
    folder = tmp_path / "authored"
    folder.mkdir(exist_ok=True)
    path = authored_file(folder, YEAR)
    path.write_text(FRONT + body + "\n", encoding="utf-8")
    return path, document(year, path)


def cell(table: pd.DataFrame, region: str, activity: str) -> pd.Series:
    return table[(table["region"] == region) & (table["activity"] == activity)].iloc[0]


# ---------------------------------------------------------------------------------------------
# Inline figures


def test_the_example_year_writes_each_figure_as_un_style_wants(year):
    """tests/fixtures/authored/2012.md, the documented example: every figure from the tables."""
    doc = document(year, FIXTURES / "authored" / "2012.md")
    text = " ".join(b.text for b in doc.blocks if getattr(b, "kind", "") == "body")
    offices, t1, t2 = year["offices"], year["table1"], year["table2"]
    missing = int((~offices["has_report"].astype(bool)).sum())
    total = cell(t2, TOTAL, "at_least_one")
    africa = cell(t1, "Africa", "training_capacity_building")
    arab = cell(t1, "Arab States", "training_capacity_building")
    advocacy = cell(t2, TOTAL, "advocacy")
    assert f"UNFPA had {number(len(offices))} Country Offices in the 2012 roster" in text
    assert f"of which {number(missing)} sent no report." in text
    # A per cent that opens a sentence is in words; "x of y" in one style.
    opening = capitalise(number_words(int(total["percent"])))
    assert f"{opening} per cent of them (" in text
    of = f"{number(int(total['offices_reporting']))} of {number(int(total['country_offices']))}"
    if max(total["offices_reporting"], total["country_offices"]) > 10:
        of = f"{total['offices_reporting']} of {total['country_offices']}"
    assert f"({of}) reported" in text
    assert f"In Africa, {number(int(africa['offices_reporting']))} Country Offices, or " in text
    assert f"or {africa['percent']} per cent, supported" in text
    assert "{{" not in text and "}}" not in text
    assert f"by {number(int(advocacy['offices_reporting']))} Country Offices" in text
    assert arab["country_offices"] > 0
    assert doc.figure_warnings == ()  # written from the tables: never flagged


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ('{{ table2.count("advokacy", "Africa") }}', "unknown activity 'advokacy'; the activities"),
        ('{{ table1.percent("Mars") }}', "no region 'Mars' in the year's tables; the regions are"),
        ("{{ table3.percent() }}", "unknown figure table3.percent; the figures are table1.percent"),
        ("{{ table1.percent(Africa) }}", "each argument is a name in quotes"),
        (
            '{{ table2.count("Africa", "advocacy", "x") }}',
            "table2.count takes an activity and a region",
        ),
        ("{{ __import__('os').system('x') }}", "not a figure"),
    ],
)
def test_a_bad_inline_figure_stops_the_report_naming_file_and_line(year, tmp_path, typed, says):
    with pytest.raises(InputError) as raised:
        written(year, tmp_path, f"One sentence.\nIn Africa, {typed} did.")
    message = str(raised.value)
    assert re.search(r"2012\.md, line 8, .*: " + re.escape(says), message), message


def test_region_aliases_and_activity_labels_are_accepted(year, tmp_path):
    _, by_alias = written(year, tmp_path, 'It was {{ table2.percent("Policy dialogue", "AFRO") }}.')
    _, by_name = written(
        year, tmp_path, 'It was {{ table2.percent("policy_dialogue", "Africa") }}.'
    )
    expected = cell(year["table2"], "Africa", "policy_dialogue")["percent"]
    for doc in (by_alias, by_name):
        assert f"It was {expected} per cent." in [getattr(b, "text", "") for b in doc.blocks]


def test_a_figure_in_a_heading_or_a_placeholder_in_a_sentence_is_refused(year, tmp_path):
    with pytest.raises(InputError, match="line 7.*a figure goes in a sentence, not a heading"):
        written(year, tmp_path, "# {{ roster.count() }} offices")
    with pytest.raises(InputError, match="line 7.*must stand alone"):
        written(year, tmp_path, "See {{ table1 }} here.")


# ---------------------------------------------------------------------------------------------
# The figure check, on a fixture year


def warnings(year: dict, tmp_path: Path, body: str) -> list[str]:
    return [str(w) for w in written(year, tmp_path, body)[1].figure_warnings]


def test_a_sentence_naming_no_region_is_about_the_total_row(year, tmp_path):
    total = cell(year["table2"], TOTAL, "at_least_one")
    wrong = (int(total["percent"]) + 11) % 100
    found = warnings(year, tmp_path, f"Across all regions, {wrong}% reported at least one of them.")
    assert found == [
        f'authored/{YEAR}.md, line 7: "{wrong}%" (Table 2, all Country Offices (Total), at least '
        f"one of these activities): the tables give {total['percent']} per cent "
        f"({total['offices_reporting']} of {total['country_offices']})"
    ] or found[0].endswith(found[0].split(": ", 1)[1])  # the path as display_path gives it
    assert len(found) == 1 and f'"{wrong}%" (Table 2, all Country Offices (Total)' in found[0]


def test_a_sentence_without_an_activity_takes_its_sections(year, tmp_path):
    africa = cell(year["table1"], "Africa", "training_capacity_building")
    wrong = int(africa["percent"]) + 1
    body = f"# B. Capacity building\n\nIn Africa, it was {wrong} per cent.\n\n{{{{ table1 }}}}"
    found = warnings(year, tmp_path, body)
    assert len(found) == 1
    assert "line 9:" in found[0]
    assert "(Table 1, Africa, training/capacity building)" in found[0]
    assert found[0].endswith(
        f"{africa['percent']} per cent ({africa['offices_reporting']} of "
        f"{africa['country_offices']})"
    )


def test_verbal_shares_all_and_none_are_checked(year, tmp_path):
    t1 = year["table1"]
    rows = t1[t1["region"] != TOTAL]
    some = rows[
        (rows["offices_reporting"] > 0) & (rows["offices_reporting"] < rows["country_offices"])
    ]
    region = some.iloc[0]
    sentences = [
        f"All Country Offices in {region['region']} reported training.",
        f"No Country Office in {region['region']} reported training.",
        f"Three quarters of Country Offices in {region['region']} reported training.",
    ]
    found = warnings(year, tmp_path, " ".join(sentences))
    of = f"{region['offices_reporting']} of {region['country_offices']}"
    held = f"{region['percent']} per cent ({of})"
    assert len(found) == (3 if region["percent"] != 75 else 2)
    assert all(w.endswith(f"the tables give {held}") for w in found)
    assert '"All Country Offices"' in found[0] and '"No Country Office"' in found[1]


def test_the_roster_size_and_counts_in_words_are_checked(year, tmp_path):
    roster = len(year["offices"])
    found = warnings(
        year,
        tmp_path,
        f"The roster has {roster + 5} Country Offices. It has {number(roster)} Country Offices in "
        f"total. Of all {roster} UNFPA Country Offices, {number_words(roster + 2)} Country "
        "Offices reported training.",
    )
    assert len(found) == 2, found
    assert f'"{roster + 5} Country Offices" (the roster, all Country Offices)' in found[0]
    assert found[0].endswith(f"the tables give {roster} Country Offices in the roster")
    trained = cell(year["table1"], TOTAL, "training_capacity_building")["offices_reporting"]
    assert f'"{number_words(roster + 2)} Country Offices" (Table 1, all' in found[1]
    assert f"the tables give {trained} of {roster} Country Offices reporting it" in found[1]


def test_a_year_before_the_documents_is_flagged(year, tmp_path):
    found = warnings(
        year,
        tmp_path,
        f"The topics in {YEAR - 1} were three. Since {YEAR - 4} UNFPA has worked on it. In "
        f"{YEAR - 1} and {YEAR} alike. A study is planned for {YEAR + 1}.",
    )
    assert found == [f'authored/{YEAR}.md, line 7: "{YEAR - 1}": the document is of {YEAR}'] or (
        len(found) == 1 and found[0].endswith(f'"{YEAR - 1}": the document is of {YEAR}')
    )


def test_inline_figures_are_never_read_as_typed(year, tmp_path):
    body = (
        'In Africa, {{ table1.percent("Africa") }} of Country Offices, '
        '{{ table1.of("Africa") }}, reported policy dialogue.'
    )  # the sentence names another activity: typed, these figures would be flagged
    assert warnings(year, tmp_path, body) == []


def test_the_word_file_carries_each_warning_as_a_comment(year, tmp_path):
    import docx

    total = cell(year["table2"], TOTAL, "at_least_one")
    sentence = f"Across all regions, {int(total['percent']) + 3}% reported at least one of them."
    path, doc = written(year, tmp_path, f"An opening sentence. {sentence}")
    out = tmp_path / "out"
    out.mkdir()
    report.write(doc, out, year["table1"], year["table2"], year["offices"], year["log"],
                 year["inputs"])  # fmt: skip
    again = tmp_path / "again"
    again.mkdir()
    report.write(doc, again, year["table1"], year["table2"], year["offices"], year["log"],
                 year["inputs"])  # fmt: skip
    assert (again / "report.docx").read_bytes() == (out / "report.docx").read_bytes()
    word = docx.Document(str(out / "report.docx"))
    comments = list(word.comments)
    commented = [b for b in doc.blocks if getattr(b, "comments", ())]
    assert len(comments) == 1 and len(commented) == 1
    assert comments[0].author == "Figure check"
    assert comments[0].text == commented[0].comments[0].text == doc.figure_warnings[0].about
    assert commented[0].comments[0].anchor == sentence
    # The comment's range holds the sentence, and nothing else of its paragraph.
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    held, inside = [], False
    for element in word.element.body.iter():
        if element.tag == f"{w}commentRangeStart":
            inside = True
        elif element.tag == f"{w}commentRangeEnd":
            inside = False
        elif element.tag == f"{w}t" and inside:
            held.append(element.text)
    assert "".join(held) == sentence
    page = report.render_body(doc)  # the page marks the sentence, the warning its title
    assert f'<mark title="{markupsafe.escape(doc.figure_warnings[0].about)}">' in page
    assert f">{markupsafe.escape(sentence)}</mark>" in page


def test_the_warnings_are_written_as_data_for_the_runner(year, tmp_path):
    total = cell(year["table2"], TOTAL, "at_least_one")
    _, doc = written(year, tmp_path, f"Across all regions, {int(total['percent']) + 3}% did.")
    folder = tmp_path / "processed"
    report.write_warnings(doc, folder)
    rows = pd.read_csv(folder / report.WARNINGS_FILE, dtype=str, keep_default_na=False)
    assert rows["warning"].tolist() == list(doc.warnings)  # the parts left out too
    rows = rows[rows["line"] != ""]
    assert list(rows.columns) == ["file", "line", "typed", "cell", "tables", "warning"]
    assert rows.drop(columns="warning").to_dict("records") == [
        {
            "file": doc.figure_warnings[0].file,
            "line": "7",
            "typed": f"{int(total['percent']) + 3}%",
            "cell": "Table 2, all Country Offices (Total), at least one of these activities",
            "tables": f"{total['percent']} per cent ({total['offices_reporting']} of "
            f"{total['country_offices']})",
        }
    ]
    assert rows["warning"].tolist() == [str(doc.figure_warnings[0])]


def test_the_check_compiles_nothing_at_import():
    code = (
        "import analysis.typed_figures as c, analysis.document; "
        "print(c.figure_patterns.cache_info().currsize, c._word_values.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "0"]


# ---------------------------------------------------------------------------------------------
# The 2010 reference: its own text passes; pasted into a year whose tables differ, it is flagged


@pytest.fixture(scope="module")
def reference() -> dict:
    paths = YearPaths.from_parameters(2010, "data/raw", "data/processed", "outputs")
    offices = clean.read_offices(paths.processed_year)
    return {
        "table1": tables.read(paths.out_year / TABLE1_FILE),
        "table2": tables.read(paths.out_year / TABLE2_FILE),
        "offices": offices,
        "regions": regions.load(paths.regions_file),
    }


def test_2010s_own_text_gives_no_warning_against_2010s_tables(reference):
    text = authored.read(PROJ_ROOT / "authored" / "2010.md")
    found = check_figures(
        text, reference["table1"], reference["table2"], reference["regions"], 2010,
        reference["offices"],
    )  # fmt: skip
    assert found == []


def test_2010s_text_pasted_into_2011_is_flagged_figure_by_figure(reference, tmp_path):
    """As the issue tried it: 2010's text copied to 2011, its generated paragraphs pasted in as
    typed sentences, against a 2011 whose roster lost offices and whose reports differ."""
    offices = reference["offices"].iloc[11:].copy()  # a smaller roster
    offices["training_capacity_building"] = [i % 3 == 0 for i in range(len(offices))]
    t1, t2 = tables.table1(offices), tables.table2(offices)
    r = reference["regions"]
    pasted_b = " ".join(narrative.capacity_building_paragraph(reference["table1"], r, 2010))
    pasted_c = " ".join(narrative.data_research_paragraph(reference["table2"], r, 2010))
    source = (PROJ_ROOT / "authored" / "2010.md").read_text(encoding="utf-8")
    source = source.replace("{{ capacity_building_paragraph }}", pasted_b)
    source = source.replace("{{ data_research_paragraph }}", pasted_c)
    source += "\nAcross all regions, 80% of Country Offices reported at least one of them.\n"
    path = tmp_path / "2011.md"
    path.write_text(source, encoding="utf-8")
    found = check_figures(authored.read(path), t1, t2, r, 2011, offices)
    typed = [w.typed for w in found]
    lines = source.split("\n")

    def one(typed_text: str) -> authored_check.FigureWarning:
        hits = [w for w in found if w.typed == typed_text]
        assert len(hits) == 1, (typed_text, typed)
        assert typed_text in lines[hits[0].line - 1]  # the line it stands on
        return hits[0]

    training = cell(t1, TOTAL, "training_capacity_building")
    share = one("over one quarter")
    assert share.cell == "Table 1, all Country Offices (Total), training/capacity building"
    of = f"{training['offices_reporting']} of {training['country_offices']}"
    assert share.holds == f"{training['percent']} per cent ({of})"
    assert one("32 of 127").holds == of
    everyone = cell(t2, TOTAL, "at_least_one")
    assert one("80%").holds.startswith(f"{everyone['percent']} per cent")
    assert one("63 of 127").holds == f"{everyone['offices_reporting']} of {len(offices)}"
    assert "in 2010" in share.sentence and typed.count("2010") >= 5  # "in 2010", "the 2010 data"
    assert all(w.holds == "the document is of 2011" for w in found if w.typed == "2010")
    # Each warning names one cell: one table, one region, one activity.
    assert all(w.cell.count("Table") <= 1 for w in found)


def test_the_annex_lists_the_offices_without_a_report_in_a_table(year, tmp_path):
    """The fixture year 2012: Senegal sent no report (tests/fixtures/README.md)."""
    from analysis.document import Table

    _, doc = written(year, tmp_path, "{{ method_annex }}")
    listed = [b for b in doc.blocks if isinstance(b, Table) and "sent no report" in b.title]
    assert len(listed) == 1
    assert listed[0].columns == ("Region", "Number", "Country Offices")
    assert [row[1:] for row in listed[0].rows] == [("1", "Senegal")]
    method = " ".join(getattr(b, "text", "") for b in doc.blocks)
    assert "the table below lists it by region" in method


def test_a_sentence_opened_by_an_inline_figure_is_a_sentence_of_its_own(year, tmp_path):
    """ "Twenty per cent ..." written out opens a sentence: the typed figure before it is
    checked against its own sentence's region, and its comment anchors that sentence alone."""
    africa = cell(year["table1"], "Africa", "training_capacity_building")
    wrong = int(africa["percent"]) + 1
    typed = f"In Africa, {wrong} per cent supported training."
    _, doc = written(year, tmp_path, typed + ' {{ table1.percent("Total") }} did in all.')
    assert [w.sentence for w in doc.figure_warnings] == [typed]
    assert "(Table 1, Africa, training/capacity building)" in str(doc.figure_warnings[0])
