"""The files ``python -m isgrille cohort`` writes: the tidy tables and the class charts.

A :class:`~isgrille.analysis.tidy.Cohort` becomes, in the output folder:

- ``cohorte.csv`` — one row per rating, French columns (:data:`RATING_COLUMNS`):
  ``projet, apprenant, evaluateur, date, dimension, critere, critere_libelle,
  niveau`` (the level's index, 0 = lowest, empty when « non renseigné »),
  ``niveau_libelle, source``;
- ``quiz.csv`` — one row per answer (:data:`QUIZ_COLUMNS`), ``correcte`` as ``oui``/``non``;
- the class charts as PNG (:data:`CHARTS`): projects × criteria, the levels per
  criterion (diverging bars: counts and medians, not means), the quiz
  statements ranked by how often they were missed;
- ``LISEZMOI.txt`` (:data:`README`, French, UTF-8): what each file written
  holds, the grid, the licence and the attribution.

Tables and charts reproduce the workshop's content, so they carry its
attribution (``attribution_of(workshop, grid)``; by default the shipped
workshop's): a footer under each chart and its PNG text chunks, the
workbooks' document properties, the LISEZMOI.

Every text cell is neutralised for spreadsheets (:func:`~isgrille.analysis.spreadsheet.safe_cell`
rules, each distinct value once; the CSV is built from each column's codes,
:func:`csv_text`, so that a million rows take a second, not a minute). For
Excel (``excel=True``) the CSVs are written with ``;`` and a UTF-8 BOM, and the
tables are also written as ``.xlsx`` when they fit in a sheet. Every file is
written atomically: a failure never leaves half a file in place of the previous one.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..analysis.spreadsheet import csv_text, export_frame
from ..content.attribution import Attribution, attribution_of
from ..content.typography import french
from ..results.atomic import write_atomic

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis.tidy import Cohort
    from ..content.model import Quiz

__all__ = [
    "CHARTS",
    "CHART_GROUPS",
    "QUIZ_COLUMNS",
    "RATING_COLUMNS",
    "README",
    "cohort_attribution",
    "csv_text",
    "export_frame",
    "readme_text",
    "write_charts",
    "write_cohort",
    "write_tables",
]

#: The columns of ``cohorte.csv``, French name → column of the tidy ratings frame.
RATING_COLUMNS = {
    "projet": "project",
    "apprenant": "learner",
    "evaluateur": "assessor",
    "date": "date",
    "dimension": "dimension",
    "critere": "criterion",
    "critere_libelle": "criterion_label",
    "niveau": "level_index",
    "niveau_libelle": "level",
    "source": "source",
}
#: The columns of ``quiz.csv``, French name → column of the quiz frame.
QUIZ_COLUMNS = {
    "projet": "project",
    "apprenant": "learner",
    "affirmation": "statement",
    "reponse": "answer",
    "correcte": "correct",
    "source": "source",
}
#: The charts' file names, and what each shows (printed by the command).
CHARTS = {
    "heatmap": ("carte_projets_criteres.png", "niveaux de chaque projet, critère par critère"),
    "levels": ("niveaux_par_critere.png", "répartition des niveaux par critère"),
    "quiz": ("quiz_affirmations_manquees.png", "affirmations du quiz les plus manquées"),
}
#: Why a chart is not drawn.
NOTHING = {"heatmap": "aucune évaluation", "levels": "aucune évaluation", "quiz": "aucune réponse au quiz"}
#: Rows an xlsx sheet holds, header included (Excel's limit).
XLSX_ROWS = 1_048_576
#: The file that says what the others hold, and what each table holds.
README = "LISEZMOI.txt"
TABLES = {
    "cohorte": "une ligne par critère évalué\u00a0: projet, apprenant, évaluateur, date, dimension, critère, "
    "niveau (0 pour le plus bas, vide si non renseigné) et son libellé, source",
    "quiz": "une ligne par réponse au quiz\u00a0: projet, apprenant, affirmation, réponse, correcte (oui/non), source",
}


def cohort_attribution(cohort: Cohort) -> Attribution:
    """The attribution of the cohort's grid with the shipped workshop (for a caller with no workshop at hand)."""
    from ..content.loading import load_workshop

    return attribution_of(load_workshop(), cohort.grid)


def write_tables(
    cohort: Cohort, out: Path, excel: bool = False, attribution: Attribution | None = None
) -> tuple[list[Path], list[str]]:
    """Write ``cohorte.csv`` and ``quiz.csv`` (and their ``.xlsx`` for Excel, signed); the files and French notes."""
    written, notes = [], []
    properties = (attribution or cohort_attribution(cohort)).workbook_properties() if excel else {}
    for name, frame, columns in (("cohorte", cohort.ratings, RATING_COLUMNS), ("quiz", cohort.quiz, QUIZ_COLUMNS)):
        data = (codecs.BOM_UTF8 if excel else b"") + csv_text(
            frame, columns, sep=";" if excel else ",", encoding="utf-8"
        )
        written.append(write_atomic(out / f"{name}.csv", data))
        if excel:
            if len(frame) + 1 > XLSX_ROWS:
                notes.append(
                    f"{name}.xlsx non écrit\u00a0: {len(frame)} lignes, une feuille Excel en tient "
                    f"{XLSX_ROWS - 1} (utilisez {name}.csv)"
                )
            else:
                from ..analysis.spreadsheet import write_xlsx

                table = export_frame(frame, columns)
                rows = [list(table.columns), *table.astype(object).where(table.notna(), None).values.tolist()]
                write_xlsx(rows, out / f"{name}.xlsx", sheet=name)
                written.append(_sign_workbook(out / f"{name}.xlsx", properties))
    return written, notes


def _sign_workbook(path: Path, properties: dict[str, str]) -> Path:
    """Set the document properties of the workbook at ``path`` (rewritten atomically); return ``path``.

    The rows are copied as they are; only ``docProps/core.xml`` changes.
    """
    import io
    import zipfile

    from openpyxl.packaging.core import DocumentProperties
    from openpyxl.xml.functions import fromstring, tostring

    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                core = DocumentProperties.from_tree(fromstring(data))
                for name, value in properties.items():
                    setattr(core, name, value)
                data = tostring(core.to_tree())
            target.writestr(info, data)
    return write_atomic(path, buffer.getvalue())


def write_charts(
    cohort: Cohort,
    quiz: Quiz,
    out: Path,
    keys: tuple[str, ...] = tuple(CHARTS),
    attribution: Attribution | None = None,
) -> tuple[list[Path], list[str]]:
    """Draw the class charts (``keys`` of :data:`CHARTS`) into ``out`` as PNG, signed; the files and French notes."""
    from ..plots.class_figures import class_figures
    from ..plots.export import figure_png

    attribution = attribution or cohort_attribution(cohort)
    metadata = attribution.png_metadata()
    written, notes = [], []
    for key, drawn in class_figures(
        cohort.ratings, cohort.grid, cohort.quiz, quiz, keys=keys, attribution=attribution
    ).items():
        name, _what = CHARTS[key]
        if drawn is None:
            notes.append(f"{name} non écrit\u00a0: {NOTHING[key]}")
        else:
            written.append(write_atomic(out / name, figure_png(drawn[0], metadata=metadata)))
    return written, notes


#: The charts each child process draws in :func:`write_cohort`: about the same work each.
CHART_GROUPS = (("heatmap",), ("levels", "quiz"))


def write_cohort(
    cohort: Cohort,
    quiz: Quiz,
    out: Path,
    excel: bool = False,
    parallel: bool = True,
    attribution: Attribution | None = None,
) -> tuple[list[Path], list[str]]:
    """:func:`write_tables`, :func:`write_charts`, then :data:`README`: the files and French notes, in that order.

    With ``parallel`` on a system that forks (Linux, macOS) and more than one
    processor, the charts are drawn by child processes (:data:`CHART_GROUPS`)
    while the tables are written: a big class takes about the longest of them
    rather than their sum. An error of any (a full disk…) is raised here as
    it would be without; a child that dies without a word has its charts drawn here.
    Everything carries ``attribution`` (by default :func:`cohort_attribution`).
    """
    attribution = attribution or cohort_attribution(cohort)
    written, notes = _write_all(cohort, quiz, out, excel, parallel, attribution)
    text = readme_text([path.name for path in written], attribution, excel)
    return [*written, write_atomic(out / README, text.encode("utf-8"))], notes


def readme_text(names: list[str], attribution: Attribution, excel: bool = False) -> str:
    """LISEZMOI.txt: what each of the files ``names`` holds, the grid, the licence, the attribution (French)."""
    charts = {name: f"graphique de la classe\u00a0: {what}" for name, what in CHARTS.values()}
    holds = {
        **{f"{t}.csv": what for t, what in TABLES.items()},
        **charts,
        **{f"{t}.xlsx": f"le tableau {t}.csv en classeur Excel" for t in TABLES},
    }
    encoding = (
        "UTF-8 avec BOM, séparateur «\u00a0;\u00a0», pour Excel" if excel else "UTF-8, séparateur «\u00a0,\u00a0»"
    )
    lines = [
        "Analyse d'une cohorte — fichiers écrits par «\u00a0python -m isgrille cohort\u00a0»",
        "",
        "Fichiers\u00a0:",
    ]
    lines += [
        f"- {name}\u00a0: {holds.get(name, 'fichier de la cohorte')}"
        + (f" ({encoding})" if name.endswith(".csv") else "")
        for name in names
    ]
    licence = attribution.licence_name + (
        f" ({attribution.licence})" if attribution.licence_name != attribution.licence else ""
    )
    lines += [
        "",
        attribution.grid_line(),
        "",
        f"Licence\u00a0: {licence}" + (f", {attribution.licence_url}" if attribution.licence_url else ""),
        (
            "Ces tableaux et graphiques reproduisent le contenu de l'atelier (grille, niveaux, affirmations du "
            "quiz)\u00a0: partagez-les sous la même licence, avec l'attribution ci-dessous."
        ),
        "",
        "Attribution\u00a0:",
        attribution.text(),
        "",
    ]
    return french("\n".join(lines))


def _write_all(
    cohort: Cohort, quiz: Quiz, out: Path, excel: bool, parallel: bool, attribution: Attribution
) -> tuple[list[Path], list[str]]:
    """The tables and the charts, the charts drawn by child processes when it pays (see :func:`write_cohort`)."""
    import multiprocessing

    if not parallel or (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        tables, notes = write_tables(cohort, out, excel, attribution)
        charts, chart_notes = write_charts(cohort, quiz, out, attribution=attribution)
        return tables + charts, notes + chart_notes
    context = multiprocessing.get_context("fork")
    children = []
    for keys in CHART_GROUPS:
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_draw_charts, args=(cohort, quiz, out, keys, send, attribution), daemon=True)
        child.start()
        send.close()
        children.append((keys, receive, child))
    results = []
    try:
        tables, notes = write_tables(cohort, out, excel, attribution)
    finally:
        for keys, receive, child in children:
            try:
                results.append((keys, *receive.recv()))
            except EOFError:  # the child died without a word: its charts drawn here
                results.append((keys, True, None))
            receive.close()
            child.join()
    written = list(tables)
    for keys, done, drawn in results:
        if not done:
            raise drawn
        charts, chart_notes = drawn if drawn is not None else write_charts(cohort, quiz, out, keys, attribution)
        written += charts
        notes += chart_notes
    return written, notes


def _draw_charts(
    cohort: Cohort, quiz: Quiz, out: Path, keys: tuple[str, ...], send, attribution: Attribution | None = None
) -> None:
    """In a child process: :func:`write_charts` of ``keys``, its result or its error sent back.

    Python's cycle collector is off in the child: walking the parent's objects
    would copy every page of them (copy-on-write), and the child lives a second.
    """
    import gc

    gc.disable()
    try:
        send.send((True, write_charts(cohort, quiz, out, keys, attribution)))
    except BaseException as exc:  # noqa: BLE001 — every error goes back to the parent, which raises it
        try:
            send.send((False, exc))
        except Exception:  # noqa: BLE001 — an error that cannot be pickled: said as a RuntimeError
            send.send((False, RuntimeError(f"graphiques non dessinés\u00a0: {exc}")))
    finally:
        send.close()
