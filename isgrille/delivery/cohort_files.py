"""The files ``python -m isgrille cohort`` writes: the tidy tables and the class charts.

A :class:`~isgrille.analysis.tidy.Cohort` becomes, in the output folder:

- ``cohorte.csv`` — one row per rating, French columns (:data:`RATING_COLUMNS`):
  ``projet, apprenant, evaluateur, date, dimension, critere, critere_libelle,
  niveau`` (the level's index, 0 = lowest, empty when « non renseigné »),
  ``niveau_libelle, source``;
- ``quiz.csv`` — one row per answer (:data:`QUIZ_COLUMNS`), ``correcte`` as ``oui``/``non``;
- the class charts as PNG (:data:`CHARTS`): projects × criteria, the levels per
  criterion (diverging bars: counts and medians, not means), the quiz
  statements ranked by how often they were missed.

Every text cell is neutralised for spreadsheets (:func:`~isgrille.analysis.spreadsheet.safe_cell`
rules, applied column-wise so that a million rows take a second, not a minute). For
Excel (``excel=True``) the CSVs are written with ``;`` and a UTF-8 BOM, and the
tables are also written as ``.xlsx`` when they fit in a sheet. Every file is
written atomically: a failure never leaves half a file in place of the previous one.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from ..analysis.spreadsheet import FORMULA_STARTS, safe_cell
from ..results.atomic import write_atomic

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from ..analysis.tidy import Cohort
    from ..content.model import Quiz

__all__ = ["RATING_COLUMNS", "QUIZ_COLUMNS", "CHARTS", "export_frame", "write_tables", "write_charts"]

#: The columns of ``cohorte.csv``, French name → column of the tidy ratings frame.
RATING_COLUMNS = {
    "projet": "project", "apprenant": "learner", "evaluateur": "assessor", "date": "date",
    "dimension": "dimension", "critere": "criterion", "critere_libelle": "criterion_label",
    "niveau": "level_index", "niveau_libelle": "level", "source": "source",
}
#: The columns of ``quiz.csv``, French name → column of the quiz frame.
QUIZ_COLUMNS = {
    "projet": "project", "apprenant": "learner", "affirmation": "statement",
    "reponse": "answer", "correcte": "correct", "source": "source",
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


def export_frame(frame: "pandas.DataFrame", columns: dict[str, str]) -> "pandas.DataFrame":
    """``frame``'s columns renamed to French, in order, every text cell safe for a spreadsheet.

    Numbers stay numbers (a nullable integer's missing value is an empty cell);
    booleans become ``oui``/``non``; text that could be read as a formula gets a ``'`` in front.

    >>> import pandas as pd
    >>> export_frame(pd.DataFrame({"project": ["=1+1", "B"], "correct": [True, False]}),
    ...              {"projet": "project", "correcte": "correct"}).values.tolist()
    [["'=1+1", 'oui'], ['B', 'non']]
    """
    import pandas as pd

    out = {}
    for french, column in columns.items():
        values = frame[column]
        if pd.api.types.is_bool_dtype(values):
            out[french] = values.map({True: "oui", False: "non"})
        elif pd.api.types.is_numeric_dtype(values):
            out[french] = values
        elif isinstance(values.dtype, pd.CategoricalDtype):  # neutralise each distinct value once
            safe = [safe_cell(category) for category in values.cat.categories]
            out[french] = (values.cat.rename_categories(safe) if len(set(safe)) == len(safe)
                           else values.astype(object).map(_safe_text))  # "=a" and "'=a" would merge
        else:
            text = values.astype("string").fillna("")
            out[french] = text.where(~text.str.startswith(FORMULA_STARTS), "'" + text)
    return pd.DataFrame(out)


def _safe_text(value: object) -> str:
    return "" if value is None or value != value else safe_cell(str(value))


def write_tables(cohort: "Cohort", out: Path, excel: bool = False) -> tuple[list[Path], list[str]]:
    """Write ``cohorte.csv`` and ``quiz.csv`` (and their ``.xlsx`` for Excel); the files and French notes."""
    written, notes = [], []
    for name, frame, columns in (("cohorte", cohort.ratings, RATING_COLUMNS), ("quiz", cohort.quiz, QUIZ_COLUMNS)):
        table = export_frame(frame, columns)
        buffer = io.StringIO()
        table.to_csv(buffer, index=False, sep=";" if excel else ",", lineterminator="\n")
        text = ("\ufeff" if excel else "") + buffer.getvalue()
        written.append(write_atomic(out / f"{name}.csv", text))
        if excel:
            if len(table) + 1 > XLSX_ROWS:
                notes.append(f"{name}.xlsx non écrit : {len(table)} lignes, une feuille Excel en tient "
                             f"{XLSX_ROWS - 1} (utilisez {name}.csv)")
            else:
                from ..analysis.spreadsheet import write_xlsx

                rows = [list(table.columns)] + table.astype(object).where(table.notna(), None).values.tolist()
                written.append(write_xlsx(rows, out / f"{name}.xlsx", sheet=name))
    return written, notes


def write_charts(cohort: "Cohort", quiz: "Quiz", out: Path) -> tuple[list[Path], list[str]]:
    """Draw the class charts into ``out`` as PNG; the files and French notes on what was not drawn."""
    from ..plots.class_figures import class_figures
    from ..plots.export import figure_png

    written, notes = [], []
    for key, drawn in class_figures(cohort.ratings, cohort.grid, cohort.quiz, quiz).items():
        name, what = CHARTS[key]
        if drawn is None:
            notes.append(f"{name} non écrit : {NOTHING[key]}")
        else:
            written.append(write_atomic(out / name, figure_png(drawn[0])))
    return written, notes
