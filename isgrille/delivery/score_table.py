"""The table ``python -m isgrille score`` writes: one block of rows per assessment.

``score`` takes a cohort CSV (one assessment a row) or a learner's results
file (``mes_resultats.json``: one assessment per assessor — the
self-assessment, a peer's, the trainer's). :func:`is_results_file` tells
them apart by the suffix ``.json`` or, whatever the name, by a text that
starts with ``{``; :func:`load_for_score` reads either;
:func:`score_rows` gives the rows, header first, for
:func:`~isgrille.analysis.spreadsheet.write_csv`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..analysis import scoring
from ..content.model import Assessment, Grid

__all__ = ["is_results_file", "load_for_score", "score_rows"]

#: Bytes read to see how a file starts (a UTF-8 BOM and some blank lines may come first).
_PEEK = 256


def is_results_file(path: Path) -> bool:
    """Whether ``path`` is a results file: a ``.json`` name, or a regular file whose text starts with ``{``.

    A folder, a named pipe or a file that cannot be read is not looked into
    (the cohort reader then says what is wrong with it).
    """
    if path.suffix.lower() == ".json":
        return True
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            start = handle.read(_PEEK)
    except OSError:
        return False
    return start.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{")


def load_for_score(path: Path | None, grid: Grid) -> tuple[Assessment, ...]:
    """The assessments to score: a results file's (one per assessor) or a cohort CSV's (default: the fictional one).

    Raises :class:`~isgrille.content.errors.ContentError` naming the file and the place.
    """
    from ..analysis.cohort import load_assessments

    if path is not None and is_results_file(path):
        from ..results.store import read_results

        results = read_results(path, grid)
        return tuple(results.assessment(assessor) for assessor in results.assessments)
    return load_assessments(path, grid)


def score_rows(grid: Grid, assessments: tuple[Assessment, ...]) -> Iterator[list]:
    """The header, then per assessment one row per dimension and one ``overall`` row.

    Each row counts the criteria per level and not rated, then gives the median
    level, ``at_least`` (rated criteria at or above the grid's reference level,
    :func:`~isgrille.analysis.scoring.reference_level`) and ``share``
    (``at_least`` out of the rated ones, 0 to 1, rounded to 3 decimals; empty
    when nothing is rated): levels are ordinal, never a mean.

    >>> from isgrille import load_grid
    >>> grid = load_grid()
    >>> ratings = {grid.criteria[0].id: 3, grid.criteria[1].id: 1, grid.criteria[2].id: 2}
    >>> rows = list(score_rows(grid, (Assessment("P", ratings, "formateur"),)))
    >>> rows[0][:3], rows[0][-3:], rows[-1]
    (['project', 'assessor', 'scope'], ['median', 'at_least', 'share'], ['P', 'formateur', 'overall', 0, 1, 1, 1, 9, 'Intermédiaire', 2, 0.667])
    """
    yield ["project", "assessor", "scope", *grid.levels, "not_rated", "median", "at_least", "share"]
    for assessment in assessments:
        profile = scoring.score_assessment(grid, assessment)
        scopes = [(d.dimension_id, d.summary) for d in profile.dimensions] + [("overall", profile.overall)]
        for scope, summary in scopes:
            share = None if summary.share is None else round(summary.share, 3)
            yield [
                assessment.project,
                assessment.assessor,
                scope,
                *summary.counts,
                summary.not_rated,
                summary.median,
                summary.at_least,
                share,
            ]
