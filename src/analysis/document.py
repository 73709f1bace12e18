"""The year's whole document as blocks (headings, paragraphs, tables, figures), which the HTML
report and the Word file both render: one source for every sentence either shows.

The researchers' authored text gives the header and sections; placeholders in it take the
generated parts. A year without authored text gets the generated parts alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
from markdown_it.token import Token

from . import authored as authored_text
from . import authored_check, charts, inline, narrative, tables
from .authored import PLACEHOLDERS, Authored, Header
from .paths import TABLE1_FILE, TABLE2_FILE, display_path
from .provenance import package_versions
from .regions import Regions
from .schema import table_title

# The year's charts, by file stem, in the order the report numbers them (Figure 1, 2, 3),
# each with the table it draws; their titles are the charts' own (charts.chart_titles).
TABLE1_FIGURES = ("table1_capacity_building",)
TABLE2_FIGURES = ("table2_activities_heatmap", "table2_at_least_one")
FIGURE_ALT = {
    "table1_capacity_building": "Bar chart: the per cent of Country Offices supporting "
    "training/capacity building in each region, with the number of offices; a dashed line marks "
    "all regions. The figures are those of Table 1.",
    "table2_activities_heatmap": "Grid of shaded cells: the per cent of each region's Country "
    "Offices reporting each of the six activities and at least one of them, written in each "
    "cell. The figures are those of Table 2.",
    "table2_at_least_one": "Bar chart: the per cent of Country Offices reporting at least one of "
    "the six activities in each region, with the number of offices; a dashed line marks all "
    "regions. The figures are those of Table 2.",
}

ORGANISATION = "United Nations Population Fund (UNFPA)"
TABLE2_CELL_NOTE = (
    "Each cell: Country Offices reporting the activity (per cent of the region's Country Offices)."
)


# ---------------------------------------------------------------------------------------------
# Blocks


@dataclass(frozen=True)
class Span:
    """A run of text with its emphasis, as Markdown marks it."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None


@dataclass(frozen=True)
class Heading:
    level: int  # 1 for a section (A, B, ...), 2 below it
    text: str


@dataclass(frozen=True)
class Comment:
    """A figure-check warning on a sentence of a paragraph (IFACE.md): every renderer shows
    it, the Word file as a Word comment on its sentence, the page by marking it."""

    anchor: str  # the sentence the warning concerns, exactly as it stands in the paragraph's text
    text: str  # the warning as the editor reads it (typed figure, the one table cell it should be)


@dataclass(frozen=True)
class Paragraph:
    spans: tuple[Span, ...]
    # body: authored prose; generated: sentences from the tables; note: what the document says
    # about itself (no authored text, synthetic data); quote, code, item: as Markdown marks them.
    kind: str = "body"
    sentences: tuple[str, ...] = ()  # a generated paragraph's sentences
    depth: int = 0  # an item's nesting in its list
    ordered: bool = False  # an item of a numbered list
    comments: tuple[Comment, ...] = ()  # figure-check warnings on its sentences

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class Table:
    """A table as both outputs show it: a title, a header row, rows, a source line."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    number: int | None = None  # Table 1 and 2 as titled; the annex's numbered in order
    source: str = ""  # the Source: line (with, for Table 2, what each cell holds)
    kind: str = "data"  # data (Table 1, 2), notes or files (the annex's records)
    has_total: bool = False  # the last row is the Total row
    frame: pd.DataFrame | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Figure:
    png: Path  # as the figures folder holds it (300 dpi: print resolution)
    caption: str  # the chart's title
    alt: str  # what the chart shows, for a reader who cannot see it
    source: str
    number: int = 0  # in document order, set when the document is put together

    @property
    def label(self) -> str:
        return f"Figure {self.number}. {self.caption}"


Block = Heading | Paragraph | Table | Figure


@dataclass(frozen=True)
class Document:
    year: int
    header: Header
    blocks: tuple[Block, ...]
    synthetic: bool = False
    authored_file: str | None = None  # as messages name it; None where the year has none
    warnings: tuple[str, ...] = ()  # authored figures that disagree with the tables
    table_source: str = ""  # Table 1's Source: line, which the workbook repeats
    # The figure check's warnings as data (file, line, typed, cell), which the report step
    # writes for the runner (report.write_warnings).
    figure_warnings: tuple[authored_check.FigureWarning, ...] = ()
    language: str = "en"  # the document's language (languages.LANGUAGES)

    @property
    def html_title(self) -> str:
        title = f"{self.header.title}: {self.header.organisation}"
        return title if str(self.year) in title else f"{title}, {self.year}"

    def generated_sentences(self) -> list[str]:
        return [s for b in self.blocks if isinstance(b, Paragraph) for s in b.sentences]


def commented_pieces(block: Paragraph) -> list[tuple[int, Span, tuple[Comment, ...]]]:
    """The paragraph's spans cut where its comments' sentences begin and end, each piece with
    where it starts in the text and the comments on it: what a renderer marks (a Word comment
    is anchored on whole runs)."""
    ranges = []
    for comment in block.comments:
        start = block.text.find(comment.anchor)
        if start >= 0:
            ranges.append((start, start + len(comment.anchor), comment))
    cuts = {at for start, end, _ in ranges for at in (start, end)}
    pieces, start = [], 0
    for span in block.spans:
        inside = sorted(c - start for c in cuts if start < c < start + len(span.text))
        for a, b in zip([0, *inside], [*inside, len(span.text)], strict=True):
            on = tuple(c for lo, hi, c in ranges if lo <= start + a < hi)
            pieces.append((start + a, replace(span, text=span.text[a:b]), on))
        start += len(span.text)
    return pieces


def plain(text: str, kind: str = "body") -> Paragraph:
    return Paragraph((Span(text),), kind)


# ---------------------------------------------------------------------------------------------
# The generated parts


def source_line(data_source: str, inputs: list[dict]) -> str:
    """Under each table: the data its figures come from (status.data_source, by the year's
    data status), and its files (the annex lists them with their checksums)."""
    files = " and ".join(record["path"] for record in inputs)
    return f"Source: {data_source}; files {files}, as listed under Provenance."


def generated_paragraph(sentences: list[str], opening: str = "") -> Paragraph:
    text = " ".join([opening, *sentences] if opening else sentences)
    return Paragraph((Span(text),), "generated", tuple(sentences))


def data_table(number: int, year: int, table: pd.DataFrame, source: str) -> Table:
    frame = tables.readable(table)
    return Table(
        title=table_title(number, year),
        columns=(frame.index.name, *map(str, frame.columns)),
        rows=tuple((str(label), *map(str, row)) for label, row in frame.iterrows()),
        number=number,
        source=source,
        has_total=True,
        frame=frame,
    )


def figures(folder: Path, stems: tuple[str, ...], year: int, table: int) -> list[Figure]:
    """The charts of Table `table`, captioned with their titles: each draws that table's
    figures, and says so."""
    titles = charts.chart_titles(year)
    return [
        Figure(folder / f"{stem}.png", titles[stem], FIGURE_ALT[stem], f"Source: Table {table}.")
        for stem in stems
    ]


def method_annex(
    year: int,
    table1: pd.DataFrame,
    offices: pd.DataFrame,
    log: pd.DataFrame,
    inputs: list[dict],
    authored: list[dict],
    data_source: str,
    level: int,
) -> list[Block]:
    """How the figures were made, the reports' notes, and what they were made from."""
    blocks: list[Block] = [Heading(level, "Method")]
    for paragraph in narrative.method_paragraphs(table1, log, offices, year, listed_below=True):
        blocks.append(generated_paragraph([paragraph]))
    missing = narrative.no_report_by_region(offices)
    if missing:
        blocks.append(
            Table(
                title=f"Country Offices that sent no report for {year}, by region",
                columns=("Region", "Number", "Country Offices"),
                rows=tuple((region, str(n), names) for region, n, names in missing),
                source=f"Source: {data_source}; the roster's offices with no report in the "
                "export (the cleaning log's no_report rows).",
                kind="notes",
            )
        )
    with_notes = offices[offices["notes"].str.strip().ne("")]
    if not with_notes.empty:
        blocks.append(Heading(level, "Notes from the reports"))
        blocks.append(
            Table(
                title=f"Notes from the Country Office Annual Reports, {year}",
                columns=("Country Office", "Region", "Note"),
                rows=tuple(
                    (str(o), str(r), str(n))
                    for o, r, n in zip(
                        with_notes["country_office"],
                        with_notes["region"],
                        with_notes["notes"],
                        strict=True,
                    )
                ),
                source=f"Source: {data_source}; the Notes column of the report export.",
                kind="notes",
            )
        )
    blocks.append(Heading(level, "Provenance"))
    blocks.append(
        Table(
            title=f"Input files of {year}, with their SHA-256 checksums",
            columns=("File", "Bytes", "SHA-256"),
            rows=tuple((r["path"], str(r["bytes"]), r["sha256"]) for r in [*inputs, *authored]),
            source="Source: the raw files as the clean step read them (its inputs.json)"
            + (", and the authored text." if authored else "."),
            kind="files",
        )
    )
    versions = ", ".join(f"{name} {version}" for name, version in package_versions().items())
    blocks.append(plain(f"Software: {versions}."))
    blocks.append(
        plain(
            f"Table 1 and Table 2 are also in {TABLE1_FILE} and {TABLE2_FILE} (one row per "
            "region and activity) and in tables.xlsx, beside this document."
        )
    )
    return blocks


@dataclass(frozen=True)
class Generated:
    """Every generated part of a year's document, by placeholder name."""

    parts: dict[str, list[Block]]
    table_source: str
    figures: inline.YearFigures | None = None  # what inline figures are read from

    def part(self, name: str, level: int = 1) -> list[Block]:
        blocks = self.parts[name]
        if name != "method_annex":
            return blocks
        # The annex's headings sit one level below the heading the authored text puts above.
        return [replace(b, level=level + 1) if isinstance(b, Heading) else b for b in blocks]


def generated_parts(
    year: int,
    table1: pd.DataFrame,
    table2: pd.DataFrame,
    offices: pd.DataFrame,
    log: pd.DataFrame,
    inputs: list[dict],
    regions: Regions,
    figures_dir: Path,
    data_source: str,
    authored: list[dict] | None = None,
) -> Generated:
    """Every generated part; `inputs` are the raw files the tables come from, `data_source`
    what they are (status.data_source), `authored` the authored text's record, which the
    annex lists beside them."""
    authored = authored or []
    source = source_line(data_source, inputs)
    silent = offices[~offices["has_report"].astype(bool)]
    no_report = {str(r): int(n) for r, n in silent.groupby("region").size().items()}
    parts: dict[str, list[Block]] = {
        "capacity_building_paragraph": [
            generated_paragraph(
                narrative.capacity_building_paragraph(table1, regions, year, no_report)
            )
        ],
        "table1": [data_table(1, year, table1, source)],
        "table1_figures": figures(figures_dir, TABLE1_FIGURES, year, 1),
        "data_research_paragraph": [
            generated_paragraph(narrative.data_research_paragraph(table2, regions, year, no_report))
        ],
        "table2": [data_table(2, year, table2, f"{TABLE2_CELL_NOTE} {source}")],
        "table2_figures": figures(figures_dir, TABLE2_FIGURES, year, 2),
        "method_annex": method_annex(year, table1, offices, log, inputs, authored, data_source, 2),
    }
    assert set(parts) == set(PLACEHOLDERS)  # a placeholder without a part is a bug
    return Generated(parts, source, inline.YearFigures(table1, table2, offices, regions))


# ---------------------------------------------------------------------------------------------
# Markdown to blocks


def spans(content: Token, fill=None, breaks: list[int] | None = None) -> tuple[Span, ...]:
    """An inline token's text, with bold, italic, code and links kept; `fill(text, before)`,
    if given, writes out the inline figures of a run of text (`before`: the text so far);
    `breaks`, if given, takes where the source's lines break in the text."""
    out: list[Span] = []
    length = 0  # of the text so far, kept as it grows: a long paragraph stays linear
    counted_last = True  # whether `length` holds out[-1]
    bold = italic = False
    href: str | None = None
    for child in content.children or []:
        kind = child.type
        length += len(out[-1].text) if out and not counted_last else 0
        counted_last = True
        if kind == "strong_open" or kind == "strong_close":
            bold = kind == "strong_open"
        elif kind == "em_open" or kind == "em_close":
            italic = kind == "em_open"
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
        elif kind == "link_close":
            href = None
        elif kind == "code_inline":
            out.append(Span(child.content, bold, italic, True, href))
            counted_last = False
        elif kind == "softbreak" or kind == "hardbreak":
            if breaks is not None:
                breaks.append(length + 1)
            out.append(Span(" " if kind == "softbreak" else "\n", bold, italic, False, href))
            counted_last = False
        elif kind == "image":  # an image stays out of a UN document: its description shows
            out.append(Span(child.content, bold, italic, False, href))
            counted_last = False
        else:
            text = child.content
            if fill is not None and "{{" in text:
                text = fill(text, "".join(s.text for s in out))
            out.append(Span(text, bold, italic, False, href))
            counted_last = False
    return tuple(s for s in out if s.text)


def authored_blocks(
    text: Authored, generated: Generated, checker: authored_check.Checker | None = None
) -> list[Block]:
    """The authored text as blocks, each placeholder replaced by its generated part; with a
    `checker`, each paragraph's typed figures checked, a warning a comment on its sentence."""
    blocks: list[Block] = []
    tokens = text.tokens
    sections = authored_check.section_activities(tokens) if checker is not None else {}
    inline_spans: list[tuple[int, int]] = []  # where the paragraph's inline figures are

    def fill(run: str, before: str) -> str:
        filled, at = inline.fill(run, before, generated.figures, text.name)
        inline_spans.extend((len(before) + a, len(before) + b) for a, b in at)
        return filled

    def paragraph(i: int, kind: str, **more) -> Paragraph:
        inline_spans.clear()
        breaks: list[int] = []
        block = Paragraph(spans(tokens[i], fill, breaks), kind, **more)
        if checker is None or tokens[i].map is None:
            return block
        line = text.body_first_line + tokens[i].map[0]
        found = checker.paragraph(block.text, line, breaks, list(inline_spans), sections.get(i))
        return replace(block, comments=tuple(Comment(w.sentence, w.about) for w in found))

    level = 1  # of the last heading, so that the annex's headings go below it
    lists: list[bool] = []  # the lists the token is in, innermost last: numbered or not
    quote = False
    for i, token in enumerate(tokens):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append(kind == "ordered_list_open")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "blockquote_open":
            quote = True
        elif kind == "blockquote_close":
            quote = False
        elif kind in ("fence", "code_block"):
            blocks.append(Paragraph((Span(token.content.rstrip("\n"), code=True),), "code"))
        elif kind == "inline":
            opener = tokens[i - 1]
            if opener.type == "heading_open":
                level = int(opener.tag[1])
                blocks.append(Heading(level, "".join(s.text for s in spans(token))))
                continue
            name = authored_text.placeholder_name(opener, token) if opener.level == 0 else None
            if name is not None:
                blocks.extend(generated.part(name, level) if name in generated.parts else [])
            elif lists:
                blocks.append(paragraph(i, "item", depth=len(lists) - 1, ordered=lists[-1]))
            else:
                blocks.append(paragraph(i, "quote" if quote else "body"))
    return blocks


# ---------------------------------------------------------------------------------------------
# The document


def _numbered(blocks: list[Block]) -> tuple[Block, ...]:
    """Figures numbered in the order the document shows them; the annex's tables after the
    tables of figures (Table 1 and 2, titled as the paper titles them)."""
    out: list[Block] = []
    figure_count = 0
    table_count = max((b.number or 0 for b in blocks if isinstance(b, Table)), default=0)
    for block in blocks:
        if isinstance(block, Figure):
            figure_count += 1
            block = replace(block, number=figure_count)
        elif isinstance(block, Table) and block.number is None:
            table_count += 1
            block = replace(block, number=table_count, title=f"Table {table_count}. {block.title}")
        out.append(block)
    return tuple(out)


def generated_only(year: int, generated: Generated, authored_path: Path) -> list[Block]:
    """A year without authored text: the generated parts alone, saying where the text goes."""
    return [
        plain(
            f"No authored text for {year}: this document holds the generated parts alone. The "
            "researchers' own paragraphs (introduction, global initiatives, country examples, "
            f"conclusion) and the document's header go in {display_path(authored_path)}, "
            "as authored/README.md describes.",
            "note",
        ),
        Heading(1, "Capacity building initiatives on international migration and development"),
        *generated.part("capacity_building_paragraph"),
        *generated.part("table1"),
        *generated.part("table1_figures"),
        Heading(1, "Other major initiatives on international migration and development"),
        *generated.part("data_research_paragraph"),
        *generated.part("table2"),
        *generated.part("table2_figures"),
        Heading(1, "Annex. Method and provenance"),
        *generated.part("method_annex", 1),
    ]


def default_header(year: int) -> Header:
    return Header(
        meeting="",
        title=f"UNFPA Country Office activities on international migration, {year}",
        organisation=ORGANISATION,
    )


def unplaced(text: Authored, generated: Generated) -> tuple[list[Block], list[str]]:
    """The generated parts an authored text leaves out, at its end, and a warning naming them."""
    missing = [name for name in PLACEHOLDERS if name not in text.placeholders]
    if not missing:
        return [], []
    names = ", ".join(f"{{{{ {name} }}}}" for name in missing)
    blocks: list[Block] = [Heading(1, "Generated parts not placed in the authored text")]
    for name in missing:
        blocks.extend(generated.part(name, 1))
    return blocks, [f"{text.name}: no place for {names}; they are at the end of the document"]


def build(
    year: int,
    generated: Generated,
    text: Authored | None,
    authored_path: Path,
    status: list[Paragraph],
    synthetic: bool = False,
    warnings: list[str] | None = None,
    checker: authored_check.Checker | None = None,
) -> Document:
    """The whole document: authored text with its placeholders filled, or the generated parts;
    after the header, what `status` says of the data (report.status_notes). With a
    `checker`, the authored text's figures are checked as its blocks are made."""
    notes: list[Block] = list(status)
    if synthetic and authored_path.is_file():
        notes.append(
            plain(
                f"The authored text of {display_path(authored_path)} is left out: it describes "
                "UNFPA's reports, not synthetic data.",
                "note",
            )
        )
    if text is None:
        return Document(
            year,
            default_header(year),
            _numbered([*notes, *generated_only(year, generated, authored_path)]),
            synthetic,
            None,
            tuple(warnings or ()),
            generated.table_source,
        )
    rest, missing = unplaced(text, generated)
    blocks = authored_blocks(text, generated, checker)
    checked = tuple(checker.warnings) if checker is not None else ()
    return Document(
        year,
        text.header,
        _numbered([*notes, *blocks, *rest]),
        synthetic,
        text.name,
        tuple([*missing, *(warnings or []), *map(str, checked)]),
        generated.table_source,
        checked,
    )


def for_year(
    generated: Generated,
    year: int,
    authored_path: Path,
    table1: pd.DataFrame,
    table2: pd.DataFrame,
    regions: Regions,
    status: list[Paragraph],
    synthetic: bool = False,
) -> Document:
    """A year's document from its generated parts and its authored text, if any. A synthetic
    raw folder gets no authored text: the researchers' paragraphs describe UNFPA's reports."""
    text = None if synthetic else authored_text.read(authored_path)
    checker = None
    if text is not None:
        if generated.figures is not None:
            inline.check_all(list(text.inline), generated.figures, text.name)
        checker = authored_check.Checker(table1, table2, regions, year, text.name)
    return build(year, generated, text, authored_path, status, synthetic, checker=checker)


def check_figures(
    text: Authored,
    table1: pd.DataFrame,
    table2: pd.DataFrame,
    regions: Regions,
    year: int,
    offices: pd.DataFrame | None = None,
) -> list[authored_check.FigureWarning]:
    """The figure check's warnings on an authored text, in its order: its blocks made (inline
    figures written out, from `offices` for the roster's), each paragraph checked as it
    stands."""
    checker = authored_check.Checker(table1, table2, regions, year, text.name)
    figures = inline.YearFigures(table1, table2, offices, regions)
    authored_blocks(text, Generated({}, "", figures), checker)
    return checker.warnings


def authored_records(authored_path: Path) -> list[dict]:
    """The authored text as the provenance lists it (none where the year has none), and the
    Word reference document its front matter names, which shapes report.docx."""
    from .provenance import file_record

    if not authored_path.is_file():
        return []
    records = [
        {**file_record(authored_path, authored_path.parent), "path": display_path(authored_path)}
    ]
    text = authored_text.read(authored_path)
    reference = text.header.reference_docx if text is not None else None
    if reference is not None:
        records.append(
            {**file_record(reference, reference.parent), "path": display_path(reference)}
        )
    return records
