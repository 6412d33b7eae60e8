"""A cohort's assessments as a CSV table, and as a tidy pandas DataFrame.

The CSV has one row per assessment: a ``project`` column, an optional
``assessor`` column (``autoévaluation`` when absent or empty), then one
column per criterion id of the grid. A cell holds a level label (matched
without regard to case or accents) or nothing for « non renseigné ». Commas
or semicolons (as spreadsheets export in French) both work::

    project,assessor,caractere_collectif,richesse_collectif,...
    La Recyclerie du Val (fictif),autoévaluation,Faible,Intermédiaire,...

pandas is imported only by :func:`assessments_frame`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..content.errors import ContentError, Problem
from ..content.model import Assessment, Grid
from ..content.sources import read_text

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["load_assessments", "assessments_frame", "default_cohort_path"]

PROJECT, ASSESSOR, DEFAULT_ASSESSOR = "project", "assessor", "autoévaluation"


def default_cohort_path() -> Path:
    """The shipped fictional cohort."""
    from ..content.loading import data_dir

    return data_dir() / "examples" / "cohort_fictional.csv"


def load_assessments(path: str | Path | None = None, grid: Grid | None = None) -> tuple[Assessment, ...]:
    """Read a cohort's assessments, checked against ``grid`` (default: the AMI grid).

    Raises ContentError listing every bad row and cell, each with its line and column.
    """
    from ..content.loading import load_grid

    path = Path(path) if path is not None else default_cohort_path()
    grid = grid if grid is not None else load_grid()
    raw = read_text(path)
    text = raw.lstrip("\r\n")  # blank lines before the header are skipped…
    offset = raw[: len(raw) - len(text)].count("\n")  # …but still counted in line numbers
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip() for name in next(reader)]
    _check_header(path, header, grid, line=1 + offset)

    problems: list[Problem] = []
    assessments: list[Assessment] = []
    seen: dict[tuple[str, str], int] = {}
    for row in reader:
        line = reader.line_num + offset
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(Problem(str(path), f"{len(header)} valeurs attendues, {len(row)} trouvées", line=line))
            continue
        cells = dict(zip(header, (cell.strip() for cell in row)))
        project = cells[PROJECT]
        if not project:
            problems.append(Problem(str(path), "nom de projet vide", line=line, column=PROJECT))
            continue
        assessor = cells.get(ASSESSOR) or DEFAULT_ASSESSOR
        if (project, assessor) in seen:
            problems.append(
                Problem(
                    str(path),
                    f"évaluation de '{project}' par '{assessor}' en double (déjà à la ligne {seen[project, assessor]})",
                    line=line,
                )
            )
            continue
        seen[project, assessor] = line
        ratings: dict[str, int | None] = {}
        for criterion in grid.criteria:
            try:
                ratings[criterion.id] = grid.level_index(cells[criterion.id])
            except ValueError as exc:
                problems.append(Problem(str(path), str(exc), line=line, column=criterion.id))
        assessments.append(Assessment(project, ratings, assessor))
    if problems:
        raise ContentError(problems)
    if not assessments:
        raise ContentError.single(path, "aucune évaluation : le tableau n'a que sa ligne d'en-tête", line=1 + offset)
    return tuple(assessments)


def _check_header(path: Path, header: list[str], grid: Grid, line: int) -> None:
    expected = [PROJECT, ASSESSOR] + [c.id for c in grid.criteria]
    problems = []
    if PROJECT not in header:
        problems.append(Problem(str(path), f"colonne '{PROJECT}' manquante", line=line))
    for name in header:
        if name not in expected:
            problems.append(
                Problem(str(path), f"colonne inconnue (attendu : {', '.join(expected)})", line=line, column=name)
            )
    for name in sorted({name for name in header if header.count(name) > 1}, key=header.index):
        problems.append(Problem(str(path), "colonne en double", line=line, column=name))
    missing = [c.id for c in grid.criteria if c.id not in header]
    if missing:
        problems.append(
            Problem(str(path), f"colonne{'s' if len(missing) > 1 else ''} de critère manquante{'s' if len(missing) > 1 else ''} : {', '.join(missing)}", line=line)
        )
    if problems:
        raise ContentError(problems)


def assessments_frame(assessments: Iterable[Assessment], grid: Grid) -> "pandas.DataFrame":
    """One row per (assessment, criterion): a tidy table for pandas analyses.

    Columns: project, assessor, dimension, criterion, criterion_label,
    level (label, or None when not rated) and rank (0 for the lowest level;
    a nullable integer). ``level`` is an ordered categorical of the grid's levels.
    """
    import pandas as pd

    rows = [
        {
            "project": a.project,
            "assessor": a.assessor,
            "dimension": dimension.id,
            "criterion": criterion.id,
            "criterion_label": criterion.label,
            "level": None if a.level(criterion.id) is None else grid.levels[a.level(criterion.id)],
            "rank": a.level(criterion.id),
        }
        for a in assessments
        for dimension in grid.dimensions
        for criterion in dimension.criteria
    ]
    columns = ["project", "assessor", "dimension", "criterion", "criterion_label", "level", "rank"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["level"] = pd.Categorical(frame["level"], categories=list(grid.levels), ordered=True)
    frame["rank"] = frame["rank"].astype("Int64")
    return frame
