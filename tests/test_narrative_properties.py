"""The report's sentences over random but valid years: one to eight regions, zero to hundreds
of offices, ties, zeros and everyone, a single office, and years where few or many offices
sent no report. Every number stated is the table cell the sentence says
it is (checked by position), every claim ("highest", "most", "all", "none", ...) is true of the
table, and none of the forms a UN editor would strike appears."""

from __future__ import annotations

import re
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import (
    capacity_sentences,
    data_sentences,
    narrative,
    regions,
    sentence_parts,
    tables,
)
from analysis.languages import numbers as language_numbers
from analysis.languages import prose_es, prose_fr, sentences
from analysis.paths import DEFAULT_REGIONS_FILE
from analysis.regions import TOTAL
from analysis.schema import AT_LEAST_ONE, TABLE1_ACTIVITIES, TABLE2_ACTIVITIES, TABLE_COLUMNS
from analysis.words import number_words

REGIONS = regions.load(DEFAULT_REGIONS_FILE)
# Eight names: the list's seven and one it does not know (named as it is).
POOL = (*REGIONS.canonical, "Pacific Islands")
YEAR = 2031

settings.register_profile(
    "narrative",
    max_examples=3000,
    deadline=None,
    derandomize=True,  # the same examples every run: a failure is reproduced by rerunning
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
PROFILE = settings.get_profile("narrative")
# make check draws a tenth of the examples (the 3,000 were a quarter of its time); make test
# draws them all.
EXAMPLES = [300, pytest.param(PROFILE.max_examples, marks=pytest.mark.slow)]

WORDS = {number_words(n): n for n in range(1, 1000)}
# A number in words, found by its shape and read through WORDS (one alternative per number
# made the search the test's slowest part).
_WORD = "(?:" + "|".join(sorted({w for n in WORDS for w in re.split(r"[- ]", n)} - {"and"},
                                key=len, reverse=True)) + ")"  # fmt: skip
FRACTION_WORDS = {name: fraction for fraction, name in sentence_parts.FRACTIONS}
TOKEN = re.compile(
    r"(?P<less>less than 1 per cent)|(?P<more>more than 99 per cent)"
    r"|(?P<fraction>(?:over )?(?:" + "|".join(FRACTION_WORDS) + r"))\b"
    rf"|\b(?P<word>{_WORD}(?:[- ]{_WORD}|(?<=hundred) and {_WORD}|(?<=thousand) and {_WORD})*)\b"
    r"|\b(?P<digits>\d+)\b",
    re.IGNORECASE,
)
# Numbers that are no cell: the year, the tables' names, the measure, and the rank of "the two
# highest" (its claim is checked instead).
NOT_CELLS = re.compile(rf"\b{YEAR}\b|\bTable [12]\b|\bat least one\b|\bthe two (?=highest|most)")

TABLE = re.compile(r"\bTable [12]\b")
FORBIDDEN = {
    "a per cent of 0 or 100 said of a share": re.compile(r"\b(0|100) per cent|\bzero\b", re.I),
    "n of n": re.compile(r"\((\d+|\w+) of \1\)"),
    # Outside a series with a larger number ("11 and 10 Country Offices", "(3 of 127)").
    "a figure from one to ten in prose": re.compile(
        r"(?<!\d and )\b([1-9]|10) (?!per cent|of |and )[a-zA-Z]"
    ),
    "a sentence opening with a figure": re.compile(r"(^|\. )\d"),
    "one ... Offices": re.compile(r"(?<!-)\b(1|one|One) (UNFPA )?Country Offices\b"),
    "many ... Office": re.compile(
        r"\b(\d*[02-9]|\d+1\d|two|three|four|five|six|seven|eight|nine|ten) (UNFPA )?"
        r"Country Office\b(?!s)",
        re.I,
    ),
    "offices after a count": re.compile(r"\d (offices|office)\b"),
    "such activities": re.compile(r"\bsuch activities\b", re.I),
    "capacity building as an adjective": re.compile(r"capacity building"),
    "Country offices": re.compile(r"Country offices"),
    "most activities": re.compile(r"\bmost activities\b"),
    # "Policy dialogue, and advocacy were": a comma only closes an item that holds "and".
    "a comma before the 'and' of two": re.compile(r"(?:^|\. )(?:(?!\band\b)[^,.])+, and "),
}


# Strategies made once (a strategy made per draw is validated per draw: most of the time).
N_REGIONS = st.integers(1, 8)
ORDER = st.permutations(POOL)
OFFICES = st.one_of(st.integers(1, 12), st.integers(1, 300))
KIND = st.integers(0, 4)
PER_MILLE = st.integers(0, 1000)
EVERYONE = st.sampled_from(["as drawn", "as drawn", "all", "none"])
# A year's shape: as drawn, or one office in all, or as many offices without a report as the
# tables allow (those that reported nothing).
SHAPE = st.sampled_from(["as drawn"] * 6 + ["one office", "many without a report"])


@st.composite
def year_tables(draw) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Table 1 and Table 2 of a made-up year, as tables.activity_table writes them, and how
    many offices sent no report (at most those that reported nothing)."""
    shape = draw(SHAPE)
    names = sorted(draw(ORDER)[: 1 if shape == "one office" else draw(N_REGIONS)])
    counts: dict[str, tuple[int, dict[str, int]]] = {}
    for i, name in enumerate(names):
        if i and draw(KIND) == 0:  # a copy of an earlier region: a tie
            counts[name] = counts[names[draw(PER_MILLE) * i // 1001]]
            continue
        offices = 1 if shape == "one office" else draw(OFFICES)

        def reporting(offices: int = offices) -> int:
            kind = draw(KIND)  # none, all, one, or any number between
            return {0: 0, 1: offices, 2: 1}.get(kind, offices * draw(PER_MILLE) // 1000)

        flags = {a: reporting() for a in (*TABLE1_ACTIVITIES, *TABLE2_ACTIVITIES)}
        six = [flags[a] for a in TABLE2_ACTIVITIES]
        low, high = max(six), min(offices, sum(six))
        flags[AT_LEAST_ONE] = low + (high - low) * draw(PER_MILLE) // 1000
        counts[name] = (offices, flags)
    everyone = draw(EVERYONE)

    def table(activities: tuple[str, ...]) -> pd.DataFrame:
        rows = []
        for activity in activities:
            total_offices = total_reporting = 0
            for name in names:
                offices, flags = counts[name]
                n = {"all": offices, "none": 0}.get(everyone, flags[activity])
                rows.append((name, activity, offices, n, tables.percent(n, offices)))
                total_offices, total_reporting = total_offices + offices, total_reporting + n
            rows.append(
                (TOTAL, activity, total_offices, total_reporting,
                 tables.percent(total_reporting, total_offices))
            )  # fmt: skip
        return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))

    table1, table2 = table(TABLE1_ACTIVITIES), table((*TABLE2_ACTIVITIES, AT_LEAST_ONE))
    # Offices without a report, by region: at most the region's offices less the most any
    # activity has there (they reported nothing).
    most: dict[str, int] = {}
    offices_of: dict[str, int] = {}
    for frame in (table1, table2):
        for region, offices, n in zip(
            *(frame[c].tolist() for c in ("region", "country_offices", "offices_reporting")),
            strict=True,
        ):
            most[region] = max(most.get(region, 0), n)
            offices_of[region] = offices
    missing = {}
    for region in names:
        silent = offices_of[region] - most[region]
        many = shape == "many without a report"
        missing[region] = silent if many else silent * draw(PER_MILLE) // 1000
    return table1, table2, missing


def cells_of(table: pd.DataFrame) -> dict[tuple[str, str], sentence_parts.Row]:
    return {(r.region, r.activity): r for rows in sentence_parts.rows_by_activity(table).values()
            for r in rows}  # fmt: skip


def value(rows, cell) -> int:
    region, activity, column = cell
    return getattr(rows[(region, activity)], column)


def check_numbers(sentence: sentence_parts.Sentence, rows) -> list[str]:
    """The numbers stated, in order, are exactly the cited cells; each token true of its cell."""
    text = NOT_CELLS.sub("", sentence.text)
    tokens = list(TOKEN.finditer(text))
    assert len(tokens) == len(sentence.cites), (sentence.text, [t.group(0) for t in tokens])
    said = []
    for token, cell in zip(tokens, sentence.cites, strict=True):
        row = rows[cell[:2]]
        shown = token.group(0)
        if token["less"] or token["more"] or token["fraction"]:
            assert cell[2] == "percent", (sentence.text, shown, cell)
            share = Fraction(row.offices_reporting, row.country_offices)
            if token["less"]:
                assert row.percent == 0 and row.offices_reporting > 0, (sentence.text, row)
            elif token["more"]:
                assert row.percent == 100 and not row.is_all, (sentence.text, row)
            else:
                words = shown.lower()
                fraction = FRACTION_WORDS[words.removeprefix("over ")]
                if words.startswith("over "):
                    rounded = tables.percent(fraction.numerator, fraction.denominator)
                    assert share > fraction and row.percent == rounded, (sentence.text, row)
                else:
                    assert share == fraction, (sentence.text, row)
        else:
            n = int(shown) if token["digits"] else WORDS[shown.lower()]
            assert n == value(rows, cell), (sentence.text, shown, cell, value(rows, cell))
        said.append((cell, shown.lower()))
    return said


def check_claim(claim: sentence_parts.Claim, rows) -> None:
    values = [value(rows, c) for c in claim.cells]
    others = [value(rows, c) for c in claim.among]
    kind = claim.kind
    if kind == "highest":
        assert len(set(values)) == 1 and values[0] > 0, claim
        assert all(v < values[0] for v in others), claim
    elif kind == "runner_up":
        first, second = values
        assert first > second > 0 and all(v < second for v in others), claim
        assert Fraction(second, first) >= sentence_parts.RUNNER_UP_WITHIN, claim
    elif kind == "same":
        assert len(set(values)) == 1, claim
    elif kind in ("all", "none", "some"):
        for region, activity, _ in claim.cells:
            row = rows[(region, activity)]
            expected = {"all": row.is_all, "none": row.is_none, "some": not row.is_none}[kind]
            assert expected, (claim, row)
    elif kind == "more_than":
        assert all(values[0] > v for v in others), claim
    elif kind == "as_many_as":
        assert all(values[0] == v for v in others), claim
    else:
        raise AssertionError(f"unknown claim {kind}")


def check_words_have_claims(sentence: sentence_parts.Sentence) -> None:
    """A word that claims is backed by a claim of its kind, which names the regions it is of."""
    kinds = {c.kind for c in sentence.claims}
    text = sentence.text
    if re.search(r"\b(highest|most)\b", text):
        assert "highest" in kinds, text
    if re.search(r"\bsame\b", text):
        assert "same" in kinds, text
    if re.search(r"(?<!of )\b[Aa]ll\b", text) or text.startswith("Both"):
        assert "all" in kinds, text
    if re.search(r"\b[Nn]o (UNFPA )?Country Office\b", text):
        assert "none" in kinds, text
    for claim in sentence.claims:
        if claim.kind in ("highest", "runner_up", "all", "none", "more_than", "as_many_as"):
            for region, _, _ in claim.cells:
                assert region == TOTAL or REGIONS.text_name(region) in text, (text, region)


def one_wording(shown: str) -> str:
    """ "Fifty" (per cent, opening a sentence) and "50" are one wording."""
    return str(WORDS[shown]) if shown in WORDS else shown


def check_small_and_sparse(page, rows, missing_by_region: dict[str, int]) -> None:
    """The forms of small and sparse years: a region of one or two offices named as such, a
    one-office year in the singular that ranks nothing, an only activity never "the most",
    and the offices without a report counted in each paragraph, naming each region none of
    whose offices sent one."""
    missing = sum(missing_by_region.values())
    text = " ".join(s.text for paragraph in page for s in paragraph)
    small = {
        REGIONS.text_name(region)
        for (region, activity), row in rows.items()
        if activity == TABLE1_ACTIVITIES[0] and region != TOTAL and row.country_offices <= 2
    }
    for named in re.finditer(r"\b[Aa]ll Country Offices in (.+?) reported", text):
        assert named.group(1) not in small, (named.group(0), text)  # one region, named alone
    if rows[(TOTAL, TABLE1_ACTIVITIES[0])].country_offices == 1:
        assert not re.search(r"Country Offices|most frequently|[Aa]ll of them", text), text
    if sum(not rows[(TOTAL, a)].is_none for a in TABLE2_ACTIVITIES) == 1:
        assert "most frequently" not in text, text
    offices = rows[(TOTAL, TABLE1_ACTIVITIES[0])].country_offices
    size = {r: rows[(r, TABLE1_ACTIVITIES[0])].country_offices for r in missing_by_region}
    silent = [r for r, n in missing_by_region.items() if n == size[r]]
    for paragraph in page:
        said = " ".join(s.text for s in paragraph)
        assert ("sent no report" in said or "sent a report" in said) == (missing > 0), said
        if 0 < missing < offices:
            (told,) = [s.text for s in paragraph if "sent no report" in s.text]
            for region in silent:
                offices_word = "Offices" if size[region] == 2 else "Office"
                named = f"Country {offices_word} in {REGIONS.text_name(region)}"
                assert named in told, (region, told)


@pytest.mark.parametrize("examples", EXAMPLES)
def test_every_sentence_states_only_what_its_tables_show(examples):
    @settings(PROFILE, max_examples=examples)
    @given(year_tables())
    def check(drawn):
        table1, table2, missing_by_region = drawn
        missing = sum(missing_by_region.values())
        rows = {**cells_of(table1), **cells_of(table2)}
        offices = rows[(TOTAL, TABLE1_ACTIVITIES[0])].country_offices
        rows[(TOTAL, sentence_parts.NO_REPORT)] = sentence_parts.Row(
            TOTAL, sentence_parts.NO_REPORT, offices, missing, tables.percent(missing, offices)
        )
        page = [
            capacity_sentences.capacity_building_sentences(
                table1, REGIONS, YEAR, missing_by_region
            ),
            data_sentences.data_research_sentences(table2, REGIONS, YEAR, missing_by_region),
        ]
        check_small_and_sparse(page, rows, missing_by_region)
        wording: dict[tuple[int, int], str] = {}
        for paragraph in page:
            cited = [cell for sentence in paragraph for cell in sentence.cites]
            assert len(cited) == len(set(cited)), ("a figure said twice", paragraph)
            for sentence in paragraph:
                for name, pattern in FORBIDDEN.items():
                    assert not pattern.search(TABLE.sub("", sentence.text)), (name, sentence.text)
                for claim in sentence.claims:
                    check_claim(claim, rows)
                check_words_have_claims(sentence)
                for cell, shown in check_numbers(sentence, rows):
                    if cell[2] == "percent":
                        row = rows[cell[:2]]
                        key = (row.offices_reporting, row.country_offices)
                        said = one_wording(shown)
                        assert wording.setdefault(key, said) == said, (key, shown, wording[key])
        text = " ".join(s.text for paragraph in page for s in paragraph)
        regions_in = [r for r in table1["region"].unique() if r != TOTAL]
        if len(regions_in) == 1:
            assert REGIONS.text_name(regions_in[0]) in text, text

    check()


# ---------------------------------------------------------------------------------------------
# The same property in French and Spanish: the sentences that languages/sentences.py decides
# and each language's phrasebook words. Every number stated is its cell, every claim true,
# every word that claims backed by its claim, none of the forms an editor of that language
# would strike; and each sentence cites the cells and makes the claims English does, in order.


def _language_words(language: str) -> dict[str, int]:
    """Numbers in words as the language writes them (both genders in Spanish), up to 100: a
    count is in words up to ten, a per cent opening a French sentence up to a hundred."""
    words = {}
    for n in range(1, 101):
        for feminine in (False, True):
            words[language_numbers.words(n, language, feminine)] = n
    return words


def _alternatives(texts) -> str:
    return "|".join(re.escape(t) for t in sorted(texts, key=len, reverse=True))


class Spec:
    """What the property test needs to read a language's sentences."""

    def __init__(self, language, book, less, more, fractions, of, not_cells, forbidden, claims,
                 region_form, one, percent_words=""):  # fmt: skip
        self.language, self.book = language, book(REGIONS)
        self.words = _language_words(language)
        self.fractions = fractions  # the language's words -> (fraction, over)
        self.region_form = region_form
        self.token = re.compile(
            rf"(?P<less>{less})|(?P<more>{more})|(?P<one>{one})"
            rf"|(?P<fraction>{_alternatives(fractions)})(?!\w)"
            rf"|(?<!\w)(?P<word>{_alternatives(self.words)})(?!\w)(?:{percent_words})?"
            r"|\b(?P<digits>\d{1,3}(?:[\u202f.]\d{3})*)\b",
            re.IGNORECASE,
        )
        self.of = re.compile(of)
        self.not_cells = re.compile(not_cells)
        self.forbidden = {name: re.compile(p) for name, p in forbidden.items()}
        self.claims = {kind: re.compile(p) for kind, p in claims.items()}


def _fraction_words(words: dict[str, tuple[str, str]]) -> dict[str, tuple[Fraction, bool]]:
    by_name = {name: fraction for fraction, name in sentence_parts.FRACTIONS}
    out = {}
    for english, (exactly, over) in words.items():
        out[exactly] = (by_name[english], False)
        out[over] = (by_name[english], True)
    return out


FRENCH = Spec(
    "fr",
    prose_fr.French,
    less="moins de 1\u202f%",
    more="plus de 99\u202f%",
    fractions=_fraction_words(prose_fr.FRACTIONS),
    of=r"\((\S+) sur \1\)",
    not_cells=rf"\b{YEAR}\b|\b[Tt]ableau [12]\b|\bau moins une?\b|\bles deux (?=proportions|"
    r"activités)|[Ll]'un et l'autre",
    forbidden={
        "a per cent of 0 or 100 said of a share": r"\b(0|100)\u202f%|\bzéro\b",
        "a figure from one to ten in prose": r"(?<!\d et )\b([1-9]|10) (?!sur |et )\w",
        "a sentence opening with a figure": r"(^|\. )\d",
        "one ... bureaux": r"\b(1|un|Un) bureaux\b",
        "many ... bureau": r"\b(\d*[02-9]|\d+1\d|deux|trois|quatre|cinq|six|sept|huit|neuf|dix) "
        r"bureau\b",
        "a missing elision": r"\b(que|de) [aeiouéèAEIOUÉ]",
        "English left": r"\b(the|of|and|per cent|Country Office)\b",
    },
    claims={
        "highest": r"plus élevée|plus fréquemment",
        "same": r"\bmême\b",
        # ("le seul bureau" names the one office, also where it sent no report: no claim)
        "all": r"\b[Tt]ous\b|totalité|l'un et l'autre|[Cc]e bureau a déclaré",
        "none": r"\b[Aa]ucun bureau",
    },
    region_form="in",
    one=r"\bseul(?= bureau)",
    percent_words=" pour cent",
)
SPANISH = Spec(
    "es",
    prose_es.Spanish,
    less="menos del 1\u00a0%",
    more="más del 99\u00a0%",
    fractions=_fraction_words(prose_es.FRACTIONS),
    of=r"\((\S+) de \1\)",
    not_cells=rf"\b{YEAR}\b|\b[Cc]uadro [12]\b|\bal menos una\b|\blas dos (?=proporciones|"
    r"actividades)",
    forbidden={
        "a per cent of 0 or 100 said of a share": r"\b(0|100)\u00a0%|\bcero\b",
        "a figure from one to ten in prose": r"(?<!\d y )\b([1-9]|10) (?!de |y )\w",
        "a sentence opening with a figure": r"(^|\. )\d",
        "one ... oficinas": r"\b(1|una|Una) oficinas\b",
        "many ... oficina": r"\b(\d*[02-9]|\d+1\d|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|"
        r"diez) oficina\b",
        "a masculine count of offices": r"\b(uno|un|veintiuno|veintiún) oficinas?\b",
        "y before an i- sound": r"\by (h?i[^aeo])",
        "de el": r"\bde el\b",
        "English left": r"\b(the|of|and|per cent|Country Office)\b",
    },
    claims={
        "highest": r"más alta|con más frecuencia",
        "same": r"\bmism[ao]\b",
        "all": r"(?<!de )\b[Tt]odas las oficinas|totalidad|\b[Aa]mbas\b|"
        r"[Cc]ada oficina informó|[Ee]sa oficina informó",
        "none": r"\b[Nn]inguna oficina",
    },
    region_form="in_text",
    one=r"\búnica(?= oficina)",
)


def check_language_numbers(spec: Spec, sentence: sentence_parts.Sentence, rows) -> list:
    text = spec.not_cells.sub("", sentence.text)
    tokens = list(spec.token.finditer(text))
    assert len(tokens) == len(sentence.cites), (sentence.text, [t.group(0) for t in tokens])
    said = []
    for token, cell in zip(tokens, sentence.cites, strict=True):
        row = rows[cell[:2]]
        shown = token.group(0)
        if token["less"]:
            assert cell[2] == "percent" and row.percent == 0 and row.offices_reporting > 0
        elif token["more"]:
            assert cell[2] == "percent" and row.percent == 100 and not row.is_all
        elif token["fraction"]:
            fraction, over = spec.fractions[shown.lower()]
            share = Fraction(row.offices_reporting, row.country_offices)
            assert cell[2] == "percent", (sentence.text, cell)
            if over:
                rounded = tables.percent(fraction.numerator, fraction.denominator)
                assert share > fraction and row.percent == rounded, (sentence.text, row)
            else:
                assert share == fraction, (sentence.text, row)
        else:
            if token["one"]:  # "the one office", said as a word that is no number
                n = 1
            elif token["digits"]:
                n = int(re.sub(r"[\u202f.]", "", shown))
            else:
                n = spec.words[token["word"].lower()]
            assert n == value(rows, cell), (sentence.text, shown, cell, value(rows, cell))
            shown = str(n)
        said.append((cell, shown.lower()))
    return said


def check_language_words_have_claims(spec: Spec, sentence: sentence_parts.Sentence) -> None:
    kinds = {c.kind for c in sentence.claims}
    # A bracket names the regions none of whose offices sent a report ("(ambas oficinas ...
    # de X)"): no claim of what they reported, as in English.
    said = re.sub(r"\([^()]*\)", "", sentence.text)
    for kind, pattern in spec.claims.items():
        if pattern.search(said):
            assert kind in kinds, (kind, sentence.text)
    for claim in sentence.claims:
        if claim.kind in ("highest", "runner_up", "all", "none", "more_than", "as_many_as"):
            for region, _, _ in claim.cells:
                name = REGIONS.name_in(spec.language, region, spec.region_form) or region
                found = name.lower() in sentence.text.lower()  # "En Afrique" opening a sentence
                assert region == TOTAL or found, (sentence.text, region)


def check_language(spec: Spec, table1, table2, missing_by_region) -> None:
    rows = {**cells_of(table1), **cells_of(table2)}
    missing = sum(missing_by_region.values())
    offices = rows[(TOTAL, TABLE1_ACTIVITIES[0])].country_offices
    rows[(TOTAL, sentence_parts.NO_REPORT)] = sentence_parts.Row(
        TOTAL, sentence_parts.NO_REPORT, offices, missing, tables.percent(missing, offices)
    )
    english = [
        narrative.capacity_building_sentences(table1, REGIONS, YEAR, missing_by_region),
        narrative.data_research_sentences(table2, REGIONS, YEAR, missing_by_region),
    ]
    page = [
        sentences.capacity_building_sentences(spec.book, table1, REGIONS, YEAR, missing_by_region),
        sentences.data_research_sentences(spec.book, table2, REGIONS, YEAR, missing_by_region),
    ]
    wording: dict[tuple[int, int], str] = {}
    for paragraph, english_paragraph in zip(page, english, strict=True):
        assert [s.cites for s in paragraph] == [s.cites for s in english_paragraph]
        assert [s.claims for s in paragraph] == [s.claims for s in english_paragraph]
        for sentence in paragraph:
            prose = spec.not_cells.sub("", sentence.text)
            for name, pattern in spec.forbidden.items():
                assert not pattern.search(prose), (name, sentence.text)
            assert not spec.of.search(sentence.text), ("n of n", sentence.text)
            for claim in sentence.claims:
                check_claim(claim, rows)
            check_language_words_have_claims(spec, sentence)
            for cell, shown in check_language_numbers(spec, sentence, rows):
                if cell[2] == "percent":
                    row = rows[cell[:2]]
                    key = (row.offices_reporting, row.country_offices)
                    assert wording.setdefault(key, shown) == shown, (key, shown, wording[key])


# `make check` draws a fifth of the English examples per language; `make test` all of them.
@pytest.mark.parametrize(
    "spec, examples",
    [
        (FRENCH, 600),
        (SPANISH, 600),
        pytest.param(FRENCH, 3000, marks=pytest.mark.slow),
        pytest.param(SPANISH, 3000, marks=pytest.mark.slow),
    ],
    ids=["fr", "es", "fr-all", "es-all"],
)
def test_every_sentence_states_only_what_its_tables_show_in_every_language(spec, examples):
    @settings(PROFILE, max_examples=examples)
    @given(year_tables())
    def check(drawn):
        check_language(spec, *drawn)

    check()
