"""Every label the document generates, in Spanish (UN and UNFPA terminology: "oficina en el
país", "fomento de la capacidad", "promoción"). The same keys and placeholders as en.py."""

from __future__ import annotations

LABELS = {
    "activity.training_capacity_building": "Formación/fomento de la capacidad",
    "activity.policy_dialogue": "Diálogo sobre políticas",
    "activity.policy_formulation": "Formulación de políticas",
    "activity.advocacy": "Promoción",
    "activity.awareness_raising": "Sensibilización",
    "activity.technical_assistance": "Asistencia técnica",
    "activity.data_collection_and_research": "Recopilación de datos e investigación",
    "activity.at_least_one": "Al menos una de estas actividades",
    "column.region": "Región",
    "column.country_offices": "Oficinas en los países",
    "column.offices_reporting": "Oficinas que informan",
    "column.percent": "Porcentaje",
    "region.total": "Total",
    "cell.count_percent": "{count} ({percent})",
    "table.title.1": "Cuadro {number}. Actividades de las oficinas del UNFPA en los países "
    "relacionadas con el fomento de la capacidad, por región, {year}",
    "table.title.2": "Cuadro {number}. Actividades de las oficinas del UNFPA en los países "
    "relacionadas con los datos y la investigación, por región, {year}",
    "table.numbered": "Cuadro {number}. {title}",
    "figure.numbered": "Gráfico {number}. {caption}",
    "table2.cell_note": "Cada casilla: oficinas en los países que informaron de la actividad "
    "(porcentaje de las oficinas en los países de la región).",
    "chart.training_capacity_building": "Oficinas en los países que apoyan la formación y el "
    "fomento de la capacidad en materia de migración",
    "chart.at_least_one": "Oficinas en los países que informaron de al menos una de las seis "
    "actividades del cuadro 2",
    "chart.title.table1_capacity_building": "Porcentaje de oficinas en los países que apoyan la "
    "formación y el fomento de la capacidad en materia de migración, por región, {year}",
    "chart.title.table2_activities_heatmap": "Porcentaje de oficinas en los países que "
    "informaron de cada actividad de datos e investigación, y de al menos una de ellas, por "
    "región, {year}",
    "chart.title.table2_at_least_one": "Porcentaje de oficinas en los países que informaron de "
    "al menos una de las seis actividades del cuadro 2, por región, {year}",
    "chart.axis": "Porcentaje de oficinas en los países",
    "chart.all_regions": "Todas las regiones: {percent}",
    "alt.table1_capacity_building": "Gráfico de barras: el porcentaje de oficinas en los países "
    "que apoyan la formación y el fomento de la capacidad en cada región, con el número de "
    "oficinas; una línea discontinua indica el conjunto de las regiones. Las cifras son las del "
    "cuadro 1.",
    "alt.table2_activities_heatmap": "Cuadrícula de casillas sombreadas: el porcentaje de "
    "oficinas en los países de cada región que informaron de cada una de las seis actividades "
    "y de al menos una de ellas, escrito en cada casilla. Las cifras son las del cuadro 2.",
    "alt.table2_at_least_one": "Gráfico de barras: el porcentaje de oficinas en los países que "
    "informaron de al menos una de las seis actividades en cada región, con el número de "
    "oficinas; una línea discontinua indica el conjunto de las regiones. Las cifras son las del "
    "cuadro 2.",
    "source.table": "Fuente: {data_source}; archivos {files}, enumerados en Procedencia.",
    "source.figure": "Fuente: cuadro {number}.",
    "source.notes": "Fuente: {data_source}; columna Notes de la exportación de los informes.",
    "source.files": "Fuente: los archivos brutos tal como los leyó la etapa de limpieza (su "
    "inputs.json).",
    "source.files_and_authored": "Fuente: los archivos brutos tal como los leyó la etapa de "
    "limpieza (su inputs.json), y el texto redactado.",
    "and": "y",
    "status.label.original": "Exportación original",
    "status.label.reconstruction": "Reconstrucción, no la exportación original",
    "status.label.synthetic": "Datos sintéticos, no datos del UNFPA",
    "status.label.not_declared": "No declarado",
    "status.heading": "Situación de los datos: {label}.",
    "subtitle.original": "Cifras calculadas a partir de la exportación de los informes anuales "
    "de las oficinas en los países de {year}",
    "subtitle.reconstruction": "Cifras calculadas a partir de una reconstrucción de la "
    "exportación de los informes anuales de las oficinas en los países de {year}",
    "subtitle.synthetic": "Cifras calculadas a partir de archivos sintéticos con la forma de una "
    "exportación de los informes anuales de las oficinas en los países",
    "subtitle.not_declared": "Cifras calculadas a partir de la exportación de los informes "
    "anuales de las oficinas en los países de {year} (situación de los datos no declarada)",
    "status.text.original": "Las cifras se calculan a partir de la exportación de los informes "
    "anuales de las oficinas en los países de {year}, tal como se recibió.",
    "status.text.reconstruction": "Los archivos de {year} son una reconstrucción, no la "
    "exportación original.",
    "status.text.synthetic": "Todas las cifras que siguen proceden de archivos brutos creados "
    "con python -m analysis synth, no de los informes del UNFPA.",
    "status.text.not_declared": "Los archivos brutos de {year} no vienen acompañados de ningún "
    "{status_file} que indique si son la exportación original, una reconstrucción o datos "
    "sintéticos.",
    "data_source.original": "informes anuales de las oficinas del UNFPA en los países, {year} "
    "(exportación de los informes y lista de oficinas)",
    "data_source.reconstruction": "reconstrucción de la exportación de los informes anuales de "
    "las oficinas del UNFPA en los países y de la lista de oficinas, {year} (véase Situación "
    "de los datos)",
    "data_source.synthetic": "datos sintéticos para {year} (python -m analysis synth), no datos "
    "del UNFPA",
    "data_source.not_declared": "exportación de los informes y lista de oficinas de {year} "
    "(situación de los datos no declarada)",
    "heading.method": "Método",
    "heading.notes": "Notas de los informes",
    "heading.provenance": "Procedencia",
    "notes.title": "Notas de los informes anuales de las oficinas en los países, {year}",
    "notes.column.country_office": "Oficina en el país",
    "notes.column.region": "Región",
    "notes.column.note": "Nota",
    "files.title": "Archivos de entrada de {year}, con sus sumas de verificación SHA-256",
    "files.column.file": "Archivo",
    "files.column.bytes": "Bytes",
    "files.column.sha256": "SHA-256",
    "software": "Programas: {versions}.",
    "also_in": "Los cuadros 1 y 2 figuran también en {table1_file} y {table2_file} (una fila "
    "por región y actividad) y en tables.es.xlsx, junto a este documento.",
    "organisation": "Fondo de Población de las Naciones Unidas (UNFPA)",
    "default_title": "Actividades de las oficinas del UNFPA en los países en materia de "
    "migración internacional, {year}",
    "no_authored_text": "No hay texto redactado en español para {year}: este documento contiene "
    "solo las partes generadas. Los párrafos de los investigadores (introducción, iniciativas "
    "mundiales, ejemplos de países, conclusión) y el encabezado del documento van en "
    "{authored_path}, como se describe en authored/README.md.",
    "heading.capacity_building": "Iniciativas de fomento de la capacidad en materia de migración "
    "internacional y desarrollo",
    "heading.other_initiatives": "Otras iniciativas importantes en materia de migración "
    "internacional y desarrollo",
    "heading.annex": "Anexo. Método y procedencia",
    "heading.unplaced": "Partes generadas que no figuran en el texto redactado",
    "synthetic_leaves_out": "Se omite el texto redactado de {authored_path}: describe los "
    "informes del UNFPA, no datos sintéticos.",
    "sheet.1": "Cuadro 1",
    "sheet.2": "Cuadro 2",
    "sheet.source": "Fuente",
    "workbook.source_title": "Procedencia de los cuadros 1 y 2 de {year}",
    "workbook.title": "Cuadros 1 y 2, {year}",
    "workbook.files_heading": "Archivos de entrada, con sus sumas de verificación SHA-256",
    "caption.table": "Cuadro",
    "caption.figure": "Gráfico",
    "workbook.page_of": "Página &P de &N",
    "workbook.csv_beside": "Las mismas cifras, una fila por región y actividad, figuran en "
    "{table1} y {table2}, junto a este libro.",
    "workbook.activity_offices": "{label}: oficinas",
    "workbook.activity_percent": "{label}: porcentaje",
    "page.language_tag": "es-ES",
    "status.word": "Situación de los datos",
    "page.warnings_box": "Revise el texto redactado ({file}): cada cifra enumerada no es la de "
    "su casilla del cuadro (su oración es un comentario en el archivo Word), o una parte "
    "generada no tiene lugar en él.",
}
