"""The document in Word (`report.docx`), made with python-docx: UN conventions (the meeting's
header block, Times New Roman, A4), real headings, native tables, the figures embedded."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from . import ooxml
from .document import Document, Figure, Heading, Paragraph, Span, Table
from .provenance import write_bytes

FONT = "Times New Roman"
CODE_FONT = "Courier New"
FIGURE_WIDTH = Cm(16)  # the text's width on A4 with 2.5 cm margins
FOOTNOTE_MARK = "1"
BLACK = RGBColor(0, 0, 0)


def _font(style, size: float, bold: bool | None = None) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.color.rgb = BLACK
    if bold is not None:
        style.font.bold = bold
    # East Asian text and the theme would otherwise keep Calibri/Cambria.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)


def _styled(document: docx.document.Document) -> None:
    styles = document.styles
    _font(styles["Normal"], 12)
    for level, size in ((1, 12), (2, 12), (3, 12)):
        style = styles[f"Heading {level}"]
        _font(style, size, bold=True)
        style.font.italic = level == 3
        style.font.all_caps = level == 1  # as the paper sets its section headings
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    lists = [f"List {kind}{level}" for kind in ("Bullet", "Number") for level in ("", " 2", " 3")]
    for name in ("Caption", "Quote", "Title", *lists):
        _font(styles[name], 12 if name != "Caption" else 10)
    styles["Normal"].paragraph_format.space_after = Pt(6)


def _a4(document: docx.document.Document) -> None:
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)
        _page_numbers(section.footer)


def _page_numbers(footer) -> None:
    """The page's number, centred in the footer: a PAGE field, which Word fills in.
    python-docx has no field API; the footer part's XML (`part.element`, public) takes it."""
    footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer.part.element.xpath("./w:p")[0].append(field)


def _runs(paragraph, spans: tuple[Span, ...], size: float | None = None) -> None:
    for span in spans:
        run = paragraph.add_run(ooxml.xml_text(span.text))
        run.bold = span.bold or None
        run.italic = span.italic or None
        if span.code:
            run.font.name = CODE_FONT
        if size is not None:
            run.font.size = Pt(size)
        if span.href and span.href != span.text:
            # python-docx has no hyperlink API: the address follows the words, as in print.
            paragraph.add_run(f" ({span.href})").italic = span.italic or None


def _header_block(document: docx.document.Document, doc: Document) -> None:
    header = doc.header
    if header.meeting:
        meeting = document.add_paragraph()
        run = meeting.add_run(header.meeting)
        run.bold = True
        run.font.all_caps = True
        for line in header.convener:
            document.add_paragraph(line).paragraph_format.space_after = Pt(0)
        if header.place_and_date:
            document.add_paragraph(header.place_and_date)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(24)
    run = title.add_run(header.title)
    run.bold = True
    run.font.all_caps = True
    if header.footnote:
        title.add_run(FOOTNOTE_MARK).font.superscript = True
    organisation = document.add_paragraph(header.organisation)
    organisation.alignment = WD_ALIGN_PARAGRAPH.CENTER
    organisation.paragraph_format.space_after = Pt(24)
    if header.footnote:
        # python-docx has no footnote API: the note sits under the header block, marked as
        # a footnote is, above a short rule as a footnote's separator.
        note = document.add_paragraph(style=RULED)
        mark = note.add_run(FOOTNOTE_MARK)
        mark.font.superscript = True
        mark.font.size = Pt(10)
        note.add_run(" " + header.footnote).font.size = Pt(10)


RULED = "Ruled note"  # a paragraph under a short rule: the footnote, a note, the data status


def _ruled_style(document: docx.document.Document) -> None:
    """A paragraph style with a rule above it (python-docx has no border API: the style's
    XML, `style.element`, takes it)."""
    style = document.styles.add_style(RULED, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "4"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    style.element.get_or_add_pPr().append(borders)


def _caption(document: docx.document.Document, text: str, bold: bool = True):
    paragraph = document.add_paragraph(style="Caption")
    paragraph.add_run(text).bold = bold
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _small(document: docx.document.Document, text: str, italic: bool = False) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.font.size = Pt(10)
    run.italic = italic or None


def _rows_kept_whole(document: docx.document.Document) -> None:
    """The table just added: no row split across pages, and its header row repeated on each
    page a long table runs onto. python-docx has no API for either: the document's XML
    (`document.element`, public) takes them, on the body's last table."""
    table = document.element.body.xpath("./w:tbl")[-1]
    for number, row in enumerate(table.xpath("./w:tr")):
        properties = row.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if number == 0:
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            properties.append(header)


def _widths(table: Table) -> list:
    """Column widths within the text's width: the first column (region, office, file) and,
    in the annex's tables, the last (a note, a checksum) take the room the text needs."""
    count = len(table.columns)
    if table.kind != "data":
        first = Cm(4.5)
        return [first, *[Cm(3)] * (count - 2), FIGURE_WIDTH - first - Cm(3) * (count - 2)]
    first = Cm(3.8)
    rest = (FIGURE_WIDTH - first) // (count - 1)
    return [first, *[rest] * (count - 1)]


def _table(document: docx.document.Document, table: Table) -> None:
    _caption(document, table.title)
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    # Table 1 and 2: figures right-aligned, as printed, and the table kept on one page (each
    # row kept with the next); the annex's records may run on, their header row repeated.
    numbers = table.kind == "data"
    size = Pt(9 if len(table.columns) > 4 else 10)
    widths = _widths(table)
    # Each row's cells looked up once: python-docx builds its list of rows on every
    # `rows[i]`, which made a long annex table quadratic.
    grid_rows = list(grid.rows)
    for row_index, values in enumerate([table.columns, *table.rows]):
        is_header = row_index == 0
        is_total = table.has_total and row_index == len(table.rows)
        cells = grid_rows[row_index].cells
        for column_index, value in enumerate(values):
            cell = cells[column_index]
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(ooxml.xml_text(str(value)))
            run.font.size = size
            run.bold = (is_header or is_total) or None
            cell.width = widths[column_index]
            if numbers and column_index > 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if numbers and row_index < len(table.rows):
                paragraph.paragraph_format.keep_with_next = True
    _rows_kept_whole(document)
    if table.source:
        _small(document, table.source, italic=True)


def _figure(document: docx.document.Document, figure: Figure) -> None:
    _caption(document, figure.label)
    document.add_picture(str(figure.png), width=FIGURE_WIDTH)  # 300 dpi: print resolution
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.paragraphs[-1].paragraph_format.keep_with_next = True
    _small(document, figure.source, italic=True)


def _paragraph(document: docx.document.Document, block: Paragraph) -> None:
    if block.kind == "item":
        kind = "List Number" if block.ordered else "List Bullet"
        style = kind if block.depth == 0 else f"{kind} {min(block.depth + 1, 3)}"
        _runs(document.add_paragraph(style=style), block.spans)
    elif block.kind == "quote":
        _runs(document.add_paragraph(style="Quote"), block.spans)
    elif block.kind == "code":
        paragraph = document.add_paragraph()
        _runs(paragraph, block.spans, size=10)
    elif block.kind == "note":
        paragraph = document.add_paragraph(style=RULED)
        _runs(paragraph, tuple(Span(s.text, bold=True) for s in block.spans))
    elif block.kind == "subtitle":
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _runs(paragraph, tuple(Span(s.text, s.bold, True) for s in block.spans))
    elif block.kind == "status":
        paragraph = document.add_paragraph(style=RULED)
        _runs(paragraph, block.spans)
    else:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _runs(paragraph, block.spans)


def _language(document: docx.document.Document, language: str) -> None:
    """The document's language (w:lang on the default run properties and Normal), so that
    Word checks the spelling of a French document in French."""
    from .languages import label

    tag = label(language, "page.language_tag")
    core = document.core_properties
    core.language = tag
    for rpr in (
        document.styles.element.find(qn("w:docDefaults"))
        .find(qn("w:rPrDefault"))
        .find(qn("w:rPr")),
        document.styles["Normal"].element.get_or_add_rPr(),
    ):
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = rpr.makeelement(qn("w:lang"), {})
            rpr.append(lang)
        lang.set(qn("w:val"), tag)


def docx_bytes(doc: Document) -> bytes:
    """The document as a .docx, the same bytes from run to run."""
    document = docx.Document()
    _styled(document)
    _ruled_style(document)
    _a4(document)
    when = ooxml.fixed_time(doc.year)
    core = document.core_properties
    core.title = doc.header.title
    core.author = doc.header.organisation
    core.last_modified_by = doc.header.organisation
    core.comments = ""
    core.revision = 1
    core.created = core.modified = core.last_printed = when
    if doc.language != "en":  # English's file as it always was
        _language(document, doc.language)
    _header_block(document, doc)
    for block in doc.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=min(block.level, 9))
        elif isinstance(block, Paragraph):
            _paragraph(document, block)
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Figure):
            _figure(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return ooxml.deterministic(buffer.getvalue(), when)


def write(doc: Document, path: Path) -> None:
    write_bytes(path, docx_bytes(doc))
