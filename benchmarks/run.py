"""`make bench`: the package's speed against its targets, measured in one run on this machine.

Each measurement runs in fresh processes, as a user's command would, and the best of a few
runs is taken (the usual estimate of what the code costs, less what else the machine did).
Results are printed as a
Markdown table (and written to benchmarks/results/latest.md) for README's performance section.
"""

from __future__ import annotations

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


def papermill_cli(tmp: Path) -> float:
    """The plain way: papermill's command line, once per notebook, one after another."""
    from analysis.run.steps import STEPS

    tmp.mkdir(parents=True)
    started = time.perf_counter()
    for step in STEPS:
        parameters = ["-p", "year", "2010", "-p", "raw_dir", str(RAW_2010),
                      "-p", "processed_dir", str(tmp / "processed"),
                      "-p", "out_dir", str(tmp / "outputs")]  # fmt: skip
        subprocess.run(
            [str(Path(PYTHON).parent / "papermill"), str(ROOT / "notebooks" / step.notebook),
             str(tmp / step.notebook), *parameters, "--no-progress-bar", "-k", "python3"],
            check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
    return time.perf_counter() - started


def one_year(tmp: Path) -> dict:
    """Best of three, each way, taken in turn (so that all see the same machine)."""
    cold, baseline, plain = [], [], []
    for i in range(REPEAT):
        cold.append(
            timed(*analysis("run", "--year", "2010", "--quiet", "--force", *folders(tmp / "a")))
        )
        baseline.append(
            timed(PYTHON, str(HERE / "one_process.py"), str(RAW_2010), "2010", str(tmp / "b"))
        )
        plain.append(papermill_cli(tmp / f"c{i}"))
    rerun = min(
        timed(*analysis("run", "--year", "2010", "--quiet", *folders(tmp / "a")))
        for _ in range(REPEAT)
    )
    return {"cold": min(cold), "baseline": min(baseline), "papermill": min(plain), "rerun": rerun}


def ten_years(tmp: Path) -> dict:
    raw = tmp / "synthetic"
    years = [str(y) for y in range(2008, 2018)]
    subprocess.run(
        analysis("synth", "--years", ",".join(years), "--offices", "130", "--out", str(raw)),
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


def large_years(tmp: Path) -> dict[int, float]:
    """A whole run (one job, no trends) of a synthetic year of 10,000 and of 100,000 offices."""
    seconds = {}
    for offices in (10_000, 100_000):
        raw = tmp / f"large{offices}"
        subprocess.run(
            analysis("synth", "--years", "2020", "--offices", str(offices), "--out", str(raw)),
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        seconds[offices] = timed(
            *analysis("run", "--year", "2020", "--quiet", "--no-trends", "--jobs", "1",
                      "--raw-dir", str(raw), *folders(tmp / f"large{offices}-out"))
        )  # fmt: skip
    return seconds


def big_inputs(tmp: Path) -> dict:
    """An authored text of 1 MB (best of three) and of 10 MB, read and checked; a workbook
    whose used range claims a million rows, read (benchmarks/big_inputs.py, a fresh process
    each)."""
    import json

    def measured(*args: str) -> dict:
        folder = Path(tempfile.mkdtemp(dir=tmp))
        done = subprocess.run(
            [PYTHON, str(HERE / "big_inputs.py"), *args, str(folder)],
            check=True, cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
        return json.loads(done.stdout)

    one = min((measured("authored", "1") for _ in range(REPEAT)), key=lambda r: r["seconds"])
    return {"1 MB": one, "10 MB": measured("authored", "10"), "workbook": measured("workbook")}


def verdict(met: bool) -> str:
    return "yes" if met else "no"


def table(one: dict, ten: dict, large: dict[int, float], big: dict, peak: float) -> str:
    faster = one["papermill"] / one["cold"]
    overhead = one["cold"] / one["baseline"]
    jobs_ratio = ten[2] / ten[1]
    # Per office, at 100,000 against 10,000 offices: about 1 when the run grows linearly (a
    # run's fixed cost, kernels and imports, makes the smaller year dearer per office).
    growth = (large[100_000] / 100_000) / (large[10_000] / 10_000)
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}.",
        "",
        "| measurement | result | target | met |",
        "| --- | --- | --- | --- |",
        f"| one year (2010), cold: the papermill command line, four notebooks in turn, vs `run` "
        f"| {one['papermill']:.1f} s vs {one['cold']:.1f} s = {faster:.1f}× faster | ≥ 4× "
        f"| {verdict(faster >= 4)} |",
        f"| one year (2010), cold: `run` vs the notebooks' code in one plain process "
        f"| {one['cold']:.1f} s vs {one['baseline']:.1f} s = {overhead:.2f}× | ≤ 2.5× "
        f"| {verdict(overhead <= 2.5)} |",
        f"| no-change rerun of 2010 | {one['rerun']:.2f} s | < 1 s | {verdict(one['rerun'] < 1)} |",
        f"| ten synthetic years: `--jobs 2` vs `--jobs 1` | {ten[2]:.1f} s vs {ten[1]:.1f} s "
        f"= {jobs_ratio:.2f}× | ≤ 0.65× | {verdict(jobs_ratio <= 0.65)} |",
        f"| a synthetic year of 100,000 offices, end to end | {large[100_000]:.1f} s "
        f"(10,000 offices: {large[10_000]:.1f} s) | runs | yes |",
        f"| time per office, 100,000 vs 10,000 offices | {growth:.2f}× | ≤ 1.5 (linear) "
        f"| {verdict(growth <= 1.5)} |",
        *(
            f"| an authored text of {r['megabytes']:.0f} MB, read and its figures checked "
            f"| {r['seconds']:.1f} s ({r['cpu_seconds']:.1f} s of CPU) | < {limit} s "
            f"| {verdict(r['seconds'] < limit)} |"
            for r, limit in ((big["1 MB"], 2), (big["10 MB"], 20))
        ),
        *(
            f"| 2010's export as a workbook, {what}, cleaned "
            f"| {seconds:.1f} s | < 5 s | {verdict(seconds < 5)} |"
            for what, seconds in big["workbook"].items()
        ),
        f"| peak memory of a measured process | {peak:.0f} MiB | | |",
    ]
    return "\n".join(lines)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="analysis-bench-") as tmp:
        tmp = Path(tmp)
        print("one year: run, one process, papermill's command line; and a rerun ...", flush=True)
        one = one_year(tmp)
        print("ten synthetic years, --jobs 1 and 2 ...", flush=True)
        ten = ten_years(tmp)
        print("a synthetic year of 10,000 and of 100,000 offices ...", flush=True)
        large = large_years(tmp)
        print("an authored text of 1 and 10 MB; a workbook claiming a million rows ...", flush=True)
        big = big_inputs(tmp)
    text = table(one, ten, large, big, children_peak_mib())
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "latest.md").write_text(text + "\n", encoding="utf-8")
    print()
    print(text)


if __name__ == "__main__":
    main()
