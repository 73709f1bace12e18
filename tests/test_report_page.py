"""The 2010 report page: its data status, numbered tables and figures with sources, the
paper's figures, and a layout for phone and print (the browser checks are `make audit`)."""

from __future__ import annotations

import re

import pytest

from analysis import charts, clean, regions, report, tables
from analysis.paths import PROJ_ROOT, RAW_DIR, authored_file, regions_file
from analysis.status import data_status


def page_of(raw, folder) -> str:
    """The 2010 report page made from the raw folder `raw`, working in `folder`."""
    cleaned = clean.clean_year(raw, 2010)
    clean.write(cleaned, folder / "processed")
    region_list = regions.load(regions_file(raw))
    table1, table2 = tables.table1(cleaned.offices), tables.table2(cleaned.offices)
    figures = charts.figures_for_year(table1, table2, region_list, 2010)
    charts.save(figures, folder / "figures")
    document = report.year_document(
        year=2010,
        table1=table1,
        table2=table2,
        offices=cleaned.offices,
        log=cleaned.log,
        inputs=report.read_inputs(folder / "processed"),
        regions=region_list,
        figures_dir=folder / "figures",
        authored_path=authored_file(PROJ_ROOT / "authored", 2010),  # the paper's whole text
        status=data_status(raw / "2010"),
    )
    return report.render_page(document)


@pytest.fixture(scope="module")
def page_2010(tmp_path_factory) -> str:
    return page_of(RAW_DIR, tmp_path_factory.mktemp("report-2010"))


def test_a_right_to_left_override_in_a_note_is_shown_not_obeyed(tmp_path):
    """U+202E in a note would reverse the rest of its line on the page: it is shown as a
    code instead, and the note's own text stays in order."""
    import shutil

    raw = tmp_path / "raw"
    shutil.copytree(RAW_DIR / "2010", raw / "2010")
    export = raw / "2010" / "activities.csv"
    lines = export.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    assert header[-1].strip().lower() == "notes"
    lines[1] = lines[1].rstrip("\n") + " budget \u202eaxat\n"
    export.write_text("".join(lines), encoding="utf-8")
    html = page_of(raw, tmp_path / "work")
    assert "\u202e" not in html
    assert "budget &lt;U+202E&gt;axat" in html


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#39;", "'").split())


def test_the_data_status_is_stated_under_the_title(page_2010):
    head = page_2010[page_2010.index("<h1>") : page_2010.index("<h2>")]
    said = text_of(head)
    assert "Figures computed from a reconstruction of the 2010" in said
    assert "Data status: Reconstruction, not the original export." in said
    # Plainly: what was reconstructed, and to match what.
    for part in ("activity flags", "which offices sent no report", "the notes", "reconstructed to "
                 "match the paper's stated figures"):  # fmt: skip
        assert part in said, part


def test_every_table_and_figure_is_numbered_with_a_source(page_2010):
    # Table 1 and 2, then the annex's: offices without a report, notes, input files.
    assert re.findall(r"<caption>Table (\d+)\.", page_2010) == ["1", "2", "3", "4", "5"]
    figures = re.findall(r'<span class="figure-title">Figure (\d+)\. ([^<]+)</span>', page_2010)
    assert [n for n, _ in figures] == ["1", "2", "3"]
    # Each figure's caption is its chart's title.
    assert [t for _, t in figures] == list(charts.chart_titles(2010).values())
    # A Source: line right after each table and each figure's picture.
    for table in re.findall(r"<table.*?</table>\s*<p[^>]*>([^<]*)", page_2010, re.S):
        assert "Source: " in table
    pictures = re.findall(
        r"<figure><figcaption>.*?</figcaption><img [^>]*>(.*?)</figure>", page_2010
    )
    assert len(pictures) == 3
    for after in pictures:
        assert after.startswith('<p class="source">Source: Table ')


def test_the_papers_figures_are_on_the_page(page_2010):
    # Table 1 by region, as the paper states them; Table 2's "at least one" in total.
    for region, percent in (("Latin America and the Caribbean", 42),
                            ("Eastern Europe and Central Asia", 30), ("Africa", 23),
                            ("Asia and the Pacific", 16), ("Arab States", 13)):  # fmt: skip
        assert re.search(
            rf'<tr><td>{region}</td>.*?<td data-label="Per cent">{percent}</td></tr>', page_2010
        ), region
    assert '<td data-label="At least one of these">63 (50%)</td></tr>' in page_2010


def test_the_page_has_one_main_landmark_and_aligned_headers(page_2010):
    assert page_2010.count("<main>") == 1 and page_2010.count("</main>") == 1
    notes = page_2010[page_2010.index("<caption>Table 4. Notes from the") :]
    notes = notes[: notes.index("</table>")]
    # Text columns: their headers are aligned left, as their cells are.
    assert re.findall(r'<th scope="col" class="text">([^<]+)</th>', notes) == [
        "Country Office", "Region", "Note"
    ]  # fmt: skip


def test_wide_tables_stack_on_a_phone_and_print_whole(page_2010):
    # Table 2 (more than four columns) stacks below 40rem, each cell named by its column.
    assert '<table class="data stack">\n<caption>Table 2.' in page_2010
    assert '<table class="data">\n<caption>Table 1.' in page_2010
    css = page_2010[page_2010.index("<style>") : page_2010.index("</style>")]
    assert "@media screen and (max-width: 40rem)" in css
    assert "content: attr(data-label)" in css
    printed = css[css.index("@media print") :]
    for rule in ("table { break-inside: avoid;", "thead { display: table-header-group; }",
                 "tr, td, th { break-inside: avoid;"):  # fmt: skip
        assert rule in printed


def test_figures_scale_to_a_phone_and_print_with_page_numbers_in_one_family(page_2010):
    # make audit measures it in Chromium at 390 px and on A4 and Letter; here, the rules.
    css = page_2010[page_2010.index("<style>") : page_2010.index("</style>")]
    assert "min-width" not in css  # no figure held wider than a phone's screen
    assert "figure img { display: block; width: 100%;" in css
    page_rule = re.search(r"@page \{[^\n]*\}\s*\n", css).group(0)
    assert "margin:" in page_rule and "counter(page)" in page_rule
    assert not re.search(r"[{;]\s*size:", page_rule)  # A4 or Letter, as the printer has it
    family = re.search(r'body \{ font-family: "([^"]+)"', css).group(1)
    assert family == charts.FONT_FAMILY  # the charts' type is the page's
    assert css.count("font-family") == 1  # and no other family anywhere on the page


def test_2010_names_are_the_uns_of_2010_and_the_papers(page_2010):
    # data/raw/README.md states each choice; the paper's figures are checked in test_tables.
    said = text_of(page_2010)
    assert "Sao Tome and Principe" in said and "São Tomé" not in said
    assert "Micronesia (Federated States of)" in said
    assert "Federated States of Micronesia" not in said
    roster = clean.clean_year(RAW_DIR, 2010).offices["country_office"].tolist()
    assert "Occupied Palestinian Territory" in roster and "Palestine" not in roster
