"""Every label the document generates, in French (UN and UNFPA terminology: "bureau de pays",
"renforcement des capacités", "plaidoyer"). The same keys and placeholders as en.py."""

from __future__ import annotations

LABELS = {
    "activity.training_capacity_building": "Formation/renforcement des capacités",
    "activity.policy_dialogue": "Dialogue sur les politiques",
    "activity.policy_formulation": "Formulation des politiques",
    "activity.advocacy": "Plaidoyer",
    "activity.awareness_raising": "Sensibilisation",
    "activity.technical_assistance": "Assistance technique",
    "activity.data_collection_and_research": "Collecte de données et recherche",
    "activity.at_least_one": "Au moins une de ces activités",
    "column.region": "Région",
    "column.country_offices": "Bureaux de pays",
    "column.offices_reporting": "Bureaux déclarants",
    "column.percent": "Pourcentage",
    "region.total": "Total",
    "cell.count_percent": "{count} ({percent})",
    "table.title.1": "Tableau {number}. Activités des bureaux de pays de l'UNFPA liées au "
    "renforcement des capacités, par région, {year}",
    "table.title.2": "Tableau {number}. Activités des bureaux de pays de l'UNFPA liées aux "
    "données et à la recherche, par région, {year}",
    "table.numbered": "Tableau {number}. {title}",
    "figure.numbered": "Figure {number}. {caption}",
    "table2.cell_note": "Chaque case : bureaux de pays ayant déclaré l'activité (pourcentage des "
    "bureaux de pays de la région).",
    "chart.training_capacity_building": "Bureaux de pays appuyant la formation et le "
    "renforcement des capacités en matière de migration",
    "chart.at_least_one": "Bureaux de pays ayant déclaré au moins une des six activités du "
    "tableau 2",
    "chart.title.table1_capacity_building": "Pourcentage des bureaux de pays appuyant la "
    "formation et le renforcement des capacités en matière de migration, par région, {year}",
    "chart.title.table2_activities_heatmap": "Pourcentage des bureaux de pays ayant déclaré "
    "chacune des activités liées aux données et à la recherche, et au moins l'une d'entre "
    "elles, par région, {year}",
    "chart.title.table2_at_least_one": "Pourcentage des bureaux de pays ayant déclaré au moins "
    "une des six activités du tableau 2, par région, {year}",
    "chart.axis": "Pourcentage des bureaux de pays",
    "chart.all_regions": "Ensemble des régions : {percent}",
    "alt.table1_capacity_building": "Diagramme en barres : le pourcentage des bureaux de pays "
    "appuyant la formation et le renforcement des capacités dans chaque région, avec le nombre "
    "de bureaux ; une ligne en tirets indique l'ensemble des régions. Les chiffres sont ceux "
    "du tableau 1.",
    "alt.table2_activities_heatmap": "Grille de cases ombrées : le pourcentage des bureaux de "
    "pays de chaque région ayant déclaré chacune des six activités et au moins l'une d'entre "
    "elles, inscrit dans chaque case. Les chiffres sont ceux du tableau 2.",
    "alt.table2_at_least_one": "Diagramme en barres : le pourcentage des bureaux de pays ayant "
    "déclaré au moins une des six activités dans chaque région, avec le nombre de bureaux ; une "
    "ligne en tirets indique l'ensemble des régions. Les chiffres sont ceux du tableau 2.",
    "source.table": "Source : {data_source} ; fichiers {files}, énumérés sous Provenance.",
    "source.figure": "Source : tableau {number}.",
    "source.notes": "Source : {data_source} ; colonne Notes de l'export des rapports.",
    "source.files": "Source : les fichiers bruts tels que l'étape de nettoyage les a lus (son "
    "inputs.json).",
    "source.files_and_authored": "Source : les fichiers bruts tels que l'étape de nettoyage les "
    "a lus (son inputs.json), et le texte rédigé.",
    "and": "et",
    "status.label.original": "Export original",
    "status.label.reconstruction": "Reconstitution, et non l'export original",
    "status.label.synthetic": "Données synthétiques, et non données de l'UNFPA",
    "status.label.not_declared": "Non déclaré",
    "status.heading": "Statut des données : {label}.",
    "subtitle.original": "Chiffres calculés à partir de l'export des rapports annuels des "
    "bureaux de pays de {year}",
    "subtitle.reconstruction": "Chiffres calculés à partir d'une reconstitution de l'export des "
    "rapports annuels des bureaux de pays de {year}",
    "subtitle.synthetic": "Chiffres calculés à partir de fichiers synthétiques ayant la forme "
    "d'un export des rapports annuels des bureaux de pays",
    "subtitle.not_declared": "Chiffres calculés à partir de l'export des rapports annuels des "
    "bureaux de pays de {year} (statut des données non déclaré)",
    "status.text.original": "Les chiffres sont calculés à partir de l'export des rapports "
    "annuels des bureaux de pays de {year}, tel qu'il a été reçu.",
    "status.text.reconstruction": "Les fichiers de {year} sont une reconstitution, et non "
    "l'export original.",
    "status.text.synthetic": "Tous les chiffres ci-dessous proviennent de fichiers bruts créés "
    "par python -m analysis synth, et non des rapports de l'UNFPA.",
    "status.text.not_declared": "Les fichiers bruts de {year} ne sont accompagnés d'aucun "
    "fichier {status_file} indiquant s'il s'agit de l'export original, d'une reconstitution ou "
    "de données synthétiques.",
    "data_source.original": "rapports annuels des bureaux de pays de l'UNFPA, {year} (export "
    "des rapports et liste des bureaux)",
    "data_source.reconstruction": "reconstitution de l'export des rapports annuels des bureaux "
    "de pays de l'UNFPA et de la liste des bureaux, {year} (voir Statut des données)",
    "data_source.synthetic": "données synthétiques pour {year} (python -m analysis synth), et "
    "non données de l'UNFPA",
    "data_source.not_declared": "export des rapports et liste des bureaux de {year} (statut des "
    "données non déclaré)",
    "heading.method": "Méthode",
    "heading.notes": "Notes des rapports",
    "heading.provenance": "Provenance",
    "notes.title": "Notes des rapports annuels des bureaux de pays, {year}",
    "notes.column.country_office": "Bureau de pays",
    "notes.column.region": "Région",
    "notes.column.note": "Note",
    "files.title": "Fichiers d'entrée de {year}, avec leurs sommes de contrôle SHA-256",
    "files.column.file": "Fichier",
    "files.column.bytes": "Octets",
    "files.column.sha256": "SHA-256",
    "software": "Logiciels : {versions}.",
    "also_in": "Les tableaux 1 et 2 figurent aussi dans {table1_file} et {table2_file} (une "
    "ligne par région et par activité) et dans tables.fr.xlsx, à côté du présent document.",
    "organisation": "Fonds des Nations Unies pour la population (UNFPA)",
    "default_title": "Activités des bureaux de pays de l'UNFPA en matière de migrations "
    "internationales, {year}",
    "no_authored_text": "Pas de texte rédigé en français pour {year} : le présent document ne "
    "contient que les parties générées. Les paragraphes des chercheurs (introduction, "
    "initiatives mondiales, exemples de pays, conclusion) et l'en-tête du document se placent "
    "dans {authored_path}, comme l'explique authored/README.md.",
    "heading.capacity_building": "Initiatives de renforcement des capacités en matière de "
    "migrations internationales et de développement",
    "heading.other_initiatives": "Autres grandes initiatives en matière de migrations "
    "internationales et de développement",
    "heading.annex": "Annexe. Méthode et provenance",
    "heading.unplaced": "Parties générées non placées dans le texte rédigé",
    "synthetic_leaves_out": "Le texte rédigé de {authored_path} est omis : il décrit les "
    "rapports de l'UNFPA, et non des données synthétiques.",
    "sheet.1": "Tableau 1",
    "sheet.2": "Tableau 2",
    "sheet.source": "Source",
    "workbook.source_title": "Origine des tableaux 1 et 2 de {year}",
    "workbook.title": "Tableaux 1 et 2, {year}",
    "workbook.files_heading": "Fichiers d'entrée, avec leurs sommes de contrôle SHA-256",
    "caption.table": "Tableau",
    "caption.figure": "Figure",
    "workbook.page_of": "Page &P sur &N",
    "workbook.csv_beside": "Les mêmes chiffres, une ligne par région et par activité, figurent "
    "dans {table1} et {table2}, à côté du présent classeur.",
    "workbook.activity_offices": "{label} : bureaux",
    "workbook.activity_percent": "{label} : pourcentage",
    "page.language_tag": "fr-FR",
    "status.word": "Statut des données",
    "page.warnings_box": "Vérifiez le texte rédigé ({file}) : chaque chiffre énuméré n'est pas "
    "celui de sa case du tableau (sa phrase est un commentaire dans le fichier Word), ou une "
    "partie générée n'y a pas de place.",
}
