"""The command line: `python -m analysis run --year Y [...]`, `verify`, `synth`.

Imports stay light until there is work to do: pandas and papermill load only in the steps,
so a rerun with nothing to do answers at once. Errors, ours and click's, read `Error: ...`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from .. import __version__
from ..errors import InputError
from ..paths import OUTPUTS_DIR, PROCESSED_DIR, PROJ_ROOT, RAW_DIR, check_year, display_path


def _folder(given: str | None, default: Path) -> Path:
    # A folder typed on the command line is relative to where the user stands;
    # the defaults are the project's own folders, wherever the command runs from.
    return Path(given).expanduser().resolve() if given else default


@contextlib.contextmanager
def _paths_note(*folders: Path) -> Iterator[None]:
    """Messages show a path inside the project relative to the project folder, the same
    wherever the command runs (they also go into the cleaning log); run from elsewhere,
    with such a folder in use, the reader needs that base: said last, after any error."""
    try:
        yield
    except InputError as err:  # a user's mistake: one line, no traceback
        _error(err)
        raise click.exceptions.Exit(2) from None
    except OSError as err:  # the machine, not the data: a full disk, a folder taken away
        _error(err)
        raise click.exceptions.Exit(1) from None
    finally:
        with contextlib.suppress(OSError):  # the working folder deleted under the command
            if Path.cwd().resolve() != PROJ_ROOT and any(
                f.is_relative_to(PROJ_ROOT) for f in folders
            ):
                print(
                    "(paths above that do not start with / are relative to the project "
                    f"folder, {PROJ_ROOT})",
                    file=sys.stderr,
                    flush=True,
                )


def _error(message: object) -> None:
    click.echo(f"Error: {message}", err=True)  # as click says its own


FOLDER_OPTIONS = (  # every command that runs a year: where the data is, and its encoding
    ("--raw-dir", "DIR", "Raw data, one folder per year (default: data/raw)."),
    ("--processed-dir", "DIR", "Cleaned data (default: data/processed)."),
    ("--out-dir", "DIR", "Tables, figures and reports (default: outputs)."),
    ("--encoding", "NAME", "Encoding of a raw CSV file that is not UTF-8, e.g. cp1252. A UTF-8 "
     "file, with or without BOM, is always read as UTF-8."),
)  # fmt: skip


def _folder_options(command):
    for name, metavar, text in reversed(FOLDER_OPTIONS):
        command = click.option(name, metavar=metavar, help=text)(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="analysis", message="%(prog)s %(version)s")
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


@cli.command(epilog=RUN_EXAMPLES, short_help="Run years (tables, charts, report), then trends.")
@click.option("--year", "years", multiple=True, metavar="Y", help="A year to run (repeatable).")
@click.option("--all", "all_", is_flag=True, help="Every year folder in the raw folder.")
@_folder_options
@click.option("--jobs", type=int, metavar="N", help="Steps run at once (default: the cores).")
@click.option("--force", is_flag=True, help="Rerun every step, changed or not.")
@click.option("--wait", is_flag=True, help="If another run writes the same folders, wait for it.")
@click.option("--no-trends", is_flag=True, help="Do not update outputs/trends after the years.")
@click.option("--strict", is_flag=True, help="Fail a year whose authored text has a warning (a "
              "figure the tables do not hold): nothing of it is written. For CI.")  # fmt: skip
@click.option("--quiet", is_flag=True, help="Print only the summary.")
@click.option("--verbose", is_flag=True, help="Print every step as it starts and ends.")
def run(years, all_, raw_dir, processed_dir, out_dir, encoding, jobs, force, wait, no_trends,
        strict, quiet, verbose) -> int:  # fmt: skip
    """Clean, tables, charts and report for one or more years, then the trends across years.

    A step whose inputs, notebook and code are unchanged since its last run is skipped. A year
    with bad input fails alone, with every problem listed; its last good outputs stay as they
    were.
    """
    from ..paths import YearPaths, year_folders
    from .plan import check_apart, check_folders
    from .progress import Progress, summary
    from .schedule import Trends
    from .schedule import run as run_all

    if not years and not all_:
        raise click.UsageError("say which years: --year Y (repeatable) or --all")
    if years and all_:
        raise click.UsageError("give --year or --all, not both")
    if quiet and verbose:
        raise click.UsageError("give --quiet or --verbose, not both")
    if jobs is not None and jobs < 1:
        raise click.UsageError(f"--jobs must be at least 1, not {jobs}")
    raw, out = _folder(raw_dir, RAW_DIR), _folder(out_dir, OUTPUTS_DIR)
    processed = _folder(processed_dir, PROCESSED_DIR)
    with _paths_note(raw, out):
        check_folders(raw, processed, out)
        chosen = year_folders(raw) if all_ else sorted({check_year(y) for y in years})
        skipped = skipped_lines(raw) if all_ else []
        if not chosen:
            none = f"no year folders (four digits, e.g. 2010) in {display_path(raw)}"
            raise InputError("\n".join([none, *skipped]))
        for line in skipped:
            click.echo(line, err=True)
        check_apart(raw, processed, out, chosen)
        progress = Progress.for_terminal(len(chosen), quiet=quiet, verbose=verbose)
        try:
            results, trends = run_all(
                [YearPaths(y, raw, processed, out) for y in chosen],
                encoding,
                jobs=jobs or os.cpu_count() or 1,
                force=force,
                progress=progress,
                wait=wait,
                strict=strict,
                trends=None if no_trends else Trends(raw, processed, out, force),
            )
        finally:
            progress.close()
        summary(results, trends, raw, out, processed)
    ok = all(r.ok for r in results) and (trends is None or trends.state != "failed")
    return 0 if ok else 1


@cli.command(
    epilog="\b\nExample:\n  python -m analysis verify --year 2010",
    short_help="Rerun a year apart and compare it with its outputs.",
)
@click.option("--year", required=True, metavar="Y", help="The year to verify.")
@_folder_options
def verify(year, raw_dir, processed_dir, out_dir, encoding) -> int:
    """Rerun a year in a temporary folder and compare it, file by file, with its outputs."""
    from ..paths import YearPaths
    from .progress import Progress, verify_summary
    from .verify import rerun_and_compare

    raw, out = _folder(raw_dir, RAW_DIR), _folder(out_dir, OUTPUTS_DIR)
    processed = _folder(processed_dir, PROCESSED_DIR)
    with _paths_note(raw, out, processed):
        final = YearPaths(check_year(year), raw, processed, out)
        if not final.out_year.is_dir():
            missing = f"no outputs to verify in {display_path(final.out_year)}"
            if not final.raw_year.is_dir():
                there = f", and no {display_path(final.raw_year)} to make them from"
                raise InputError(missing + there)
            raise InputError(f"{missing}; run the year first")
        click.echo(f"Rerunning {final.year} in a temporary folder ...")
        result, differences = rerun_and_compare(final, encoding, Progress.for_terminal())
        folders = display_path(final.out_year)
        note = ""
        if final.processed_year.is_dir():
            folders += f" and {display_path(final.processed_year)}"
        else:
            hint = "" if processed_dir else "; give --processed-dir"
            note = f"(no {display_path(final.processed_year)} to compare{hint})"
        return verify_summary(final.year, result, differences, folders, note)


@cli.command(
    epilog="\b\nExample:\n  python -m analysis synth --years 2011,2012 --offices 130 --out build/s",
    short_help="Write synthetic raw years, labelled as such, to try the runner on.",
)
@click.option(
    "--years",
    required=True,
    multiple=True,
    metavar="Y",
    help="Years to write: repeat the option, or list them as 2011,2012.",
)
@click.option("--offices", type=int, required=True, metavar="N", help="Offices a year.")
@click.option("--out", required=True, metavar="DIR", help="Folder to write them in (not data/raw).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option("--format", "format_", type=click.Choice(["csv", "xlsx"]), default="csv",
              show_default=True, help="Export format.")  # fmt: skip
def synth(years, offices, out, seed, format_) -> int:
    """Write synthetic raw years, labelled as such, for trying the runner out."""
    from ..synth import write_years

    folder = Path(out).expanduser().resolve()
    with _paths_note(folder):
        listed = [check_year(y) for given in years for y in given.replace(",", " ").split()]
        written = write_years(listed, offices, folder, seed=seed, fmt=format_)
        click.echo(
            f"Wrote {len(written)} synthetic year(s) to {display_path(folder)}/ (see its README.md)"
        )
    return 0


def skipped_lines(raw: Path) -> list[str]:
    """`run --all`: one line per folder of the raw folder that is not run, and why (a
    `2011 ` with a trailing space, a `0999`), so that no year is left out without a word."""
    from ..paths import skipped_folders

    return [
        f"skipped {display_path(raw / name)!r}: {reason}" for name, reason in skipped_folders(raw)
    ]


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
    """The command's exit status: click's own handling, less its "Aborted!" on Ctrl-C, and
    a command's status returned rather than exited with."""
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, interrupted)
    # For checking notebooks run on their own (paths.work_root); the command line names its
    # folders itself, and its messages, manifests and logs must not depend on the shell.
    os.environ.pop("ANALYSIS_ROOT", None)
    try:
        status = cli.main(argv, prog_name="python -m analysis", standalone_mode=False)
    except click.ClickException as err:  # a misspelt option, a missing value: with usage
        err.show()
        return err.exit_code
    except (KeyboardInterrupt, click.exceptions.Abort):  # Ctrl-C (click has ended the line)
        ignore_interrupts()
        print(
            "interrupted: a year that had not finished keeps the outputs of its last run",
            file=sys.stderr,
        )
        return 130
    return status if isinstance(status, int) else 0
