"""Every label the document generates, in English: the strings the pages, the Word file, the
workbook and the charts show today (a test compares them with the code that writes them).
A key's placeholders (`{year}`, `{number}`, ...) are the same in every language."""

from __future__ import annotations

LABELS = {
    # Activities as the tables and charts name them (schema.ACTIVITY_LABELS).
    "activity.training_capacity_building": "Training/capacity building",
    "activity.policy_dialogue": "Policy dialogue",
    "activity.policy_formulation": "Policy formulation",
    "activity.advocacy": "Advocacy",
    "activity.awareness_raising": "Awareness raising",
    "activity.technical_assistance": "Technical assistance",
    "activity.data_collection_and_research": "Data collection and research",
    "activity.at_least_one": "At least one of these",
    # Table headings (tables.readable, workbook).
    "column.region": "Region",
    "column.country_offices": "Country Offices",
    "column.offices_reporting": "Offices reporting",
    "column.percent": "Per cent",
    "region.total": "Total",
    "cell.count_percent": "{count} ({percent})",
    # Titles and captions.
    "table.title.1": "Table {number}. UNFPA Country Office Activities Related to Capacity "
    "Building, by Region, {year}",
    "table.title.2": "Table {number}. UNFPA Country Office Activities Related to Data and "
    "Research, by Region, {year}",
    "table.numbered": "Table {number}. {title}",
    "figure.numbered": "Figure {number}. {caption}",
    "table2.cell_note": "Each cell: Country Offices reporting the activity (per cent of the "
    "region's Country Offices).",
    # Charts (charts.chart_titles, schema.CHART_TITLES).
    "chart.training_capacity_building": "Country Offices supporting training/capacity building "
    "on migration",
    "chart.at_least_one": "Country Offices reporting at least one of the six activities of Table 2",
    "chart.title.table1_capacity_building": "Per cent of Country Offices supporting "
    "training/capacity building on migration, by region, {year}",
    "chart.title.table2_activities_heatmap": "Per cent of Country Offices reporting each data "
    "and research activity, and at least one of them, by region, {year}",
    "chart.title.table2_at_least_one": "Per cent of Country Offices reporting at least one of "
    "the six activities of Table 2, by region, {year}",
    "chart.axis": "Per cent of Country Offices",
    "chart.all_regions": "All regions {percent}",
    "alt.table1_capacity_building": "Bar chart: the per cent of Country Offices supporting "
    "training/capacity building in each region, with the number of offices; a dashed line marks "
    "all regions. The figures are those of Table 1.",
    "alt.table2_activities_heatmap": "Grid of shaded cells: the per cent of each region's "
    "Country Offices reporting each of the six activities and at least one of them, written in "
    "each cell. The figures are those of Table 2.",
    "alt.table2_at_least_one": "Bar chart: the per cent of Country Offices reporting at least "
    "one of the six activities in each region, with the number of offices; a dashed line marks "
    "all regions. The figures are those of Table 2.",
    # Source lines.
    "source.table": "Source: {data_source}; files {files}, as listed under Provenance.",
    "source.figure": "Source: Table {number}.",
    "source.notes": "Source: {data_source}; the Notes column of the report export.",
    "source.files": "Source: the raw files as the clean step read them (its inputs.json).",
    "source.files_and_authored": "Source: the raw files as the clean step read them (its "
    "inputs.json), and the authored text.",
    "and": "and",
    # Data status (report.STATUS_LABELS, SUBTITLES, status_text, data_source).
    "status.label.original": "Original export",
    "status.label.reconstruction": "Reconstruction, not the original export",
    "status.label.synthetic": "Synthetic data, not UNFPA data",
    "status.label.not_declared": "Not declared",
    "status.heading": "Data status: {label}.",
    "subtitle.original": "Figures computed from the {year} Country Office Annual Report export",
    "subtitle.reconstruction": "Figures computed from a reconstruction of the {year} Country "
    "Office Annual Report export",
    "subtitle.synthetic": "Figures computed from synthetic files shaped like a Country Office "
    "Annual Report export",
    "subtitle.not_declared": "Figures computed from the {year} Country Office Annual Report "
    "export (data status not declared)",
    "status.text.original": "The figures are computed from the {year} Country Office Annual "
    "Report export as received.",
    "status.text.reconstruction": "The {year} files are a reconstruction, not the original export.",
    "status.text.synthetic": "Every figure below comes from raw files made by python -m "
    "analysis synth, not from UNFPA's reports.",
    "status.text.not_declared": "The raw files of {year} come with no {status_file} saying "
    "whether they are the original export, a reconstruction or synthetic data.",
    "data_source.original": "UNFPA Country Office Annual Reports, {year} (the report export and "
    "roster)",
    "data_source.reconstruction": "a reconstruction of the UNFPA Country Office Annual Report "
    "export and roster, {year} (see Data status)",
    "data_source.synthetic": "synthetic data for {year} (python -m analysis synth), not UNFPA data",
    "data_source.not_declared": "the {year} report export and roster (data status not declared)",
    # Annex: method and provenance.
    "heading.method": "Method",
    "heading.notes": "Notes from the reports",
    "heading.provenance": "Provenance",
    "notes.title": "Notes from the Country Office Annual Reports, {year}",
    "notes.column.country_office": "Country Office",
    "notes.column.region": "Region",
    "notes.column.note": "Note",
    "files.title": "Input files of {year}, with their SHA-256 checksums",
    "files.column.file": "File",
    "files.column.bytes": "Bytes",
    "files.column.sha256": "SHA-256",
    "software": "Software: {versions}.",
    "also_in": "Table 1 and Table 2 are also in {table1_file} and {table2_file} (one row per "
    "region and activity) and in tables.xlsx, beside this document.",
    # The document without authored text, and its header.
    "organisation": "United Nations Population Fund (UNFPA)",
    "default_title": "UNFPA Country Office activities on international migration, {year}",
    "no_authored_text": "No authored text for {year}: this document holds the generated parts "
    "alone. The researchers' own paragraphs (introduction, global initiatives, country "
    "examples, conclusion) and the document's header go in {authored_path}, as "
    "authored/README.md describes.",
    "heading.capacity_building": "Capacity building initiatives on international migration and "
    "development",
    "heading.other_initiatives": "Other major initiatives on international migration and "
    "development",
    "heading.annex": "Annex. Method and provenance",
    "heading.unplaced": "Generated parts not placed in the authored text",
    "synthetic_leaves_out": "The authored text of {authored_path} is left out: it describes "
    "UNFPA's reports, not synthetic data.",
    # The workbook.
    "sheet.1": "Table 1",
    "sheet.2": "Table 2",
    "sheet.source": "Source",
    "workbook.source_title": "Where Table 1 and Table 2 of {year} come from",
    "workbook.title": "Table 1 and Table 2, {year}",
    "workbook.files_heading": "Input files, with their SHA-256 checksums",
    # The words of labels.py (issue 20): captions' word, the workbook's printed pages.
    "caption.table": "Table",
    "caption.figure": "Figure",
    "workbook.page_of": "Page &P of &N",
    "workbook.csv_beside": "The same figures, one row per region and activity, are in {table1} "
    "and {table2} beside this workbook.",
    "workbook.activity_offices": "{label}: offices",
    "workbook.activity_percent": "{label}: per cent",
    # The page's chrome.
    "page.language_tag": "en-GB",
    "status.word": "Data status",
    "page.warnings_box": "Check the authored text ({file}): each figure listed is not what its "
    "table cell holds (its sentence is marked below, and is a comment in the Word file), or a "
    "generated part has no place in it.",
}
