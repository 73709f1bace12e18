"""The researchers' own text for a year: `authored/<year>.md`, front matter then Markdown.

The front matter (YAML between two `---` lines) holds the document's header block; the
Markdown holds the sections, with placeholders such as `{{ table1 }}`, each on a line of its
own, where the generated parts go, and figures inline in sentences, such as
`{{ table1.percent("Africa") }}` (inline.py). Every problem a researcher can cause is an InputError
naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from . import inline, ooxml
from .errors import InputError, LineProblem
from .inline import InlineFigure
from .paths import display_path

# The generated parts an authored text places, in the order a document without authored text
# shows them; each name is what a researcher types between `{{` and `}}`.
PLACEHOLDERS = {
    "capacity_building_paragraph": "the paragraph on training/capacity building, from Table 1",
    "table1": "Table 1, with its title and source",
    "table1_figures": "the figure of Table 1",
    "data_research_paragraph": "the paragraph on the six activities, from Table 2",
    "table2": "Table 2, with its title and source",
    "table2_figures": "the figures of Table 2",
    "method_annex": "the annex: method, notes from the reports, provenance",
}

# Header keys: what each holds. `meeting`, `title` and `organisation` are required.
HEADER_KEYS = {
    "meeting": "the meeting's name, e.g. Ninth Coordination Meeting on International Migration",
    "convener": "the lines under the meeting's name (a list), e.g. Population Division",
    "place_and_date": "e.g. New York, 17-18 February 2011",
    "title": "the document's title, e.g. Input to the Ninth Coordination Meeting",
    "organisation": "who submits it, e.g. United Nations Population Fund (UNFPA)",
    "footnote": "the note on the title, e.g. the disclaimer",
    "follows": "the paper whose form the document follows, which ends the line under the "
    "title, e.g. UNFPA's input to the Ninth Coordination Meeting on International Migration "
    "(2011)",
    "language": "the document's language as a tag, e.g. en-GB (the default), fr-FR, es-ES",
    "reference_docx": "an office's Word document or template (.docx, .dotx) whose styles, page "
    "set-up, headers and footers report.docx takes, relative to this file",
}
REQUIRED_HEADER_KEYS = ("meeting", "title", "organisation")

_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")
_PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
_FENCE = "---"

# markdown-it as CommonMark with raw HTML off: a tag typed in the text is shown as text.
_MARKDOWN = MarkdownIt("commonmark", {"html": False})


@dataclass(frozen=True)
class Header:
    meeting: str
    title: str
    organisation: str
    convener: tuple[str, ...] = ()
    place_and_date: str = ""
    footnote: str = ""
    follows: str = ""
    language: str = ""  # a language tag (en-GB where empty)
    reference_docx: Path | None = None  # the Word file's styles and page set-up


@dataclass(frozen=True)
class Authored:
    """One year's authored text: header, Markdown tokens, and where each placeholder sits."""

    path: Path
    header: Header
    tokens: list[Token]
    body_first_line: int  # the file's line (1-based) of the Markdown's first line
    placeholders: dict[str, int] = field(default_factory=dict)  # name -> line in the file
    inline: tuple[InlineFigure, ...] = ()  # the figures typed inside sentences, in order

    @property
    def name(self) -> str:
        return display_path(self.path)


def _split_front_matter(text: str, name: str) -> tuple[str, str, int]:
    """(front matter, Markdown, the file's line where the Markdown starts)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != _FENCE:
        raise InputError(
            LineProblem(
                name,
                "the file must open with front matter: a line `---`, the header's keys "
                f"({', '.join(REQUIRED_HEADER_KEYS)} at least), and another line `---`",
                row=1,
            )
        )
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == _FENCE:
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    raise InputError(
        LineProblem(name, "the front matter opened here has no closing `---` line", row=1)
    )


def _key_line(front: str, key: str) -> int:
    """The file's line of a top-level key in the front matter (which starts on line 2)."""
    for i, line in enumerate(front.split("\n")):
        if re.match(rf"{re.escape(str(key))}\s*:", line):
            return i + 2
    return 1


class _RepeatedKey(yaml.YAMLError):
    """A mapping key given twice: (the key, the lines of both, 0-based in the YAML)."""

    def __init__(self, key: object, first_line: int, again_line: int):
        super().__init__(key, first_line, again_line)
        self.key, self.first_line, self.again_line = key, first_line, again_line


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a key repeated in a mapping: the YAML spec forbids it,
    and PyYAML would keep the last silently (last year's `title:` under this year's)."""


def _unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict:
    seen: dict[object, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        try:
            repeated = key in seen
        except TypeError:  # an unhashable key: the safe loader's own error says so
            break
        if repeated:
            raise _RepeatedKey(key, seen[key], key_node.start_mark.line)
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def _reference_docx(value: str, folder: Path, name: str, line: int) -> tuple[Path | None, list]:
    """The reference document the front matter names, found beside the authored file, or the
    problem with it: missing, or not a Word document or template."""
    path = (folder / value.strip()).resolve()
    problem = ooxml.reference_problem(path)
    if problem is None:
        return path, []
    message = f"`reference_docx`: {display_path(path)}: {problem}"
    return None, [LineProblem(name, message, row=line, value=value)]


def _header(front: str, name: str, folder: Path = Path(".")) -> Header:
    try:
        data = yaml.load(front, Loader=_UniqueKeyLoader)  # noqa: S506 (a safe loader)
    except _RepeatedKey as err:
        first, again = err.first_line + 2, err.again_line + 2  # front matter starts on line 2
        raise InputError(
            LineProblem(
                name,
                f"`{err.key}` is given twice, on line {first} and on line {again}; keep one "
                "(YAML allows each key once, and which one was meant cannot be told)",
                row=again,
                value=str(err.key),
            )
        ) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(err, "problem", None) or "not valid YAML"
        raise InputError(
            LineProblem(name, f"the front matter is not valid YAML ({problem})", row=line)
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(
            LineProblem(name, "the front matter must be `key: value` lines, one per key", row=2)
        )
    problems = []
    for key, value in data.items():
        if key not in HEADER_KEYS:
            problems.append(
                LineProblem(
                    name,
                    f"unknown header key; the keys are {', '.join(HEADER_KEYS)}",
                    row=_key_line(front, key),
                    value=str(key),
                )
            )
        elif key == "convener":
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                problems.append(
                    LineProblem(
                        name,
                        "`convener` is a list of lines, each `  - text`",
                        row=_key_line(front, key),
                    )
                )
        elif not isinstance(value, str) or not value.strip():
            problems.append(
                LineProblem(
                    name,
                    f"`{key}` must be a line of text ({HEADER_KEYS[key]})",
                    row=_key_line(front, key),
                )
            )
    reference = None
    if isinstance(data.get("reference_docx"), str) and data["reference_docx"].strip():
        line = _key_line(front, "reference_docx")
        reference, found = _reference_docx(data["reference_docx"], folder, name, line)
        problems.extend(found)
    language = data.get("language", "")
    if isinstance(language, str) and language.strip():
        if not _LANGUAGE_TAG.fullmatch(language.strip()):
            problems.append(
                LineProblem(
                    name,
                    "`language` is a language tag such as en-GB, fr-FR or es-ES",
                    row=_key_line(front, "language"),
                    value=language,
                )
            )
    for key in REQUIRED_HEADER_KEYS:
        if key not in data:
            problems.append(
                LineProblem(name, f"the front matter needs `{key}:` ({HEADER_KEYS[key]})")
            )
    if problems:
        raise InputError(problems)
    return Header(
        meeting=data["meeting"].strip(),
        title=data["title"].strip(),
        organisation=data["organisation"].strip(),
        convener=tuple(v.strip() for v in data.get("convener", [])),
        place_and_date=data.get("place_and_date", "").strip(),
        footnote=data.get("footnote", "").strip(),
        follows=data.get("follows", "").strip(),
        language=language.strip() if isinstance(language, str) else "",
        reference_docx=reference,
    )


def placeholder_name(paragraph: Token, content: Token) -> str | None:
    """The placeholder a paragraph is, or None: `{{ name }}` standing alone (a figure
    standing alone, `{{ roster.count() }}`, is a sentence's figure, not a placeholder)."""
    match = _PLACEHOLDER.fullmatch(content.content.strip())
    if paragraph.type != "paragraph_open" or not match or inline.looks_inline(match.group(1)):
        return None
    return match.group(1)


def _placeholders(
    tokens: list[Token], first_line: int, name: str
) -> tuple[dict[str, int], list[InlineFigure]]:
    """Where each placeholder sits, and the figures inline in sentences; unknown, repeated or
    misplaced placeholders and figures outside the vocabulary are errors."""
    found: dict[str, int] = {}
    figures: list[InlineFigure] = []
    problems = []
    for i, token in enumerate(tokens):
        if token.type != "inline":
            continue
        line = first_line + (token.map[0] if token.map else 0)
        opener = tokens[i - 1]
        whole = placeholder_name(opener, token) if opener.level == 0 else None
        known = ", ".join(f"{{{{ {p} }}}}" for p in PLACEHOLDERS)
        if whole is not None:
            if whole not in PLACEHOLDERS:
                problems.append(
                    LineProblem(
                        name,
                        f"unknown placeholder; the placeholders are {known}, and the figures "
                        "a sentence may hold are listed in docs/authored-text.md",
                        line,
                        None,
                        f"{{{{ {whole} }}}}",
                    )
                )
            elif whole in found:
                problems.append(
                    LineProblem(
                        name,
                        f"placeholder used twice (first on line {found[whole]}); each generated "
                        "part goes in one place",
                        line,
                        None,
                        f"{{{{ {whole} }}}}",
                    )
                )
            else:
                found[whole] = line
            continue
        for match in _PLACEHOLDER.finditer(token.content):
            at = line + token.content[: match.start()].count("\n")
            inner = match.group(1)
            if inline.looks_inline(inner) and opener.type != "heading_open":
                figure = inline.parse(inner, at)
                if isinstance(figure, str):
                    problems.append(LineProblem(name, figure, at, None, match.group(0)))
                else:
                    figures.append(figure)
            elif inline.looks_inline(inner):
                problems.append(
                    LineProblem(
                        name, "a figure goes in a sentence, not a heading", at, None, match.group(0)
                    )
                )
            elif inner not in PLACEHOLDERS:  # neither a figure nor a generated part
                problems.append(
                    LineProblem(name, inline.parse(inner, at), at, None, match.group(0))
                )
            else:
                problems.append(
                    LineProblem(
                        name,
                        "a placeholder must stand alone on its own line, with a blank line before "
                        "and after it",
                        at,
                        None,
                        match.group(0),
                    )
                )
    if problems:
        raise InputError(problems)
    return found, figures


def parse(text: str, path: Path) -> Authored:
    """Authored text from its file's content; `path` names it in messages."""
    name = display_path(path)
    front, body, first_line = _split_front_matter(text, name)
    header = _header(front, name, path.parent)
    tokens = _MARKDOWN.parse(body)
    placeholders, figures = _placeholders(tokens, first_line, name)
    return Authored(path, header, tokens, first_line, placeholders, tuple(figures))


def read(path: Path) -> Authored | None:
    """A year's authored text, or None where the year has none."""
    if not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            LineProblem(display_path(path), f"not UTF-8 text (byte {err.start}); save it as UTF-8")
        ) from None
    return parse(text.replace("\r\n", "\n"), path)
