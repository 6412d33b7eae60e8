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
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..content.errors import ContentError, Problem
from ..content.limits import MAX_BYTES, MAX_PROBLEMS, shorten
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

    Line ends may be LF, CRLF or CR alone (as old spreadsheets write them); a
    cell may be as long as the file (up to ``MAX_BYTES["cohort"]``). Raises
    ContentError listing the bad rows and cells, each with its line and
    column (the first ``MAX_PROBLEMS``, then how many more).
    """
    from ..content.loading import load_grid

    path = Path(path) if path is not None else default_cohort_path()
    grid = grid if grid is not None else load_grid()
    raw = read_text(path, "cohort").replace("\r\n", "\n").replace("\r", "\n")
    text = raw.lstrip("\n")  # blank lines before the header are skipped…
    offset = len(raw) - len(text)  # …but still counted in line numbers
    first_line = text.partition("\n")[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    # csv's limit on a cell is process-wide: it is only ever raised, to the largest cohort file.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES["cohort"]))
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [name.strip() for name in next(reader)]
        _check_header(path, header, grid, line=1 + offset)
        return _read_rows(path, reader, header, grid, offset)
    except csv.Error:  # hardly possible: the reading is lenient and a cell may be as long as the file
        line = reader.line_num + offset
        raise ContentError.single(path, "ligne illisible (guillemets mal placés ?)", line=line) from None


def _read_rows(path: Path, reader, header: list[str], grid: Grid, offset: int) -> tuple[Assessment, ...]:
    problems: list[Problem] = []
    more = 0
    assessments: list[Assessment] = []
    seen: dict[tuple[str, str], int] = {}
    for row in reader:
        line = reader.line_num + offset
        if not any(cell.strip() for cell in row):
            continue
        found: list[Problem] = []
        cells = dict(zip(header, (cell.strip() for cell in row)))
        project, assessor = cells.get(PROJECT, ""), cells.get(ASSESSOR) or DEFAULT_ASSESSOR
        if len(row) != len(header):
            found.append(Problem(str(path), f"{len(header)} valeurs attendues, {len(row)} trouvées", line=line))
        elif not project:
            found.append(Problem(str(path), "nom de projet vide", line=line, column=PROJECT))
        elif (project, assessor) in seen:
            found.append(Problem(
                str(path), f"évaluation de '{shorten(project)}' par '{shorten(assessor)}' en double "
                f"(déjà à la ligne {seen[project, assessor]})", line=line,
            ))
        else:
            seen[project, assessor] = line
            ratings: dict[str, int | None] = {}
            for criterion in grid.criteria:
                try:
                    ratings[criterion.id] = grid.level_index(cells[criterion.id])
                except ValueError as exc:
                    found.append(Problem(str(path), str(exc), line=line, column=criterion.id))
            assessments.append(Assessment(project, ratings, assessor))
        room = MAX_PROBLEMS - len(problems)
        problems += found[:room]
        more += len(found[room:])
    if problems:
        raise ContentError(problems, more)
    if not assessments:
        raise ContentError.single(path, "aucune évaluation : le tableau n'a que sa ligne d'en-tête", line=1 + offset)
    return tuple(assessments)


def _check_header(path: Path, header: list[str], grid: Grid, line: int) -> None:
    expected = [PROJECT, ASSESSOR] + [c.id for c in grid.criteria]
    known, counts = set(expected), Counter(header)
    problems = []
    if PROJECT not in counts:
        problems.append(Problem(str(path), f"colonne '{PROJECT}' manquante", line=line))
    unknown = [name for name in header if name not in known]
    for name in unknown[:MAX_PROBLEMS]:
        problems.append(
            Problem(str(path), f"colonne inconnue (attendu : {', '.join(expected)})", line=line, column=shorten(name))
        )
    twice = [name for name in counts if counts[name] > 1]
    for name in twice[:MAX_PROBLEMS]:
        problems.append(Problem(str(path), "colonne en double", line=line, column=shorten(name)))
    missing = [c.id for c in grid.criteria if c.id not in counts]
    if missing:
        problems.append(
            Problem(str(path), f"colonne{'s' if len(missing) > 1 else ''} de critère manquante{'s' if len(missing) > 1 else ''} : {', '.join(missing)}", line=line)
        )
    if problems:
        raise ContentError(problems, more=max(len(unknown) - MAX_PROBLEMS, 0) + max(len(twice) - MAX_PROBLEMS, 0))


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
