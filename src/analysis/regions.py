"""The region list: canonical names, their aliases, how the text names them, their colours."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import normalise
from .errors import InputError, Problem, raise_if_any
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

    def lookup(self, name: str) -> str | None:
        return self.by_key.get(normalise.region_key(name))

    def accepted(self) -> str:
        return ", ".join(self.canonical) + " (or an alias listed in the region file)"

    def colour(self, region: str) -> str:
        return TOTAL_COLOUR if region == TOTAL else self.colours[region]

    def text_name(self, region: str) -> str:
        return self.in_text.get(region, region)


def load(path: Path) -> Regions:
    """Read the region file: one row per region, aliases separated by `;`."""
    name = display_path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(Problem(name, f"cannot read the region list ({err})")) from None
    if not rows:
        raise InputError(Problem(name, "the region list has no regions: one row per region"))
    if "region" not in rows[0]:
        raise InputError(Problem(name, "the region list needs a header with a `region` column"))
    canonical: list[str] = []
    by_key: dict[str, str] = {}
    in_text: dict[str, str] = {}
    aliases: dict[str, tuple[str, ...]] = {}
    colours: dict[str, str] = {}
    split_from: dict[str, str] = {}
    carved_out_of: dict[str, tuple[int, str]] = {}  # a region -> (its row, split_from as typed)
    problems: list[Problem] = []
    for number, row in enumerate(rows, start=2):
        region = (row.get("region") or "").strip()
        if not region:
            problems.append(Problem(name, "empty region name", row=number, column="region"))
            continue
        canonical.append(region)
        aliases[region] = tuple(
            a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()
        )
        names = [region, *aliases[region]]
        for alias in names:
            key = normalise.region_key(alias)
            if by_key.get(key, region) != region:
                problems.append(
                    Problem(name, f"alias also names {by_key[key]!r}", number, "aliases", alias)
                )
            by_key.setdefault(key, region)
        in_text[region] = (row.get("in_text") or "").strip() or region
        colour = (row.get("colour") or "").strip()
        if colour and not is_colour(colour):
            problems.append(
                Problem(
                    name, f"not a colour; accepted: {ACCEPTED_COLOURS}", number, "colour", colour
                )
            )
        colours[region] = colour or FALLBACK_COLOURS[(len(canonical) - 1) % len(FALLBACK_COLOURS)]
        if (row.get("split_from") or "").strip():
            carved_out_of[region] = (number, row["split_from"].strip())
    # Another row may define the region a row was carved out of: look once all are read.
    for region, (number, parent) in carved_out_of.items():
        split_from[region] = by_key.get(normalise.region_key(parent), "")
        if not split_from[region]:
            problems.append(
                Problem(name, "names no region of this list", number, "split_from", parent)
            )
    raise_if_any(problems)
    return Regions(tuple(canonical), by_key, in_text, colours, split_from, aliases)


def is_colour(value: str) -> bool:
    """A colour the charts can draw with: hex, or a name matplotlib knows (not `none`)."""
    if _HEX_COLOUR.fullmatch(value):
        return True
    # Only a name needs matplotlib (0.15 s to import); the shipped list is all hex.
    from matplotlib.colors import is_color_like

    return value.lower() != "none" and is_color_like(value)
