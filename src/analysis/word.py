"""The document in Word (`report.docx`), written by pandoc (the `pypandoc-binary` wheel ships it)
from a pandoc AST built from the document's blocks: the UN header block, the title and its
disclaimer as a real footnote, Title/Subtitle/Heading styles, captions in the Caption style
numbered by SEQ fields, tables whose columns are sized to their content, figures with alt text,
the language en-GB (or the front matter's `language:`), and comments on sentences.

The styles and page set-up come from a reference document (pandoc's `--reference-doc`): the
front matter's `reference_docx:` (an office's own .docx or .dotx), or this module's default,
pandoc's own reference document restyled with python-docx to UN conventions (Times New Roman,
A4, page numbers). Why pandoc rather than python-docx: docs/maintainers.md.
"""

from __future__ import annotations

import calendar
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from . import labels, ooxml
from .document import Comment, Document, Figure, Heading, Paragraph, Span, Table
from .provenance import write_bytes

FONT = "Times New Roman"
CODE_FONT = "Courier New"
TEXT_WIDTH_CM = 16  # the text's width on A4 with 2.5 cm margins
DEFAULT_LANGUAGE = "en-GB"  # UN documents follow British spelling
COMMENT_AUTHOR = "Figure check"
BLACK = RGBColor(0, 0, 0)

# Paragraph styles the document names beyond pandoc's own (a reference document that lacks one
# gets it from pandoc, based on Normal).
MEETING = "Meeting"  # the meeting's name, first in the header block
CONVENER = "Convener"  # the lines under it, and the place and date
EDITION = "Edition"  # the line under the header: what this edition is made from
RULED = "Ruled note"  # a paragraph under a short rule: a note, the data status
TABLE_TEXT_STYLES = {10: "Table Text", 9: "Table Text Small", 8: "Table Text Smaller"}
# Table 1 and 2's cells: each kept with the next, so the table stays on one page with its Source:
# line (the annex's long tables run on, their rows whole).
KEPT_TABLE_STYLES = {size: f"{name} Kept" for size, name in TABLE_TEXT_STYLES.items()}
SMALL_TEXT = "Source Note"  # a Source: line under a table or figure


class ReferenceDocError(ValueError):
    """A reference document pandoc cannot use (authored.py names it by its front matter line)."""


# ---------------------------------------------------------------------------------------------
# The pandoc AST


def _inlines(text: str) -> list[dict]:
    """Text as pandoc's Str, Space and LineBreak elements."""
    out: list[dict] = []
    for line_number, line in enumerate(ooxml.xml_text(text).split("\n")):
        if line_number:
            out.append({"t": "LineBreak"})
        for index, word in enumerate(re.split(r"( +)", line)):
            if index % 2:
                out.append({"t": "Space"})
            elif word:
                out.append({"t": "Str", "c": word})
    return out


def _span_inlines(span: Span) -> list[dict]:
    if span.code:
        inlines = [{"t": "Code", "c": [["", [], []], ooxml.xml_text(span.text)]}]
    else:
        inlines = _inlines(span.text)
    if span.italic:
        inlines = [{"t": "Emph", "c": inlines}]
    if span.bold:
        inlines = [{"t": "Strong", "c": inlines}]
    if span.href and span.href != span.text:
        inlines = [{"t": "Link", "c": [["", [], []], inlines, [span.href, ""]]}]
    return inlines


def _spans(spans: Iterable[Span]) -> list[dict]:
    return [inline for span in spans for inline in _span_inlines(span)]


def _para(inlines: list[dict]) -> dict:
    return {"t": "Para", "c": inlines}


def _styled(style: str, blocks: list[dict]) -> dict:
    """Blocks in a named paragraph style (pandoc's custom-style)."""
    return {"t": "Div", "c": [["", [], [["custom-style", style]]], blocks]}


def _raw(xml: str) -> dict:
    return {"t": "RawInline", "c": ["openxml", xml]}


def _caption(kind: str, number: int, title: str, words: dict | None = None) -> list[dict]:
    """`Table 1. Title`: the word, the number as a SEQ field, the title. The word and the number
    go in one raw run, so that the table's own caption property (what a screen reader says of
    it) holds the title alone, as pandoc's native numbering gives it."""
    prefix = ooxml.xml_escaped((words or labels.WORD)[kind])
    return [
        _raw(
            f'<w:r><w:t xml:space="preserve">{prefix} </w:t></w:r>'
            f'<w:fldSimple w:instr=" SEQ {kind} \\* ARABIC "><w:r><w:t>{number}</w:t></w:r>'
            '</w:fldSimple><w:r><w:t xml:space="preserve">. </w:t></w:r>'
        ),
        *_inlines(title),
    ]


def _cut(spans: tuple[Span, ...], at: set[int]) -> list[tuple[int, Span]]:
    """The spans cut at the given positions of their text, each piece with where it starts."""
    pieces, start = [], 0
    for span in spans:
        cuts = sorted(c - start for c in at if start < c < start + len(span.text))
        for a, b in zip([0, *cuts], [*cuts, len(span.text)], strict=True):
            pieces.append((start + a, replace(span, text=span.text[a:b])))
        start += len(span.text)
    return pieces


def _comment_marks(number: int, comment: Comment) -> tuple[dict, dict]:
    """pandoc's comment-start span (holding the comment's text) and comment-end span."""
    ident = str(number)
    attributes = [["id", ident], ["author", COMMENT_AUTHOR]]
    start = {"t": "Span", "c": [["", ["comment-start"], attributes], _inlines(comment.text)]}
    end = {"t": "Span", "c": [["", ["comment-end"], [["id", ident]]], []]}
    return start, end


def _commented(spans: tuple[Span, ...], comments: tuple[Comment, ...], first: int = 0) -> list:
    """A paragraph's inlines with each comment anchored on its sentence, as a Word comment
    (pandoc's comment-start and comment-end spans around it); a sentence not found whole in
    the text gets its comment on the whole paragraph, so that no warning is lost. `first`
    numbers the comments (each has its own number in the document)."""
    if not comments:
        return _spans(spans)
    text = "".join(span.text for span in spans)
    places = []
    for comment in comments:
        at = text.find(comment.anchor) if comment.anchor else -1
        places.append((at, at + len(comment.anchor)) if at >= 0 else (0, len(text)))
    marks = [_comment_marks(first + n, c) for n, c in enumerate(comments)]
    inlines: list[dict] = []
    for at, span in _cut(spans, {p for pair in places for p in pair}):
        inlines += [end for (_, e), (_, end) in zip(places, marks, strict=True) if e == at]
        inlines += [start for (s, _), (start, _) in zip(places, marks, strict=True) if s == at]
        inlines += _span_inlines(span)
    inlines += [start for (s, _), (start, _) in zip(places, marks, strict=True) if s == len(text)]
    inlines += [end for (_, e), (_, end) in zip(places, marks, strict=True) if e == len(text)]
    return inlines


@dataclass(frozen=True)
class _Item:
    depth: int
    ordered: bool
    inlines: list


def _lists(items: list[_Item], depth: int = 0) -> list[dict]:
    """Consecutive list items (each with its depth) as nested pandoc lists."""
    out: list[dict] = []
    index = 0
    while index < len(items):
        ordered = items[index].ordered
        entries: list[list[dict]] = []
        while index < len(items) and items[index].depth >= depth:
            item = items[index]
            if item.depth == depth:
                if item.ordered != ordered and entries:
                    break
                entries.append([{"t": "Plain", "c": item.inlines}])
                index += 1
            else:
                nested = []
                while index < len(items) and items[index].depth > depth:
                    nested.append(items[index])
                    index += 1
                if not entries:
                    entries.append([])
                entries[-1].extend(_lists(nested, depth + 1))
        if ordered:
            out.append({"t": "OrderedList", "c": [[1, {"t": "Decimal"}, {"t": "Period"}], entries]})
        else:
            out.append({"t": "BulletList", "c": entries})
    return out


# Column widths, from the widths of the cells' words in Times (the Adobe metrics matplotlib ships,
# which Times New Roman and Liberation Serif share), so that no word breaks inside itself.
_AFM = {False: "ptmr8a.afm", True: "ptmb8a.afm"}  # Times-Roman, Times-Bold
_CELL_MARGINS_PT = 2 * 108 / 20 + 1  # the Table style's 108-twip margins each side, a rule
_METRICS_MARGIN = 1.05  # a word processor's own fonts and rounding: a little to spare
_LONGEST_CELL_SHARE = 0.45  # of the line: a longer cell (a note) wraps between words
_OTHER_TEXT_SHARE = 0.22  # of the line: a text column beside a note's
TABLE_SIZES = (10, 9, 8)  # points: the largest at which a table's words fit whole


@lru_cache(maxsize=2)
def _advances(bold: bool) -> dict[int, float]:
    """Each character's advance in Times, in thousandths of the type size (an AFM file's
    `C code ; WX width` lines)."""
    import matplotlib

    path = Path(matplotlib.get_data_path()) / "fonts" / "afm" / _AFM[bold]
    widths = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        match = re.match(r"C (-?\d+) ; WX (\d+)", line)
        if match and int(match.group(1)) >= 0:
            widths[int(match.group(1))] = float(match.group(2))
    return widths


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of `text` set in Times at `size` points, in points (a character outside
    Latin-1 counted as wide as an M)."""
    advances = _advances(bold)
    wide = advances[ord("M")]
    return sum(advances.get(ord(c), wide) if ord(c) < 256 else wide for c in text) * size / 1000


def _words(text: str) -> list[str]:
    """What a line may not break inside: words, and a path's parts (a line breaks after '/')."""
    return re.findall(r"[^\s/]+/?|/", text) or [""]


def _column_needs(
    cells: list[tuple[str, bool]], size: float, line: float, whole: bool = False
) -> tuple[float, float]:
    """(least, wanted) width of a column of (text, bold) cells, the header first: its longest
    word (its longest body cell too where `whole`: a figure such as "22 (51%)" kept on one
    line), and its longest body cell up to a share of the line, each with the cell's margins."""
    least = max(text_width(w, size, b) for t, b in cells for w in _words(t))
    if whole:
        least = max(least, *(text_width(t, size, b) for t, b in cells[1:]))
    least *= _METRICS_MARGIN
    # A header wraps between its words before a body cell does: it asks no more room.
    longest_cell = max(text_width(t, size, b) for t, b in cells[1:] or cells)
    wanted = min(longest_cell * _METRICS_MARGIN, line * _LONGEST_CELL_SHARE)
    return least + _CELL_MARGINS_PT, max(least, wanted) + _CELL_MARGINS_PT


def column_widths(
    columns: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    has_total: bool = False,
    figures: bool = False,
) -> tuple[int, list[float]]:
    """The type size a table is set in and each column's share of the text's width, from its
    content: at the largest size of TABLE_SIZES at which every column holds its longest word
    (no header ever broken inside a word), each column as wide as its longest cell where the
    line allows, else its longest word and a share of the room left. Region names and notes
    get room; numbers stay narrow. With `figures` (Table 1 and 2), the columns after the first
    hold figures, each kept on one line."""
    line = TEXT_WIDTH_CM / 2.54 * 72
    last = len(rows) - 1
    cells = [
        [(columns[i], True), *((row[i], has_total and n == last) for n, row in enumerate(rows))]
        for i in range(len(columns))
    ]
    for size in TABLE_SIZES:
        needs = [
            _column_needs(column, size, line, whole=figures and index > 0)
            for index, column in enumerate(cells)
        ]
        least = [n[0] for n in needs]
        if sum(least) <= line or size == TABLE_SIZES[-1]:
            break
    wanted = [n[1] for n in needs]
    # Where the line holds every header unwrapped as well ("Per cent"), it has them so.
    headed = [max(w, text_width(h, size, True) * _METRICS_MARGIN + _CELL_MARGINS_PT)
              for w, h in zip(wanted, columns, strict=True)]  # fmt: skip
    if sum(headed) <= line:
        wanted = headed
    if sum(wanted) <= line:
        # The line's room left goes to the columns of long text (a note), which wrap.
        capped = [w >= line * _LONGEST_CELL_SHARE for w in wanted]
        if any(capped):
            spare = (line - sum(wanted)) / sum(capped)
            wanted = [w + spare if c else w for w, c in zip(wanted, capped, strict=True)]
        return size, [w / line for w in wanted]
    if not figures:
        # Text (the annex's notes): the longest column wraps in the room the others leave,
        # each of them no wider than a share of the line (a region's name on two lines).
        widest = wanted.index(max(wanted))
        others = [
            min(w, max(a, line * _OTHER_TEXT_SHARE))
            for i, (w, a) in enumerate(zip(wanted, least, strict=True))
            if i != widest
        ]
        room = line - sum(others)
        if room >= least[widest]:
            others.insert(widest, room)
            return size, [w / line for w in others]
    spare = max(line - sum(least), 0)
    more = [w - a for w, a in zip(wanted, least, strict=True)]
    shares = [a + spare * m / (sum(more) or 1) for a, m in zip(least, more, strict=True)]
    return size, [share / sum(shares) for share in shares]


def _cell(text: str, align: str, style: str, bold: bool) -> list:
    inlines = _inlines(text)
    if bold:
        inlines = [{"t": "Strong", "c": inlines}]
    return [["", [], []], {"t": align}, 1, 1, [_styled(style, [_para(inlines)])]]


def _table(table: Table, words: dict | None = None) -> list[dict]:
    numbers = table.kind == "data"
    size, widths = column_widths(table.columns, table.rows, table.has_total, numbers)
    style = (KEPT_TABLE_STYLES if numbers else TABLE_TEXT_STYLES)[size]
    aligns = [
        "AlignLeft" if index == 0 or not numbers else "AlignRight"
        for index in range(len(table.columns))
    ]
    if table.kind == "files":
        aligns = ["AlignLeft", "AlignRight", "AlignLeft"][: len(table.columns)]
    specs = [[{"t": a}, {"t": "ColWidth", "c": w}] for a, w in zip(aligns, widths, strict=True)]

    def row(values, bold: bool) -> list:
        cells = [_cell(str(v), a, style, bold) for v, a in zip(values, aligns, strict=True)]
        return [["", [], []], cells]

    last = len(table.rows) - 1
    body_rows = [row(values, table.has_total and i == last) for i, values in enumerate(table.rows)]
    word = re.escape((words or labels.WORD)["Table"])
    title = re.sub(rf"^{word} \d+\. ", "", table.title)
    caption = [None, [{"t": "Plain", "c": _caption("Table", table.number or 0, title, words)}]]
    attributes = ["", [table.kind], []]
    return [
        {
            "t": "Table",
            "c": [
                attributes,
                caption,
                specs,
                [["", [], []], [row(table.columns, True)]],
                [[["", [], []], 0, [], body_rows]],
                [["", [], []], []],
            ],
        },
        *([_styled(SMALL_TEXT, [_para(_inlines(table.source))])] if table.source else []),
    ]


def figure_file(figure: Figure) -> str:
    """The picture's name where pandoc reads it (a folder of the run's own): pandoc writes the
    name into the file, which must not depend on where the outputs are made."""
    return f"figure-{figure.number}{figure.png.suffix}"


def _figure(figure: Figure, words: dict | None = None) -> list[dict]:
    image = {
        "t": "Image",
        "c": [
            ["", [], [["width", f"{TEXT_WIDTH_CM}cm"]]],
            _inlines(figure.alt),  # pandoc writes the alt text as the picture's descr
            [figure_file(figure), ""],
        ],
    }
    number, title = figure.number, figure.caption
    caption = [None, [{"t": "Plain", "c": _caption("Figure", number, title, words)}]]
    return [
        {"t": "Figure", "c": [["", [], []], caption, [{"t": "Plain", "c": [image]}]]},
        _styled(SMALL_TEXT, [_para(_inlines(figure.source))]),
    ]


def _paragraph(block: Paragraph, first_comment: int = 0) -> dict:
    inlines = _commented(block.spans, block.comments, first_comment)
    if block.kind == "quote":
        return {"t": "BlockQuote", "c": [_para(inlines)]}
    if block.kind == "code":
        return {"t": "CodeBlock", "c": [["", [], []], ooxml.xml_text(block.text)]}
    if block.kind == "note":
        return _styled(RULED, [_para([{"t": "Strong", "c": inlines}])])
    if block.kind == "status":
        return _styled(RULED, [_para(inlines)])
    if block.kind == "subtitle":
        return _styled(EDITION, [_para([{"t": "Emph", "c": inlines}])])
    return _para(inlines)


def _header_blocks(doc: Document) -> list[dict]:
    """The UN header block, the title with its footnote, the organisation."""
    header = doc.header
    blocks: list[dict] = []
    if header.meeting:
        blocks.append(_styled(MEETING, [_para(_inlines(header.meeting))]))
        lines = [*header.convener, *([header.place_and_date] if header.place_and_date else [])]
        if lines:
            inlines = _inlines("\n".join(lines))
            blocks.append(_styled(CONVENER, [_para(inlines)]))
    title = _inlines(header.title)
    if header.footnote:
        title.append({"t": "Note", "c": [_para(_inlines(header.footnote))]})
    blocks.append(_styled("Title", [_para(title)]))
    blocks.append(_styled("Subtitle", [_para(_inlines(header.organisation))]))
    return blocks


def pandoc_ast(doc: Document, api_version: list[int]) -> dict:
    """The document as pandoc's JSON AST."""
    words = labels.in_language(doc.language).WORD  # "Tableau 1.", "Gráfico 2."
    blocks = _header_blocks(doc)
    items: list[_Item] = []
    comments = 0  # the comments so far: each is numbered in the document
    for block in doc.blocks:
        if isinstance(block, Paragraph) and block.kind == "item":
            inlines = _commented(block.spans, block.comments, comments)
            items.append(_Item(block.depth, block.ordered, inlines))
            comments += len(block.comments)
            continue
        if items:
            blocks.extend(_lists(items))
            items = []
        if isinstance(block, Heading):
            blocks.append(
                {"t": "Header", "c": [min(block.level, 9), ["", [], []], _inlines(block.text)]}
            )
        elif isinstance(block, Paragraph):
            blocks.append(_paragraph(block, comments))
            comments += len(block.comments)
        elif isinstance(block, Table):
            blocks.extend(_table(block, words))
        elif isinstance(block, Figure):
            blocks.extend(_figure(block, words))
    if items:
        blocks.extend(_lists(items))
    meta = {"lang": {"t": "MetaString", "c": doc.header.language or DEFAULT_LANGUAGE}}
    return {"pandoc-api-version": api_version, "meta": meta, "blocks": blocks}


# ---------------------------------------------------------------------------------------------
# The reference document: styles and page set-up


@lru_cache(maxsize=1)
def _pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def _run_pandoc(
    arguments: list[str], data: bytes = b"", epoch: int = 0, folder: Path | None = None
) -> bytes:
    """pandoc's output; SOURCE_DATE_EPOCH fixes the dates it writes, `folder` is where it
    reads pictures."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    done = subprocess.run(
        [_pandoc(), *arguments],
        input=data,
        capture_output=True,
        env=environment,
        cwd=folder,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"pandoc {' '.join(arguments)}: {done.stderr.decode(errors='replace')}")
    return done.stdout


@lru_cache(maxsize=1)
def _api_version() -> list[int]:
    return json.loads(_run_pandoc(["-t", "json"], b""))["pandoc-api-version"]


def _font(style, size: float, bold: bool | None = None, font: str | None = FONT) -> None:
    """A style's size, colour and weight, and its type family unless `font` is None (an
    office's template keeps its own)."""
    style.font.size = Pt(size)
    style.font.color.rgb = BLACK
    if bold is not None:
        style.font.bold = bold
    if font is None:
        return
    style.font.name = font
    # East Asian text and the theme would otherwise keep pandoc's Calibri/Cambria.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)


def _paragraph_style(document, name: str, base: str = "Normal"):
    styles = document.styles
    if name in [s.name for s in styles]:
        return styles[name]
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    return style


def _rule_above(style) -> None:
    """A short rule above the paragraph (python-docx has no border API: the style's XML)."""
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "4"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    style.element.get_or_add_pPr().append(borders)


def _page_numbers(footer) -> None:
    """The page's number, centred in the footer: a PAGE field, which Word fills in."""
    footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    # python-docx has no field API: the footer part's XML (`part.element`, public) takes it.
    footer.part.element.xpath("./w:p")[0].append(field)


def _un_styles(document) -> None:
    """Pandoc's styles set to UN conventions: Times New Roman throughout, black, 12 pt text."""
    styles = document.styles
    for style in styles:
        if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER) and style.font:
            if style.name not in ("Source Code", "Verbatim Char"):
                style.font.color.rgb = BLACK
    _font(styles["Normal"], 12)
    styles["Normal"].paragraph_format.space_after = Pt(6)
    for name in ("Body Text", "First Paragraph", "Compact"):
        style = styles[name]
        _font(style, 12)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(6)
    styles["Compact"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for level in range(1, 4):
        style = styles[f"Heading {level}"]
        _font(style, 12, bold=True)
        style.font.italic = level == 3
        style.font.all_caps = level == 1  # as the paper sets its section headings
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    title = styles["Title"]
    _font(title, 12, bold=True)
    title.font.all_caps = True
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(24)
    title.paragraph_format.space_after = Pt(6)
    subtitle = styles["Subtitle"]
    _font(subtitle, 12, bold=False)
    subtitle.font.italic = False
    subtitle.font.all_caps = False  # pandoc's Subtitle takes the Title's capitals
    for spacing in subtitle.element.xpath("./w:rPr/w:spacing"):  # and its letter-spacing
        spacing.getparent().remove(spacing)
    subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle.paragraph_format.space_after = Pt(18)
    for name in ("Caption", "Table Caption", "Image Caption"):
        style = _by_name(styles, name)
        _font(style, 10, bold=True)
        style.font.italic = False
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(4)
    figure = _by_name(styles, "Captioned Figure")
    figure.paragraph_format.keep_with_next = True
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for name in ("Footnote Text", "Block Text"):
        _font(_by_name(styles, name), 10 if name == "Footnote Text" else 12)
    _document_styles(document, FONT)


def _document_styles(document, font: str | None) -> None:
    """The paragraph styles this document names beyond Word's and pandoc's own (the header
    block, notes, table cells, source lines). With `font` None (an office's template), only
    those the template lacks are added, in its own type, at the sizes the tables are
    measured at."""
    names = _names(document.styles)

    def new(name: str, base: str = "Normal"):
        if font is None and name in names:
            return None
        # The base may be a style made just above (a table's cells, then their kept form).
        known = names | _names(document.styles)
        return _paragraph_style(document, name, base if base in known else "Normal")

    if meeting := new(MEETING):
        _font(meeting, 12, bold=True, font=font)
        meeting.font.all_caps = True
        meeting.paragraph_format.space_after = Pt(0)
    if convener := new(CONVENER):
        _font(convener, 12, font=font)
    if edition := new(EDITION):
        _font(edition, 11, font=font)
        edition.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        edition.paragraph_format.space_after = Pt(12)
    if ruled := new(RULED):
        _font(ruled, 11, font=font)
        ruled.paragraph_format.space_before = Pt(6)
        _rule_above(ruled)
    for size, name in TABLE_TEXT_STYLES.items():
        if style := new(name, "Compact"):
            _font(style, size, font=font)
            style.paragraph_format.space_before = Pt(0)
            style.paragraph_format.space_after = Pt(0)
            style.paragraph_format.keep_together = True
        if kept := new(KEPT_TABLE_STYLES[size], name):
            kept.paragraph_format.keep_with_next = True
    if source := new(SMALL_TEXT):
        _font(source, 10, font=font)
        source.font.italic = True
        source.paragraph_format.space_after = Pt(12)


def _names(styles) -> set[str]:
    return {style.name for style in styles}


def _by_name(styles, name: str):
    """A style by the name Word shows (python-docx's `styles[name]` maps a few built-in names,
    such as Caption, to names pandoc's reference document does not use)."""
    return next(style for style in styles if style.name == name)


@lru_cache(maxsize=1)
def default_reference_docx() -> bytes:
    """Pandoc's reference document restyled: UN type, A4 with 2.5 cm margins, page numbers."""
    pandoc_default = _run_pandoc(["--print-default-data-file", "reference.docx"])
    document = docx.Document(io.BytesIO(pandoc_default))
    _un_styles(document)
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)
        _page_numbers(section.footer)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_DOTX = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCX = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def reference_bytes(path: Path) -> bytes:
    """An office's .docx or .dotx as pandoc takes it (a template's main part declared as a
    document's), or ReferenceDocError saying what is wrong with it."""
    if not path.is_file():
        raise ReferenceDocError("no such file")
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            if "word/document.xml" not in names or "word/styles.xml" not in names:
                raise ReferenceDocError("not a Word document or template (no word/styles.xml)")
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
                for name in sorted(names):
                    content = package.read(name)
                    if name == "[Content_Types].xml":
                        content = content.replace(_DOTX, _DOCX)
                    copy.writestr(name, content)
    except (zipfile.BadZipFile, OSError) as error:
        raise ReferenceDocError(f"not a Word document or template ({error})") from error
    try:
        document = docx.Document(io.BytesIO(out.getvalue()))
    except Exception as error:  # python-docx's errors have no common class
        raise ReferenceDocError(f"python-docx cannot read it ({error})") from error
    _document_styles(document, None)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# The file


def docx_bytes(doc: Document, reference_docx: Path | None = None) -> bytes:
    """The document as a .docx, the same bytes from run to run; styles and page set-up from
    `reference_docx` (default: the front matter's, else the UN default)."""
    reference_docx = reference_docx or doc.header.reference_docx
    reference = (
        default_reference_docx() if reference_docx is None else reference_bytes(reference_docx)
    )
    when = ooxml.fixed_time(doc.year)
    ast = json.dumps(pandoc_ast(doc, _api_version()), ensure_ascii=False).encode()
    with tempfile.TemporaryDirectory() as folder:
        reference_path = Path(folder) / "reference.docx"
        reference_path.write_bytes(reference)
        for block in doc.blocks:
            if isinstance(block, Figure):
                shutil.copyfile(block.png, Path(folder) / figure_file(block))
        try:
            data = _run_pandoc(
                [
                    "--from=json",
                    "--to=docx",
                    f"--reference-doc={reference_path}",
                    "--table-caption-position=above",
                    "--figure-caption-position=above",
                    "--output=-",
                ],
                ast,
                # pandoc dates its zip entries by it: within the zip format's years.
                epoch=calendar.timegm(ooxml.zip_time(when)),
                folder=Path(folder),
            )
        except RuntimeError as error:
            if reference_docx is not None:
                raise ReferenceDocError(f"pandoc cannot use it: {error}") from error
            raise
    return ooxml.deterministic(
        data,
        when,
        title=doc.header.title,
        creator=doc.header.organisation,
        rewrite={"word/document.xml": kept_directly},
    )


_KEPT_STYLE = re.compile(
    rb'(<w:pStyle w:val="(?:'
    + b"|".join(re.escape(n.replace(" ", "").encode()) for n in KEPT_TABLE_STYLES.values())
    + rb')" />)'
)


def kept_directly(document_xml: bytes) -> bytes:
    """Table 1 and 2's paragraphs kept with the next as their own property, not only their
    style's: LibreOffice keeps a table with the paragraph after it (its Source: line) only so.
    pandoc has no paragraph properties: its XML takes it."""
    return _KEPT_STYLE.sub(rb"\1<w:keepNext />", document_xml)


def write(doc: Document, path: Path) -> None:
    write_bytes(path, docx_bytes(doc))
