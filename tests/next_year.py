"""Add the next year to a clone of the project as the README tells a researcher to, and
commit it: `make next-year-check` then runs the year and the tests there, to prove that
adding a year never breaks them.

The new year is the last raw year's export copied as a template (README, "Adding a year",
step 3: its `year` column set to the new year), with that year's status.yaml and authored
text copied beside it.

    python tests/next_year.py CLONE
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

YEAR_COLUMN = "year"


def _header_key(cell: str) -> str:
    """A header as the contract normalises it, enough to find the `year` column."""
    return re.sub(r"[^a-z0-9]+", "_", cell.strip().lower()).strip("_")


def copied_export(text: str, year: int) -> str:
    """A CSV export with every cell of its `year` column set to `year`."""
    rows = list(csv.reader(io.StringIO(text)))
    column = [_header_key(cell) for cell in rows[0]].index(YEAR_COLUMN)
    for row in rows[1:]:
        if column < len(row) and row[column].strip():
            row[column] = str(year)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def add_next_year(root: Path) -> int:
    """Write data/raw/<next>/ and authored/<next>.md in the project at `root`; the year."""
    raw = root / "data" / "raw"
    last = max(int(p.name) for p in raw.iterdir() if re.fullmatch(r"[0-9]{4}", p.name))
    year = last + 1
    source, target = raw / str(last), raw / str(year)
    target.mkdir()
    for name in ("country_offices.csv", "status.yaml"):
        shutil.copy2(source / name, target / name)
    export = (source / "activities.csv").read_text(encoding="utf-8-sig")
    (target / "activities.csv").write_text(copied_export(export, year), encoding="utf-8")
    authored = root / "authored" / f"{last}.md"
    if authored.is_file():
        shutil.copy2(authored, root / "authored" / f"{year}.md")
    return year


def main(root: Path) -> None:
    year = add_next_year(root)
    git = ["git", "-C", str(root), "-c", "user.name=next-year-check"]
    git += ["-c", "user.email=next-year-check@localhost"]
    subprocess.run([*git, "add", "data/raw", "authored"], check=True)
    subprocess.run([*git, "commit", "--quiet", "-m", f"Add {year}, copied"], check=True)
    print(f"Added and committed {year} in {root}", file=sys.stderr)
    print(year)  # for make next-year-check, which runs the year next


if __name__ == "__main__":
    main(Path(sys.argv[1]))
