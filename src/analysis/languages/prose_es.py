"""The report's sentences in Spanish, written as Spanish says them (not word for word): "las
oficinas en los países" (feminine plural) and their agreement ("una oficina", "veintiuna
oficinas", "todas"), "el 23 %" with its article, "del" for "de el", "e" before i- and hi-,
"u" before o- and ho-, "respectivamente", the regions' names from regions.csv. Each method
renders one sentence that sentences.py decided from the claims; the cells are stated in the
order English states them."""

from __future__ import annotations

import re

from ..regions import Regions
from ..sentence_parts import Row, Said, fraction_words
from ..words import capitalise
from . import numbers

LANGUAGE = "es"
OFFICES = "oficinas del UNFPA en los países"
CAPACITY = "actividades de formación y fomento de la capacidad"
AT_LEAST_ONE = "al menos una de estas actividades"

FRACTIONS = {
    "one quarter": ("una cuarta parte", "más de una cuarta parte"),
    "one third": ("un tercio", "más de un tercio"),
    "half": ("la mitad", "más de la mitad"),
    "two thirds": ("dos tercios", "más de dos tercios"),
    "three quarters": ("tres cuartas partes", "más de tres cuartas partes"),
}
ACTIVITY_VERBS = {
    "policy_dialogue": "participan en el diálogo sobre políticas",
    "policy_formulation": "facilitan la formulación de políticas",
    "advocacy": "realizan actividades de promoción",
    "awareness_raising": "realizan actividades de sensibilización",
    "advocacy_and_awareness_raising": "realizan actividades de promoción y sensibilización",
    "technical_assistance": "prestan asistencia técnica",
    "data_collection_and_research": "apoyan la recopilación de datos y la investigación",
}
ACTIVITY_VERBS_ONE = {
    "policy_dialogue": "participa en el diálogo sobre políticas",
    "policy_formulation": "facilita la formulación de políticas",
    "advocacy": "realiza actividades de promoción",
    "awareness_raising": "realiza actividades de sensibilización",
    "advocacy_and_awareness_raising": "realiza actividades de promoción y sensibilización",
    "technical_assistance": "presta asistencia técnica",
    "data_collection_and_research": "apoya la recopilación de datos y la investigación",
}
ACTIVITY_NOUNS = {
    "policy_dialogue": "el diálogo sobre políticas",
    "policy_formulation": "la formulación de políticas",
    "advocacy": "la promoción",
    "awareness_raising": "la sensibilización",
    "technical_assistance": "la asistencia técnica",
    "data_collection_and_research": "el apoyo a la recopilación de datos y la investigación",
}


def conjunction_before(conjunction: str, following: str) -> str:
    """ "y" is "e" before a word sounding i- ("e investigación", "e Hispanoamérica"; not
    "y hielo"), "o" is "u" before o- or ho-."""
    word = following.split(" ", 1)[0].lower()
    if conjunction == "y" and re.match(r"h?[ií](?![aeoáéó])", word):
        return "e"
    if conjunction == "o" and re.match(r"h?[oó]", word):
        return "u"
    return conjunction


def join(items: list[str], conjunction: str = "y") -> str:
    """ "A, B y C"; a comma before the last conjunction when the item before it holds one."""
    if len(items) <= 1:
        return "".join(items)
    word = conjunction_before(conjunction, items[-1])
    comma = "," if re.search(r" (y|e|o|u) ", items[-2]) else ""
    return ", ".join(items[:-1]) + f"{comma} {word} " + items[-1]


def de(phrase: str) -> str:
    """ "de" + "el 30 %" = "del 30 %"."""
    return "del " + phrase[3:] if phrase.startswith("el ") else "de " + phrase


class Spanish:
    language = LANGUAGE

    def __init__(self, regions: Regions):
        self.regions = regions

    # --- names and numbers -------------------------------------------------------------------

    def name(self, region: str) -> str:
        """ "los Estados Árabes", "Asia y el Pacífico"."""
        return self.regions.name_in(LANGUAGE, region, "in_text") or f"la región {region}"

    def where(self, region: str) -> str:
        """ "en los Estados Árabes"."""
        return self.regions.name_in(LANGUAGE, region, "in") or f"en la región {region}"

    def in_regions(self, rows, conjunction: str = "y") -> str:
        names = [r if isinstance(r, str) else r.region for r in rows]
        return join([self.where(n) for n in names], conjunction)

    def of_regions(self, rows, conjunction: str = "y") -> str:
        """ "de África y de los Estados Árabes"."""
        names = [r if isinstance(r, str) else r.region for r in rows]
        return join([de(self.name(n)) for n in names], conjunction)

    def count(self, row: Row, column: str = "offices_reporting", opening: bool = False) -> Said:
        text = numbers.number(getattr(row, column), LANGUAGE, feminine=True, opening=opening)
        return Said(text, (row.cell(column),))

    def counts_of(self, row: Row) -> Said:
        n, of = numbers.numbers([row.offices_reporting, row.country_offices], LANGUAGE, True)
        return Said(f"({n} de {of})", (row.cell("offices_reporting"), row.cell("country_offices")))

    def region_share(self, row: Row, opening: bool = False, article: bool = True) -> Said:
        """ "el 23 %", "menos del 1 %", "más del 99 %" (without the article: "23 %")."""
        if row.percent == 0 and not row.is_none:
            text = f"menos del {numbers.percent_figure(1, LANGUAGE)}"
        elif row.percent == 100 and not row.is_all:
            text = f"más del {numbers.percent_figure(99, LANGUAGE)}"
        else:
            figure = numbers.per_cent(row.percent, LANGUAGE)
            text = f"el {figure}" if article else figure
        return Said(capitalise(text) if opening else text, (row.cell("percent"),))

    def total_share(self, row: Row, opening: bool = False) -> Said:
        words = fraction_words(row.offices_reporting, row.country_offices)
        if words is None:
            return self.region_share(row, opening)
        exactly, over = FRACTIONS[words.removeprefix("over ")]
        text = over if words.startswith("over ") else exactly
        return Said(capitalise(text) if opening else text, (row.cell("percent"),))

    def each(self, share: Said) -> Said:
        return Said(f"{share.text} en cada región", share.cites)

    def all_or_share_each(self, rows: list[Row]) -> Said:
        items, cites = [], []
        for row in rows:
            share = self.region_share(row)
            items.append(f"{'la totalidad' if row.is_all else share.text} {self.where(row.region)}")
            cites += [] if row.is_all else share.cites
        return Said(join(items), tuple(cites))

    def all_offices(self, row: Row) -> tuple[Said, str]:
        """The subject "all the offices" and its verb, agreeing with it."""
        if row.country_offices == 1:
            return Said("la única oficina del UNFPA en el país", (row.cell("country_offices"),)), (
                "informó"
            )
        if row.country_offices == 2:
            return Said(f"ambas {OFFICES}"), "informaron"
        n = numbers.number(row.country_offices, LANGUAGE, feminine=True)
        return Said(f"las {n} {OFFICES}", (row.cell("country_offices"),)), "informaron todas"

    def all_in(self, rows: list[Row]) -> tuple[Said, str]:
        """ "todas las oficinas en los países de A y de B", "la única oficina en el país de A",
        "ambas oficinas en los países de A", and the verb agreeing with it."""
        of = self.of_regions(rows)
        if len(rows) == 1 and rows[0].country_offices == 1:
            single = Said(f"la única oficina en el país {of}", (rows[0].cell("country_offices"),))
            return single, "informó"
        if len(rows) == 1 and rows[0].country_offices == 2:
            return Said(f"ambas oficinas en los países {of}"), "informaron"
        return Said(f"todas las oficinas en los países {of}"), "informaron"

    def names_table(self, text: str, number: int) -> bool:
        return f"cuadro {number}" in text.lower()

    def refer_to_table(self, text: str, number: int) -> str:
        return f"{text[:-1]} (cuadro {number})."

    # --- Section B ---------------------------------------------------------------------------

    def capacity_total_none(self, year: int):
        return (
            f"En el plano nacional, ninguna oficina del UNFPA en los países informó haber "
            f"apoyado {CAPACITY} en {year}.",
        )

    def capacity_total_all(self, total: Row, year: int):
        subject, verb = self.all_offices(total)
        return ("En el plano nacional, ", subject, f" {verb} haber apoyado {CAPACITY} en {year}.")

    def capacity_total_share(self, total: Row, year: int):
        share = self.total_share(total)
        return (
            "En el plano nacional, ",
            share,
            f" de las {OFFICES} ",
            self.counts_of(total),
            f" informaron haber apoyado {CAPACITY} en {year}.",
        )

    def capacity_same(self, each: Said):
        return (
            "Las oficinas en los países de todas las regiones informaron de la misma "
            "proporción en esta esfera: ",
            each,
            ".",
        )

    def capacity_all_followed_by(self, top: list[Row], second: Row):
        share = self.region_share(second)
        subject, verb = self.all_in(top)
        return (
            subject,
            f" {verb} de {CAPACITY}, la proporción más alta, seguida ",
            Said(de(share.text), share.cites),
            f" {self.where(second.region)}.",
        )

    def capacity_two_highest(self, first: Row, second: Row):
        return (
            f"Las oficinas en los países {self.of_regions([first, second])} informaron de las "
            "dos proporciones más altas en esta esfera, ",
            self.region_share(first),
            " y ",
            self.region_share(second),
            ", respectivamente.",
        )

    def capacity_all_highest(self, top: list[Row]):
        subject, verb = self.all_in(top)
        return (subject, f" {verb} de {CAPACITY}, la proporción más alta de todas las regiones.")

    def capacity_highest(self, row: Row):
        return (
            f"Las oficinas en los países {de(self.name(row.region))} informaron de la "
            "proporción más alta en esta esfera, ",
            self.region_share(row),
            ".",
        )

    def capacity_highest_each(self, top: list[Row], each: Said):
        return (
            f"Las oficinas en los países {self.of_regions(top)} informaron de la proporción "
            "más alta en esta esfera: ",
            each,
            ".",
        )

    def capacity_by_count(self, row: Row, among: list[str], kind: str, opening_count: bool):
        n = row.offices_reporting
        office = "oficina del UNFPA en el país" if n == 1 else OFFICES
        verb = "informó" if n == 1 else "informaron"
        relation = "más que" if kind == "more_than" else "tantas como"
        region = de(self.name(row.region))
        if opening_count:
            opening = (self.count(row, opening=True), f" {office} {region}")
        else:
            opening = (f"{capitalise(self.where(row.region))}, ", self.count(row), f" {office}")
        return (
            *opening,
            ", es decir, ",
            self.region_share(row),
            f" de todas las oficinas en los países de la región, también {verb} haber "
            f"apoyado {CAPACITY}, {relation} {self.in_regions(among)}.",
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
            of = " de las oficinas en los países" if i == 0 else " de las"
            items.append(f"{share.text}{of} {self.of_regions(group)}")
            cites += share.cites
        return Said(join(items), tuple(cites))

    def capacity_also(self, listed: Said, also: bool):
        return (listed, f" {'también ' if also else ''}apoyaron {CAPACITY}.")

    def none_reported(self, rows: list[Row], what: str):
        activities = {
            "capacity": f"haber apoyado {CAPACITY}",
            "any": "de ninguna de estas actividades",
        }[what]
        return (
            f"Ninguna oficina en los países {self.of_regions(rows, 'o')} informó {activities}.",
        )

    def one_region(self, region: str, year: int):
        return (
            f"En la lista de oficinas de {year} solo figuran oficinas en los países "
            f"{de(self.name(region))}.",
        )

    # --- Section C ---------------------------------------------------------------------------

    def engage(self, activities: list[str], one: Row | None = None):
        """What the offices do; of a year's one office, in the singular."""
        if one is not None:
            subject, _ = self.all_offices(one)
            verbs = join([ACTIVITY_VERBS_ONE[a] for a in activities])
            return (subject, f" {verbs} en el ámbito de la migración internacional.")
        verbs = join([ACTIVITY_VERBS[a] for a in activities])
        return (f"Las {OFFICES} {verbs} en el ámbito de la migración internacional.",)

    def each_activity_all(self, many: bool):
        subject = "Cada oficina" if many else "Esa oficina"
        return (f"{subject} informó de todas estas actividades.",)

    def each_activity_same(self, row: Row):
        return (
            "Todas estas actividades fueron notificadas por el mismo número de oficinas en "
            "los países: ",
            self.count(row),
            ".",
        )

    def _activities(self, rows: list[Row]) -> str:
        return join([ACTIVITY_NOUNS[r.activity] for r in rows])

    def two_most_reported(self, first: Row, second: Row):
        counts = numbers.numbers(
            [first.offices_reporting, second.offices_reporting], LANGUAGE, feminine=True
        )
        series = Said(
            join(counts), (first.cell("offices_reporting"), second.cell("offices_reporting"))
        )
        return (
            self._activities([first, second]),
            " fueron las dos actividades notificadas con más frecuencia en el plano nacional (",
            series,
            " oficinas en los países, respectivamente).",
        )

    def most_reported(self, top: list[Row]):
        n = top[0].offices_reporting
        offices = "oficina en el país" if n == 1 else "oficinas en los países"
        if len(top) == 1:
            return (
                self._activities(top),
                " fue la actividad notificada con más frecuencia en el plano nacional (",
                self.count(top[0]),
                f" {offices}).",
            )
        return (
            self._activities(top),
            " fueron las actividades notificadas con más frecuencia en el plano nacional (",
            self.count(top[0]),
            f" {offices} por actividad).",
        )

    def data_total_none(self, activities: list[str], year: int):
        listed = join([ACTIVITY_NOUNS[a] for a in activities], "o")
        return (
            f"Ninguna oficina del UNFPA en los países informó en {year} de actividades "
            f"relacionadas con la migración: ni {listed}.",
        )

    def data_total_all(self, total: Row):
        subject, verb = self.all_offices(total)
        return (
            subject,
            f" {verb} de actividades en al menos una de estas esferas relacionadas "
            "con la migración.",
        )

    def data_total_share(self, total: Row):
        share = self.total_share(total, opening=True)
        return (
            share,
            f" del total de {OFFICES} ",
            self.counts_of(total),
            " informaron de "
            "actividades en al menos una de estas esferas relacionadas con la migración.",
        )

    _SUBJECT = f"la proporción de oficinas en los países que informaron de {AT_LEAST_ONE}"

    def data_same(self, each: Said):
        return (
            f"El cuadro 2 muestra que {self._SUBJECT} fue la misma en todas las regiones: ",
            each,
            ".",
        )

    def data_all_followed_by(self, top: list[Row], second: Row):
        share = self.region_share(second)
        subject, verb = self.all_in(top)
        return (
            "El cuadro 2 muestra que ",
            subject,
            f" {verb} de {AT_LEAST_ONE}, la proporción más alta de todas las regiones, seguida ",
            Said(de(share.text), share.cites),
            f" {self.where(second.region)}.",
        )

    def data_two_highest(self, first: Row, second: Row):
        one = self.region_share(first, article=False)
        two = self.region_share(second, article=False)
        items = [
            f"{self.where(first.region)} ({one.text})",
            f"{self.where(second.region)} ({two.text})",
        ]
        return (
            "El cuadro 2 muestra que las dos proporciones más altas de oficinas en los países "
            f"que informaron de {AT_LEAST_ONE} se registraron ",
            Said(join(items), one.cites + two.cites),
            ".",
        )

    def data_all_highest(self, top: list[Row]):
        subject, verb = self.all_in(top)
        return (
            "El cuadro 2 muestra que ",
            subject,
            f" {verb} de {AT_LEAST_ONE}, la proporción más alta de todas las regiones.",
        )

    def data_highest(self, row: Row):
        return (
            f"El cuadro 2 muestra que {self._SUBJECT} fue la más alta {self.where(row.region)} (",
            self.region_share(row, article=False),
            ").",
        )

    def data_highest_each(self, top: list[Row], each: Said):
        return (
            f"El cuadro 2 muestra que {self._SUBJECT} fue la más alta {self.in_regions(top)}: ",
            each,
            ".",
        )

    # --- Small and sparse years -------------------------------------------------------------

    def capacity_total_none_one(self, total: Row, year: int):
        subject, _ = self.all_offices(total)
        return ("En el plano nacional, ", subject, f" no informó haber apoyado {CAPACITY} en "
                f"{year}.")  # fmt: skip

    def one_office_region(self, row: Row, year: int):
        return (f"En la lista de {year} figura ", self.count(row, "country_offices"),
                f" oficina en el país, {self.where(row.region)}.")  # fmt: skip

    def no_report(self, reported: Row, year: int, what: str, silent=(), lead: bool = False):
        """How many offices sent no report, of how many (`reported`: offices_reporting holds
        those without one), and the regions `silent` where none did ("entre ellas" where
        others elsewhere did not either: `lead`)."""
        counted = {
            "capacity": "ninguna actividad de formación y fomento de la capacidad",
            "any": "ninguna de estas actividades",
        }[what]
        if reported.country_offices == 1:
            return ("La ", Said("única", (reported.cell("country_offices"),)),
                    f" oficina en el país no envió informe de {year} y se cuenta como si no "
                    f"hubiera informado de {counted}.")  # fmt: skip
        if reported.offices_reporting == reported.country_offices:
            return ("Ninguna de las ", self.count(reported, "country_offices"),
                    f" oficinas en los países envió informe de {year}; todas se cuentan como si "
                    f"no hubieran informado de {counted}.")  # fmt: skip
        one = reported.offices_reporting == 1
        sent = "no envió" if one else "no enviaron"
        counts = "se cuenta como si no hubiera" if one else "se cuentan como si no hubieran"
        among: tuple = ()
        if silent:
            among = (f" ({'entre ellas, ' if lead else ''}", self._silent(silent), ")")
        return ("De las ", self.count(reported, "country_offices"), " oficinas en los países, ",
                self.count(reported), f" {sent} informe de {year}", *among,
                f" y {counts} informado de {counted}.")  # fmt: skip

    def _silent(self, rows: list[Row]) -> Said:
        """ "todas las oficinas en los países de África", "la única oficina en el país de ..."."""
        items, cites = [], []
        for row in rows:
            of = de(self.name(row.region))
            if row.country_offices == 1:
                items.append(f"la única oficina en el país {of}")
                cites.append(row.cell("country_offices"))
            elif row.country_offices == 2:
                items.append(f"ambas oficinas en los países {of}")
            else:
                items.append(f"todas las oficinas en los países {of}")
        return Said(join(items), tuple(cites))

    def only_activity(self, row: Row):
        n = row.offices_reporting
        offices = "oficina en el país" if n == 1 else "oficinas en los países"
        return (ACTIVITY_NOUNS[row.activity], " fue la única actividad notificada en el plano "
                "nacional (", self.count(row), f" {offices}).")  # fmt: skip

    def data_total_none_one(self, total: Row, activities: list[str], year: int):
        subject, _ = self.all_offices(total)
        listed = join([ACTIVITY_NOUNS[a] for a in activities], "o")
        return (subject, f" no informó en {year} de actividades relacionadas con la migración: "
                f"ni {listed}.")  # fmt: skip

    # --- Method ------------------------------------------------------------------------------

    def method_paragraphs(self, offices: int, regions: int, year: int, missing: list[str],
                          set_aside: int, set_aside_offices: list[str],
                          listed_below: bool = False) -> list[str]:  # fmt: skip
        """How the figures were made (narrative.method_paragraphs' facts, in Spanish); with
        `listed_below`, the offices without a report are in a table after the paragraphs."""
        n = numbers.number(offices, LANGUAGE, feminine=True)
        r = numbers.number(regions, LANGUAGE, feminine=True)
        paragraphs = [
            "Cada porcentaje es el número de oficinas en los países que informaron de una "
            "actividad, dividido por el total de oficinas en los países de la región que figuran "
            f"en la lista de {year} ({n} {'oficina' if offices == 1 else 'oficinas'} en "
            f"{r} {'región' if regions == 1 else 'regiones'}), redondeado al número entero más "
            "próximo, con las mitades redondeadas hacia arriba. Los recuentos son exactos."
        ]
        if missing:
            m = len(missing)
            subject = numbers.number(m, LANGUAGE, feminine=True, opening=True)
            rest = (
                f"oficina en el país no envió informe de {year} y se cuenta como si no hubiera "
                "informado de ninguna de las actividades" if m == 1
                else f"oficinas en los países no enviaron informe de {year} y se cuentan como si "
                "no hubieran informado de ninguna de las actividades"
            )  # fmt: skip
            who = (f"el cuadro siguiente {'la' if m == 1 else 'las'} enumera por región"
                   if listed_below else join(missing))  # fmt: skip
            paragraphs.append(f"{subject} {rest}: {who}.")
        elif offices == 1:
            paragraphs.append(
                f"La única oficina en el país de la lista envió un informe de {year}."
            )
        else:
            paragraphs.append(
                f"Todas las oficinas en los países de la lista enviaron un informe de {year}."
            )
        if not set_aside:
            paragraphs.append("Ninguna oficina en el país presentó más de un informe.")
        else:
            discarded = (
                "se descartó otro informe" if set_aside == 1
                else f"se descartaron otros {numbers.number(set_aside, LANGUAGE)} informes"
            )  # fmt: skip
            paragraphs.append(
                "Cuando una oficina en el país presentó más de un informe, solo se tiene en cuenta "
                f"el más reciente: {discarded} ({join(set_aside_offices)})."
            )
        return paragraphs
