"""The command line: `python -m analysis run --year Y [...]`.

Imports stay light until there is work to do: pandas and papermill load only in the steps.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import InputError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="UNFPA country offices' work on international migration: tables, "
        "charts and a report for each reporting year.",
        allow_abbrev=False,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser(
        "run",
        help="run the pipeline (clean, tables, charts, report) for one or more years",
        allow_abbrev=False,
    )
    run.add_argument("--year", action="append", default=[], metavar="Y", help="year to run")
    _folders(run)
    run.add_argument(
        "--encoding",
        default=None,
        metavar="NAME",
        help="encoding of the raw CSV files (default: UTF-8, with or without BOM)",
    )
    return parser


def _folders(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--raw-dir", default="data/raw", metavar="DIR", help="raw data folder")
    parser.add_argument(
        "--processed-dir", default="data/processed", metavar="DIR", help="cleaned data folder"
    )
    parser.add_argument("--out-dir", default="outputs", metavar="DIR", help="outputs folder")


def _say(text: str) -> None:
    print(text, flush=True)


def _progress(year: int, step: str, state: str, seconds: float) -> None:
    if state == "running":
        _say(f"[{year}] {step} ...")
    else:
        _say(f"[{year}] {step} {state} ({seconds:.1f} s)")


def _resolve_cli_dir(folder: str) -> Path:
    # On the command line, relative folders are relative to where the user stands; the
    # defaults are the project's own folders.
    from .paths import resolve

    return (
        resolve(folder)
        if folder in ("data/raw", "data/processed", "outputs")
        else Path(folder).resolve()
    )


def cmd_run(args: argparse.Namespace) -> int:
    from .paths import YearPaths, check_year, display_path
    from .pipeline import run_year

    if not args.year:
        raise InputError("give at least one --year, e.g. --year 2010")
    years = [check_year(y) for y in args.year]
    raw, processed, out = (
        _resolve_cli_dir(args.raw_dir),
        _resolve_cli_dir(args.processed_dir),
        _resolve_cli_dir(args.out_dir),
    )
    if not raw.is_dir():
        raise InputError(f"raw data folder {raw} does not exist")
    results = []
    for year in sorted(set(years)):
        results.append(run_year(YearPaths(year, raw, processed, out), args.encoding, _progress))
    _say("")
    for result in results:
        if result.ok:
            where = display_path(out / str(result.year))
            _say(f"{result.year}: done. Outputs in {where}/ (report: {where}/report.html)")
        else:
            print(f"{result.year}: FAILED\n{result.message}", file=sys.stderr, flush=True)
    return 0 if all(r.ok for r in results) else 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return {"run": cmd_run}[args.command](args)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: the outputs of earlier runs are unchanged", file=sys.stderr)
        return 130
