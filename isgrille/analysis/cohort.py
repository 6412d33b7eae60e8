"""A cohort's assessments read from a trainer's table, and as a tidy pandas DataFrame.

The table (a CSV file or an xlsx workbook, read by :mod:`isgrille.content.tables`)
has one row per assessment. Its columns, named in English or in French (case,
accents and spaces not significant): ``project``/``projet`` (the only one
required), ``assessor``/``évaluateur`` (``autoévaluation`` when absent or
empty), ``date`` (``2026-11-26``, ``26/11/2026`` or a date cell; stored
``YYYY-MM-DD``), ``comment``/``commentaire``, then one column per criterion
of the grid, named by its id or by its label (« Ancrage territorial » as well
as ``ancrage_territorial``). A cell holds a level's label (matched without
regard to case or accents), its index (``0`` for the lowest; ``2.0`` too), or
nothing for « non renseigné »::

    projet;évaluateur;date;Caractère collectif du projet;richesse_collectif;...
    La Recyclerie du Val (fictif);formateur;26/11/2026;intermediaire;1;...

The same project rated by the same assessor on two dates is a before/after;
on the same date, a duplicate. pandas is imported only by :func:`assessments_frame`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.errors import ContentError, Problem
from ..content.limits import MAX_PROBLEMS, shorten
from ..content.model import NOT_RATED, Assessment, Grid, fold_label
from ..content.tables import Table, read_table
from ..results.learner import UNKNOWN, LevelReader

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["assessments_frame", "default_cohort_path", "load_assessments"]

PROJECT, ASSESSOR, DATE, COMMENT, DEFAULT_ASSESSOR = "project", "assessor", "date", "comment", "autoévaluation"
#: The names of the fixed columns, folded (see :func:`_folded`), by role; the first is the one messages say.
FIXED = {
    PROJECT: ("projet", "project"),
    ASSESSOR: ("evaluateur", "evaluatrice", "assessor"),
    DATE: ("date",),
    COMMENT: ("commentaire", "comment"),
}
_FRENCH = {PROJECT: "projet", ASSESSOR: "évaluateur", DATE: "date", COMMENT: "commentaire"}
#: A level given by its index: a whole number, ``2.0`` or ``2,0`` as a spreadsheet may write it.
_INDEX = re.compile(r"[+-]?\d{1,9}(?:[.,]0*)?")
_OUT_OF_RANGE = -2


def default_cohort_path() -> Path:
    """The shipped fictional cohort."""
    from ..content.loading import data_dir

    return data_dir() / "examples" / "cohort_fictional.csv"


def load_assessments(path: str | Path | None = None, grid: Grid | None = None) -> tuple[Assessment, ...]:
    """Read a cohort's assessments from a CSV file or an xlsx workbook, checked against ``grid`` (default: the AMI grid).

    See :mod:`isgrille.content.tables` for the formats and bounds. Raises
    ContentError listing the bad rows and cells, each with its line (and for
    a workbook its cell, ``Feuil1!C5``) and column, the first ``MAX_PROBLEMS``,
    then how many more.
    """
    from ..content.loading import load_grid

    path = Path(path) if path is not None else default_cohort_path()
    grid = grid if grid is not None else load_grid()
    table = read_table(path)
    return _read_rows(table, _columns(table, grid), grid)


def _folded(name: str) -> str:
    """A column's name as it is matched: folded (case, accents), ``_`` and runs of spaces as one space, ’ as '."""
    return " ".join(fold_label(name.replace("_", " ").replace("\u2019", "'")).split())


def _read_rows(table: Table, at: dict[str, int | None], grid: Grid) -> tuple[Assessment, ...]:
    """The assessments, one a row; at most MAX_PROBLEMS problems described (then counted), in linear time."""
    path, header, width = table.path, table.header, len(table.header)
    ids = [criterion.id for criterion in grid.criteria]
    columns = [index for criterion_id in ids if (index := at[criterion_id]) is not None]
    project_at, assessor_at, date_at, comment_at = at[PROJECT], at[ASSESSOR], at[DATE], at[COMMENT]
    if project_at is None or len(columns) != len(ids):
        raise ValueError("the table's columns were not checked (_columns)")
    levels = LevelReader(grid)
    indexes: dict[str, int] = {}
    dates: dict[str, str | int] = {}
    problems: list[Problem] = []
    more = 0
    assessments: list[Assessment] = []
    seen: dict[tuple[str, str, str], int] = {}

    def report(message: str, line: int, column: int | None = None) -> None:
        nonlocal more
        if len(problems) < MAX_PROBLEMS:
            name = header[column] if column is not None else None
            problems.append(Problem(str(path), message, column=name, **table.place(line, column)))
        else:
            more += 1

    for line, row in table.rows:
        if len(row) != width:
            if len(row) > width and not any(cell.strip() for cell in row[width:]):
                row = row[:width]  # the empty cells a spreadsheet leaves on the right
            elif any(cell.strip() for cell in row):
                report(f"{width} valeurs attendues, {len(row)} trouvées", line)
                continue
            else:
                continue  # a blank line
        project = row[project_at].strip()
        if not project:
            if any(cell.strip() for cell in row):
                report("nom de projet vide", line, project_at)
            continue
        assessor = (row[assessor_at].strip() if assessor_at is not None else "") or DEFAULT_ASSESSOR
        date = ""
        if date_at is not None:
            parsed = dates.get(row[date_at])
            if parsed is None:
                parsed = dates[row[date_at]] = _date(row[date_at])
            if not isinstance(parsed, str):  # UNKNOWN
                report(
                    f"date '{shorten(row[date_at].strip())}' invalide (attendu\u00a0: AAAA-MM-JJ comme 2026-11-26, "
                    "ou JJ/MM/AAAA comme 26/11/2026, ou vide)",
                    line,
                    date_at,
                )
                continue
            date = parsed
        key = (project, assessor, date)
        if key in seen:
            when = f" du {date}" if date else ""
            report(
                f"évaluation de '{shorten(project)}' par '{shorten(assessor)}'{when} en double "
                f"(déjà à la ligne {seen[key]})",
                line,
            )
            continue
        seen[key] = line
        cells = [row[index] for index in columns]
        found = levels.many(cells)
        if UNKNOWN in found:  # not a label: perhaps an index
            found = [
                level
                if level != UNKNOWN
                else indexes.get(cell)
                if cell in indexes
                else indexes.setdefault(cell, _index(cell, grid))
                for cell, level in zip(cells, found, strict=True)
            ]
        if UNKNOWN not in found and _OUT_OF_RANGE not in found:
            if not problems:  # once the file is wrong, its assessments are of no use
                comment = row[comment_at].strip() if comment_at is not None else ""
                assessments.append(Assessment(project, dict(zip(ids, found, strict=True)), assessor, date, comment))
        elif len(problems) >= MAX_PROBLEMS:
            more += found.count(UNKNOWN) + found.count(_OUT_OF_RANGE)
        else:
            for index, cell, level in zip(columns, cells, found, strict=True):
                if level in (UNKNOWN, _OUT_OF_RANGE):
                    report(_level_text(grid, cell, level), line, index)
    if problems:
        raise ContentError(problems, more)
    if not assessments:
        raise ContentError.single(
            path, "aucune évaluation\u00a0: le tableau n'a que sa ligne d'en-tête", **table.place(table.header_line)
        )
    return tuple(assessments)


def _index(cell: str, grid: Grid) -> int:
    """The level a cell gives by its index: the index, ``_OUT_OF_RANGE``, or ``UNKNOWN`` if no whole number."""
    text = cell.strip()
    if not _INDEX.fullmatch(text):
        return UNKNOWN
    index = int(re.split("[.,]", text)[0])
    return index if 0 <= index <= grid.top_index else _OUT_OF_RANGE


def _level_text(grid: Grid, cell: str, level: int) -> str:
    """What is wrong with a cell that gives no level: an unknown label, or an index out of range."""
    if level == _OUT_OF_RANGE:
        return (
            f"niveau n° {cell.strip()} hors limites (attendu\u00a0: de 0 pour «\u00a0{grid.levels[0]}\u00a0» à "
            f"{grid.top_index} pour «\u00a0{grid.levels[-1]}\u00a0», ou vide pour «\u00a0{NOT_RATED}\u00a0»)"
        )
    return (
        f"niveau '{shorten(cell.strip())}' inconnu (attendu\u00a0: {', '.join(grid.levels)}, ou leur indice de 0 à "
        f"{grid.top_index}, ou vide pour «\u00a0{NOT_RATED}\u00a0»)"
    )


def _date(cell: str) -> str | int:
    """A date cell as ``YYYY-MM-DD`` (``""`` when empty), or ``UNKNOWN``."""
    text = cell.strip()
    if not text:
        return ""
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    french = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    parts = iso.groups() if iso else french.groups()[::-1] if french else None
    try:
        return datetime.date(*map(int, parts)).isoformat() if parts else UNKNOWN
    except ValueError:  # 2026-02-30
        return UNKNOWN


def _columns(table: Table, grid: Grid) -> dict[str, int | None]:
    """Where each fixed column and criterion is in the header; ContentError listing the header's problems."""
    names: dict[str, str] = {}
    for role, aliases in FIXED.items():
        names.update(dict.fromkeys(aliases, role))
    for criterion in grid.criteria:  # ids first: an id is never shadowed by another criterion's label
        names.setdefault(_folded(criterion.id), criterion.id)
    for criterion in grid.criteria:
        names.setdefault(_folded(criterion.label), criterion.id)
    at: dict[str, int | None] = dict.fromkeys([*FIXED, *(c.id for c in grid.criteria)])
    problems: list[Problem] = []
    unknown: list[int] = []
    more = 0
    where = table.place(table.header_line)

    def report(message: str, column: str | None = None) -> None:
        nonlocal more
        if len(problems) < MAX_PROBLEMS:
            problems.append(Problem(str(table.path), message, column=column, **where))
        else:
            more += 1

    for index, name in enumerate(table.header):
        named = names.get(_folded(name))
        if not name:
            report(f"colonne n° {index + 1} sans nom\u00a0: nommez-la ou supprimez-la")
        elif named is None:
            unknown.append(index)
        elif (earlier := at[named]) is not None:
            first = table.header[earlier]
            report(
                "colonne en double" if first == name else f"colonne en double (même colonne que '{shorten(first)}')",
                shorten(name),
            )
        else:
            at[named] = index
    if at[PROJECT] is None:
        problems.insert(
            0,
            Problem(
                str(table.path),
                "colonne du projet manquante (attendu\u00a0: «\u00a0projet\u00a0» ou «\u00a0project\u00a0»)",
                **where,
            ),
        )
    criteria = [c for c in grid.criteria if at[c.id] is not None]
    if unknown and not criteria:  # no column of this grid: say it once
        shown = ", ".join(f"'{shorten(table.header[index], 30)}'" for index in unknown[:5])
        report(
            f"colonnes inconnues pour la grille «\u00a0{grid.title or grid.id}\u00a0»\u00a0: {shown}"
            f"{', …' if len(unknown) > 5 else ''} (attendu, par exemple\u00a0: {_expected(grid, 3)})"
        )
    else:
        for index in unknown:
            report(
                f"colonne inconnue (attendu\u00a0: {', '.join(_FRENCH.values())}, ou un critère par son identifiant "
                f"ou son libellé\u00a0: {_expected(grid, 4)})",
                shorten(table.header[index]),
            )
        missing = [c.id for c in grid.criteria if at[c.id] is None]
        if missing:
            plural = "s" if len(missing) > 1 else ""
            report(f"colonne{plural} de critère manquante{plural}\u00a0: {', '.join(missing)}")
    if problems:
        raise ContentError(problems, more)
    return at


def _expected(grid: Grid, count: int) -> str:
    """The first ``count`` criteria as a column may name them: ``ancrage_territorial`` or « Ancrage territorial »."""
    shown = [f"{c.id} ou «\u00a0{c.label}\u00a0»" for c in grid.criteria[:count]]
    rest = len(grid.criteria) - count
    return "\u202f; ".join(shown) + (f"\u202f; et {rest} autre{'s' if rest > 1 else ''}" if rest > 0 else "")


def assessments_frame(assessments: Iterable[Assessment], grid: Grid) -> pandas.DataFrame:
    """The tidy table of ``assessments`` (one row per assessment and criterion): see
    :func:`~isgrille.analysis.frames.ratings_frame`, which it calls; ``level_index`` is the level's rank."""
    from .frames import ratings_frame

    return ratings_frame(list(assessments), grid)
