"""The document's languages: one catalogue of labels with the same keys and placeholders in
every language, English's the strings the code writes today; numbers as UN French and Spanish
write them; and the French and Spanish sentences citing exactly the cells, and making exactly
the claims, that the English ones do, in the same order."""

from __future__ import annotations

import io
import re
import zipfile

import pandas as pd
import pytest
from hypothesis import given, settings
from test_narrative_properties import PROFILE, REGIONS, YEAR, year_tables

from analysis import (
    charts,
    document,
    languages,
    narrative,
    report,
    schema,
    sentence_parts,
    tables,
    word,
    workbook,
)
from analysis.languages import figures, generated, numbers, prose_es, prose_fr
from analysis.paths import OUTPUTS_DIR, PROCESSED_DIR
from analysis.schema import ACTIVITY_LABELS
from analysis.status import (
    NOT_DECLARED,
    ORIGINAL,
    RECONSTRUCTION,
    STATUS_FILE,
    SYNTHETIC,
    DataStatus,
)

key = languages.status_key

OTHER = ("fr", "es")
BOOKS = {"fr": prose_fr.French, "es": prose_es.Spanish}
STATUSES = (ORIGINAL, RECONSTRUCTION, SYNTHETIC, NOT_DECLARED)


# --- the catalogue -------------------------------------------------------------------------


@pytest.mark.parametrize("language", OTHER)
def test_every_language_has_every_label_with_the_same_placeholders(language):
    english, other = languages.labels("en"), languages.labels(language)
    assert set(other) == set(english)
    for key, text in english.items():
        assert languages.placeholders(other[key]) == languages.placeholders(text), key
        assert other[key].strip(), key


def test_the_english_labels_are_the_strings_the_code_writes_today():
    en = languages.labels("en")
    assert {a: en[f"activity.{a}"] for a in ACTIVITY_LABELS} == ACTIVITY_LABELS
    assert {s: en[f"status.label.{key(s)}"] for s in STATUSES} == report.STATUS_LABELS
    assert {s: en[f"subtitle.{key(s)}"] for s in STATUSES} == report.SUBTITLES
    for status in STATUSES:
        declared = DataStatus(status, "")
        assert languages.label(
            "en", f"status.text.{key(status)}", year=2031, status_file=STATUS_FILE
        ) == report.status_text(declared, 2031)
        assert languages.label("en", f"data_source.{key(status)}", year=2031) == report.data_source(
            declared, 2031
        )
    for number in (1, 2):
        assert languages.label(
            "en", f"table.title.{number}", number=number, year=2031
        ) == schema.table_title(number, 2031)
    assert {
        stem: languages.label("en", f"chart.title.{stem}", year=2031)
        for stem in document.FIGURE_ALT
    } == charts.chart_titles(2031)
    assert {stem: en[f"alt.{stem}"] for stem in document.FIGURE_ALT} == document.FIGURE_ALT
    assert en["organisation"] == document.ORGANISATION
    assert en["table2.cell_note"] == document.TABLE2_CELL_NOTE
    assert {n: en[f"sheet.{n}"] for n in (1, 2)} == workbook.SHEET_NAMES
    inputs = [{"path": "a.csv"}, {"path": "b.csv"}]
    assert languages.label(
        "en", "source.table", data_source="X", files="a.csv and b.csv"
    ) == document.source_line("X", inputs)
    assert languages.label("en", "default_title", year=2031) == document.default_header(2031).title


def test_an_unknown_language_is_refused_with_the_accepted_ones():
    with pytest.raises(ValueError, match="accepted: en, fr, es"):
        languages.labels("de")


# --- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "french"),
    [(1, "un"), (21, "vingt et un"), (71, "soixante et onze"), (80, "quatre-vingts"),
     (81, "quatre-vingt-un"), (91, "quatre-vingt-onze"), (200, "deux cents"),
     (201, "deux cent un"), (127, "cent vingt-sept")],
)  # fmt: skip
def test_french_numbers_in_words_are_the_traditional_spelling_un_french_uses(n, french):
    assert numbers.words(n, "fr") == french


@pytest.mark.parametrize(
    ("n", "masculine", "feminine"),
    [(1, "uno", "una"), (21, "veintiuno", "veintiuna"), (31, "treinta y uno", "treinta y una"),
     (16, "dieciséis", "dieciséis"), (22, "veintidós", "veintidós"),
     (200, "doscientos", "doscientas"),
     (271, "doscientos setenta y uno", "doscientas setenta y una"),
     (100, "cien", "cien")],
)  # fmt: skip
def test_spanish_numbers_agree_with_a_feminine_noun(n, masculine, feminine):
    assert numbers.words(n, "es") == masculine
    assert numbers.words(n, "es", feminine=True) == feminine


def test_per_cents_take_each_languages_sign_and_space():
    assert numbers.per_cent(37, "fr") == "37\u202f%"  # narrow no-break space
    assert numbers.per_cent(37, "es") == "37\u00a0%"  # no-break space
    assert numbers.per_cent(37, "fr", opening=True) == "Trente-sept pour cent"
    assert numbers.per_cent(21, "fr", opening=True) == "Vingt et un pour cent"


def test_counts_one_to_ten_in_words_and_figures_above():
    assert [numbers.number(n, "fr") for n in (1, 9, 10, 11, 127)] == [
        "un", "neuf", "dix", "11", "127"]  # fmt: skip
    assert [numbers.number(n, "es", feminine=True) for n in (1, 10, 21)] == ["una", "diez", "21"]
    assert numbers.number(1234, "fr") == "1\u202f234"
    assert numbers.number(21, "es", feminine=True, opening=True) == "Veintiuna"


def test_spanish_y_and_o_change_before_the_sounds_they_would_merge_with():
    assert prose_es.join(["datos", "investigación"]) == "datos e investigación"
    assert prose_es.join(["agua", "hielo"]) == "agua y hielo"  # hie- is not an i- sound
    assert prose_es.join(["siete", "ocho"], "o") == "siete u ocho"
    assert prose_es.join(["a", "b", "c"]) == "a, b y c"


def test_french_elides_que_before_a_vowel():
    assert prose_fr.elide("autant que", "en Afrique") == "autant qu'en Afrique"
    assert prose_fr.elide("plus que", "dans la région") == "plus que dans la région"


# --- the same cells and claims in every language ---------------------------------------------


def english_and_other(table1, table2, language, year=YEAR, no_report=0):
    english = generated.paragraphs("en", table1, table2, REGIONS, year, no_report)
    other = generated.paragraphs(language, table1, table2, REGIONS, year, no_report)
    return english, other


def assert_same_cells_and_claims(english, other):
    for english_paragraph, other_paragraph in zip(english, other, strict=True):
        assert [s.cites for s in other_paragraph] == [s.cites for s in english_paragraph], (
            [s.text for s in other_paragraph],
            [s.text for s in english_paragraph],
        )
        assert [s.claims for s in other_paragraph] == [s.claims for s in english_paragraph]


def committed_tables():
    folder = OUTPUTS_DIR / "2010"
    return (
        pd.read_csv(folder / "table1_capacity_building.csv"),
        pd.read_csv(folder / "table2_data_research.csv"),
    )


@pytest.mark.parametrize("language", OTHER)
def test_2010_in_each_language_cites_the_cells_english_cites(language):
    table1, table2 = committed_tables()
    english, other = english_and_other(table1, table2, language, 2010)
    assert_same_cells_and_claims(english, other)


# On random years, test_narrative_properties.py holds every language to English's cells and
# claims, sentence by sentence.


# --- no English left in the French and Spanish text -----------------------------------------

ENGLISH_WORDS = re.compile(
    r"\b(the|of|and|in|by|with|from|per cent|reported|reporting|Country Offices?|offices?|"
    r"activities|activity|region|regions|highest|share|each|all|none|also|respectively|Table|"
    r"supporting|training|capacity|building|advocacy|awareness|policy|research|data)\b"
)
# What stays as it is in every language: file and program names, and the table's column name
# of the export.
NOT_PROSE = re.compile(
    r"python -m analysis synth|inputs\.json|SHA-256|\bNotes\b|\{[a-z_0-9]+\}|\S*/\S*"
)


@pytest.mark.parametrize("language", OTHER)
def test_no_english_word_in_the_generated_french_and_spanish(language):
    texts = [NOT_PROSE.sub("", text) for text in languages.labels(language).values()]

    @settings(PROFILE, max_examples=200)
    @given(year_tables())
    def check(drawn):
        table1, table2, missing_by_region = drawn
        _, other = english_and_other(table1, table2, language, YEAR, missing_by_region)
        for paragraph in other:
            for sentence in paragraph:
                found = ENGLISH_WORDS.findall(sentence.text)
                assert not found, (found, sentence.text)

    check()
    for text in texts:
        assert not ENGLISH_WORDS.findall(text), text


# --- a year's generated text in each language ------------------------------------------------


def committed_processed():
    folder = PROCESSED_DIR / "2010"
    read = {"keep_default_na": False}
    return (
        pd.read_csv(folder / "cleaning_log.csv", **read),
        pd.read_csv(folder / "offices.csv", **read),
    )


def test_the_english_tables_and_method_are_todays():
    table1, table2 = committed_tables()
    log, offices = committed_processed()
    for table in (table1, table2):
        assert generated.readable(table, "en", REGIONS).equals(tables.readable(table))
    assert generated.method_paragraphs(
        "en", table1, log, offices, REGIONS, 2010
    ) == narrative.method_paragraphs(table1, log, offices, 2010)


@pytest.mark.parametrize("language", OTHER)
def test_a_table_in_another_language_holds_the_same_numbers(language):
    _, table2 = committed_tables()
    english, other = tables.readable(table2), generated.readable(table2, language, REGIONS)
    assert english.shape == other.shape
    assert list(other.index) == [
        generated.region_name(language, REGIONS, r) for r in dict.fromkeys(table2["region"])
    ]
    digits = re.compile(r"\d+")
    for mine, theirs in zip(other.to_numpy().ravel(), english.to_numpy().ravel(), strict=True):
        assert digits.findall(str(mine)) == digits.findall(str(theirs))
    assert "Collecte de données et recherche" in other.columns or language != "fr"


@pytest.mark.parametrize("language", OTHER)
def test_the_method_in_another_language_states_the_same_numbers(language):
    table1, _ = committed_tables()
    log, offices = committed_processed()
    english = narrative.method_paragraphs(table1, log, offices, 2010)
    other = generated.method_paragraphs(language, table1, log, offices, REGIONS, 2010)
    assert len(other) == len(english)
    assert "127" in other[0] and "2010" in other[0]
    missing = log.loc[log["event"] == "no_report", "country_office"].tolist()
    for name in missing:  # office names as the roster gives them
        assert name in other[1]


def test_the_run_time_check_names_a_language_citing_other_cells():
    table1, table2 = committed_tables()
    english = generated.paragraphs("en", table1, table2, REGIONS, 2010)
    french = generated.paragraphs("fr", table1, table2, REGIONS, 2010)
    assert generated.differences(english, french) == []
    dropped = (
        [sentence_parts.Sentence(s.text, s.cites[1:], s.claims) for s in french[0]],
        french[1],
    )
    [problem] = generated.differences(english, dropped)
    assert problem.startswith("the paragraph on training/capacity building cites")


# --- the figure check in French and Spanish --------------------------------------------------


def both_tables():
    return pd.concat(committed_tables())


@pytest.mark.parametrize("language", OTHER)
def test_the_generated_text_passes_the_figure_check_of_its_language(language):
    table1, table2 = committed_tables()
    capacity, data = generated.paragraphs(language, table1, table2, REGIONS, 2010)
    for paragraph, section in ((capacity, "training_capacity_building"), (data, "at_least_one")):
        text = " ".join(s.text for s in paragraph)
        assert figures.check(text, language, both_tables(), REGIONS, section) == [], text


@pytest.mark.parametrize(
    ("language", "text", "typed", "cell"),
    [
        ("fr", "En 2010, 37 % des bureaux de pays (32 sur 127) ont appuyé la formation.",
         "37\u00a0%", "Tableau 1, Total, Formation/renforcement des capacités"),
        ("fr", "Dans la région des États arabes, 20 % ont mené des activités de plaidoyer.",
         "20 %", "Tableau 2, États arabes, Plaidoyer"),
        ("fr", "Au total, 12 bureaux de pays en Afrique ont appuyé la formation.",
         "12 bureaux de pays", "Tableau 1, Afrique, Formation/renforcement des capacités"),
        ("es", "El 50 % de las oficinas de América Latina y el Caribe hicieron promoción.",
         "50 %", "Cuadro 2, América Latina y el Caribe, Promoción"),
        ("es", "En 2010, 33 de 127 oficinas apoyaron la formación.",
         "33 de 127", "Cuadro 1, Total, Formación/fomento de la capacidad"),
    ],
)  # fmt: skip
def test_a_wrong_figure_is_named_with_its_one_cell(language, text, typed, cell):
    text = text.replace("37\u00a0%", "37\u202f%") if language == "fr" else text
    [warning] = figures.check(text, language, both_tables(), REGIONS, "training_capacity_building")
    assert warning.typed.replace("\u202f", " ").replace("\u00a0", " ") == typed.replace(
        "\u00a0", " "
    )
    assert warning.cell == cell


# --- the whole document in each language -----------------------------------------------------

from analysis import authored, clean  # noqa: E402
from analysis.errors import InputError  # noqa: E402
from analysis.languages import document as language_document  # noqa: E402
from analysis.status import DataStatus as Status  # noqa: E402


def language_doc(language, tmp_path, authored_text: str | None = None):
    table1, table2 = committed_tables()
    processed = PROCESSED_DIR / "2010"
    english = tmp_path / "2010.md"
    if authored_text is not None:
        (tmp_path / f"2010.{language}.md").write_text(authored_text, encoding="utf-8")
    return language_document.document_for(
        language, 2010, table1, table2, clean.read_offices(processed), clean.read_log(processed),
        report.read_inputs(processed), REGIONS, OUTPUTS_DIR / "2010" / "figures", english,
        Status("reconstruction", ""),
    )  # fmt: skip


def generated_text(doc) -> list[str]:
    """Every text the document generates: headings, generated and note paragraphs, tables'
    titles, headings and sources, figures' captions and sources (office names and the
    reports' notes are data, as the files give them)."""
    texts = []
    for block in doc.blocks:
        if isinstance(block, document.Heading):
            texts.append(block.text)
        elif isinstance(block, document.Paragraph) and block.kind in (
            "generated", "note", "subtitle", "status"
        ):  # fmt: skip
            texts.append(block.text)
        elif isinstance(block, document.Table):
            texts += [block.title, block.source, *block.columns]
            if block.kind == "data":
                texts += [row[0] for row in block.rows]
        elif isinstance(block, document.Figure):
            texts += [block.label, block.alt, block.source]
    names = clean.read_offices(PROCESSED_DIR / "2010")["country_office"].astype(str)
    office = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    return [NOT_PROSE.sub("", office.sub("", t)) for t in texts]


@pytest.mark.parametrize("language", OTHER)
def test_2010_in_each_language_is_a_whole_document_in_it(language, tmp_path):
    doc = language_doc(language, tmp_path)
    assert doc.language == language
    page = report.render_page(doc)
    assert f'<html lang="{language}">' in page
    tag = languages.label(language, "page.language_tag")
    with zipfile.ZipFile(io.BytesIO(word.docx_bytes(doc))) as docx:
        styles = docx.read("word/styles.xml").decode()
    assert re.search(rf'<w:lang [^>]*w:val="{tag}"', styles)  # Word spell-checks in it
    texts = generated_text(doc)
    assert texts, "no generated text"
    for text in texts:
        assert not ENGLISH_WORDS.findall(text), text
    # Without its authored file, it says where that text would go.
    note = next(b for b in doc.blocks if isinstance(b, document.Paragraph) and b.kind == "note")
    assert f"2010.{language}.md" in note.text
    # The tables hold the English tables' numbers.
    english_tables = [tables.readable(t) for t in committed_tables()]
    mine = [b.frame for b in doc.blocks if isinstance(b, document.Table) and b.kind == "data"]
    for frame, english in zip(mine, english_tables, strict=True):
        assert re.findall(r"\d+", frame.to_string()) == re.findall(r"\d+", english.to_string())


def test_a_languages_authored_file_takes_its_placeholders_and_its_figures_are_checked(tmp_path):
    text = (
        "---\nmeeting: Neuvième réunion de coordination\ntitle: Contribution de l'UNFPA\n"
        "organisation: Fonds des Nations Unies pour la population (UNFPA)\n---\n\n"
        "# A. Introduction\n\nEn 2010, 40 % des bureaux de pays ont appuyé la formation.\n\n"
        "# B. Renforcement des capacités\n\n{{ capacity_building_paragraph }}\n\n{{ table1 }}\n"
    )
    doc = language_doc("fr", tmp_path, text)
    assert doc.header.title == "Contribution de l'UNFPA"
    assert doc.authored_file.endswith("2010.fr.md")
    generated = [b for b in doc.blocks if isinstance(b, document.Paragraph)
                 and b.kind == "generated"]  # fmt: skip
    assert generated[0].text.startswith("Au niveau des pays, plus d'un quart")
    assert any('"40\u202f%"' in w or '"40 %"' in w for w in doc.warnings), doc.warnings
    # Each warning is a comment on its sentence too, as the Word file carries it.
    [commented] = [b for b in doc.blocks if isinstance(b, document.Paragraph) and b.comments]
    [comment] = commented.comments
    assert comment.anchor == "En 2010, 40 % des bureaux de pays ont appuyé la formation."
    with zipfile.ZipFile(io.BytesIO(word.docx_bytes(doc))) as docx:
        assert "word/comments.xml" in docx.namelist()
    assert any("no place for" in w for w in doc.warnings)


def test_a_language_citing_other_cells_than_english_is_refused(tmp_path, monkeypatch):
    real = generated.paragraphs

    def wrong(language, *args):
        capacity, data = real(language, *args)
        if language == "en":
            return capacity, data
        first = capacity[0]
        return [
            sentence_parts.Sentence(first.text, first.cites[::-1], first.claims),
            *capacity[1:],
        ], data

    monkeypatch.setattr(generated, "paragraphs", wrong)
    with pytest.raises(InputError, match="cites .* the English one"):
        language_doc("fr", tmp_path)


def test_output_names_take_the_language_before_the_suffix():
    assert language_document.file_name("report.html", "fr") == "report.fr.html"
    assert language_document.file_name("tables.xlsx", "es") == "tables.es.xlsx"
    assert language_document.file_name("report.docx", "en") == "report.docx"


def test_the_front_matter_lists_the_documents_other_languages(tmp_path):
    head = "---\nmeeting: M\ntitle: T\norganisation: O\n"
    good = authored.parse(head + "languages: [fr, es]\n---\n\nText.\n", tmp_path / "2031.md")
    assert good.header.languages == ("fr", "es")
    with pytest.raises(InputError, match="`languages` is a list of language codes"):
        authored.parse(head + "languages: [fr, de]\n---\n\nText.\n", tmp_path / "2031.md")
    path = tmp_path / "2031.md"
    path.write_text(head + "languages: [es]\n---\n\nText.\n", encoding="utf-8")
    assert report.languages_of("fr", path) == ["fr", "es"]
    assert report.languages_of("", tmp_path / "none.md") == []


# --- through the command line ---------------------------------------------------------------


@pytest.mark.slow
def test_run_language_writes_each_document_beside_the_english_one_unchanged(tmp_path):
    from conftest import run_cli
    from tiny_year import YEAR as TINY_YEAR
    from tiny_year import write_year

    raw = write_year(tmp_path)
    outs = {}
    for name, extra in (("plain", []), ("languages", ["--language", "fr", "--language", "es"])):
        out, processed = tmp_path / name / "outputs", tmp_path / name / "processed"
        result = run_cli(
            "run", "--year", str(TINY_YEAR), "--raw-dir", str(raw), "--processed-dir",
            str(processed), "--out-dir", str(out), "--jobs", "1", "--no-trends", *extra,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        outs[name] = out / str(TINY_YEAR)
    for english in ("report.html", "report.docx", "tables.xlsx"):
        assert (outs["plain"] / english).read_bytes() == (outs["languages"] / english).read_bytes()
    for language in OTHER:
        page = (outs["languages"] / f"report.{language}.html").read_text(encoding="utf-8")
        assert f'<html lang="{language}">' in page
        assert (outs["languages"] / f"report.{language}.docx").stat().st_size > 0
        assert (outs["languages"] / f"tables.{language}.xlsx").stat().st_size > 0
        assert sorted(p.name for p in (outs["languages"] / "figures" / language).iterdir())
    assert not (outs["plain"] / "report.fr.html").exists()


def six_region_offices() -> pd.DataFrame:
    """A year after Africa's split: six regions, offices with a made-up spread of activities
    (each office's flags from its place in the list, so that regions differ)."""
    regions_ = [r for r in REGIONS.canonical if r != "Africa"]
    rows = []
    for r, region in enumerate(regions_):
        for i in range(4 + 3 * r):
            flags = {a: (i * (k + 2) + r) % (k + 3) == 0
                     for k, a in enumerate(schema.ACTIVITY_FLAGS)}  # fmt: skip
            rows.append({"country_office": f"{region} {i}", "region": region, **flags})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("language", OTHER)
def test_a_six_region_year_reads_in_each_language_with_englishs_cells(language):
    offices = six_region_offices()
    table1, table2 = tables.table1(offices), tables.table2(offices)
    assert len(set(table1["region"])) == 7  # six regions and the Total
    english, other = english_and_other(table1, table2, language, 2014)
    assert_same_cells_and_claims(english, other)
    text = " ".join(s.text for paragraph in other for s in paragraph)
    assert not ENGLISH_WORDS.findall(text), text
    named = [REGIONS.name_in(language, r, "name") for r in ("East and Southern Africa",
             "West and Central Africa")]  # fmt: skip
    assert any(name in text for name in named), text


def test_labels_py_is_the_english_catalogue_and_every_language_has_its_words():
    from analysis import labels

    en = languages.labels("en")
    pairs = {
        "PAGE_OF": "workbook.page_of", "REGION": "column.region", "SOURCE_SHEET": "sheet.source",
        "SOURCE_SHEET_TITLE": "workbook.source_title", "CSV_BESIDE": "workbook.csv_beside",
        "METHOD": "heading.method", "INPUT_FILES": "workbook.files_heading",
        "SOFTWARE": "software", "OFFICES": "column.country_offices",
        "OFFICES_REPORTING": "column.offices_reporting", "PER_CENT": "column.percent",
        "ACTIVITY_OFFICES": "workbook.activity_offices",
        "ACTIVITY_PER_CENT": "workbook.activity_percent", "WORKBOOK_TITLE": "workbook.title",
        "DATA_STATUS": "status.word", "WARNINGS_BOX": "page.warnings_box",
    }  # fmt: skip
    for name, key in pairs.items():
        assert getattr(labels, name) == en[key], name
    assert labels.WORD == {"Table": en["caption.table"], "Figure": en["caption.figure"]}
    public = {n for n in vars(labels) if n.isupper()}
    for language in OTHER:
        assert public <= set(vars(labels.in_language(language))), language
