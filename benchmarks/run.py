"""`make bench`: the package's speed against its targets, measured in one run on this machine.

Each measurement runs in fresh processes, as a user's command would, and the best of a few
runs is taken (the usual estimate of what the code costs, less what else the machine did).
Results are printed as a
Markdown table (and written to benchmarks/results/latest.md) for README's performance section.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RAW_2010 = ROOT / "data" / "raw"
PYTHON = sys.executable
REPEAT = 3


def timed(*command: str) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def analysis(*args: str) -> list[str]:
    return [PYTHON, "-m", "analysis", *args]


def folders(tmp: Path) -> list[str]:
    return ["--processed-dir", str(tmp / "processed"), "--out-dir", str(tmp / "outputs")]


def children_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def one_year(tmp: Path) -> dict:
    """Best of three, each way, taken in turn (so that both see the same machine)."""
    cold, baseline = [], []
    for _ in range(REPEAT):
        cold.append(
            timed(*analysis("run", "--year", "2010", "--quiet", "--force", *folders(tmp / "a")))
        )
        baseline.append(
            timed(PYTHON, str(HERE / "one_process.py"), str(RAW_2010), "2010", str(tmp / "b"))
        )
    rerun = min(
        timed(*analysis("run", "--year", "2010", "--quiet", *folders(tmp / "a")))
        for _ in range(REPEAT)
    )
    return {"cold": min(cold), "baseline": min(baseline), "rerun": rerun}


def ten_years(tmp: Path) -> dict:
    raw = tmp / "synthetic"
    years = [str(y) for y in range(2008, 2018)]
    subprocess.run(
        analysis("synth", "--years", *years, "--offices", "130", "--out", str(raw)),
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(2):  # best of two, in turn; --force: every year cold each time
        for jobs in (1, 2):
            times[jobs].append(timed(
                *analysis("run", "--all", "--quiet", "--force", "--jobs", str(jobs),
                          "--raw-dir", str(raw), *folders(tmp / f"jobs{jobs}"))
            ))  # fmt: skip
    return {jobs: min(t) for jobs, t in times.items()}


def cleaning(tmp: Path) -> list[dict]:
    rows = []
    for offices in (1_000, 10_000, 100_000):
        raw = tmp / f"clean{offices}"
        subprocess.run(
            analysis("synth", "--years", "2020", "--offices", str(offices), "--out", str(raw)),
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        out = subprocess.run(
            [PYTHON, str(HERE / "clean_vs_read_csv.py"), str(raw), "2020"],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        rows.append(json.loads(out.stdout))
    return rows


def table(one: dict, ten: dict, clean_rows: list[dict], peak: float) -> str:
    ratio = one["cold"] / one["baseline"]
    jobs_ratio = ten[2] / ten[1]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}.",
        "",
        "| measurement | result | target | met |",
        "| --- | --- | --- | --- |",
        f"| one year (2010), cold (`--force`): `run` vs the same work in one plain process "
        f"| {one['cold']:.1f} s vs {one['baseline']:.1f} s = {ratio:.2f}× | ≤ 2× "
        f"| {'yes' if ratio <= 2 else 'no'} |",
        f"| no-change rerun of 2010 | {one['rerun']:.2f} s | < 1 s "
        f"| {'yes' if one['rerun'] < 1 else 'no'} |",
        f"| ten synthetic years: `--jobs 2` vs `--jobs 1` | {ten[2]:.1f} s vs {ten[1]:.1f} s "
        f"= {jobs_ratio:.2f}× | ≤ 0.6× | {'yes' if jobs_ratio <= 0.6 else 'no'} |",
    ]
    per_row = []
    for row in clean_rows:
        r = row["clean"] / row["read_csv"]
        per_row.append(row["clean"] / row["rows"])
        lines.append(
            f"| clean step, {row['rows']:,} report rows: `clean_year` vs `read_csv` of both files "
            f"| {row['clean']:.2f} s vs {row['read_csv']:.2f} s = {r:.1f}× | | |"
        )
    largest = clean_rows[-1]
    lines.append(
        f"| … and with writing the processed files, at {largest['rows']:,} rows "
        f"| {largest['clean_and_write']:.2f} s = "
        f"{largest['clean_and_write'] / largest['read_csv']:.1f}× `read_csv` | | |"
    )
    for part, label in (
        ("read_as_text", "reading both files, every cell as text"),
        ("roster_keys", "office keys of the roster's names"),
    ):
        lines.append(
            f"| … of which, at {largest['rows']:,} rows: {label} "
            f"| {largest[part]:.2f} s = {largest[part] / largest['read_csv']:.1f}× `read_csv` "
            "| | |"
        )
    growth = per_row[-1] / per_row[1]
    lines.append(
        f"| clean step, time per row at 1e5 vs 1e4 rows | {growth:.2f}× | ≈ 1 (linear) "
        f"| {'yes' if growth <= 1.5 else 'no'} |"
    )
    lines.append(f"| peak memory (largest process: the 1e5-row clean) | {peak:.0f} MiB | | |")
    return "\n".join(lines)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="analysis-bench-") as tmp:
        tmp = Path(tmp)
        print("one year, cold and rerun ...", flush=True)
        one = one_year(tmp)
        print("ten synthetic years, --jobs 1 and 2 ...", flush=True)
        ten = ten_years(tmp)
        print("clean step on 1e3, 1e4, 1e5 rows ...", flush=True)
        clean_rows = cleaning(tmp)
    peak = max(children_peak_mib(), max(r["peak_mib"] for r in clean_rows))
    text = table(one, ten, clean_rows, peak)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "latest.md").write_text(text + "\n", encoding="utf-8")
    print()
    print(text)


if __name__ == "__main__":
    main()
