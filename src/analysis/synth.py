"""Synthetic raw years of any size, valid under the data contract: for benchmarks and tests only."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import InputError
from .paths import (
    ACTIVITIES_CSV,
    ACTIVITIES_XLSX,
    RAW_DIR,
    README,
    ROSTER_FILE,
    STATUS_FILE,
    SYNTHETIC,
    check_year,
    only_synthetic,
)
from .schema import ACTIVITY_FLAGS, EXPORT_HEADER

# UNFPA split its Africa region into East and Southern Africa and West and Central Africa.
AFRICA_SPLIT_YEAR = 2013
FORMATS = ("csv", "xlsx")


EXCEL_MAX_ROWS = 1_048_575  # one sheet's rows, less the header

# Canonical names in a fixed order; a region's code is its position. Aliases are the contract's.
REGIONS = (
    "Africa",
    "Arab States",
    "Asia and the Pacific",
    "Eastern Europe and Central Asia",
    "Latin America and the Caribbean",
    "East and Southern Africa",
    "West and Central Africa",
)
ALIASES = (
    ("AFR", "AFRO", "Africa Region", "Sub-Saharan Africa"),
    ("AS", "ASRO", "Arab States Region"),
    ("AP", "APRO", "Asia-Pacific", "Asia Pacific"),
    ("EECA", "EECARO"),
    ("LAC", "LACRO", "Latin America & Caribbean"),
    ("ESA", "ESARO"),
    ("WCA", "WCARO"),
)
AFRICA, ESA, WCA = 0, 5, 6
# Roughly the real shares of country offices by region (before the split).
SHARES = np.array([0.34, 0.12, 0.20, 0.16, 0.18])

HEADER = list(EXPORT_HEADER)
# Chance of reporting each activity (order of ACTIVITY_FLAGS) in the base year, a shift by
# region, and a drift per year, so that regional differences and trends show in the charts.
BASE_YEAR = 2010
BASE_P = np.array([0.25, 0.20, 0.15, 0.22, 0.40, 0.18, 0.45])
REGION_SHIFT = np.array([0.04, -0.08, -0.04, 0.02, 0.10, 0.05, 0.03])
DRIFT = np.array([0.010, 0.006, 0.004, 0.002, 0.008, -0.004, 0.012])

NO_REPORT = 0.08  # share of offices that sent no report
RESUBMITTED = 0.03  # share of reporting offices with an earlier, superseded report
WITH_TIME = 0.4  # share of submissions written as a date-time rather than a date
# Every spelling is valid under contract 1.3; the weights make the common ones common.
YES = np.array(["Yes", "yes", "Y", "x", "1", "TRUE"], dtype=object)
YES_P = [0.45, 0.15, 0.1, 0.1, 0.1, 0.1]
NO = np.array(["", "No", "no", "n", "0", "false"], dtype=object)
NO_P = [0.5, 0.25, 0.1, 0.05, 0.05, 0.05]
# Invented places (some with accents and `&`, to exercise the office-name matching).
PLACES = (
    ("Nova Estrela", "Nova Estrela"),
    ("São Velho & Ilhas", "Sao Velho and Ilhas"),
    ("Montés", "Montes"),
    ("Port Aurèle", "Port Aurele"),
    ("Kessaly", "Kessaly"),
    ("Lumara", "Lumara"),
    ("Dravia", "Dravia"),
    ("Quenara", "Quenara"),
    ("Belmonte Sur", "Belmonte Sur"),
    ("Rosálva", "Rosalva"),
    ("Halvoria", "Halvoria"),
    ("Orlé-sur-Mer", "Orle sur Mer"),
)
NOTES = (
    "Workshop held with the national statistics office.",
    "Joint activity with IOM, UNHCR and UNDP.",
    "Supported the migration module of the census, including training of enumerators.",
    'Second phase of the "diaspora and development" project.',
    "Séminaire national sur la migration et le développement.",
    "Policy brief drafted; validation postponed to next year.",
    "Awareness campaign on trafficking, mainly in border areas.",
)
NOTE_RATE = 0.1


def _check_out(out: Path) -> Path:
    """The output folder, refused inside data/raw or when it holds files that are not ours."""
    resolved = out.expanduser().resolve()
    if resolved.is_relative_to(RAW_DIR.resolve()):
        raise InputError(f"refusing to write synthetic data into {resolved}: it is inside data/raw")
    if resolved.exists() and not resolved.is_dir():
        raise InputError(f"cannot write synthetic data into {resolved}: it is a file, not a folder")
    # A folder with other files may be a copy of real data: never overwrite it.
    if resolved.is_dir() and any(resolved.iterdir()) and not only_synthetic(resolved):
        raise InputError(
            f"refusing to write synthetic data into {resolved}: it is neither empty nor a "
            "synthetic-data folder; choose a new or empty folder"
        )
    return resolved


README_HEADING = "# SYNTHETIC DATA - not UNFPA data"


def status_text(offices: int, seed: int) -> str:
    """Each synthetic year's data status (paths.data_status reads it): what its pages say."""
    return (
        f"status: {SYNTHETIC}\n"
        "note: >-\n"
        f"  Random numbers shaped like the raw data the data contract describes, written by\n"
        f"  python -m analysis synth ({offices} offices, seed {seed}); not UNFPA data, about\n"
        "  no real Country Office.\n"
    )


def describe(years: list[int], offices: int, seed: int, fmt: str) -> str:
    """The README of a synthetic folder: what it is, how it was made, and not to mix it in."""
    return (
        f"{README_HEADING}\n\n"
        "Everything in this folder is SYNTHETIC: random numbers shaped like the raw data the\n"
        "project's data contract describes. It is not UNFPA data, says nothing about any real\n"
        "country office, and must never be copied or mixed into data/raw.\n\n"
        "Generated by `python -m analysis synth` (analysis.synth.write_years) with:\n\n"
        f"- years: {', '.join(str(y) for y in years)}\n"
        f"- offices: {offices}\n"
        f"- seed: {seed}\n"
        f"- format: {fmt}\n\n"
        "The same parameters give byte-identical files, e.g. from Python:\n\n"
        f"    write_years({list(years)}, offices={offices}, out=..., seed={seed}, fmt={fmt!r})\n\n"
        f"Regions: five before {AFRICA_SPLIT_YEAR}; from {AFRICA_SPLIT_YEAR} Africa is split into\n"
        "East and Southern Africa and West and Central Africa.\n"
    )


def _largest_remainder(shares: np.ndarray, total: int) -> np.ndarray:
    """Whole counts in the given shares that add up to `total` exactly."""
    exact = shares / shares.sum() * total
    counts = np.floor(exact).astype(int)
    counts[np.argsort(-(exact - counts), kind="stable")[: total - counts.sum()]] += 1
    return counts


def _roster(offices: int, seed: int) -> pd.DataFrame:
    """Every office's fixed attributes: the same in every year, so multi-year series line up."""
    rng = np.random.default_rng([seed, 0])  # years are >= 1000, so never a year's stream
    code = rng.permutation(np.repeat(np.arange(5), _largest_remainder(SHARES, offices)))
    split = code.copy()
    africa = np.flatnonzero(code == AFRICA)
    split[africa[0::2]], split[africa[1::2]] = ESA, WCA
    place = rng.integers(0, len(PLACES), offices)
    width = max(4, len(str(offices)))
    letters = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    # ISO 3166 leaves codes starting with X to users, so these never name a real country.
    iso3 = np.char.add(
        np.char.add("X", letters[rng.integers(0, 26, offices)]),
        letters[rng.integers(0, 26, offices)],
    )
    iso3[rng.random(offices) < 0.05] = ""  # sub-regional offices have none
    number = [f"{i:0{width}d}" for i in range(1, offices + 1)]
    display = [PLACES[p][0] for p in place]
    variant = [PLACES[p][1] for p in place]
    return pd.DataFrame(
        {
            "name": [f"Synthetic Office {n} ({p})" for n, p in zip(number, display, strict=True)],
            # Spelled differently but the same after office-name normalisation (contract 1.4).
            "variant": [
                f"SYNTHETIC OFFICE {n} - {p}" for n, p in zip(number, variant, strict=True)
            ],
            "code": code,
            "split": split,
            "iso3": iso3,
            "alias_pick": rng.integers(0, 1 << 30, offices),
            "use_alias": rng.random(offices) < 0.1,
        }
    )


def _region_text(code: np.ndarray, pick: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each office's region as its canonical name and as one of its aliases (fixed by `pick`)."""
    names = np.array(REGIONS, dtype=object)
    flat = np.array([a for group in ALIASES for a in group], dtype=object)
    count = np.array([len(g) for g in ALIASES])
    start = np.concatenate([[0], np.cumsum(count)[:-1]])
    return names[code], flat[start[code] + pick % count[code]]


def _probabilities(year: int) -> np.ndarray:
    """Chance of each activity (columns) for each region code (rows) in `year`."""
    p = BASE_P[None, :] + REGION_SHIFT[:, None] + DRIFT[None, :] * (year - BASE_YEAR)
    return np.clip(p, 0.02, 0.95)


def _dates(year: int, day: np.ndarray, minute: np.ndarray, timed: np.ndarray) -> np.ndarray:
    """Submission times in January-February of year + 1, some as a date only."""
    start = np.datetime64(f"{year + 1}-01-01T00:00", "m")
    stamp = start + (day * 1440 + minute).astype("timedelta64[m]")
    full = np.datetime_as_string(stamp, unit="m")
    return np.where(timed, full, np.datetime_as_string(stamp, unit="D")).astype(object)


def _year_frames(roster: pd.DataFrame, year: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One year's roster and report export, drawn from a stream of its own."""
    rng = np.random.default_rng([seed, year])
    n = len(roster)
    code = roster["split" if year >= AFRICA_SPLIT_YEAR else "code"].to_numpy()
    canonical, alias = _region_text(code, roster["alias_pick"].to_numpy())
    offices = pd.DataFrame(
        {
            "country_office": roster["name"],
            "region": np.where(roster["use_alias"], alias, canonical),
            "iso3": roster["iso3"],
        }
    )

    reporting = np.flatnonzero(rng.random(n) >= NO_REPORT)
    flags = (
        rng.random((len(reporting), len(ACTIVITY_FLAGS))) < _probabilities(year)[code[reporting]]
    )
    gap = rng.integers(1, 10, len(reporting))
    # A resubmitter's later report is late enough that the earlier one is in January-February.
    resub = rng.random(len(reporting)) < RESUBMITTED
    day = np.where(resub, rng.integers(10, 59, len(reporting)), rng.integers(0, 59, len(reporting)))
    minute = rng.integers(8 * 60, 19 * 60, len(reporting))
    # The earlier report differs in one activity, as a corrected report would.
    earlier = flags[resub].copy()
    earlier[np.arange(len(earlier)), rng.integers(0, len(ACTIVITY_FLAGS), len(earlier))] ^= True

    office = np.concatenate([reporting, reporting[resub]])
    flags = np.concatenate([flags, earlier])
    day = np.concatenate([day, day[resub] - gap[resub]])
    minute = np.concatenate([minute, minute[resub]])
    m = len(office)

    names = roster["name"].to_numpy()[office]
    renamed = rng.random(m) < 0.03
    names[renamed] = roster["variant"].to_numpy()[office[renamed]]
    choice = rng.choice(3, size=m, p=[0.6, 0.25, 0.15])  # canonical, alias, empty
    region = np.where(choice == 0, canonical[office], np.where(choice == 1, alias[office], ""))
    spelled = np.where(
        flags,
        YES[rng.choice(len(YES), size=flags.shape, p=YES_P)],
        NO[rng.choice(len(NO), size=flags.shape, p=NO_P)],
    )
    notes = np.full(m, "", dtype=object)
    noted = rng.random(m) < NOTE_RATE
    notes[noted] = np.array(NOTES, dtype=object)[rng.integers(0, len(NOTES), noted.sum())]

    columns = {
        HEADER[0]: names,
        HEADER[1]: region,
        HEADER[2]: np.where(rng.random(m) < 0.95, str(year), ""),
        HEADER[3]: _dates(year, day, minute, rng.random(m) < WITH_TIME),
        **{label: spelled[:, i] for i, label in enumerate(HEADER[4:11])},
        HEADER[11]: notes,
    }
    # Rows in random order, so an earlier report may come before or after the one that counts.
    activities = pd.DataFrame(columns).iloc[rng.permutation(m)].reset_index(drop=True)
    return offices, activities


def _write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """An XLSX with no clock in it: openpyxl stamps the time into the workbook and zip entries."""
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False, engine="openpyxl")
    fixed = "1980-01-01T00:00:00Z"
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>" + fixed.encode(), data
                )
            dst.writestr(
                zipfile.ZipInfo(item.filename, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED
            )


def write_years(
    years: list[int], offices: int, out: Path, seed: int = 0, fmt: str = "csv"
) -> list[Path]:
    """Write a synthetic raw year per year into `out`, plus a README; return the year folders."""
    checked = list(dict.fromkeys(check_year(y) for y in years))  # a repeated year is written once
    if not checked:
        raise InputError("give at least one year, e.g. 2010")
    if isinstance(offices, bool) or not isinstance(offices, int) or offices < 1:
        raise InputError(f"--offices must be a whole number of at least 1, not {offices!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InputError(f"seed must be a whole number of at least 0, not {seed!r}")
    if fmt not in FORMATS:
        raise InputError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    out = _check_out(Path(out))
    roster = _roster(offices, seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / README).write_text(describe(checked, offices, seed, fmt), encoding="utf-8", newline="\n")
    folders = []
    for year in checked:
        roster_frame, activities = _year_frames(roster, year, seed)
        if fmt == "xlsx" and len(activities) > EXCEL_MAX_ROWS:
            raise InputError(f"{len(activities)} report rows do not fit one Excel sheet; use csv")
        folder = out / str(year)
        folder.mkdir(exist_ok=True)
        # The marker that the year is synthetic: its pages say so, and the runner keeps it
        # out of the project's own folders.
        (folder / STATUS_FILE).write_text(
            status_text(offices, seed), encoding="utf-8", newline="\n"
        )
        roster_frame.to_csv(
            folder / ROSTER_FILE, index=False, lineterminator="\n", encoding="utf-8"
        )
        # Exactly one export may exist (contract 1): drop an earlier run's other-format one.
        (folder / (ACTIVITIES_CSV if fmt == "xlsx" else ACTIVITIES_XLSX)).unlink(missing_ok=True)
        if fmt == "xlsx":
            _write_xlsx(activities, folder / ACTIVITIES_XLSX)
        else:
            activities.to_csv(
                folder / ACTIVITIES_CSV, index=False, lineterminator="\n", encoding="utf-8"
            )
        folders.append(folder)
    return folders
