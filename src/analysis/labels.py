"""The words the Word file, the workbook and the pages put around the figures (captions, headers,
footers), in one place, so that a document in another language changes them here alone."""

from __future__ import annotations

# A caption's word before its number: "Table 1.", "Figure 2."
WORD = {"Table": "Table", "Figure": "Figure"}

# The workbook's printed pages: the header names the table, the footer the page.
PAGE_OF = "Page &P of &N"  # Excel's codes: this page, the pages
REGION = "Region"
SOURCE_SHEET = "Source"
SOURCE_SHEET_TITLE = "Where Table 1 and Table 2 of {year} come from"
CSV_BESIDE = (
    "The same figures, one row per region and activity, are in {table1} and {table2} beside "
    "this workbook."
)
METHOD = "Method"
INPUT_FILES = "Input files, with their SHA-256 checksums"
FILE_COLUMNS = ("File", "Bytes", "SHA-256")
SOFTWARE = "Software: {versions}."
OFFICES = "Country Offices"
OFFICES_REPORTING = "Offices reporting"
PER_CENT = "Per cent"
ACTIVITY_OFFICES = "{label}: offices"
ACTIVITY_PER_CENT = "{label}: per cent"
WORKBOOK_TITLE = "Table 1 and Table 2, {year}"

# The pages (report.html.j2, document.html.j2, macros.html.j2, trends.html.j2): `labels` in
# the templates.
DATA_STATUS = "Data status"
WARNINGS_BOX = (
    "Check the authored text ({file}): each figure listed is not what its table cell holds "
    "(its sentence is marked below, and is a comment in the Word file), or a generated part "
    "has no place in it."
)
TRENDS_HEADINGS = {
    "over_years": "Changes over the years",
    "regions": "Changes of regions",
    "method": "Method",
}
SAME_REGIONS = "The same regions are in every year's tables."


def in_language(language: str):
    """These words in `language`: this module itself for English, else the same names with the
    values of the language's catalogue (languages/<language>.py)."""
    from types import SimpleNamespace

    english = SimpleNamespace(**{k: v for k, v in globals().items() if k.isupper()})
    if language == "en":
        return english
    from .languages import label

    return SimpleNamespace(
        WORD={
            "Table": label(language, "caption.table"),
            "Figure": label(language, "caption.figure"),
        },
        PAGE_OF=label(language, "workbook.page_of"),
        REGION=label(language, "column.region"),
        SOURCE_SHEET=label(language, "sheet.source"),
        SOURCE_SHEET_TITLE=languages_raw(language, "workbook.source_title"),
        CSV_BESIDE=languages_raw(language, "workbook.csv_beside"),
        METHOD=label(language, "heading.method"),
        INPUT_FILES=label(language, "workbook.files_heading"),
        FILE_COLUMNS=tuple(
            label(language, f"files.column.{c}") for c in ("file", "bytes", "sha256")
        ),
        SOFTWARE=languages_raw(language, "software"),
        OFFICES=label(language, "column.country_offices"),
        OFFICES_REPORTING=label(language, "column.offices_reporting"),
        PER_CENT=label(language, "column.percent"),
        ACTIVITY_OFFICES=languages_raw(language, "workbook.activity_offices"),
        ACTIVITY_PER_CENT=languages_raw(language, "workbook.activity_percent"),
        WORKBOOK_TITLE=languages_raw(language, "workbook.title"),
        DATA_STATUS=label(language, "status.word"),
        WARNINGS_BOX=languages_raw(language, "page.warnings_box"),
        # The trends page is English only (docs/languages.md).
        TRENDS_HEADINGS=english.TRENDS_HEADINGS,
        SAME_REGIONS=english.SAME_REGIONS,
    )


def languages_raw(language: str, key: str) -> str:
    """A catalogue entry with its {placeholders} left for .format, as these constants are."""
    from .languages import labels

    return labels(language)[key]
