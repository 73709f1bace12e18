"""The contract's normalisation rules (section 1.3, 1.4 and 3), each in one place."""

from __future__ import annotations

import re
import unicodedata

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACE_OR_PUNCT = re.compile(r"[\W_]+")

REPORTED = frozenset({"yes", "y", "true", "1", "x"})
NOT_REPORTED = frozenset({"no", "n", "false", "0", ""})
ACCEPTED_FLAGS = "yes, y, true, 1 or x for reported; no, n, false, 0 or an empty cell for not"


def header(name: str) -> str:
    """`Training/capacity building` -> `training_capacity_building`."""
    return _NOT_ALNUM.sub("_", str(name).lower()).strip("_")


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def office_key(name: str) -> str:
    """The form names are matched in: `São Tomé & Príncipe` == `Sao Tome and Principe`."""
    text = _strip_accents(str(name)).casefold().replace("&", " and ")
    return _SPACE_OR_PUNCT.sub(" ", text).strip()


def region_key(name: str) -> str:
    """Like an office key, and a leading `the` is ignored (`The Arab States` == `arab states`)."""
    key = office_key(name)
    return key[4:] if key.startswith("the ") else key


def flag_key(value: str) -> str:
    return str(value).strip().casefold()


def flag(value: str) -> bool | None:
    """True for reported, False for not reported, None for a value outside the contract."""
    key = flag_key(value)
    if key in REPORTED:
        return True
    if key in NOT_REPORTED:
        return False
    return None
