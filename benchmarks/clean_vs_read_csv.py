"""Time the clean step against pandas.read_csv of the same files, in one process.
Usage: python benchmarks/clean_vs_read_csv.py RAW_DIR YEAR  -> prints JSON
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from analysis import clean, normalise
from analysis.read import read_table


def best_of(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def main(raw: Path, year: int) -> dict:
    folder = raw / str(year)
    files = [folder / "country_offices.csv", folder / "activities.csv"]
    rows = sum(1 for _ in files[1].open(encoding="utf-8")) - 1
    repeat = 3 if rows <= 200_000 else 2
    read = best_of(lambda: [pd.read_csv(f) for f in files], repeat)
    cleaning = best_of(lambda: clean.clean_year(raw, year), repeat)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # The step as its notebook runs it also writes the processed files.
    with tempfile.TemporaryDirectory() as out:
        with_writing = best_of(lambda: clean.write(clean.clean_year(raw, year), Path(out)), repeat)
    # Two parts of cleaning that any implementation pays in some form: reading every cell
    # as text, and the contract's office key (NFKD, accents, case folding) of every name.
    as_text = best_of(lambda: [read_table(f) for f in files], repeat)
    roster_names = read_table(files[0]).frame["country_office"].str.strip()
    keys = best_of(lambda: normalise.office_keys(roster_names), repeat)
    return {
        "rows": rows,
        "read_csv": read,
        "clean": cleaning,
        "clean_and_write": with_writing,
        "peak_mib": peak_mib,
        "read_as_text": as_text,
        "roster_keys": keys,
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), int(sys.argv[2]))))
