"""Charts: the same tables give the same bytes, whatever the session set before."""

from __future__ import annotations

import matplotlib as mpl
import pytest
import seaborn as sns
from conftest import FIXTURES

from analysis import charts, clean, regions, tables
from analysis.paths import regions_file


@pytest.fixture(scope="module")
def figures_2012():
    offices = clean.clean_year(FIXTURES / "raw", 2012).offices
    region_list = regions.load(regions_file(FIXTURES / "raw"))

    def draw() -> dict[str, bytes]:
        figures = charts.figures_for_year(
            tables.table1(offices), tables.table2(offices), region_list, 2012
        )
        return {f"{stem}.{fmt}": charts.figure_bytes(fig, fmt)
                for stem, fig in figures.items() for fmt in charts.FORMATS}  # fmt: skip

    return draw


def test_charts_do_not_depend_on_global_settings(figures_2012):
    # A kernel runs notebook after notebook, and a researcher may restyle in a notebook:
    # neither may change a saved chart.
    plain = figures_2012()
    with mpl.rc_context():
        sns.set_theme(style="darkgrid", font_scale=1.7)
        mpl.rcParams.update({"savefig.dpi": 40, "font.family": "serif", "axes.grid": True})
        restyled = figures_2012()
    assert restyled == plain
    assert figures_2012() == plain  # and drawing twice gives the same bytes


def test_region_names_in_their_colours_read_on_white():
    from analysis.paths import DEFAULT_REGIONS_FILE

    for colour in regions.load(DEFAULT_REGIONS_FILE).colours.values():
        readable = charts.readable_on_white(colour)
        assert charts.contrast_with_white(readable) >= charts.MIN_CONTRAST
        if charts.contrast_with_white(colour) >= charts.MIN_CONTRAST:
            assert readable == colour  # kept as the region list gives it
    # West and Central Africa's yellow is darkened, keeping its hue; white becomes readable.
    darker = charts.readable_on_white("#F0E442")
    hue = mpl.colors.rgb_to_hsv(mpl.colors.to_rgb("#F0E442"))[0]
    assert mpl.colors.rgb_to_hsv(darker)[0] == pytest.approx(hue)
    assert charts.contrast_with_white(charts.readable_on_white("white")) >= charts.MIN_CONTRAST
