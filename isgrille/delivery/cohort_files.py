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
rules, each distinct value once; the CSV is built from each column's codes,
:func:`csv_text`, so that a million rows take a second, not a minute). For
Excel (``excel=True``) the CSVs are written with ``;`` and a UTF-8 BOM, and the
tables are also written as ``.xlsx`` when they fit in a sheet. Every file is
written atomically: a failure never leaves half a file in place of the previous one.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..analysis.spreadsheet import safe_cell
from ..results.atomic import write_atomic

if TYPE_CHECKING:  # pragma: no cover
    import numpy
    import pandas

    from ..analysis.tidy import Cohort
    from ..content.model import Quiz

__all__ = ["RATING_COLUMNS", "QUIZ_COLUMNS", "CHARTS", "export_frame", "csv_text", "write_tables", "write_charts",
           "write_cohort", "CHART_GROUPS"]

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
    booleans become ``oui``/``non``; text that could be read as a formula gets
    a ``'`` in front (each distinct value neutralised once, the column rebuilt
    from its codes); missing text is an empty cell (a missing category stays missing).

    >>> import pandas as pd
    >>> export_frame(pd.DataFrame({"project": ["=1+1", "B"], "correct": [True, False]}),
    ...              {"projet": "project", "correcte": "correct"}).values.tolist()
    [["'=1+1", 'oui'], ['B', 'non']]
    """
    import pandas as pd

    out = {}
    for french, column in columns.items():
        values = frame[column]
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            out[french] = values.reset_index(drop=True)
        else:
            codes, cells = _cells(values, missing=None if isinstance(values.dtype, pd.CategoricalDtype) else "")
            out[french] = pd.Series(cells.take(codes), dtype=object)
    return pd.DataFrame(out)


def _cells(values: "pandas.Series", missing: str | None = "") -> tuple["numpy.ndarray", "numpy.ndarray"]:
    """A text or boolean column as codes and the spreadsheet-safe cell of each distinct value.

    The codes index the cells directly: a missing value's code points at the
    last cell, ``missing``.
    """
    import numpy as np
    import pandas as pd

    from ..analysis.frames import column_codes

    codes, uniques = column_codes(values)
    cells = np.empty(len(uniques) + 1, dtype=object)
    if pd.api.types.is_bool_dtype(values):
        cells[:-1] = ["oui" if value else "non" for value in uniques]
    else:
        cells[:-1] = [safe_cell(str(value)) for value in uniques]
    cells[-1] = missing
    return np.where(codes < 0, len(uniques), codes), cells


def csv_text(frame: "pandas.DataFrame", columns: dict[str, str], sep: str = ",",
             encoding: str | None = None) -> str | bytes:
    """The text of :func:`export_frame`'s table as CSV (``\\n`` line ends, quotes only where needed).

    With ``encoding``, the text encoded (each distinct cell once): bytes for a file.

    The same text as pandas' ``to_csv(index=False)`` of that table, built from
    each column's codes: the distinct cells are quoted once, neighbouring
    columns with few combinations are joined once per combination, and only
    the last join is made row by row.

    >>> import pandas as pd
    >>> print(csv_text(pd.DataFrame({"p": ["a;b", "=c"], "n": pd.array([1, None], dtype="Int64")}),
    ...                {"projet": "p", "niveau": "n"}, sep=";"), end="")
    projet;niveau
    "a;b";1
    '=c;
    """
    import numpy as np
    import pandas as pd

    rows = len(frame)
    quoted = _quoter(sep)
    quote = np.frompyfunc(quoted, 1, 1)
    parts = []
    for column in columns.values():
        values = frame[column]
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            codes, uniques = pd.factorize(values, use_na_sentinel=True)
            cells = np.array([*(_number(value) for value in np.asarray(uniques, dtype=object)), ""], dtype=object)
            codes = np.where(codes < 0, len(cells) - 1, codes)
        else:
            codes, cells = _cells(values)
            cells[-1] = ""
        cells = quote(cells).astype(object)
        if len(columns) == 1:  # a row of one empty cell is written "" (else it would be a blank line)
            cells[cells == ""] = '""'
        if encoding is not None:
            cells = np.array([cell.encode(encoding) for cell in cells], dtype=object)
        parts.append((codes.astype(np.int64), cells))
    header = sep.join(map(quoted, columns)) + "\n"
    if encoding is not None:
        header, sep, end = header.encode(encoding), sep.encode(encoding), "\n".encode(encoding)
    else:
        end = "\n"
    if not rows:
        return header
    blocks = [parts[0]]
    for more_codes, more_cells in parts[1:]:
        codes, cells = blocks[-1]
        width = len(more_cells)
        if len(cells) * width <= 4096:  # few combinations: each joined once
            blocks[-1] = (codes * width + more_codes, (cells[:, None] + sep + more_cells[None, :]).ravel())
            continue
        keys, found = pd.factorize(codes * width + more_codes)
        if len(found) > rows // 4:  # nearly a combination a row: a new block, joined row by row at the end
            blocks.append((more_codes, more_cells))
        else:
            blocks[-1] = (keys.astype(np.int64), cells[found // width] + sep + more_cells[found % width])
    lines = None
    for at, (codes, cells) in enumerate(blocks, start=1 - len(blocks)):
        part = (cells + (end if at == 0 else sep))[codes]
        lines = part if lines is None else lines + part
    return header + header[:0].join(lines.tolist())


def _number(value: object) -> str:
    """A number as pandas writes it in a CSV (an empty cell when missing)."""
    import pandas as pd

    return "" if pd.isna(value) else str(value)


def _quoter(sep: str) -> Callable[[str], str]:
    """A CSV cell quoted as pandas' ``to_csv`` quotes it: by Python's csv module (``QUOTE_MINIMAL``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\n")

    def quoted(cell: str) -> str:
        if sep not in cell and '"' not in cell and "\n" not in cell and "\r" not in cell:
            return cell  # what the csv module never quotes (empty included): no need to ask it
        buffer.seek(0)
        buffer.truncate()
        writer.writerow((cell,))
        return buffer.getvalue()[:-1]

    return quoted


def write_tables(cohort: "Cohort", out: Path, excel: bool = False) -> tuple[list[Path], list[str]]:
    """Write ``cohorte.csv`` and ``quiz.csv`` (and their ``.xlsx`` for Excel); the files and French notes."""
    written, notes = [], []
    for name, frame, columns in (("cohorte", cohort.ratings, RATING_COLUMNS), ("quiz", cohort.quiz, QUIZ_COLUMNS)):
        data = (codecs.BOM_UTF8 if excel else b"") + csv_text(frame, columns, sep=";" if excel else ",",
                                                              encoding="utf-8")
        written.append(write_atomic(out / f"{name}.csv", data))
        if excel:
            if len(frame) + 1 > XLSX_ROWS:
                notes.append(f"{name}.xlsx non écrit : {len(frame)} lignes, une feuille Excel en tient "
                             f"{XLSX_ROWS - 1} (utilisez {name}.csv)")
            else:
                from ..analysis.spreadsheet import write_xlsx

                table = export_frame(frame, columns)
                rows = [list(table.columns)] + table.astype(object).where(table.notna(), None).values.tolist()
                written.append(write_xlsx(rows, out / f"{name}.xlsx", sheet=name))
    return written, notes


def write_charts(cohort: "Cohort", quiz: "Quiz", out: Path,
                 keys: tuple[str, ...] = tuple(CHARTS)) -> tuple[list[Path], list[str]]:
    """Draw the class charts (``keys`` of :data:`CHARTS`) into ``out`` as PNG; the files and French notes."""
    from ..plots.class_figures import class_figures
    from ..plots.export import figure_png

    written, notes = [], []
    for key, drawn in class_figures(cohort.ratings, cohort.grid, cohort.quiz, quiz, keys=keys).items():
        name, what = CHARTS[key]
        if drawn is None:
            notes.append(f"{name} non écrit : {NOTHING[key]}")
        else:
            written.append(write_atomic(out / name, figure_png(drawn[0])))
    return written, notes


#: The charts each child process draws in :func:`write_cohort`: about the same work each.
CHART_GROUPS = (("heatmap",), ("levels", "quiz"))


def write_cohort(cohort: "Cohort", quiz: "Quiz", out: Path, excel: bool = False,
                 parallel: bool = True) -> tuple[list[Path], list[str]]:
    """:func:`write_tables` then :func:`write_charts`: the files and French notes of both, in that order.

    With ``parallel`` on a system that forks (Linux, macOS) and more than one
    processor, the charts are drawn by child processes (:data:`CHART_GROUPS`)
    while the tables are written: a big class takes about the longest of them
    rather than their sum. An error of any (a full disk…) is raised here as
    it would be without; a child that dies without a word has its charts drawn here.
    """
    import multiprocessing

    if not parallel or (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        tables, notes = write_tables(cohort, out, excel)
        charts, chart_notes = write_charts(cohort, quiz, out)
        return tables + charts, notes + chart_notes
    context = multiprocessing.get_context("fork")
    children = []
    for keys in CHART_GROUPS:
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_draw_charts, args=(cohort, quiz, out, keys, send), daemon=True)
        child.start()
        send.close()
        children.append((keys, receive, child))
    results = []
    try:
        tables, notes = write_tables(cohort, out, excel)
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
        charts, chart_notes = drawn if drawn is not None else write_charts(cohort, quiz, out, keys)
        written += charts
        notes += chart_notes
    return written, notes


def _draw_charts(cohort: "Cohort", quiz: "Quiz", out: Path, keys: tuple[str, ...], send) -> None:
    """In a child process: :func:`write_charts` of ``keys``, its result or its error sent back.

    Python's cycle collector is off in the child: walking the parent's objects
    would copy every page of them (copy-on-write), and the child lives a second.
    """
    import gc

    gc.disable()
    try:
        send.send((True, write_charts(cohort, quiz, out, keys)))
    except BaseException as exc:  # noqa: BLE001 — every error goes back to the parent, which raises it
        try:
            send.send((False, exc))
        except Exception:  # an error that cannot be pickled: said as a RuntimeError
            send.send((False, RuntimeError(f"graphiques non dessinés : {exc}")))
    finally:
        send.close()
