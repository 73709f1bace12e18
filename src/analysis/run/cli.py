"""The command line: `python -m analysis run --year Y [...]`, `verify`, `synth`.

Imports stay light until there is work to do: pandas and papermill load only in the steps,
so a rerun with nothing to do answers at once.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path
from types import SimpleNamespace

import click

from ..errors import InputError


def _folder(given: str | None, default: Path) -> Path:
    # A folder typed on the command line is relative to where the user stands;
    # the defaults are the project's own folders, wherever the command runs from.
    return Path(given).expanduser().resolve() if given else default


def _check_folders(raw: Path, made: dict[str, Path]) -> None:
    """The raw folder must exist; the folders the run writes in may not exist yet, but none
    may be a file."""
    if raw.is_file():
        raise InputError(f"raw data folder {raw} is a file; give the folder that holds the years")
    if not raw.is_dir():
        raise InputError(f"raw data folder {raw} does not exist")
    for option, folder in made.items():
        if folder.exists() and not folder.is_dir():
            raise InputError(f"{option} {folder} is a file; give a folder")
        there = next(p for p in (folder, *folder.parents) if p.exists())
        if not os.access(there, os.W_OK):
            raise InputError(f"{option} {folder}: {there} cannot be written to")


def _check_apart(raw: Path, processed: Path, out: Path, years: list[int]) -> None:
    """A run replaces each year's processed and output folders, and the trends folder, whole:
    none of them may be, hold or sit in a raw year folder (its export would be deleted), nor
    in one another (the later swap would delete the earlier's files)."""
    from ..paths import TRENDS_DIR

    def overlap(a: Path, b: Path) -> bool:
        return a == b or a.is_relative_to(b) or b.is_relative_to(a)

    replaced = [("--out-dir", out / TRENDS_DIR)]
    for year in years:
        replaced += [("--processed-dir", processed / str(year)), ("--out-dir", out / str(year))]
    for option, folder in replaced:
        raw_year = next((raw / str(y) for y in years if overlap(folder, raw / str(y))), None)
        if raw_year is not None:
            raise InputError(
                f"{option} {folder.parent}: the run would replace {folder}, which would "
                f"delete the raw files in {raw_year}; give a folder apart from the raw data"
            )
    for i, (_, folder) in enumerate(replaced):
        for _, other in replaced[i + 1 :]:
            if overlap(folder, other):
                raise InputError(
                    f"--processed-dir {processed} and --out-dir {out} overlap: the run would "
                    f"replace both {folder} and {other}; give each its own folder"
                )


def _check_synthetic_apart(raw: Path, processed: Path, out: Path) -> None:
    """Synthetic years are never run into the project's own folders: beside real years
    there, their tables would enter the real years' trends."""
    from ..paths import OUTPUTS_DIR, PROCESSED_DIR, STATUS_FILE, display_path, is_synthetic

    if not is_synthetic(raw):
        return
    for option, folder, own in (
        ("--processed-dir", processed, PROCESSED_DIR),
        ("--out-dir", out, OUTPUTS_DIR),
    ):
        if folder.is_relative_to(own):
            raise InputError(
                f"{raw} holds synthetic data (its years' {STATUS_FILE} say so): give it a "
                f"{option} of its own, not the project's {display_path(own)}"
            )


def skipped_lines(raw: Path) -> list[str]:
    """`run --all`: one line per folder of the raw folder that is not run, and why (a
    `2011 ` with a trailing space, a `0999`), so that no year is left out without a word."""
    from ..paths import display_path, skipped_folders

    return [
        f"skipped {display_path(raw / name)!r}: {reason}" for name, reason in skipped_folders(raw)
    ]


def _say(text: str = "") -> None:
    print(text, flush=True)


def cmd_run(args: SimpleNamespace) -> int:
    from ..paths import (
        AUTHORED_DIR,
        OUTPUTS_DIR,
        PROCESSED_DIR,
        RAW_DIR,
        YearPaths,
        authored_file,
        check_year,
        display_path,
        resolve,
        year_folders,
    )
    from .pipeline import Kernels, run_trends, run_years
    from .progress import Progress, authored_warnings, warnings_lines

    raw = _folder(args.raw_dir, RAW_DIR)
    processed = _folder(args.processed_dir, PROCESSED_DIR)
    out = _folder(args.out_dir, OUTPUTS_DIR)
    _check_folders(raw, {"--processed-dir": processed, "--out-dir": out})
    years = year_folders(raw) if args.all else sorted({check_year(y) for y in args.year})
    skipped = skipped_lines(raw) if args.all else []
    if not years:
        none = f"no year folders (four digits, e.g. 2010) in {display_path(raw)}"
        raise InputError("\n".join([none, *skipped]))
    for line in skipped:
        print(line, file=sys.stderr, flush=True)
    _check_apart(raw, processed, out, years)
    _check_synthetic_apart(raw, processed, out)
    jobs = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
    if jobs < 1:
        raise InputError(f"--jobs must be at least 1, not {jobs}")
    progress = Progress.for_terminal(len(years), quiet=args.quiet, verbose=args.verbose)
    try:
        with Kernels() as kernels:
            results = run_years(
                [YearPaths(y, raw, processed, out) for y in years],
                args.encoding,
                jobs=jobs,
                force=args.force,
                progress=progress,
                kernels=kernels,
                wait=args.wait,
                strict=args.strict,
                languages=tuple(dict.fromkeys(x for x in args.language if x != "en")),
            )
            failed = [r.year for r in results if not r.ok]
            current = [r.year for r in results if r.ok]
            trends = (
                None
                if args.no_trends
                else run_trends(
                    raw,
                    out,
                    args.force,
                    progress,
                    kernels=kernels,
                    failed=failed,
                    current=current,
                    wait=args.wait,
                )
            )
    finally:
        progress.close()
    _say()
    for result in results:
        where = display_path(out / str(result.year))
        if result.unchanged:
            _say(f"{result.year}: unchanged since the last run. Outputs in {where}/")
        elif result.ok:
            _say(f"{result.year}: done. Outputs in {where}/ (report: {where}/report.html)")
            if result.removed:
                _say(f"  removed, as a run does not make them: {', '.join(result.removed)}")
            for link in result.links:
                _say(f"  {link}")
        if result.ok:
            warnings = authored_warnings(processed / str(result.year))
            if warnings or authored_file(resolve(AUTHORED_DIR), result.year).is_file():
                for line in warnings_lines(warnings):
                    _say(line)
        else:
            print(f"{result.year}: FAILED\n{result.message}", file=sys.stderr, flush=True)
    if trends is not None:
        _say_trends(trends, out)
    ok = all(r.ok for r in results) and (trends is None or trends.state != "failed")
    return 0 if ok else 1


def _say_trends(trends, out: Path) -> None:
    from ..paths import TRENDS_DIR, TRENDS_HTML_FILE, display_path

    where = display_path(out / TRENDS_DIR)
    years = ", ".join(map(str, trends.years)) or "none"
    if trends.state == "done":
        _say(f"trends ({years}): done. Outputs in {where}/ (page: {where}/{TRENDS_HTML_FILE})")
    elif trends.state == "unchanged":
        _say(f"trends ({years}): unchanged since the last run. Outputs in {where}/")
    elif trends.state == "skipped":
        _say(
            f"trends: skipped, they need two years with tables in {display_path(out)}/ "
            f"(found: {years})"
        )
    elif trends.state == "held":
        kept = {
            "last good": f"{where}/ still shows the last good run",
            "changed": f"{where}/ was changed since its last run",
            "not made by a run": f"{where}/ was not made by a run",
            "none": "None are written yet",
        }[trends.kept]
        print(f"trends: not updated, {trends.message}. {kept}.", file=sys.stderr, flush=True)
    else:
        print(f"trends: FAILED\n{trends.message}", file=sys.stderr, flush=True)


def cmd_verify(args: SimpleNamespace) -> int:
    from ..paths import OUTPUTS_DIR, PROCESSED_DIR, RAW_DIR, YearPaths, check_year, display_path
    from .progress import Progress
    from .verify import rerun_and_compare

    year = check_year(args.year)
    final = YearPaths(
        year,
        _folder(args.raw_dir, RAW_DIR),
        _folder(args.processed_dir, PROCESSED_DIR),
        _folder(args.out_dir, OUTPUTS_DIR),
    )
    if not final.out_year.is_dir():
        missing = f"no outputs to verify in {display_path(final.out_year)}"
        if not final.raw_year.is_dir():
            raise InputError(f"{missing}, and no {display_path(final.raw_year)} to make them from")
        raise InputError(f"{missing}; run the year first")
    _say(f"Rerunning {year} in a temporary folder ...")
    result, differences = rerun_and_compare(final, args.encoding, Progress.for_terminal())
    if not result.ok:
        print(f"{year}: the fresh run FAILED\n{result.message}", file=sys.stderr)
        return 1
    folders = display_path(final.out_year)
    if final.processed_year.is_dir():
        folders += f" and {display_path(final.processed_year)}"
    else:
        hint = "" if args.processed_dir else "; give --processed-dir"
        _say(f"(no {display_path(final.processed_year)} to compare{hint})")
    if differences:
        _say(f"{year}: {len(differences)} file(s) differ from a fresh run:")
        for difference in differences:
            _say(f"  {difference}")
        return 1
    _say(f"{year}: every file in {folders} matches a fresh run.")
    return 0


def cmd_synth(args: SimpleNamespace) -> int:
    from ..paths import check_year, display_path
    from ..synth import write_years

    years = [check_year(y) for y in args.years]
    out = Path(args.out).expanduser().resolve()
    written = write_years(years, args.offices, out, seed=args.seed, fmt=args.format)
    _say(f"Wrote {len(written)} synthetic year(s) to {display_path(out)}/ (see its README.md)")
    return 0


def _folder_options(command):
    """The options every command that runs a year takes: where the data is, and its encoding."""
    options = [
        click.option(
            "--raw-dir", metavar="DIR", help="Raw data, one folder per year (default: data/raw)."
        ),
        click.option(
            "--processed-dir", metavar="DIR", help="Cleaned data (default: data/processed)."
        ),
        click.option(
            "--out-dir", metavar="DIR", help="Tables, figures and reports (default: outputs)."
        ),
        click.option(
            "--encoding",
            metavar="NAME",
            help="Encoding of a raw CSV file that is not UTF-8, e.g. cp1252. A UTF-8 file, with "
            "or without BOM, is always read as UTF-8.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """UNFPA country offices' work on international migration: Table 1, Table 2, regional
    charts and a narrative report for each reporting year."""


RUN_EXAMPLES = """\b
Examples:
  python -m analysis run --year 2010
  python -m analysis run --year 2011 --year 2012 --encoding cp1252
  python -m analysis run --all
  python -m analysis run --all --strict
"""


@cli.command(epilog=RUN_EXAMPLES)
@click.option("--year", "year", multiple=True, metavar="Y", help="A year to run (repeatable).")
@click.option("--all", "all_", is_flag=True, help="Every year folder in the raw folder.")
@_folder_options
@click.option(
    "--jobs", type=int, metavar="N", help="Steps run at once (default: the number of cores)."
)
@click.option(
    "--force", is_flag=True, help="Rerun every step, even those whose inputs are unchanged."
)
@click.option(
    "--wait",
    is_flag=True,
    help="If another run is writing the same folders, wait for it instead of stopping.",
)
@click.option("--no-trends", is_flag=True, help="Do not update outputs/trends after the years.")
@click.option(
    "--strict",
    is_flag=True,
    help="Fail a year whose authored text has a warning (a figure the tables do not hold): "
    "nothing of it is written. For CI.",
)
@click.option(
    "--language",
    "language",
    multiple=True,
    type=click.Choice(["en", "fr", "es"]),
    help="Also write the document in this language (repeatable): report.fr.html, ...",
)
@click.option("--quiet", is_flag=True, help="Print only the summary.")
@click.option("--verbose", is_flag=True, help="Print every step as it starts and ends.")
@click.pass_context
def run(ctx: click.Context, year, all_, **options) -> int:
    """Clean, tables, charts and report for one or more years, then the trends across years.

    A step whose inputs, notebook and code are unchanged since its last run is skipped. A year
    with bad input fails alone, with every problem listed; its last good outputs stay as they
    were.
    """
    if not year and not all_:
        raise click.UsageError("say which years: --year Y (repeatable) or --all", ctx)
    if year and all_:
        raise click.UsageError("give --year or --all, not both", ctx)
    if options["quiet"] and options["verbose"]:
        raise click.UsageError("give --quiet or --verbose, not both", ctx)
    return _run_command(
        cmd_run, SimpleNamespace(command="run", year=list(year), all=all_, **options)
    )


@cli.command(epilog="\b\nExample:\n  python -m analysis verify --year 2010")
@click.option("--year", required=True, metavar="Y", help="The year to verify.")
@_folder_options
def verify(**options) -> int:
    """Rerun a year in a temporary folder and compare it, file by file, with its outputs."""
    return _run_command(cmd_verify, SimpleNamespace(command="verify", **options))


@cli.command(
    epilog="\b\nExample:\n  python -m analysis synth --years 2011,2012 --offices 130 --out build/s"
)
@click.option(
    "--years",
    required=True,
    multiple=True,
    metavar="Y",
    help="Years to write: repeat the option, or list them as 2011,2012.",
)
@click.option("--offices", type=int, required=True, metavar="N", help="Offices a year.")
@click.option(
    "--out", required=True, metavar="DIR", help="Folder to write them in (never data/raw)."
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option(
    "--format",
    "format_",
    type=click.Choice(["csv", "xlsx"]),
    default="csv",
    show_default=True,
    help="Export format.",
)
def synth(years, format_, **options) -> int:
    """Write synthetic raw years, labelled as such, for trying the pipeline out."""
    listed = [y for given in years for y in given.replace(",", " ").split()]
    return _run_command(
        cmd_synth, SimpleNamespace(command="synth", years=listed, format=format_, **options)
    )


def _run_command(function, args: SimpleNamespace) -> int:
    """A command's exit status, with a user's mistake said in one line, never a traceback."""
    try:
        status = function(args)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        status = 2
    except OSError as err:  # the machine, not the data: a full disk, a folder taken away
        print(f"error: {err}", file=sys.stderr)
        status = 1
    with contextlib.suppress(OSError):  # the working folder deleted under the command
        note = _paths_note(args)
        if note:
            print(note, file=sys.stderr, flush=True)
    return status


def interrupted(signum, frame) -> None:
    """Ctrl-C, or SIGTERM (a CI job cancelled, a `kill`): stop the run, once. Later presses
    are ignored: they would break into the clean-up the first one started, or into Python's
    shutdown, which then prints its own "Exception ignored in ... threading._shutdown"."""
    ignore_interrupts()
    raise KeyboardInterrupt


def ignore_interrupts() -> None:
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.SIG_IGN)


def main(argv: list[str] | None = None) -> int:
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, interrupted)
    # For checking notebooks run on their own (paths.work_root); the command line names its
    # folders itself, and its messages, manifests and logs must not depend on the shell.
    os.environ.pop("ANALYSIS_ROOT", None)
    args = sys.argv[1:] if argv is None else argv
    try:
        context = cli.make_context("python -m analysis", list(args))
        with context:
            status = cli.invoke(context)
    except click.exceptions.Exit as done:  # --help
        return done.exit_code
    except click.ClickException as err:  # a misspelt option, a missing value: with usage
        err.show()
        return err.exit_code
    except (KeyboardInterrupt, click.exceptions.Abort):
        ignore_interrupts()
        print(
            "\ninterrupted: a year that had not finished keeps the outputs of its last run",
            file=sys.stderr,
        )
        return 130
    return status


def _paths_note(args: SimpleNamespace) -> str:
    """Messages show a path inside the project relative to the project folder, the same
    wherever the command runs (they also go into the cleaning log); run from elsewhere,
    with such a folder in use, the reader needs that base."""
    from ..paths import OUTPUTS_DIR, PROCESSED_DIR, PROJ_ROOT, RAW_DIR

    if Path.cwd().resolve() == PROJ_ROOT:
        return ""
    # The folders messages name: raw files in problems, outputs in the summaries, and
    # processed data in verify's.
    defaults = {"raw_dir": RAW_DIR, "out_dir": OUTPUTS_DIR}
    if args.command == "verify":
        defaults["processed_dir"] = PROCESSED_DIR
    folders = [
        _folder(getattr(args, name), default)
        for name, default in defaults.items()
        if hasattr(args, name)
    ]
    if getattr(args, "out", None):  # synth
        folders.append(_folder(args.out, PROJ_ROOT))
    if not any(folder.is_relative_to(PROJ_ROOT) for folder in folders):
        return ""
    return f"(paths above that do not start with / are relative to the project folder, {PROJ_ROOT})"
