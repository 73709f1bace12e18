"""The steps of a year, the notebooks that do them, and what each needs before it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    name: str
    notebook: str
    needs: tuple[str, ...] = ()
    takes_encoding: bool = False


STEPS = (
    Step("clean", "1_clean.ipynb", takes_encoding=True),
    Step("tables", "2_tables.ipynb", ("clean",)),
    Step("charts", "3_charts.ipynb", ("clean",)),
    Step("report", "4_report.ipynb", ("tables", "charts")),
)
STEP_NAMES = tuple(s.name for s in STEPS)
# After the years: it reads every year's tables (see schedule.py).
TRENDS_STEP = Step("trends", "5_trends.ipynb")
# What every kernel imports while it boots (see kernels.py): the notebooks' own modules.
WARM_UP = frozenset({"analysis.clean", "analysis.tables", "analysis.charts", "analysis.report"})
