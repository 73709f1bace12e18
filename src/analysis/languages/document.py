"""A year's whole document in a language other than English: the same blocks as
analysis.document builds for English (its dataclasses, its authored-text reader), every
generated label from the language's catalogue, every generated sentence from its phrasebook,
its tables in the language's words, its authored text from authored/<year>.<language>.md.

English is built by analysis.document itself, unchanged; the two are held to the same cells by
generated.differences, which `document_for` runs before it returns a document."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import pandas as pd

from .. import authored as authored_text
from ..authored import PLACEHOLDERS, Authored, Header
from ..document import (
    TABLE1_FIGURES,
    TABLE2_FIGURES,
    Block,
    Comment,
    Document,
    Figure,
    Generated,
    Heading,
    Paragraph,
    Span,
    Table,
    authored_blocks,
    generated_paragraph,
    plain,
)
from ..errors import InputError, Problem
from ..paths import TABLE1_FILE, TABLE2_FILE, display_path
from ..provenance import package_versions
from ..regions import Regions
from ..status import STATUS_FILE, DataStatus
from . import figures as figure_check
from . import generated, label, status_key


@dataclass(frozen=True)
class LanguageFigure(Figure):
    """A figure whose caption's word is the language's ("Gráfico 2.")."""

    word: str = "Figure"

    @property
    def label(self) -> str:
        return f"{self.word} {self.number}. {self.caption}"


def file_name(name: str, language: str) -> str:
    """An output's name in `language`: report.html -> report.fr.html (English keeps its own)."""
    if language == "en":
        return name
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{language}{dot}{suffix}"


def authored_file(authored_path: Path, language: str) -> Path:
    """authored/<year>.<language>.md beside authored/<year>.md."""
    return authored_path.with_name(f"{authored_path.stem}.{language}{authored_path.suffix}")


def data_source(language: str, status: DataStatus, year: int) -> str:
    return label(language, f"data_source.{status_key(status.status)}", year=year)


def status_notes(language: str, status: DataStatus, year: int) -> list[Paragraph]:
    """The line under the title and the data status, as report.status_notes says them."""
    key = status_key(status.status)
    text = status.note or label(language, f"status.text.{key}", year=year, status_file=STATUS_FILE)
    heading = label(language, "status.heading", label=label(language, f"status.label.{key}"))
    return [
        Paragraph((Span(label(language, f"subtitle.{key}", year=year) + "."),), "subtitle"),
        Paragraph((Span(heading, bold=True), Span(" " + text)), "status"),
    ]


def _table(language, regions, number: int, year: int, table: pd.DataFrame, source: str) -> Table:
    frame = generated.readable(table, language, regions)
    return Table(
        title=label(language, f"table.title.{number}", number=number, year=year),
        columns=(frame.index.name, *map(str, frame.columns)),
        rows=tuple((str(name), *map(str, row)) for name, row in frame.iterrows()),
        number=number,
        source=source,
        has_total=True,
        frame=frame,
    )


def _figures(language, folder: Path, stems, year: int, table: int) -> list[Figure]:
    return [
        LanguageFigure(
            folder / f"{stem}.png",
            label(language, f"chart.title.{stem}", year=year),
            label(language, f"alt.{stem}"),
            label(language, "source.figure", number=table),
            word=label(language, "caption.figure"),
        )
        for stem in stems
    ]


def _method_annex(language, regions, year, table1, offices, log, inputs, authored, source):
    t = partial(label, language)
    blocks: list[Block] = [Heading(2, t("heading.method"))]
    for paragraph in generated.method_paragraphs(language, table1, log, offices, regions, year):
        blocks.append(generated_paragraph([paragraph]))
    with_notes = offices[offices["notes"].str.strip().ne("")]
    if not with_notes.empty:
        blocks.append(Heading(2, t("heading.notes")))
        blocks.append(
            Table(
                title=t("notes.title", year=year),
                columns=(
                    t("notes.column.country_office"),
                    t("notes.column.region"),
                    t("notes.column.note"),
                ),
                rows=tuple(
                    (str(o), generated.region_name(language, regions, str(r)), str(n))
                    for o, r, n in zip(
                        with_notes["country_office"],
                        with_notes["region"],
                        with_notes["notes"],
                        strict=True,
                    )
                ),
                source=t("source.notes", data_source=source),
                kind="notes",
            )
        )
    blocks.append(Heading(2, t("heading.provenance")))
    blocks.append(
        Table(
            title=t("files.title", year=year),
            columns=(t("files.column.file"), t("files.column.bytes"), t("files.column.sha256")),
            rows=tuple((r["path"], str(r["bytes"]), r["sha256"]) for r in [*inputs, *authored]),
            source=t("source.files_and_authored" if authored else "source.files"),
            kind="files",
        )
    )
    versions = ", ".join(f"{name} {version}" for name, version in package_versions().items())
    blocks.append(plain(t("software", versions=versions)))
    blocks.append(plain(t("also_in", table1_file=TABLE1_FILE, table2_file=TABLE2_FILE)))
    return blocks


def generated_parts(
    language: str,
    year: int,
    table1: pd.DataFrame,
    table2: pd.DataFrame,
    offices: pd.DataFrame,
    log: pd.DataFrame,
    inputs: list[dict],
    regions: Regions,
    figures_dir: Path,
    source: str,
    authored: list[dict] | None = None,
) -> tuple[Generated, tuple]:
    """Every generated part in `language`, and its sentences (for the check of cells)."""
    authored = authored or []
    files = f" {label(language, 'and')} ".join(record["path"] for record in inputs)
    line = label(language, "source.table", data_source=source, files=files)
    no_report = generated.no_report_of(offices)
    capacity, data = generated.paragraphs(language, table1, table2, regions, year, no_report)
    parts: dict[str, list[Block]] = {
        "capacity_building_paragraph": [generated_paragraph([s.text for s in capacity])],
        "table1": [_table(language, regions, 1, year, table1, line)],
        "table1_figures": _figures(language, figures_dir, TABLE1_FIGURES, year, 1),
        "data_research_paragraph": [generated_paragraph([s.text for s in data])],
        "table2": [
            _table(
                language, regions, 2, year, table2, f"{label(language, 'table2.cell_note')} {line}"
            )
        ],  # fmt: skip
        "table2_figures": _figures(language, figures_dir, TABLE2_FIGURES, year, 2),
        "method_annex": _method_annex(
            language, regions, year, table1, offices, log, inputs, authored, source
        ),
    }
    assert set(parts) == set(PLACEHOLDERS)
    return Generated(parts, line), (capacity, data)


def _numbered(language: str, blocks: list[Block]) -> tuple[Block, ...]:
    """document._numbered, with the language's word for a table."""
    out: list[Block] = []
    figure_count = 0
    table_count = max((b.number or 0 for b in blocks if isinstance(b, Table)), default=0)
    for block in blocks:
        if isinstance(block, Figure):
            figure_count += 1
            block = replace(block, number=figure_count)
        elif isinstance(block, Table) and block.number is None:
            table_count += 1
            title = label(language, "table.numbered", number=table_count, title=block.title)
            block = replace(block, number=table_count, title=title)
        out.append(block)
    return tuple(out)


def _generated_only(language, year, generated_: Generated, path: Path) -> list[Block]:
    t = partial(label, language)
    return [
        plain(t("no_authored_text", year=year, authored_path=display_path(path)), "note"),
        Heading(1, t("heading.capacity_building")),
        *generated_.part("capacity_building_paragraph"),
        *generated_.part("table1"),
        *generated_.part("table1_figures"),
        Heading(1, t("heading.other_initiatives")),
        *generated_.part("data_research_paragraph"),
        *generated_.part("table2"),
        *generated_.part("table2_figures"),
        Heading(1, t("heading.annex")),
        *generated_.part("method_annex", 1),
    ]


def _checked(
    language, text: Authored, blocks: list[Block], tables_: pd.DataFrame, regions: Regions
) -> tuple[list[Block], list[str]]:
    """The figure check of the language's authored paragraphs (figures in digits): each
    warning as a comment on its sentence (a Word comment) and as a line for the page's box."""
    out, warnings = [], []
    for block in blocks:
        if isinstance(block, Paragraph) and block.kind in ("body", "item", "quote"):
            found = figure_check.check(block.text, language, tables_, regions)
            comments = []
            for typed in found:
                about = f'"{typed.typed}" ({typed.cell}): {typed.holds}'
                comments.append(Comment(typed.sentence, about))
                warnings.append(f"{text.name}: {about}")
            if comments:
                block = replace(block, comments=(*block.comments, *comments))
        out.append(block)
    return out, warnings


def document_for(
    language: str,
    year: int,
    table1: pd.DataFrame,
    table2: pd.DataFrame,
    offices: pd.DataFrame,
    log: pd.DataFrame,
    inputs: list[dict],
    regions: Regions,
    figures_dir: Path,
    authored_path: Path,
    status: DataStatus,
    synthetic: bool = False,
) -> Document:
    """The year's document in `language`; `authored_path` is the English authored file, beside
    which the language's own is looked for. Refused (InputError) if its sentences cite other
    cells than English's: a figure would differ between the languages."""
    path = authored_file(authored_path, language)
    text = None if synthetic else authored_text.read(path)
    records = [] if text is None else [_record(path)]
    source = data_source(language, status, year)
    parts, said = generated_parts(
        language, year, table1, table2, offices, log, inputs, regions, figures_dir, source, records
    )
    english = generated.paragraphs(
        "en", table1, table2, regions, year, generated.no_report_of(offices)
    )
    different = generated.differences(english, said)
    if different:
        raise InputError(
            [Problem(f"the {language} text of {year}", f"{d}; every language states the same "
                     "figures") for d in different]
        )  # fmt: skip
    notes: list[Block] = list(status_notes(language, status, year))
    tag = label(language, "page.language_tag")
    if text is None:
        header = _header(language, year, tag)
        blocks = _numbered(language, [*notes, *_generated_only(language, year, parts, path)])
        return Document(
            year, header, blocks, synthetic, None, (), parts.table_source, language=language
        )
    body, warnings = _checked(
        language, text, authored_blocks(text, parts), pd.concat([table1, table2]), regions
    )
    missing = [name for name in PLACEHOLDERS if name not in text.placeholders]
    rest: list[Block] = []
    if missing:
        rest = [Heading(1, label(language, "heading.unplaced"))]
        for name in missing:
            rest.extend(parts.part(name, 1))
        names = ", ".join(f"{{{{ {name} }}}}" for name in missing)
        warnings.insert(0, f"{text.name}: no place for {names}; they are at the end")
    blocks = _numbered(language, [*notes, *body, *rest])
    header = _with_language(text.header, tag)
    return Document(
        year,
        header,
        blocks,
        synthetic,
        text.name,
        tuple(warnings),
        parts.table_source,
        language=language,
    )


def _header(language: str, year: int, tag: str) -> Header:
    header = Header(
        meeting="",
        title=label(language, "default_title", year=year),
        organisation=label(language, "organisation"),
    )
    return _with_language(header, tag)


def _with_language(header: Header, tag: str) -> Header:
    """The header with its language tag, where the header has one (the Word file's language),
    unless the front matter gives its own."""
    if hasattr(header, "language") and not header.language:
        return replace(header, language=tag)
    return header


def _record(path: Path) -> dict:
    from ..provenance import file_record

    return {**file_record(path, path.parent), "path": display_path(path)}
