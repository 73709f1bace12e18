"""Small pieces of English for messages and pages, with the standard library only (the
command line uses them before it loads pandas)."""

from __future__ import annotations


def counted(count: int, noun: str) -> str:
    """`1 row`, `2 rows`: a count with its noun."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def join_names(names: list[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
