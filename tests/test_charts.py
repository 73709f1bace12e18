"""Charts: the same tables give the same bytes, whatever the session set before."""

from __future__ import annotations

import struct

import matplotlib as mpl
import pandas as pd
import pytest
import seaborn as sns
from conftest import FIXTURES
from matplotlib.collections import QuadMesh
from matplotlib.text import Text

from analysis import charts, clean, regions, tables, trends, trends_charts
from analysis.paths import DEFAULT_REGIONS_FILE, regions_file
from analysis.regions import TOTAL


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


@pytest.fixture(scope="module")
def drawn_2012(figures_2012) -> dict[str, bytes]:
    """The 2012 charts' bytes, drawn once for the tests that read them."""
    return figures_2012()


def test_charts_do_not_depend_on_global_settings(figures_2012, drawn_2012):
    # A kernel runs notebook after notebook, and a researcher may restyle in a notebook:
    # neither may change a saved chart.
    plain = drawn_2012
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


# --- charts for print and screen ------------------------------------------------------------

REGION_LIST = regions.load(DEFAULT_REGIONS_FILE)
CAPACITY = "training_capacity_building"


def _png_dpi(png: bytes) -> float:
    """The resolution a PNG declares in its pHYs chunk (pixels per metre), in dots per inch."""
    at = png.index(b"pHYs")
    x_per_metre, y_per_metre, unit = struct.unpack(">IIB", png[at + 4 : at + 13])
    assert unit == 1 and x_per_metre == y_per_metre  # unit 1: the metre
    return x_per_metre * 0.0254


def _png_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])  # the IHDR chunk: width, height


def year_figures(year: int = 2012) -> dict:
    offices = clean.clean_year(FIXTURES / "raw", year).offices
    return charts.figures_for_year(
        tables.table1(offices), tables.table2(offices), REGION_LIST, year
    )


def trend_rows(percents: dict[str, dict[int, int]]) -> pd.DataFrame:
    """A trends table of Table 1's measure from {region: {year: per cent}}, Total included."""
    rows = [
        {"year": y, "region": r, "activity": CAPACITY, "country_offices": 100,
         "offices_reporting": p, "percent": p}
        for r, by_year in percents.items() for y, p in by_year.items()
    ]  # fmt: skip
    return pd.DataFrame(rows)[list(trends.COLUMNS)]


@pytest.fixture(scope="module")
def trend_figure():
    # 2012 has no tables; Arab States and Asia and the Pacific report the same per cents.
    same = {2011: 20, 2013: 30, 2014: 30}
    table = trend_rows(
        {
            "Africa": {2011: 10, 2013: 40, 2014: 50},
            "Arab States": same,
            "Asia and the Pacific": same,
            TOTAL: {2011: 15, 2013: 33, 2014: 37},
        }
    )
    return trends_charts.percent_over_years(table, CAPACITY, REGION_LIST, "Title")


def test_png_is_for_print_and_svg_keeps_its_text(drawn_2012):
    drawn = drawn_2012
    for stem, figure in year_figures().items():
        png = drawn[f"{stem}.png"]
        assert _png_dpi(png) == pytest.approx(300, abs=0.1), stem
        width, height = figure.get_size_inches()
        assert _png_size(png) == (round(width * 300), round(height * 300)), stem
        svg = drawn[f"{stem}.svg"].decode("utf-8")
        # Text as text, searchable and editable, and no glyph is drawn as a path.
        assert "<text" in svg and "Per cent of Country Offices</text>" in svg, stem
        assert 'id="DejaVuSans-' not in svg, stem
        assert "<dc:date>" not in svg, stem  # nothing that changes from run to run


def _text_colours_and_backgrounds(figure):
    """(text, its colour, the colour behind it): a heat map's cells behind their per cents,
    white behind every other text."""
    cmap = mpl.colormaps[charts.HEATMAP_COLOURS]
    for text in figure.findobj(Text):
        if not text.get_text().strip() or not text.get_visible():
            continue
        ax = text.axes
        on_heat_map = ax is not None and any(isinstance(c, QuadMesh) for c in ax.collections)
        if on_heat_map and text in ax.texts:  # a cell's per cent
            yield text.get_text(), text.get_color(), cmap(int(text.get_text()[:-1]) / 100)
        else:
            yield text.get_text(), text.get_color(), "white"


def test_every_text_reads_on_its_background(trend_figure):
    figures = [*year_figures().values(), trend_figure]
    checked = 0
    for figure in figures:
        for text, colour, behind in _text_colours_and_backgrounds(figure):
            assert charts.contrast(colour, behind) >= charts.MIN_TEXT_CONTRAST, (text, colour)
            checked += 1
    assert checked > 50


def test_heat_map_cell_text_reads_on_every_shade():
    cmap = mpl.colormaps[charts.HEATMAP_COLOURS]
    for percent in range(101):
        cell = cmap(percent / 100)
        assert charts.contrast(charts.text_on(cell), cell) >= charts.MIN_TEXT_CONTRAST, percent


def test_lines_markers_and_bars_read_on_white(trend_figure):
    for figure in [*year_figures().values(), trend_figure]:
        for ax in figure.axes:
            grid = {*ax.get_xgridlines(), *ax.get_ygridlines()}
            for line in ax.lines:
                if line in grid:
                    continue
                assert charts.contrast_with_white(line.get_color()) >= charts.MIN_CONTRAST
            for bar in ax.patches:
                if bar.get_facecolor()[3] and bar.get_facecolor()[:3] != (1.0, 1.0, 1.0):
                    assert charts.contrast_with_white(bar.get_facecolor()) >= charts.MIN_CONTRAST


def test_region_colours_as_drawn_read_on_white():
    # The shipped Okabe-Ito orange, sky blue and yellow are 2.3, 2.3 and 1.3 to 1 on white.
    for region in REGION_LIST.canonical:
        drawn = charts.region_colour(REGION_LIST, region)
        assert charts.contrast_with_white(drawn) >= charts.MIN_CONTRAST, region


def test_regions_differ_by_marker_and_line_style_not_colour_alone(trend_figure):
    # In greyscale Africa's orange and the Arab States' blue are one grey: markers and line
    # styles tell them apart, in the legend as on the lines.
    styles = [charts.region_style(REGION_LIST, r) for r in [*REGION_LIST.canonical, TOTAL]]
    assert len({s["marker"] for s in styles}) == len(styles)
    assert len({str(s["linestyle"]) for s in styles}) >= len(REGION_LIST.canonical)
    handles = trend_figure.axes[0].get_legend().legend_handles
    assert len({(h.get_marker(), str(h.get_linestyle())) for h in handles}) == len(handles) == 4


def test_no_line_across_a_year_without_tables(trend_figure):
    ax = trend_figure.axes[0]
    for line in ax.lines:
        xs = list(line.get_xdata())
        if len(xs) > 1:
            assert all(b - a < 1.5 for a, b in zip(xs, xs[1:], strict=False)), line.get_label()
    # The year is named on the axis, with no figure for it.
    assert "2012\nno tables" in [t.get_text() for t in ax.get_xticklabels()]


def test_identical_series_stay_visible(trend_figure):
    ax = trend_figure.axes[0]
    colours = {
        charts.region_colour(REGION_LIST, r) for r in ("Arab States", "Asia and the Pacific")
    }
    drawn = {}
    for line in ax.lines:
        if line.get_color() in colours:
            points = zip(line.get_xdata(), line.get_ydata(), strict=True)
            drawn.setdefault(line.get_color(), set()).update(points)
    first, second = drawn.values()
    assert len(first) == len(second) == 3
    assert not first & second  # not one point drawn on the other


def test_chart_titles_say_what_the_charts_show_once(figures_2012):
    # Said once: by the caption (document.figures), not drawn in the chart as well; the file
    # keeps it as its Title, so a figure copied on its own still says what it is.
    titles = charts.chart_titles(2012)
    drawn = figures_2012()
    for stem, figure in year_figures().items():
        assert all(not ax.get_title(loc=loc) for ax in figure.axes for loc in ("left", "center"))
        title = figure.get_label()
        assert f"<dc:title>{title}</dc:title>" in drawn[f"{stem}.svg"].decode("utf-8")
        assert title == titles[stem]
        assert title.startswith("Per cent of Country Offices") and title.endswith(", 2012")
    assert "each data and research activity" in titles["table2_activities_heatmap"]
