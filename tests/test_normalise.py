"""The contract's normalisation rules: headers and office names (1.4), flags (1.3), regions (3)."""

from __future__ import annotations

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


def test_office_keys_of_a_column_keep_its_rows():
    names = pd.Series(["São Tomé & Príncipe", "Viet Nam", "São Tomé & Príncipe"], index=[4, 2, 7])
    keys = normalise.office_keys(names)
    assert keys.to_dict() == {
        4: "sao tome and principe",
        2: "viet nam",
        7: "sao tome and principe",
    }


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Angola\u202e", "Angola<U+202E>"),
        ("\u2066x\u2069 \u200e\u200f", "<U+2066>x<U+2069> <U+200E><U+200F>"),
        ("\u202a\u202b\u202c\u202d", "<U+202A><U+202B><U+202C><U+202D>"),
        ("\u2067\u2068", "<U+2067><U+2068>"),
        ("São Tomé, عمان", "São Tomé, عمان"),  # letters of either direction stay as they are
    ],
)
def test_bidirectional_controls_are_made_visible(typed, shown):
    assert normalise.visible_controls(typed) == shown
