"""The contract's normalisation rules: headers and office names (1.4), flags (1.3), regions (3)."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from analysis import normalise, regions
from analysis.paths import DEFAULT_REGIONS_FILE

# Section 3 of the data contract, copied by hand: canonical name -> aliases that must be accepted.
CONTRACT_REGIONS = {
    "Africa": ["AFR", "AFRO", "Africa Region", "Sub-Saharan Africa"],
    "Arab States": ["AS", "ASRO", "Arab States Region"],
    "Asia and the Pacific": ["AP", "APRO", "Asia-Pacific", "Asia Pacific"],
    "Eastern Europe and Central Asia": ["EECA", "EECARO"],
    "Latin America and the Caribbean": ["LAC", "LACRO", "Latin America & Caribbean"],
    "East and Southern Africa": ["ESA", "ESARO"],
    "West and Central Africa": ["WCA", "WCARO"],
}


@pytest.fixture(scope="module")
def region_list() -> regions.Regions:
    return regions.load(DEFAULT_REGIONS_FILE)


# --- headers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "Training/capacity building",
        "TRAINING_CAPACITY_BUILDING",
        "training capacity building",
        "  Training / Capacity-Building  ",
        "_training__capacity building_",
    ],
)
def test_header_spellings_read_as_one_column(raw):
    assert normalise.header(raw) == "training_capacity_building"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Country Office", "country_office"),
        ("country_office", "country_office"),
        ("Data collection and research", "data_collection_and_research"),
        ("Submitted", "submitted"),
        ("ISO3", "iso3"),
        ("\ufeffcountry_office", "country_office"),  # a byte-order mark read as text
    ],
)
def test_header_examples(raw, expected):
    assert normalise.header(raw) == expected


# --- office names ----------------------------------------------------------------------------


def test_office_key_accents_ampersand_and_case():
    assert normalise.office_key("São Tomé & Príncipe") == normalise.office_key(
        "Sao Tome and Principe"
    )
    assert normalise.office_key("São Tomé & Príncipe") == "sao tome and principe"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Côte d'Ivoire", "Cote d'Ivoire"),
        ("Côte d'Ivoire", "COTE D IVOIRE"),
        ("Republic of  Moldova", "Republic of Moldova"),
        ("El Salvador.", "El Salvador"),
        ("Guinea-Bissau", "Guinea Bissau"),
        ("Bosnia & Herzegovina", "Bosnia and Herzegovina"),
        ("  Nepal\t", "nepal"),
        ("Iran (Islamic Republic of)", "IRAN (Islamic Republic of)"),
    ],
)
def test_office_keys_match(a, b):
    assert normalise.office_key(a) == normalise.office_key(b)


def test_office_keys_of_a_column_are_office_key_of_each_name():
    # The vectorised path (a table of what each character becomes, on UTF-8 bytes) must give
    # the contract's key exactly, for every character: each of the Basic Multilingual Plane in
    # a name, and samples beyond it (mathematical letters decompose to ASCII, emoji do not).
    names = [f"A{chr(c)}b & Co" for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    names += [f"x{chr(c)}y" for c in range(0x10000, 0x110000, 97)]
    names += ["São Tomé & Príncipe", "ﬁji", "Straße", "İstanbul", "ｓａｍｏａ", "\U0001d400tlantis"]
    column = pd.Series(names, index=range(2, len(names) + 2), dtype="str")
    expected = pd.Series([normalise.office_key(n) for n in names], index=column.index)
    assert normalise.office_keys(column).tolist() == expected.tolist()


@pytest.mark.parametrize(("a", "b"), [("Niger", "Nigeria"), ("Guinea", "Guinea-Bissau")])
def test_different_offices_keep_different_keys(a, b):
    assert normalise.office_key(a) != normalise.office_key(b)


# --- regions ---------------------------------------------------------------------------------


def test_region_file_has_the_contract_regions(region_list):
    assert set(region_list.canonical) == set(CONTRACT_REGIONS)


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [(alias, name) for name, aliases in CONTRACT_REGIONS.items() for alias in [name, *aliases]],
)
def test_every_contract_alias_maps_to_its_region(region_list, alias, canonical):
    assert region_list.lookup(alias) == canonical


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [(alias, name) for name, aliases in CONTRACT_REGIONS.items() for alias in [name, *aliases]],
)
def test_aliases_in_other_case_and_spacing(region_list, alias, canonical):
    assert region_list.lookup(alias.upper()) == canonical
    assert region_list.lookup(alias.lower()) == canonical
    assert region_list.lookup(f"  {alias}  ") == canonical


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("the Arab States", "Arab States"),
        ("The Arab States Region", "Arab States"),
        ("THE asia-pacific", "Asia and the Pacific"),
        ("Latin America and Caribbean", "Latin America and the Caribbean"),
        ("latin america & the caribbean", "Latin America and the Caribbean"),
        ("Asia & the Pacific", "Asia and the Pacific"),
        ("Asia/Pacific", "Asia and the Pacific"),
        ("Asia  -  Pacific.", "Asia and the Pacific"),
        ("sub saharan africa", "Africa"),
        ("Eastern Europe & Central Asia", "Eastern Europe and Central Asia"),
        ("East & Southern Africa", "East and Southern Africa"),
        ("West and Central Africa.", "West and Central Africa"),
    ],
)
def test_region_ampersand_punctuation_and_leading_the(region_list, raw, canonical):
    assert region_list.lookup(raw) == canonical


@pytest.mark.parametrize("raw", ["Europe", "Antarctica", "Africa South", "A", "", "the"])
def test_unknown_regions_are_not_matched(region_list, raw):
    assert region_list.lookup(raw) is None


def test_region_key_drops_only_a_leading_the():
    assert normalise.region_key("The Arab States") == normalise.region_key("arab states")
    assert normalise.region_key("Asia and the Pacific") == "asia and the pacific"


# --- activity flags --------------------------------------------------------------------------


def _spellings(words: list[str]) -> list[str]:
    out = []
    for word in words:
        out += [word, word.upper(), word.capitalize(), f"  {word} ", f"\t{word.upper()}\n"]
    return out


@pytest.mark.parametrize("raw", _spellings(["yes", "y", "true", "1", "x"]))
def test_reported_flag_spellings(raw):
    assert normalise.flag(raw) is True


@pytest.mark.parametrize("raw", [*_spellings(["no", "n", "false", "0"]), "", "   ", "\t"])
def test_not_reported_flag_spellings(raw):
    assert normalise.flag(raw) is False


@pytest.mark.parametrize(
    "raw",
    ["maybe", "2", "yes please", "-", "none", "1.0", "10", "yess", "n/a", "true.", "y e s", "✓"],
)
def test_other_flag_values_are_rejected(raw):
    assert normalise.flag(raw) is None


def test_office_keys_of_names_mixing_every_kind_of_character():
    # Names built at random from pieces that each take a different path through the
    # vectorised keys: separators in runs, at either end, `&`, accents precomposed and
    # combining, characters that fold to several or to none, beyond two bytes, empty names.
    pieces = [
        "a", "B", "z9", " ", "  ", "-", "&", "é", "É", "e\u0301", "\u0301", "\u00a0", "ß",
        "æ", "ﬁ", "’", "İ", "ı", "½", "_", "(", ".", "Ω", "ǅ", "\u0345", "ſ", "ª", "²",
        "\U0001d400", "",
    ]  # fmt: skip
    rng = random.Random(5)
    names = ["".join(rng.choices(pieces, k=rng.randint(0, 7))) for _ in range(20_000)]
    column = pd.Series(names, dtype="str")
    assert normalise.office_keys(column).tolist() == [normalise.office_key(n) for n in names]


def test_per_distinct_over_a_column_in_several_chunks():
    # pandas keeps a column read in blocks as several Arrow chunks; codes must run over all.
    column = pd.concat(
        [pd.Series(["yes", " no", "yes"], dtype="str"), pd.Series(["x", "yes"], dtype="str")],
        ignore_index=True,
    )
    distinct = normalise.per_distinct(column, normalise.flag)
    assert [distinct.values[c] for c in distinct.codes] == column.tolist()
    assert [distinct.results[c] for c in distinct.codes] == [True, False, True, True, True]
    assert dict(zip(distinct.values, distinct.counts.tolist(), strict=True))["yes"] == 3
