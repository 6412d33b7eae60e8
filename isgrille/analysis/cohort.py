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
import itertools
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from ..content.errors import TOO_MANY_ROWS, ContentError, Problem
from ..content.limits import MAX_BYTES, MAX_PROBLEMS, MAX_ROWS, shorten
from ..content.model import Assessment, Grid
from ..content.sources import read_text
from ..results.learner import UNKNOWN, LevelReader, unknown_level_text

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
    cell may be as long as the file (up to ``MAX_BYTES["cohort"]``), and the
    file may hold ``MAX_ROWS`` lines after its header. Raises
    ContentError listing the bad rows and cells, each with its line and
    column (the first ``MAX_PROBLEMS``, then how many more).
    """
    from ..content.loading import load_grid

    path = Path(path) if path is not None else default_cohort_path()
    grid = grid if grid is not None else load_grid()
    raw = read_text(path, "cohort").replace("\r\n", "\n").replace("\r", "\n")
    text = raw.lstrip("\n")  # blank lines before the header are skipped…
    offset = len(raw) - len(text)  # …but still counted in line numbers
    lines = text.count("\n") + (not text.endswith("\n"))
    if lines - 1 > MAX_ROWS:
        raise ContentError.single(path, TOO_MANY_ROWS, line=offset + MAX_ROWS + 2)
    first_line = text.partition("\n")[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    # csv's limit on a cell is process-wide: it is only ever raised, to the largest cohort file.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES["cohort"]))
    reader = csv.reader(_lines(text), delimiter=delimiter)
    try:
        header = list(map(str.strip, next(reader)))
        _check_header(path, header, grid, line=1 + offset)
        return _read_rows(path, reader, header, grid, offset)
    except csv.Error:  # hardly possible: the reading is lenient and a cell may be as long as the file
        line = reader.line_num + offset
        raise ContentError.single(path, "ligne illisible (guillemets mal placés ?)", line=line) from None


def _lines(text: str) -> Iterator[str]:
    """``text``'s lines one at a time, ends kept (an io.StringIO would take four bytes a character)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        yield text[start:end]
        start = end


def _read_rows(path: Path, reader, header: list[str], grid: Grid, offset: int) -> tuple[Assessment, ...]:
    """The assessments, one a row; at most MAX_PROBLEMS problems described (then counted), in linear time."""
    at = {name: index for index, name in enumerate(header)}
    ids = [criterion.id for criterion in grid.criteria]
    columns = [at[criterion_id] for criterion_id in ids]
    project_at, assessor_at = at[PROJECT], at.get(ASSESSOR)
    levels = LevelReader(grid)
    problems: list[Problem] = []
    more = 0
    assessments: list[Assessment] = []
    seen: dict[tuple[str, str], int] = {}

    def report(message: str, **where) -> None:
        nonlocal more
        if len(problems) < MAX_PROBLEMS:
            problems.append(Problem(str(path), message, line=reader.line_num + offset, **where))
        else:
            more += 1

    for row in reader:
        whole = len(row) == len(header)
        project = row[project_at].strip() if whole else ""
        if not project:
            if not any(cell.strip() for cell in row):
                continue  # a blank line
            if whole:
                report("nom de projet vide", column=PROJECT)
            else:
                report(f"{len(header)} valeurs attendues, {len(row)} trouvées")
            continue
        assessor = (row[assessor_at].strip() if assessor_at is not None else "") or DEFAULT_ASSESSOR
        if (project, assessor) in seen:
            report(f"évaluation de '{shorten(project)}' par '{shorten(assessor)}' en double "
                   f"(déjà à la ligne {seen[project, assessor]})")
            continue
        seen[project, assessor] = reader.line_num + offset
        cells = [row[index] for index in columns]
        found = levels.many(cells)
        if UNKNOWN not in found:
            if not problems:  # once the file is wrong, its assessments are of no use
                assessments.append(Assessment(project, dict(zip(ids, found)), assessor))
        elif len(problems) >= MAX_PROBLEMS:
            more += found.count(UNKNOWN)
        else:
            for criterion_id, cell, level in zip(ids, cells, found):
                if level == UNKNOWN:
                    report(unknown_level_text(grid, cell), column=criterion_id)
    if problems:
        raise ContentError(problems, more)
    if not assessments:
        raise ContentError.single(path, "aucune évaluation : le tableau n'a que sa ligne d'en-tête", line=1 + offset)
    return tuple(assessments)


def _check_header(path: Path, header: list[str], grid: Grid, line: int) -> None:
    """Problems of the header line; a hostile one may hold millions of names, so each is looked at once."""
    expected = [PROJECT, ASSESSOR] + [c.id for c in grid.criteria]
    known = set(expected)
    counts = Counter(filter(known.__contains__, header))
    problems = []
    if PROJECT not in counts:
        problems.append(Problem(str(path), f"colonne '{PROJECT}' manquante", line=line))
    unknown = list(itertools.islice(itertools.filterfalse(known.__contains__, header), MAX_PROBLEMS))
    for name in unknown:
        problems.append(
            Problem(str(path), f"colonne inconnue (attendu : {', '.join(expected)})", line=line, column=shorten(name))
        )
    more = len(header) - sum(counts.values()) - len(unknown)  # unknown names not described
    for name in (name for name in counts if counts[name] > 1):
        problems.append(Problem(str(path), "colonne en double", line=line, column=name))
    missing = [c.id for c in grid.criteria if c.id not in counts]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        problems.append(Problem(
            str(path), f"colonne{plural} de critère manquante{plural} : {', '.join(missing)}", line=line
        ))
    if problems:
        raise ContentError(problems, more)


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
