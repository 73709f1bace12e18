"""The steps of a year, the notebooks that do them, and what each needs before it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    name: str
    notebook: str
    needs: tuple[str, ...] = ()
    takes_encoding: bool = False
    # The package modules its notebook imports: a kernel imports them while it boots, and a
    # step goes to a kernel that has them when there is one.
    imports: frozenset[str] = frozenset()


STEPS = (
    Step("clean", "1_clean.ipynb", takes_encoding=True, imports=frozenset({"analysis.clean"})),
    Step("tables", "2_tables.ipynb", ("clean",), imports=frozenset({"analysis.tables"})),
    Step("charts", "3_charts.ipynb", ("clean",), imports=frozenset({"analysis.charts"})),
    Step("report", "4_report.ipynb", ("tables", "charts"), imports=frozenset({"analysis.report"})),
)
STEP_NAMES = tuple(s.name for s in STEPS)


def _waiting_on(name: str) -> set[str]:
    """The steps that need `name`, directly or through others."""
    direct = {s.name for s in STEPS if name in s.needs}
    return direct.union(*(_waiting_on(n) for n in direct))


# Of the steps ready to run, those more steps wait on go first (every year's clean before
# any year's report): the run then ends on short steps, with every core busy to the end,
# instead of on one year's clean, charts and report in a row.
PRIORITY = {s.name: len(_waiting_on(s.name)) for s in STEPS}


# The notebook's modules: trends_report imports the trends data, sentences and charts.
TRENDS_STEP = Step("trends", "5_trends.ipynb", imports=frozenset({"analysis.trends_report"}))
