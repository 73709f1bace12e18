"""Word and Excel as an editor takes them, read back from the files: a real footnote on the
title, Title and heading styles, captions numbered by SEQ fields, columns sized to their content,
alt text on every picture, the language, an office's reference document, comments on sentences;
and a workbook that prints one page wide with its titles repeated."""

from __future__ import annotations

import html
import re
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.shared import Mm, Pt
from test_document import BODY, FRONT_MATTER, authored_text, build, write_all, year  # noqa: F401

from analysis import word
from analysis.document import Comment, Figure, Paragraph, Span, Table
from analysis.errors import InputError
from analysis.paths import DOCX_FILE, XLSX_FILE, authored_file

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(name).decode("utf-8")


def text_of(element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def style_of(paragraph_element) -> str:
    found = paragraph_element.xpath("./w:pPr/w:pStyle/@w:val")
    return found[0] if found else "Normal"


@pytest.fixture(scope="module")
def authored_doc(year, tmp_path_factory) -> dict:  # noqa: F811
    folder = tmp_path_factory.mktemp("editor")
    doc = build(year, authored_text(folder / "authored", FRONT_MATTER + BODY))
    out = write_all(year, doc, folder / "out")
    return {"doc": doc, "docx": out / DOCX_FILE, "xlsx": out / XLSX_FILE, "folder": folder}


def test_the_disclaimer_is_a_real_footnote_on_the_title(authored_doc):
    path = authored_doc["docx"]
    document_ = docx.Document(str(path))
    (title,) = [p for p in document_.paragraphs if p.style.name == "Title"]
    assert title.text == authored_doc["doc"].header.title
    (reference,) = title._p.iter(f"{W}footnoteReference")  # noqa: SLF001
    note_id = reference.get(f"{W}id")
    footnotes = part(path, "word/footnotes.xml")
    match = re.search(rf'<w:footnote w:id="{note_id}">(.*?)</w:footnote>', footnotes, re.S)
    assert match and authored_doc["doc"].header.footnote in re.sub(r"<[^>]+>", "", match.group(1))
    # The note is the footnote alone: not a paragraph of the body as well.
    assert authored_doc["doc"].header.footnote not in "\n".join(
        p.text for p in document_.paragraphs
    )
    subtitle = [p.text for p in document_.paragraphs if p.style.name == "Subtitle"]
    assert subtitle == [authored_doc["doc"].header.organisation]
    headings = [p.text for p in document_.paragraphs if p.style.name.startswith("Heading")]
    assert "A. Introduction" in headings and "Method" in headings


def test_every_caption_is_in_a_caption_style_with_a_seq_field_of_its_number(authored_doc):
    path = authored_doc["docx"]
    document_ = docx.Document(str(path))
    numbers = {"Table": [], "Figure": []}
    for block in authored_doc["doc"].blocks:
        if isinstance(block, Table):
            numbers["Table"].append(str(block.number))
        elif isinstance(block, Figure):
            numbers["Figure"].append(str(block.number))
    found = {"Table": [], "Figure": []}
    caption_styles = {"TableCaption", "ImageCaption"}
    for paragraph in document_.element.body.iter(f"{W}p"):
        if style_of(paragraph) not in caption_styles:
            continue
        (field,) = paragraph.iter(f"{W}fldSimple")
        kind = field.get(f"{W}instr").split()[1]
        found[kind].append(text_of(field))
        assert text_of(paragraph).startswith(f"{kind} {text_of(field)}. ")
    assert found == numbers and len(numbers["Table"]) == 5 and len(numbers["Figure"]) == 3
    for name in ("Table Caption", "Image Caption"):  # Word's Caption style, as pandoc bases them
        style = next(s for s in document_.styles if s.name == name)
        assert style.base_style.name.lower() == "caption"


def grid_widths(table_element) -> list[int]:
    return [int(c.get(f"{W}w")) for c in table_element.iter(f"{W}gridCol")]


def test_columns_are_sized_to_their_content_and_no_header_word_breaks(authored_doc):
    document_ = docx.Document(str(authored_doc["docx"]))
    tables = list(document_.element.body.iter(f"{W}tbl"))
    blocks = [b for b in authored_doc["doc"].blocks if isinstance(b, Table)]
    assert len(tables) == len(blocks) == 5  # Table 1, 2; no report, notes, files
    text_width = word.TEXT_WIDTH_CM / 2.54 * 72
    for element, block in zip(tables, blocks, strict=True):
        widths = grid_widths(element)
        assert len(set(widths)) > 1, block.title  # not every column the same
        points = [w / sum(widths) * text_width for w in widths]
        sizes = {name.replace(" ", ""): size for size, name in word.TABLE_TEXT_STYLES.items()}
        sizes |= {name.replace(" ", ""): size for size, name in word.KEPT_TABLE_STYLES.items()}
        size = sizes[element.xpath(".//w:pStyle/@w:val")[0]]
        for header, room in zip(block.columns, points, strict=True):
            longest = max(word.text_width(w, size, bold=True) for w in header.split())
            assert longest < room - 10.8, (block.title, header)  # the cell's margins
    region, offices, *activities = grid_widths(tables[1])  # Table 2
    assert all(region > width for width in [offices, *activities])
    *_, note = grid_widths(tables[2])  # the notes: the note widest
    assert note == max(grid_widths(tables[2]))


def test_table_1_and_2_are_kept_with_their_source_line_the_annex_runs_on(authored_doc):
    # Each paragraph of Table 1 and 2 kept with the next, as its own property (LibreOffice
    # honours no other), the last row so with the Source: line; the annex's tables run on.
    tables = list(docx.Document(str(authored_doc["docx"])).element.body.iter(f"{W}tbl"))
    for number, table in enumerate(tables, start=1):
        paragraphs = list(table.iter(f"{W}p"))
        kept = [p.xpath("./w:pPr/w:keepNext") != [] for p in paragraphs]
        assert all(kept) if number <= 2 else not any(kept), number
    after = tables[0].getnext()
    assert style_of(after) == "SourceNote" and text_of(after).startswith("Source:")


def test_every_picture_has_the_pages_alt_text(authored_doc):
    xml = docx.Document(str(authored_doc["docx"])).element.body
    descriptions = [d.get("descr") for d in xml.iter(f"{WP}docPr")]
    figures = [b for b in authored_doc["doc"].blocks if isinstance(b, Figure)]
    assert descriptions == [f.alt for f in figures] and len(figures) == 3


def languages(path: Path) -> set[str]:
    return set(re.findall(r'<w:lang [^>]*w:val="([^"]+)"', part(path, "word/styles.xml")))


def test_the_language_is_british_english_unless_the_front_matter_says(year, authored_doc, tmp_path):  # noqa: F811
    assert languages(authored_doc["docx"]) == {"en-GB"}
    front = FRONT_MATTER.replace("---\n", "---\nlanguage: fr-FR\n", 1)
    doc = build(year, authored_text(tmp_path / "authored", front + BODY))
    assert languages(write_all(year, doc, tmp_path / "out") / DOCX_FILE) == {"fr-FR"}


def office_template(path: Path) -> Path:
    """A small office template: Arial text, Georgia headings, US Letter landscape, a header."""
    template = docx.Document()
    template.styles["Normal"].font.name = "Arial"
    template.styles["Normal"].font.size = Pt(11)
    template.styles["Heading 1"].font.name = "Georgia"
    section = template.sections[0]
    section.page_width, section.page_height = Mm(279.4), Mm(215.9)
    section.left_margin = section.right_margin = Mm(40)
    section.header.paragraphs[0].text = "OFFICE OF THE EXAMPLE"
    template.save(str(path))
    return path


def test_a_reference_docx_gives_its_fonts_page_and_header(year, tmp_path):  # noqa: F811
    folder = tmp_path / "authored"
    folder.mkdir()
    office_template(folder / "office.docx")
    front = FRONT_MATTER.replace("---\n", "---\nreference_docx: office.docx\n", 1)
    doc = build(year, authored_text(folder, front + BODY))
    out = write_all(year, doc, tmp_path / "out") / DOCX_FILE
    written = docx.Document(str(out))
    assert written.styles["Normal"].font.name == "Arial"
    assert written.styles["Heading 1"].font.name == "Georgia"
    # The styles the template lacks are added in its type, at the sizes tables are measured at.
    table_text = next(s for s in written.styles if s.name == word.TABLE_TEXT_STYLES[10])
    assert table_text.font.size == Pt(10) and table_text.font.name is None  # Arial, inherited
    section = written.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (279, 216)
    assert round(section.left_margin.mm) == 40
    assert "OFFICE OF THE EXAMPLE" in section.header.paragraphs[0].text
    # The template is listed under Provenance, with its checksum, beside the authored text.
    provenance = [t for t in written.tables if t.rows[0].cells[0].text == "File"][0]
    assert any(row.cells[0].text.endswith("office.docx") for row in provenance.rows)
    default = docx.Document(str(write_all(year, build(year, tmp_path / "none.md"), tmp_path / "d")
                                / DOCX_FILE))  # fmt: skip
    assert default.styles["Normal"].font.name == word.FONT


def test_a_dotx_template_is_taken_too(year, tmp_path):  # noqa: F811
    folder = tmp_path / "authored"
    folder.mkdir()
    source = office_template(tmp_path / "office.docx")
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(folder / "office.dotx", "w") as out:
        for name in package.namelist():
            content = package.read(name)
            if name == "[Content_Types].xml":
                content = content.replace(b"document.main+xml", b"template.main+xml")
            out.writestr(name, content)
    front = FRONT_MATTER.replace("---\n", "---\nreference_docx: office.dotx\n", 1)
    doc = build(year, authored_text(folder, front + BODY))
    written = docx.Document(str(write_all(year, doc, tmp_path / "out") / DOCX_FILE))
    assert written.styles["Normal"].font.name == "Arial"


@pytest.mark.parametrize(
    ("content", "says"),
    [(None, "no such file"), (b"not a zip", "not a Word document or template")],
)
def test_a_missing_or_broken_reference_docx_is_an_error_naming_it(year, tmp_path, content, says):  # noqa: F811
    folder = tmp_path / "authored"
    folder.mkdir()
    if content is not None:
        (folder / "office.docx").write_bytes(content)
    front = FRONT_MATTER.replace("---\n", "---\nreference_docx: office.docx\n", 1)
    path = authored_text(folder, front + BODY)
    with pytest.raises(InputError) as caught:
        build(year, path)
    message = str(caught.value)
    assert f"{authored_file(folder, 2012).name}, line 2" in message
    assert "office.docx" in message and says in message


def commented_ranges(path: Path) -> dict[str, str]:
    """Each Word comment's text, by the text its range covers in the document."""
    body = part(path, "word/document.xml")
    comments = part(path, "word/comments.xml")
    said = {
        ident: html.unescape(re.sub(r"<[^>]+>", "", content))
        for ident, content in re.findall(
            r'<w:comment w:id="(\d+)"[^>]*w:author="Figure check"[^>]*>(.*?)</w:comment>',
            comments,
            re.S,
        )
    }
    covered = {}
    for ident in said:
        found = re.search(
            rf'<w:commentRangeStart w:id="{ident}"\s*/>(.*?)<w:commentRangeEnd w:id="{ident}"',
            body,
            re.S,
        )
        covered[html.unescape(re.sub(r"<[^>]+>", "", found.group(1)))] = said[ident]
    return covered


def test_comments_are_word_comments_on_their_sentences(authored_doc, tmp_path):
    # Two sentences of a paragraph, one across bold and italic runs, and a comment whose
    # sentence is not in the text (it goes on the whole paragraph): each its own comment.
    spans = (
        Span("First sentence, plain. Then "),
        Span("a bold", bold=True),
        Span(" and "),
        Span("italic", italic=True),
        Span(" one."),
    )
    paragraph = Paragraph(
        spans,
        comments=(
            Comment("First sentence, plain.", "Typed 12; Table 1 gives 13."),
            Comment("Then a bold and italic one.", "Typed 40 per cent; Table 2 gives 41."),
            Comment("A sentence since edited.", "Typed 3; Table 1 gives 4."),
        ),
    )
    doc = authored_doc["doc"]
    out = tmp_path / DOCX_FILE
    word.write(replace(doc, blocks=(paragraph, *doc.blocks)), out)
    whole = "First sentence, plain. Then a bold and italic one."
    assert commented_ranges(out) == {
        "First sentence, plain.": "Typed 12; Table 1 gives 13.",
        "Then a bold and italic one.": "Typed 40 per cent; Table 2 gives 41.",
        whole: "Typed 3; Table 1 gives 4.",
    }
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert whole in texts  # the text itself unchanged
    bold = docx.Document(str(out)).paragraphs[texts.index(whole)].runs
    assert any(run.bold and run.text == "a bold" for run in bold)


def test_reruns_of_the_word_file_are_the_same_bytes_wherever_the_figures_are(
    authored_doc, tmp_path
):
    doc = authored_doc["doc"]
    assert word.docx_bytes(doc) == authored_doc["docx"].read_bytes()
    # Made elsewhere (make verify runs in a temporary folder): the same bytes.
    moved = []
    for block in doc.blocks:
        if isinstance(block, Figure):
            copy = tmp_path / "elsewhere" / block.png.name
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(block.png, copy)
            block = replace(block, png=copy)
        moved.append(block)
    assert word.docx_bytes(replace(doc, blocks=tuple(moved))) == authored_doc["docx"].read_bytes()


# ---------------------------------------------------------------------------------------------
# The workbook as it prints


def test_each_table_sheet_prints_one_page_wide_with_its_titles(authored_doc):
    book = openpyxl.load_workbook(authored_doc["xlsx"])
    for name, one_page, orientation in (
        ("Table 1", True, "portrait"),
        ("Table 2", False, "landscape"),
    ):
        sheet = book[name]
        setup = sheet.page_setup
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, name
        assert setup.fitToWidth == 1 and setup.fitToHeight == (1 if one_page else 0), name
        assert setup.orientation == orientation and int(setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert sheet.print_title_rows == "$1:$3"  # the title down to the header row
        title = sheet["A1"].value
        assert sheet.oddHeader.center.text == title.replace("&", "&&")
        assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text
        (source,) = [c for c in sheet["A"] if str(c.value or "").startswith("Source:")]
        assert source.alignment.wrap_text
        merged = [r for r in sheet.merged_cells.ranges if source.coordinate in r]
        assert merged and merged[0].max_col == sheet.max_column  # across the table's width
    source_sheet = book["Source"]
    assert source_sheet.page_setup.fitToWidth == 1
    assert source_sheet.oddFooter.center.text
    long_lines = [c for c in source_sheet["A"] if len(str(c.value or "")) > 100]
    assert long_lines and all(c.alignment.wrap_text for c in long_lines)


def test_table_cells_are_set_at_the_size_their_widths_are_measured_at(authored_doc):
    # Table 1 and 2's cells use the "Kept" styles: based on Normal (12 pt) instead of their
    # table text style, LibreOffice set them larger than measured and broke header words.
    styles = {s.name: s for s in docx.Document(str(authored_doc["docx"])).styles}
    for size, name in word.KEPT_TABLE_STYLES.items():
        style = styles[name]
        assert style.base_style.name == word.TABLE_TEXT_STYLES[size], name
        assert style.base_style.font.size.pt == size, name
