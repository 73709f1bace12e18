"""The report's sentences in French, written as French says them (not word for word): "les
bureaux de pays" (masculine plural) and their agreement, "soit 23 %", "respectivement",
elision ("qu'en Afrique"), the regions' names with their prepositions from regions.csv.
Each method renders one sentence that sentences.py decided from the claims; the cells are
stated in the order English states them."""

from __future__ import annotations

from ..regions import Regions
from ..sentence_parts import Row, Said, fraction_words
from ..words import capitalise
from . import numbers

LANGUAGE = "fr"
OFFICES = "bureaux de pays de l'UNFPA"
CAPACITY = "des activités de formation et de renforcement des capacités"
AT_LEAST_ONE = "au moins une de ces activités"

# The shares a reader grasps at a glance (narrative.FRACTIONS), exactly and just over.
FRACTIONS = {
    "one quarter": ("un quart", "plus d'un quart"),
    "one third": ("un tiers", "plus d'un tiers"),
    "half": ("la moitié", "plus de la moitié"),
    "two thirds": ("deux tiers", "plus des deux tiers"),
    "three quarters": ("trois quarts", "plus des trois quarts"),
}
# What an office does, per activity (the English "engage in policy dialogue, ...").
ACTIVITY_VERBS = {
    "policy_dialogue": "participent au dialogue sur les politiques",
    "policy_formulation": "facilitent la formulation des politiques",
    "advocacy": "mènent des activités de plaidoyer",
    "awareness_raising": "mènent des activités de sensibilisation",
    "advocacy_and_awareness_raising": "mènent des activités de plaidoyer et de sensibilisation",
    "technical_assistance": "apportent leur assistance technique",
    "data_collection_and_research": "appuient la collecte de données et la recherche",
}
# The same, of the one office of a year.
ACTIVITY_VERBS_ONE = {
    "policy_dialogue": "participe au dialogue sur les politiques",
    "policy_formulation": "facilite la formulation des politiques",
    "advocacy": "mène des activités de plaidoyer",
    "awareness_raising": "mène des activités de sensibilisation",
    "advocacy_and_awareness_raising": "mène des activités de plaidoyer et de sensibilisation",
    "technical_assistance": "apporte son assistance technique",
    "data_collection_and_research": "appuie la collecte de données et la recherche",
}
# An activity as a sentence's subject, with its article.
ACTIVITY_NOUNS = {
    "policy_dialogue": "le dialogue sur les politiques",
    "policy_formulation": "la formulation des politiques",
    "advocacy": "le plaidoyer",
    "awareness_raising": "la sensibilisation",
    "technical_assistance": "l'assistance technique",
    "data_collection_and_research": "l'appui à la collecte de données et à la recherche",
}
VOWELS = "aeiouyàâéèêëîïôûh"


def elide(word: str, following: str) -> str:
    """ "autant que" + "en Afrique" = "autant qu'en Afrique"; "de" + "un" = "d'un"."""
    head, _, last = word.rpartition(" ")
    if following[:1].lower() in VOWELS and last in ("que", "de"):
        return f"{head} {last[:-1]}'{following}".lstrip()
    return f"{word} {following}"


def join(items: list[str], conjunction: str = "et") -> str:
    """ "A, B et C"; a comma before the last "et" when the item before it holds one ("en Asie
    et dans le Pacifique, et en Afrique"), so that the list reads one way only."""
    if len(items) <= 1:
        return "".join(items)
    comma = "," if f" {conjunction} " in items[-2] else ""
    return ", ".join(items[:-1]) + f"{comma} {conjunction} " + items[-1]


class French:
    language = LANGUAGE

    def __init__(self, regions: Regions):
        self.regions = regions

    # --- names and numbers -------------------------------------------------------------------

    def where(self, region: str) -> str:
        """ "en Afrique", "dans la région des États arabes"."""
        return self.regions.name_in(LANGUAGE, region, "in") or f"dans la région {region}"

    def in_regions(self, rows: list[Row] | list[str], conjunction: str = "et") -> str:
        names = [r if isinstance(r, str) else r.region for r in rows]
        return join([self.where(n) for n in names], conjunction)

    def count(self, row: Row, column: str = "offices_reporting", opening: bool = False) -> Said:
        return Said(
            numbers.number(getattr(row, column), LANGUAGE, opening=opening), (row.cell(column),)
        )

    def counts_of(self, row: Row) -> Said:
        n, of = numbers.numbers([row.offices_reporting, row.country_offices], LANGUAGE)
        return Said(f"({n} sur {of})", (row.cell("offices_reporting"), row.cell("country_offices")))

    def region_share(self, row: Row, opening: bool = False) -> Said:
        if row.percent == 0 and not row.is_none:
            text = f"moins de {numbers.percent_figure(1, LANGUAGE)}"
        elif row.percent == 100 and not row.is_all:
            text = f"plus de {numbers.percent_figure(99, LANGUAGE)}"
        else:
            text = numbers.per_cent(row.percent, LANGUAGE, opening)
        return Said(capitalise(text) if opening else text, (row.cell("percent"),))

    def total_share(self, row: Row, opening: bool = False) -> Said:
        words = fraction_words(row.offices_reporting, row.country_offices)
        if words is None:
            return self.region_share(row, opening)
        exactly, over = FRACTIONS[words.removeprefix("over ")]
        text = over if words.startswith("over ") else exactly
        return Said(capitalise(text) if opening else text, (row.cell("percent"),))

    def each(self, share: Said) -> Said:
        return Said(f"{share.text} chacune", share.cites)

    def all_or_share_each(self, rows: list[Row]) -> Said:
        items, cites = [], []
        for row in rows:
            share = self.region_share(row)
            items.append(f"{'la totalité' if row.is_all else share.text} {self.where(row.region)}")
            cites += [] if row.is_all else share.cites
        return Said(join(items), tuple(cites))

    def all_offices(self, row: Row) -> tuple[Said, str]:
        """The subject "all the offices" and its verb's auxiliary, agreeing with it."""
        if row.country_offices == 1:
            return Said("le seul bureau de pays de l'UNFPA", (row.cell("country_offices"),)), "a"
        if row.country_offices == 2:
            return Said("l'un et l'autre bureau de pays de l'UNFPA"), "ont"
        n = numbers.number(row.country_offices, LANGUAGE)
        return Said(f"les {n} {OFFICES}", (row.cell("country_offices"),)), "ont tous"

    def all_in(self, rows: list[Row]) -> tuple[Said, str]:
        """ "tous les bureaux de pays en A et en B", "le seul bureau de pays en A", "l'un et
        l'autre bureau de pays en A", and the auxiliary agreeing with it."""
        where = self.in_regions(rows)
        if len(rows) == 1 and rows[0].country_offices == 1:
            return Said(f"le seul bureau de pays {where}", (rows[0].cell("country_offices"),)), "a"
        if len(rows) == 1 and rows[0].country_offices == 2:
            return Said(f"l'un et l'autre bureau de pays {where}"), "ont"
        return Said(f"tous les bureaux de pays {where}"), "ont"

    def names_table(self, text: str, number: int) -> bool:
        return f"tableau {number}" in text.lower()

    def refer_to_table(self, text: str, number: int) -> str:
        return f"{text[:-1]} (tableau {number})."

    # --- Section B ---------------------------------------------------------------------------

    def capacity_total_none(self, year: int):
        return (
            f"Au niveau des pays, aucun bureau de pays de l'UNFPA n'a déclaré appuyer "
            f"{CAPACITY} en {year}.",
        )

    def capacity_total_all(self, total: Row, year: int):
        subject, verb = self.all_offices(total)
        return ("Au niveau des pays, ", subject, f" {verb} déclaré appuyer {CAPACITY} en {year}.")

    def capacity_total_share(self, total: Row, year: int):
        share = self.total_share(total)
        return (
            "Au niveau des pays, ",
            share,
            f" des {OFFICES} ",
            self.counts_of(total),
            f" ont déclaré appuyer {CAPACITY} en {year}.",
        )

    def capacity_same(self, each: Said):
        return (
            "Les bureaux de pays de toutes les régions ont déclaré la même proportion dans ce "
            "domaine, ",
            each,
            ".",
        )

    def capacity_all_followed_by(self, top: list[Row], second: Row):
        subject, verb = self.all_in(top)
        return (
            subject,
            f" {verb} déclaré {CAPACITY}, la proportion la plus élevée, suivie de ",
            self.region_share(second),
            f" {self.where(second.region)}.",
        )

    def capacity_two_highest(self, first: Row, second: Row):
        return (
            f"Les bureaux de pays {self.in_regions([first, second])} ont déclaré les deux "
            "proportions les plus élevées dans ce domaine, soit ",
            self.region_share(first),
            " et ",
            self.region_share(second),
            " respectivement.",
        )

    def capacity_all_highest(self, top: list[Row]):
        subject, verb = self.all_in(top)
        return (
            subject,
            f" {verb} déclaré {CAPACITY}, la proportion la plus élevée de toutes les régions.",
        )

    def capacity_highest(self, row: Row):
        return (
            f"Les bureaux de pays {self.where(row.region)} ont déclaré la proportion la plus "
            "élevée dans ce domaine, soit ",
            self.region_share(row),
            ".",
        )

    def capacity_highest_each(self, top: list[Row], each: Said):
        return (
            f"Les bureaux de pays {self.in_regions(top)} ont déclaré la proportion la plus "
            "élevée dans ce domaine, soit ",
            each,
            ".",
        )

    def capacity_by_count(self, row: Row, among: list[str], kind: str, opening_count: bool):
        n = row.offices_reporting
        office = "bureau de pays de l'UNFPA" if n == 1 else OFFICES
        verb = "a" if n == 1 else "ont"
        relation = elide(
            "plus que" if kind == "more_than" else "autant que", self.in_regions(among)
        )
        if opening_count:
            opening = (self.count(row, opening=True), f" {office} {self.where(row.region)}")
        else:
            opening = (f"{capitalise(self.where(row.region))}, ", self.count(row), f" {office}")
        return (
            *opening,
            ", soit ",
            self.region_share(row),
            f" de l'ensemble des bureaux de pays de la région, {verb} également déclaré "
            f"appuyer {CAPACITY}, {relation}.",
        )

    def shares_listed(self, rows: list[Row]) -> Said:
        groups: list[list[Row]] = []
        for row in sorted(rows, key=lambda r: (-r.percent, r.region)):
            if groups and groups[-1][0].percent == row.percent:
                groups[-1].append(row)
            else:
                groups.append([row])
        items, cites = [], []
        for i, group in enumerate(groups):
            share = self.region_share(group[0], opening=i == 0)
            of = " des bureaux de pays" if i == 0 else ""
            items.append(f"{share.text}{of} {self.in_regions(group)}")
            cites += share.cites
        return Said(join(items), tuple(cites))

    def capacity_also(self, listed: Said, also: bool):
        return (listed, f" ont {'également ' if also else ''}appuyé {CAPACITY}.")

    def none_reported(self, rows: list[Row], what: str):
        activities = {
            "capacity": "d'activités de formation et de renforcement des capacités",
            "any": "aucune de ces activités",
        }[what]
        return (f"Aucun bureau de pays {self.in_regions(rows, 'ou')} n'a déclaré {activities}.",)

    def one_region(self, region: str, year: int):
        return (
            f"La liste des bureaux de {year} ne compte de bureaux de pays "
            f"{elide('que', self.where(region))}.",
        )

    # --- Section C ---------------------------------------------------------------------------

    def engage(self, activities: list[str], one: Row | None = None):
        """What the offices do; of a year's one office, in the singular."""
        if one is not None:
            subject, _ = self.all_offices(one)
            verbs = join([ACTIVITY_VERBS_ONE[a] for a in activities])
            return (subject, f" {verbs} dans le domaine des migrations internationales.")
        verbs = join([ACTIVITY_VERBS[a] for a in activities])
        return (f"Les {OFFICES} {verbs} dans le domaine des migrations internationales.",)

    def each_activity_all(self, many: bool):
        subject = "Tous ont" if many else "Ce bureau a"
        return (f"{subject} déclaré chacune de ces activités.",)

    def each_activity_same(self, row: Row):
        return (
            "Chacune de ces activités a été déclarée par le même nombre de bureaux de pays, soit ",
            self.count(row),
            ".",
        )

    def _activities(self, rows: list[Row]) -> str:
        return join([ACTIVITY_NOUNS[r.activity] for r in rows])

    def two_most_reported(self, first: Row, second: Row):
        counts = numbers.numbers([first.offices_reporting, second.offices_reporting], LANGUAGE)
        series = Said(
            join(counts), (first.cell("offices_reporting"), second.cell("offices_reporting"))
        )
        return (
            self._activities([first, second]),
            " ont été les deux activités les plus fréquemment déclarées au niveau des pays (",
            series,
            " bureaux de pays respectivement).",
        )

    def most_reported(self, top: list[Row]):
        n = top[0].offices_reporting
        offices = "bureau de pays" if n == 1 else "bureaux de pays"
        if len(top) == 1:
            return (
                self._activities(top),
                " a été l'activité la plus fréquemment déclarée au niveau des pays (",
                self.count(top[0]),
                f" {offices}).",
            )
        return (
            self._activities(top),
            " ont été les activités les plus fréquemment déclarées au niveau des pays (",
            self.count(top[0]),
            f" {offices} chacune).",
        )

    def data_total_none(self, activities: list[str], year: int):
        listed = join([ACTIVITY_NOUNS[a] for a in activities], "ou")
        return (
            f"Aucun bureau de pays de l'UNFPA n'a déclaré d'activité liée aux migrations en "
            f"{year}, qu'il s'agisse de {listed}.",
        )

    def data_total_all(self, total: Row):
        subject, verb = self.all_offices(total)
        return (
            subject,
            f" {verb} déclaré des activités dans au moins un de ces domaines liés aux migrations.",
        )

    def data_total_share(self, total: Row):
        return (
            self.total_share(total, opening=True),
            f" de l'ensemble des {OFFICES} ",
            self.counts_of(total),
            " ont déclaré des activités dans au moins un de ces domaines liés aux migrations.",
        )

    _SUBJECT = f"la proportion de bureaux de pays ayant déclaré {AT_LEAST_ONE}"

    def data_same(self, each: Said):
        return (
            f"Le tableau 2 montre que {self._SUBJECT} était la même dans toutes les régions, ",
            each,
            ".",
        )

    def data_all_followed_by(self, top: list[Row], second: Row):
        subject, verb = self.all_in(top)
        return (
            "Le tableau 2 montre que ",
            subject,
            f" {verb} déclaré {AT_LEAST_ONE}, la proportion la plus élevée de toutes les "
            "régions, suivie de ",
            self.region_share(second),
            f" {self.where(second.region)}.",
        )

    def data_two_highest(self, first: Row, second: Row):
        one, two = self.region_share(first), self.region_share(second)
        items = [
            f"{self.where(first.region)} ({one.text})",
            f"{self.where(second.region)} ({two.text})",
        ]
        return (
            "Le tableau 2 montre que les deux proportions les plus élevées de bureaux de pays "
            f"ayant déclaré {AT_LEAST_ONE} ont été relevées ",
            Said(join(items), one.cites + two.cites),
            ".",
        )

    def data_all_highest(self, top: list[Row]):
        subject, verb = self.all_in(top)
        return (
            "Le tableau 2 montre que ",
            subject,
            f" {verb} déclaré {AT_LEAST_ONE}, la proportion la plus élevée de toutes les régions.",
        )

    def data_highest(self, row: Row):
        return (
            f"Le tableau 2 montre que {self._SUBJECT} était la plus élevée "
            f"{self.where(row.region)} (",
            self.region_share(row),
            ").",
        )

    def data_highest_each(self, top: list[Row], each: Said):
        return (
            f"Le tableau 2 montre que {self._SUBJECT} était la plus élevée "
            f"{self.in_regions(top)}, soit ",
            each,
            ".",
        )

    # --- Small and sparse years -------------------------------------------------------------

    def capacity_total_none_one(self, total: Row, year: int):
        subject, _ = self.all_offices(total)
        return ("Au niveau des pays, ", subject, f" n'a pas déclaré appuyer {CAPACITY} en {year}.")

    def one_office_region(self, row: Row, year: int):
        return (f"La liste de {year} compte ", self.count(row, "country_offices"),
                f" bureau de pays, {self.where(row.region)}.")  # fmt: skip

    def no_report(self, reported: Row, year: int, what: str, silent=(), lead: bool = False):
        """How many offices sent no report, of how many (`reported`: offices_reporting holds
        those without one), and the regions `silent` where none did ("dont" where others
        elsewhere did not either: `lead`)."""
        counted = {
            "capacity": "aucune activité de formation et de renforcement des capacités",
            "any": "aucune de ces activités",
        }[what]
        if reported.country_offices == 1:
            return ("Le ", Said("seul", (reported.cell("country_offices"),)),
                    f" bureau de pays n'a envoyé aucun rapport pour {year} et est compté comme "
                    f"n'ayant déclaré {counted}.")  # fmt: skip
        if reported.offices_reporting == reported.country_offices:
            return ("Aucun des ", self.count(reported, "country_offices"),
                    f" bureaux de pays n'a envoyé de rapport pour {year} ; chacun est compté "
                    f"comme n'ayant déclaré {counted}.")  # fmt: skip
        one = reported.offices_reporting == 1
        verb = "n'a envoyé" if one else "n'ont envoyé"
        is_counted = "est compté" if one else "sont comptés"
        among: tuple = ()
        if silent:
            among = (f" ({'dont ' if lead else ''}", self._silent(silent), ")")
        return ("Sur les ", self.count(reported, "country_offices"), " bureaux de pays, ",
                self.count(reported), f" {verb} aucun rapport pour {year}", *among,
                f" et {is_counted} comme n'ayant déclaré {counted}.")  # fmt: skip

    def _silent(self, rows: list[Row]) -> Said:
        """ "tous les bureaux de pays en Afrique", "le seul bureau de pays en ..."."""
        items, cites = [], []
        for row in rows:
            where = self.where(row.region)
            if row.country_offices == 1:
                items.append(f"le seul bureau de pays {where}")
                cites.append(row.cell("country_offices"))
            elif row.country_offices == 2:
                items.append(f"l'un et l'autre bureau de pays {where}")
            else:
                items.append(f"tous les bureaux de pays {where}")
        return Said(join(items), tuple(cites))

    def only_activity(self, row: Row):
        n = row.offices_reporting
        offices = "bureau de pays" if n == 1 else "bureaux de pays"
        return (ACTIVITY_NOUNS[row.activity], " a été la seule activité déclarée au niveau des "
                "pays (", self.count(row), f" {offices}).")  # fmt: skip

    def data_total_none_one(self, total: Row, activities: list[str], year: int):
        subject, _ = self.all_offices(total)
        listed = join([ACTIVITY_NOUNS[a] for a in activities], "ou")
        return (subject, f" n'a déclaré aucune activité liée aux migrations en {year}, qu'il "
                f"s'agisse de {listed}.")  # fmt: skip

    # --- Method ------------------------------------------------------------------------------

    def method_paragraphs(self, offices: int, regions: int, year: int, missing: list[str],
                          set_aside: int, set_aside_offices: list[str],
                          listed_below: bool = False) -> list[str]:  # fmt: skip
        """How the figures were made (narrative.method_paragraphs' facts, in French); with
        `listed_below`, the offices without a report are in a table after the paragraphs."""
        n, r = numbers.number(offices, LANGUAGE), numbers.number(regions, LANGUAGE)
        paragraphs = [
            "Chaque pourcentage est le nombre de bureaux de pays ayant déclaré une activité, "
            f"divisé par le nombre total de bureaux de pays de la région dans la liste de {year} "
            f"({n} {'bureau' if offices == 1 else 'bureaux'} de pays dans {r} "
            f"{'région' if regions == 1 else 'régions'}), arrondi à l'entier le plus proche, les "
            "demis étant arrondis vers le haut. Les nombres sont exacts."
        ]
        if missing:
            m = len(missing)
            subject = f"{numbers.number(m, LANGUAGE, opening=True)} " + (
                "bureau de pays n'a envoyé aucun rapport" if m == 1
                else "bureaux de pays n'ont envoyé aucun rapport"
            )  # fmt: skip
            counted = "est compté comme n'ayant" if m == 1 else "sont comptés comme n'ayant"
            paragraphs.append(
                f"{subject} pour {year} et {counted} déclaré aucune des activités : "
                + (f"le tableau ci-dessous {'le' if m == 1 else 'les'} énumère par région."
                   if listed_below else f"{join(missing)}.")
            )  # fmt: skip
        elif offices == 1:
            paragraphs.append(
                f"Le seul bureau de pays de la liste a envoyé un rapport pour {year}."
            )
        else:
            paragraphs.append(
                f"Tous les bureaux de pays de la liste ont envoyé un rapport pour {year}."
            )
        if not set_aside:
            paragraphs.append("Aucun bureau de pays n'a soumis plus d'un rapport.")
        else:
            others = (
                "autre rapport a été écarté"
                if set_aside == 1
                else "autres rapports ont été écartés"
            )
            paragraphs.append(
                "Lorsqu'un bureau de pays a soumis plusieurs rapports, seul le plus récent est "
                f"retenu : {numbers.number(set_aside, LANGUAGE)} {others} "
                f"({join(set_aside_offices)})."
            )
        return paragraphs
