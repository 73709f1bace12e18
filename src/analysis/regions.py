"""The region list: canonical names, their aliases, how the text names them, their colours,
and their names in other languages (`name_fr`, `in_text_fr`, `in_fr`, ...)."""

from __future__ import annotations

import colorsys
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import normalise, read
from .errors import InputError, Problem, listed, quoted, raise_if_any
from .paths import display_path

# Okabe-Ito, a colour-blind-safe palette: used for a region the file gives no colour.
FALLBACK_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
TOTAL = "Total"
TOTAL_COLOUR = "#555555"
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?")
ACCEPTED_COLOURS = (
    "a hex colour such as #E69F00 or #E90, a colour name matplotlib knows such as steelblue, "
    "or an empty cell for one of the default palette"
)


@dataclass(frozen=True)
class Regions:
    canonical: tuple[str, ...]  # in file order
    by_key: dict[str, str]  # region key of a name or alias -> canonical name
    in_text: dict[str, str]  # canonical -> how a sentence names it ("the Arab States region")
    colours: dict[str, str]  # canonical -> colour, the same in every chart
    split_from: dict[str, str]  # a region -> the region it was carved out of (ESA -> Africa)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # as the file spells them
    # language -> canonical -> {"name": tables' name, "in_text": a sentence's name with its
    # article, "in": the phrase for "in <region>"} ("fr" -> "Arab States" -> "États arabes",
    # "la région des États arabes", "dans la région des États arabes")
    translations: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)

    def lookup(self, name: str) -> str | None:
        return self.by_key.get(normalise.region_key(name))

    def accepted(self) -> str:
        return f"{listed(list(self.canonical))} (or an alias listed in the region file)"

    def colour(self, region: str) -> str:
        return TOTAL_COLOUR if region == TOTAL else self.colours[region]

    def text_name(self, region: str) -> str:
        return self.in_text.get(region, region)

    def languages(self) -> tuple[str, ...]:
        """The languages other than English the list names its regions in."""
        return tuple(self.translations)

    def name_in(self, language: str, region: str, form: str = "name") -> str | None:
        """A region's name in `language` (`form`: "name", "in_text" or "in"); None where the
        list has none (English, or a region the list does not define)."""
        return self.translations.get(language, {}).get(region, {}).get(form)


def load(path: Path) -> Regions:
    """Read the region list: one row per region, aliases separated by `;`. It is checked as
    an export is, each problem named with its row: a region defined twice, a name or alias
    naming two regions, a region carved out of itself or of one the list does not define,
    a colour that is not one or that another region has."""
    name = display_path(path)
    rows = _region_rows(path)
    problems: list[Problem] = []
    by_key: dict[str, str] = {}  # region key of a name or alias -> canonical name
    named_on: dict[str, int] = {}  # region key of a name or alias -> the row naming it
    row_of: dict[str, int] = {}  # canonical name -> its row, in file order
    for number, row in rows.iterrows():
        region = row["region"]
        if not region:
            problems.append(Problem(name, "empty region name", row=number, column="region"))
            continue
        key = normalise.region_key(region)
        if key in by_key:
            problems.append(_named_twice(name, number, "region", region, by_key, named_on))
            continue
        by_key[key], named_on[key], row_of[region] = region, number, number
        for alias in _aliases(row["aliases"]):
            key = normalise.region_key(alias)
            if by_key.get(key, region) != region:
                problems.append(_named_twice(name, number, "aliases", alias, by_key, named_on))
            by_key.setdefault(key, region)
            named_on.setdefault(key, number)
    problems += _split_problems(name, rows, row_of, by_key)
    colours, colour_problems = _colours(name, rows, row_of)
    raise_if_any(problems + colour_problems)
    in_text = {region: rows.at[number, "in_text"] or region for region, number in row_of.items()}
    split_from = {
        region: by_key[normalise.region_key(rows.at[number, "split_from"])]
        for region, number in row_of.items()
        if rows.at[number, "split_from"]
    }
    aliases = {region: _aliases(rows.at[number, "aliases"]) for region, number in row_of.items()}
    translations, language_problems = _translations(name, rows, row_of)
    raise_if_any(language_problems)
    return Regions(tuple(row_of), by_key, in_text, colours, split_from, aliases, translations)


# A language's columns: each region's name in the tables, in a sentence (with its article),
# and the phrase for "in <region>" (French: "en Afrique", "dans la région des États arabes").
LANGUAGE_FORMS = ("name", "in_text", "in")
_LANGUAGE_COLUMN = re.compile(r"(name|in_text|in)_([a-z]{2,3})")
_FORM_MEANING = {
    "name": "its name in the tables",
    "in_text": "its name in a sentence, with its article",
    "in": 'the phrase for "in <region>"',
}


def _translations(
    file: str, rows: pd.DataFrame, row_of: dict[str, int]
) -> tuple[dict[str, dict[str, dict[str, str]]], list[Problem]]:
    """The regions' names per language, from the columns `name_<code>`, `in_text_<code>` and
    `in_<code>` (language codes as ISO 639: fr, es). A language has all three columns, every
    region a name in each, and no two regions one name: a document in that language could
    not otherwise name or tell apart its regions."""
    columns = [c for c in rows.columns if _LANGUAGE_COLUMN.fullmatch(c)]
    by_language: dict[str, set[str]] = {}
    for column in columns:
        form, language = _LANGUAGE_COLUMN.fullmatch(column).groups()
        by_language.setdefault(language, set()).add(form)
    problems: list[Problem] = []
    translations: dict[str, dict[str, dict[str, str]]] = {}
    for language, forms in by_language.items():
        missing = [f"{form}_{language}" for form in LANGUAGE_FORMS if form not in forms]
        if missing:
            problems.append(
                Problem(
                    file,
                    f"the names in language {quoted(language)} need the columns "
                    f"{listed([f'{f}_{language}' for f in LANGUAGE_FORMS])} "
                    f"(missing: {listed(missing)})",
                    row=1,
                )
            )
            continue
        names: dict[str, dict[str, str]] = {}
        named_on: dict[str, int] = {}  # a language's table name, as a key -> its row
        for region, number in row_of.items():
            cells = {f: rows.at[number, f"{f}_{language}"] for f in LANGUAGE_FORMS}
            for form, cell in cells.items():
                if not cell:
                    problems.append(
                        Problem(
                            file,
                            f"{quoted(region)} has no name in language {quoted(language)}: "
                            f"give {_FORM_MEANING[form]}",
                            number,
                            f"{form}_{language}",
                        )
                    )
            key = normalise.region_key(cells["name"])
            if cells["name"] and key in named_on:
                problems.append(
                    Problem(
                        file,
                        f"the {language} name of the region on row {named_on[key]} too; give "
                        "each region its own name",
                        number,
                        f"name_{language}",
                        cells["name"],
                    )
                )
            named_on.setdefault(key, number)
            names[region] = cells
        translations[language] = names
    return translations, problems


def _aliases(cell: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in cell.split(";") if a.strip())


REGION_COLUMNS = ["region", "aliases", "in_text", "colour", "split_from"]


def _region_rows(path: Path) -> pd.DataFrame:
    """The list's rows by spreadsheet row number, every column of REGION_COLUMNS (empty where
    the file has none), cells trimmed."""
    frame = read.read_table(path).frame
    if "region" not in frame:
        raise InputError(
            Problem(
                display_path(path),
                f"the region list needs a `region` column (found: {listed(list(frame))})",
                row=1,
            )
        )
    languages = [c for c in frame.columns if _LANGUAGE_COLUMN.fullmatch(c)]
    columns = REGION_COLUMNS + languages
    return frame.reindex(columns=columns, fill_value="").apply(lambda c: c.str.strip())


def _named_twice(
    file: str, row: int, column: str, typed: str, by_key: dict[str, str], named_on: dict[str, int]
) -> Problem:
    key = normalise.region_key(typed)
    region, on = by_key[key], named_on[key]
    if column == "region" and normalise.region_key(region) == key:
        message = f"region already defined on row {on}; define each region once"
    else:
        message = f"also names {quoted(region)} (row {on}); a name or alias names one region only"
    return Problem(file, message, row, column, typed)


def _split_problems(
    file: str, rows: pd.DataFrame, row_of: dict[str, int], by_key: dict[str, str]
) -> list[Problem]:
    """`split_from` must name another region of this list."""
    problems = []
    for region, number in row_of.items():
        parent = rows.at[number, "split_from"]
        if not parent:
            continue
        found = by_key.get(normalise.region_key(parent))
        if found is None:
            message = "names no region of this list"
        elif found == region:
            message = (
                "a region cannot be carved out of itself; name the region it was carved "
                "out of, or leave the cell empty"
            )
        else:
            continue
        problems.append(Problem(file, message, number, "split_from", parent))
    return problems + _split_loops(file, rows, row_of, by_key)


def _split_loops(
    file: str, rows: pd.DataFrame, row_of: dict[str, int], by_key: dict[str, str]
) -> list[Problem]:
    """Regions each carved out of the next, round to the first (A from B, B from A): no
    region came first. Named once per loop, with its rows, at the loop's first row."""

    def parent_of(region: str) -> str | None:
        parent = by_key.get(normalise.region_key(rows.at[row_of[region], "split_from"]))
        return parent if parent in row_of and parent != region else None

    problems, in_loop = [], set()
    for start in row_of:
        path, region = [], start
        while region is not None and region not in path and region not in in_loop:
            path.append(region)
            region = parent_of(region)
        if region is None or region in in_loop:
            continue
        loop = path[path.index(region) :]
        in_loop.update(loop)
        first = min(loop, key=row_of.get)
        steps = [f"{r!r} (row {row_of[r]}) from {parent_of(r)!r}" for r in loop]
        problems.append(
            Problem(
                file,
                f"the regions' split_from go round in a loop: {'; '.join(steps)}; a region "
                "is carved out of one that existed before it, so empty the cell of the one "
                "that was not carved out of another",
                row_of[first],
                "split_from",
                rows.at[row_of[first], "split_from"],
            )
        )
    return problems


def _colours(
    file: str, rows: pd.DataFrame, row_of: dict[str, int]
) -> tuple[dict[str, str], list[Problem]]:
    """Each region's colour: its own, or the next of the palette that no region has. Two
    regions of one colour are refused: a chart could not tell them apart."""
    colours: dict[str, str] = {}
    taken: dict[str, str] = {}  # a colour as #RRGGBB -> the region that has it
    problems = []
    for region, number in row_of.items():
        typed = rows.at[number, "colour"]
        if not typed:
            continue
        if not is_colour(typed):
            problems.append(
                Problem(
                    file, f"not a colour; accepted: {ACCEPTED_COLOURS}", number, "colour", typed
                )
            )
            continue
        rgb = _as_rgb_hex(typed)
        if rgb in taken:
            problems.append(
                Problem(
                    file,
                    f"the colour of {quoted(taken[rgb])} (row {row_of[taken[rgb]]}); give each "
                    "region its own colour, or leave the cell empty for one of the default "
                    "palette",
                    number,
                    "colour",
                    typed,
                )
            )
        taken.setdefault(rgb, region)
        colours[region] = typed
    free = (c for c in _palette() if c not in taken)
    return {region: colours.get(region) or next(free) for region in row_of}, problems


def _palette():
    """FALLBACK_COLOURS, then as many more as needed: hues a golden angle apart, each far
    from the ones before it, at a lightness that reads on white."""
    yield from FALLBACK_COLOURS
    golden = (5**0.5 - 1) / 2
    for step in itertools.count(1):
        red, green, blue = colorsys.hls_to_rgb((step * golden) % 1, 0.45, 0.6)
        yield f"#{round(red * 255):02X}{round(green * 255):02X}{round(blue * 255):02X}"


def _as_rgb_hex(colour: str) -> str:
    """A colour as `#RRGGBB`, so that `#E90`, `#ee9900` and a name of that colour compare."""
    if _HEX_COLOUR.fullmatch(colour):
        digits = colour[1:].upper()
        return "#" + (digits if len(digits) == 6 else "".join(d * 2 for d in digits))
    from matplotlib.colors import to_hex

    return to_hex(colour).upper()


def is_colour(value: str) -> bool:
    """A colour the charts can draw with: hex, or a name matplotlib knows (not `none`)."""
    if _HEX_COLOUR.fullmatch(value):
        return True
    # Only a name needs matplotlib (0.15 s to import); the shipped list is all hex.
    from matplotlib.colors import is_color_like

    return value.lower() != "none" and is_color_like(value)
