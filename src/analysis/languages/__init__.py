"""The document's languages: each one's labels (en.py, fr.py, es.py: one catalogue of every
generated label), its number formats (numbers.py) and its sentences (prose_fr.py, prose_es.py,
rendered from the claims that sentences.py reads off the tables, the claims English states).
Adding a language: docs/languages.md."""

from __future__ import annotations

from importlib import import_module
from string import Formatter

DEFAULT = "en"
LANGUAGES = ("en", "fr", "es")


def labels(language: str) -> dict[str, str]:
    """Every generated label of `language`, by key (the keys of en.py)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; accepted: {', '.join(LANGUAGES)}")
    return import_module(f"{__name__}.{language}").LABELS


def label(language: str, key: str, **values: object) -> str:
    """One label, its placeholders filled: label("fr", "source.figure", number=1)."""
    return labels(language)[key].format(**values)


def placeholders(text: str) -> set[str]:
    """The `{names}` a label takes, which every language's version of it must take too."""
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def status_key(status: str) -> str:
    """A data status as the catalogue's keys name it ("not declared" -> "not_declared")."""
    return status.replace(" ", "_")
