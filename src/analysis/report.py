"""The report: the year's whole document (document.py) as one self-contained HTML page, as a
Word file and with its tables in an Excel workbook; every text from the data escaped. What
the pages say of a year's data status, and how they number and source figures, is here."""

from __future__ import annotations

import base64
import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import jinja2
import markupsafe
import pandas as pd

from . import authored, document, labels, narrative, normalise, word, workbook
from .document import Document, Paragraph, Span
from .paths import DOCX_FILE, INPUTS_FILE, PACKAGE_DIR, REPORT_FILE, WARNINGS_FILE, XLSX_FILE
from .provenance import write_text
from .regions import Regions
from .status import (
    STATUS_LABELS,
    SUBTITLES,
    SYNTHETIC,
    UNDECLARED,
    DataStatus,
    data_source,
    status_text,
)


def _shown_as_typed(value):
    """Every text a template puts on a page, with its bidirectional control characters shown
    (`<U+202E>`): a name or note that holds one would otherwise reorder what follows it.
    Markup (HTML the package made) is left as it is."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return normalise.visible_controls(value)
    return value


# Autoescape: office names, notes and every other text from the data reach the page as text.
_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(PACKAGE_DIR / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    finalize=_shown_as_typed,
)
_ENVIRONMENT.globals["labels"] = labels  # the words around the figures, in one place

# One table as the pages show it, for a notebook to display (table_html).
_TABLE = _ENVIRONMENT.from_string(
    '{% from "macros.html.j2" import data_table %}{{ data_table(caption, frame, source) }}'
)


@dataclass(frozen=True)
class Figure:
    png_base64: str
    alt: str  # what the chart shows, for a reader who cannot see it
    caption: str  # "Figure 2. <the chart's title>"
    source: str  # the Source: line's text


def png_base64(png: Path) -> str:
    return base64.b64encode(png.read_bytes()).decode("ascii")


def figure(png: Path, alt: str, caption: str, source: str) -> Figure:
    """A chart as a page shows it: the PNG inline, so that the page needs no other file."""
    return Figure(png_base64(png), alt, caption, source)


def _chart(block: document.Figure) -> Figure:
    """A document's figure as the pages' `chart` macro shows it."""
    return figure(block.png, block.alt, block.label, block.source)


def inline(spans: tuple[Span, ...]) -> markupsafe.Markup:
    """A paragraph's runs as HTML, each text escaped. A link's address follows its words, as
    in the Word file: the page fetches and links to nothing outside itself."""
    parts = []
    for span in spans:
        shown = normalise.visible_controls(span.text)  # as the environment's finalize does
        html = markupsafe.escape(shown).replace("\n", markupsafe.Markup("<br>"))
        if span.code:
            html = markupsafe.Markup("<code>%s</code>") % html
        if span.italic:
            html = markupsafe.Markup("<em>%s</em>") % html
        if span.bold:
            html = markupsafe.Markup("<strong>%s</strong>") % html
        parts.append(html)
        if span.href and span.href != span.text:
            parts.append(markupsafe.escape(normalise.visible_controls(f" ({span.href})")))
    return markupsafe.Markup("").join(parts)


def marked(block: Paragraph) -> markupsafe.Markup:
    """A paragraph's runs as HTML, each sentence a figure-check warning is on marked, the
    warning its title (the list at the top of the page says the same)."""
    if not block.comments:
        return inline(block.spans)
    parts = []
    for _, span, on in document.commented_pieces(block):
        html = inline((span,))
        if on:
            title = "; ".join(comment.text for comment in on)
            html = markupsafe.Markup('<mark title="%s">%s</mark>') % (title, html)
        parts.append(html)
    return markupsafe.Markup("").join(parts)


@dataclass(frozen=True)
class ItemList:
    """Consecutive list items, which a page shows as one list (nested items indented)."""

    items: tuple[Paragraph, ...]

    @property
    def ordered(self) -> bool:
        return self.items[0].ordered


def _kind(block: object) -> str:
    return type(block).__name__


def html_blocks(blocks: tuple) -> list:
    """The document's blocks with each run of list items as one ItemList; a numbered list
    straight after a bulleted one (or the other way) is a list of its own."""
    out: list = []
    for block in blocks:
        if isinstance(block, Paragraph) and block.kind == "item":
            last = out[-1] if out and isinstance(out[-1], ItemList) else None
            if last is not None and (block.depth > 0 or block.ordered == last.ordered):
                out[-1] = ItemList((*last.items, block))
            else:
                out.append(ItemList((block,)))
        else:
            out.append(block)
    return out


_ENVIRONMENT.filters.update(inline=inline, marked=marked, kind=_kind, chart_of=_chart)


def year_document(
    year: int,
    table1: pd.DataFrame,
    table2: pd.DataFrame,
    offices: pd.DataFrame,
    log: pd.DataFrame,
    inputs: list[dict],
    regions: Regions,
    figures_dir: Path,
    authored_path: Path,
    status: DataStatus = UNDECLARED,
) -> Document:
    """The year's whole document: its authored text, if any, around the generated parts;
    `status` is the raw year's data status (status.of_year)."""
    generated = document.generated_parts(
        year,
        table1,
        table2,
        offices,
        log,
        inputs,
        regions,
        figures_dir,
        data_source(status, year),
        document.authored_records(authored_path),
    )
    return document.for_year(
        generated,
        year,
        authored_path,
        table1,
        table2,
        regions,
        status_notes(status, year, followed_paper(authored_path, status)),
        synthetic=status.status == SYNTHETIC,
    )


def followed_paper(authored_path: Path, status: DataStatus) -> str:
    """The paper the year's document follows, as its authored text's header names it (`follows`),
    or "" (no authored text, or synthetic data, which takes none): nothing of one year's paper
    is said of another's document."""
    if status.status == SYNTHETIC:
        return ""
    text = authored.read(authored_path)
    return "" if text is None else text.header.follows


def status_notes(status: DataStatus, year: int, follows: str = "") -> list[Paragraph]:
    """What a document says first of its data: the line under a page's title (ending with the
    paper it follows, where the header names one), then the data status."""
    subtitle = SUBTITLES[status.status].format(year=year)
    if follows:
        subtitle += f", following {follows}"
    return [
        Paragraph((Span(f"{subtitle}."),), "subtitle"),
        Paragraph(
            (
                Span(f"Data status: {STATUS_LABELS[status.status]}.", bold=True),
                Span(" " + status_text(status, year)),
            ),
            "status",
        ),
    ]


WARNING_COLUMNS = ("file", "line", "typed", "cell", "tables", "warning")


def warning_rows(doc: Document) -> list[dict]:
    """The document's warnings as rows: each figure check's with its line, what was typed and
    the one cell; any other (a generated part with no place) with its message alone."""
    checked = {str(w): w for w in doc.figure_warnings}
    rows = []
    for warning in doc.warnings:
        w = checked.get(warning)
        if w is None:
            rows.append(dict.fromkeys(WARNING_COLUMNS, "") | {"file": doc.authored_file or "",
                                                               "warning": warning})  # fmt: skip
        else:
            rows.append(
                {"file": w.file, "line": w.line, "typed": w.typed, "cell": w.cell,
                 "tables": w.holds, "warning": warning}
            )  # fmt: skip
    return rows


def write_warnings(doc: Document, folder: Path) -> Path:
    """The warnings as CSV in the year's processed folder (a header alone where there are
    none), which the runner reads for its summary and `--strict`: the analysis never talks to
    the runner but through files."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=WARNING_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(warning_rows(doc))
    path = folder / WARNINGS_FILE
    write_text(path, buffer.getvalue())
    return path


def render(template: str, context: dict) -> str:
    """A page's content from its template (autoescaped), as a notebook shows it."""
    return _ENVIRONMENT.get_template(template).render(context)


def table_html(caption: str, frame: pd.DataFrame, source: str) -> str:
    """One table as the pages show it, its caption and Source: line: what a notebook displays
    (an HTML table, as wide as JupyterLab's cell allows, where text would wrap row by row)."""
    return _TABLE.render(caption=caption, frame=frame, source=source)


def wrap_page(title: str, body: str) -> str:
    """Content as one self-contained HTML page: inline styles, no scripts, nothing fetched."""
    body = markupsafe.Markup(body)  # escaped by its own template already
    return _ENVIRONMENT.get_template("report.html.j2").render(title=title, body=body)


def render_body(doc: Document) -> str:
    return render("document.html.j2", {"document": doc, "blocks": html_blocks(doc.blocks)})


def render_page(doc: Document) -> str:
    return wrap_page(doc.html_title, render_body(doc))


def read_inputs(processed_year_dir: Path) -> list[dict]:
    """The raw files the clean step read, as it recorded them."""
    return json.loads((processed_year_dir / INPUTS_FILE).read_text(encoding="utf-8"))["files"]


def write(
    doc: Document,
    out_year: Path,
    table1: pd.DataFrame,
    table2: pd.DataFrame,
    offices: pd.DataFrame,
    log: pd.DataFrame,
    inputs: list[dict],
) -> list[Path]:
    """The page, the Word file and the workbook in the year's output folder."""
    write_text(out_year / REPORT_FILE, render_page(doc))
    word.write(doc, out_year / DOCX_FILE)
    method = narrative.method_paragraphs(table1, log, offices, doc.year)
    workbook.write(out_year / XLSX_FILE, doc.year, table1, table2, inputs, method, doc.table_source)
    return [out_year / name for name in (REPORT_FILE, DOCX_FILE, XLSX_FILE)]
