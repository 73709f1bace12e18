"""The report: the year's whole document (document.py) as one self-contained HTML page, as a
Word file and with its tables in an Excel workbook; every text from the data escaped."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path

import jinja2
import markupsafe
import pandas as pd

from . import charts, document, narrative, word, workbook
from .document import Document, Paragraph, Span
from .paths import DOCX_FILE, INPUTS_FILE, PACKAGE_DIR, REPORT_FILE, XLSX_FILE
from .provenance import write_text
from .regions import Regions

# Autoescape: office names, notes and every other text from the data reach the page as text.
_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(PACKAGE_DIR / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class Figure:
    png_base64: str
    alt: str


def png_base64(png: Path) -> str:
    return base64.b64encode(png.read_bytes()).decode("ascii")


def figure(png: Path, alt: str) -> Figure:
    """A chart as a page shows it: the PNG inline, so that the page needs no other file."""
    return Figure(png_base64(png), alt)


def inline(spans: tuple[Span, ...]) -> markupsafe.Markup:
    """A paragraph's runs as HTML, each text escaped. A link's address follows its words, as
    in the Word file: the page fetches and links to nothing outside itself."""
    parts = []
    for span in spans:
        html = markupsafe.escape(span.text).replace("\n", markupsafe.Markup("<br>"))
        if span.code:
            html = markupsafe.Markup("<code>%s</code>") % html
        if span.italic:
            html = markupsafe.Markup("<em>%s</em>") % html
        if span.bold:
            html = markupsafe.Markup("<strong>%s</strong>") % html
        parts.append(html)
        if span.href and span.href != span.text:
            parts.append(markupsafe.escape(f" ({span.href})"))
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


_ENVIRONMENT.filters.update(inline=inline, kind=_kind, png_base64=png_base64)


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
    synthetic: bool = False,
) -> Document:
    """The year's whole document: its authored text, if any, around the generated parts."""
    print_pngs = charts.print_pngs(table1, table2, regions, year)
    generated = document.generated_parts(
        year,
        table1,
        table2,
        offices,
        log,
        inputs,
        regions,
        figures_dir,
        print_pngs,
        document.authored_records(authored_path),
    )
    return document.for_year(generated, year, authored_path, table1, table2, regions, synthetic)


def render(template: str, context: dict) -> str:
    """A page's content from its template (autoescaped), as a notebook shows it."""
    return _ENVIRONMENT.get_template(template).render(context)


def wrap_page(title: str, body: str) -> str:
    """Content as one self-contained HTML page: inline styles, no scripts, nothing fetched."""
    body = markupsafe.Markup(body)  # escaped by its own template already
    return _ENVIRONMENT.get_template("report.html.j2").render(title=title, body=body)


def render_body(doc: Document) -> str:
    return render("document.html.j2", {"document": doc, "blocks": html_blocks(doc.blocks)})


def render_page(doc: Document) -> str:
    return wrap_page(doc.html_title, render_body(doc))


def read_inputs(processed_year_dir: Path) -> list[dict]:
    return json.loads((processed_year_dir / INPUTS_FILE).read_text(encoding="utf-8"))


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
    workbook.write(out_year / XLSX_FILE, doc.year, table1, table2, inputs, method)
    return [out_year / name for name in (REPORT_FILE, DOCX_FILE, XLSX_FILE)]
