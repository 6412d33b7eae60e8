"""A class at a glance: how the levels spread, per criterion and per project, and who rated what.

Everything here takes the tidy frames of a cohort (one row per assessment and
criterion, see ``RATING_COLUMNS``) and returns small pandas tables for the
class charts (the quiz's answers are tallied in :mod:`.quiz_tally`).
Ratings are ordinal: the figures are counts and medians, never means. A
median is the highest level that at least half of the rated answers reach
(the upper middle for an even count), as in
:func:`~isgrille.analysis.scoring.summarise_levels`; it is ``<NA>`` when
nothing is rated. « non renseigné » is counted apart and left out of medians.

An *assessment* is the rows sharing ``source, project, learner, assessor,
date``. Where one per project is needed, the latest date wins (an empty date
counts as oldest; among equal dates, the last in the frame), and with no
assessor named the self-assessment « autoévaluation », else the first assessor.

>>> import pandas as pd
>>> from isgrille.content.model import Criterion, Dimension, Grid
>>> grid = Grid(("Bas", "Haut"), (Dimension("d", "D", (Criterion("a", "A", ("x", "y")),)),))
>>> rows = [("f.csv", p, "", "autoévaluation", "", "d", "a", "A", lvl) for p, lvl in
...         [("P", 1), ("Q", 1), ("R", None)]]
>>> frame = pd.DataFrame(rows, columns=[*RATING_COLUMNS[:-2], "level_index"]).astype({"level_index": "Int64"})
>>> frame.insert(8, "level", pd.Categorical([None if i is pd.NA else grid.levels[i]
...              for i in frame["level_index"]], categories=list(grid.levels), ordered=True))
>>> level_counts(frame, grid).loc["a"].tolist(), int(level_medians(frame, grid)["a"])
([0, 2, 1], 1)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..content.errors import ContentError, Problem
from ..content.limits import MAX_PROBLEMS, shorten
from ..content.model import NOT_RATED, Grid
from ..results.learner import SELF  # the assessor of a self-assessment, preferred when none is named
from .assessment_keys import KEY, first_assessor, latest_per_project, level_matrix, number_assessments, positions
from .frames import RATINGS_COLUMNS as RATING_COLUMNS
from .scoring import LevelSummary

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    import numpy
    import pandas
    from numpy.typing import NDArray
    from pandas.api.typing import NAType

__all__ = [
    "RATING_COLUMNS",
    "SELF",
    "Comparison",
    "compare_assessors",
    "compare_dates",
    "dimension_medians",
    "level_counts",
    "level_medians",
    "project_matrix",
]

_RATINGS = "tableau des évaluations"


def missing_columns(frame: pandas.DataFrame, columns: tuple[str, ...], name: str) -> None:
    """ContentError naming the ``columns`` the frame lacks, if any (``name`` says which table)."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        raise ContentError.single(
            name, f"colonne{plural} manquante{plural}\u00a0: {', '.join(missing)} (attendu\u00a0: {', '.join(columns)})"
        )


def raise_bad(
    frame: pandas.DataFrame, bad: pandas.Series[bool] | NDArray[numpy.bool_], column: str, message: Callable[..., str]
) -> None:
    """A ContentError naming each distinct (source, value) of the ``bad`` rows, if any."""
    if bad.any():
        found = frame.loc[bad, ["source", *column.split("+")]].drop_duplicates()
        problems = [
            Problem(str(row[0]), message(*row[1:]), column=column.split("+")[-1])
            for row in found.head(MAX_PROBLEMS).itertuples(index=False)
        ]
        raise ContentError(problems, max(len(found) - MAX_PROBLEMS, 0))


def _checked(ratings: pandas.DataFrame, grid: Grid) -> pandas.DataFrame:
    """The ratings with a nullable-integer ``level_index`` checked against the grid (ContentError otherwise)."""
    missing_columns(ratings, RATING_COLUMNS, _RATINGS)
    ids = [c.id for c in grid.criteria]
    raise_bad(
        ratings,
        ~ratings["criterion"].isin(ids),
        "criterion",
        lambda c: f"critère '{shorten(str(c))}' inconnu de la grille (attendu\u00a0: {', '.join(ids)})",
    )
    try:
        frame = ratings.assign(
            level_index=ratings["level_index"].astype("Int64"), date=ratings["date"].fillna("").astype(str)
        )
    except (TypeError, ValueError):
        raise ContentError.single(
            _RATINGS, "niveaux\u00a0: nombres entiers attendus (0 pour le plus bas) ou vide", column="level_index"
        ) from None
    index = frame["level_index"]
    raise_bad(
        frame,
        (index.notna() & ((index < 0) | (index > grid.top_index))).fillna(False).to_numpy(),
        "criterion+level_index",
        lambda c, i: (
            f"critère '{c}'\u00a0: niveau {i} hors de la grille (attendu\u00a0: 0 à {grid.top_index}, ou vide)"
        ),
    )
    return frame


def _counts(frame: pandas.DataFrame, grid: Grid, rows: NDArray[numpy.intp], n_rows: int) -> NDArray[numpy.intp]:
    """Counts per (row, level) with « non renseigné » last: ``rows`` gives each line's row number."""
    import numpy as np

    width = len(grid.levels) + 1
    codes = frame["level_index"].fillna(len(grid.levels)).to_numpy(dtype=int)
    found = np.bincount(np.asarray(rows, dtype=int) * width + codes, minlength=n_rows * width)
    return found.reshape(n_rows, width)


def _medians(grid: Grid, counts: NDArray[numpy.intp]) -> list[int | NAType]:
    import pandas as pd

    medians = [LevelSummary(grid.levels, tuple(map(int, row[:-1])), int(row[-1])).median_index for row in counts]
    return [pd.NA if m is None else m for m in medians]


def level_counts(ratings: pandas.DataFrame, grid: Grid) -> pandas.DataFrame:
    """How many answers per criterion (rows, grid order) and level (columns, then « non renseigné »)."""
    import pandas as pd

    frame = _checked(ratings, grid)
    ids = [c.id for c in grid.criteria]
    rows = positions(frame["criterion"], {cid: i for i, cid in enumerate(ids)})
    counts = _counts(frame, grid, rows, len(ids))
    table = pd.DataFrame(counts, index=pd.Index(ids, name="criterion"), columns=[*grid.levels, NOT_RATED])
    table.columns.name = "level"
    return table


def level_medians(ratings: pandas.DataFrame, grid: Grid, counts: pandas.DataFrame | None = None) -> pandas.Series:
    """The median level index of each criterion over its rated answers (``<NA>`` when none).

    ``counts``: the ratings' :func:`level_counts` when already computed (not counted again).
    """
    import pandas as pd

    counts = level_counts(ratings, grid) if counts is None else counts
    return pd.Series(_medians(grid, counts.to_numpy()), index=counts.index, name="median", dtype="Int64")


def dimension_medians(ratings: pandas.DataFrame, grid: Grid, by: str | None = None) -> pandas.Series | pandas.DataFrame:
    """The median level index of each dimension, pooling its criteria's rated answers.

    With ``by`` (a column of ``KEY``, e.g. ``"project"``): a DataFrame, one row
    per value in order of appearance, one column per dimension; every row of a
    group counts (filter the frame first to keep one assessor or one date).
    """
    import pandas as pd

    if by is not None and by not in KEY:
        raise ValueError(f"by\u00a0: colonne '{shorten(str(by))}' impossible (attendu\u00a0: {', '.join(KEY)} ou None)")
    frame = _checked(ratings, grid)
    dims = [d.id for d in grid.dimensions]
    of = {c.id: dims.index(grid.dimension_of(c.id)) for c in grid.criteria}
    rows = positions(frame["criterion"], of)
    groups = list(pd.unique(frame[by])) if by else [None]
    if by:
        rows = rows + frame[by].map({g: i for i, g in enumerate(groups)}).to_numpy(dtype=int) * len(dims)
    counts = _counts(frame, grid, rows, len(groups) * len(dims))
    values = pd.array(_medians(grid, counts), dtype="Int64")
    if by is None:
        return pd.Series(values, index=pd.Index(dims, name="dimension"), name="median")
    table = pd.DataFrame(
        values.reshape(len(groups), len(dims)) if len(groups) else [],  # type: ignore[attr-defined]  # as in level_matrix
        index=pd.Index(groups, name=by),
        columns=pd.Index(dims, name="dimension"),
    )
    return table.astype("Int64")


def project_matrix(ratings: pandas.DataFrame, grid: Grid, assessor: str | None = None) -> pandas.DataFrame:
    """Projects (rows, in order of appearance) × criteria (columns, grid order): level indexes, ``<NA>`` if unrated.

    One assessment per project: ``assessor``'s (projects it did not assess are
    left out) or, when None, the self-assessment, else the first assessor's; the latest one.
    """
    frame = _checked(ratings, grid)
    ids, keys = number_assessments(frame)
    keys = keys[keys["assessor"] == assessor] if assessor is not None else first_assessor(keys, SELF)
    return level_matrix(frame, ids, latest_per_project(keys), grid)


@dataclass(frozen=True, eq=False)
class Comparison:
    """Two assessments per project, criterion by criterion: ``gap`` is second minus first.

    ``pairs`` has the columns project, first_assessor, first_date,
    second_assessor, second_date, dimension, criterion, criterion_label,
    first, second, gap (``<NA>`` when either is not rated).
    """

    pairs: pandas.DataFrame

    @property
    def criteria(self) -> pandas.DataFrame:
        """Per criterion: projects compared, differing, rated higher / lower by the second, largest gap in steps.

        Most differing first, then the largest gap, then grid order: the criteria to discuss.
        """
        pairs = self.pairs.assign(size=self.pairs["gap"].abs())
        table = pairs.groupby(["criterion", "criterion_label"], sort=False).agg(
            compared=("gap", "count"),
            differing=("gap", lambda g: int((g != 0).sum())),
            higher=("gap", lambda g: int((g > 0).sum())),
            lower=("gap", lambda g: int((g < 0).sum())),
            largest_gap=("size", "max"),
        )
        table = table.reset_index().astype({"largest_gap": "Int64"})
        return table.sort_values(
            ["differing", "largest_gap"], ascending=False, kind="stable", na_position="last"
        ).reset_index(drop=True)


def _compare(
    frame: pandas.DataFrame, ids: numpy.ndarray, grid: Grid, first: pandas.DataFrame, second: pandas.DataFrame
) -> Comparison:
    """The pairs of the projects in both ``first`` and ``second`` (one key per project each)."""
    import numpy as np
    import pandas as pd

    projects = [p for p in first.index if p in second.index]
    first, second = first.loc[projects], second.loc[projects]
    a, b = level_matrix(frame, ids, first, grid), level_matrix(frame, ids, second, grid)
    count = len(grid.criteria)
    pairs = pd.DataFrame(
        {
            "project": np.repeat(projects, count).astype(object),
            **{
                f"{side}_{column}": np.repeat(keys[column].to_numpy(dtype=object), count)
                for side, keys in (("first", first), ("second", second))
                for column in ("assessor", "date")
            },
            "dimension": [grid.dimension_of(c.id) for c in grid.criteria] * len(projects),
            "criterion": [c.id for c in grid.criteria] * len(projects),
            "criterion_label": [c.label for c in grid.criteria] * len(projects),
            "first": pd.array(a.to_numpy().ravel(), dtype="Int64"),
            "second": pd.array(b.to_numpy().ravel(), dtype="Int64"),
        }
    )
    pairs = pairs[
        [
            "project",
            "first_assessor",
            "first_date",
            "second_assessor",
            "second_date",
            "dimension",
            "criterion",
            "criterion_label",
            "first",
            "second",
        ]
    ]
    return Comparison(pairs.assign(gap=pairs["second"] - pairs["first"]))


def compare_assessors(
    ratings: pandas.DataFrame, grid: Grid, first: str = SELF, second: str | None = None
) -> Comparison:
    """``first``'s and ``second``'s latest assessment of each project assessed by both (self vs trainer).

    With ``second`` None, each project's first assessor other than ``first``.
    """
    frame = _checked(ratings, grid)
    ids, keys = number_assessments(frame)
    others = keys[keys["assessor"] != first]
    others = first_assessor(others) if second is None else others[others["assessor"] == second]
    return _compare(frame, ids, grid, latest_per_project(keys[keys["assessor"] == first]), latest_per_project(others))


def compare_dates(ratings: pandas.DataFrame, grid: Grid, project: str, assessor: str | None = None) -> Comparison:
    """The first and the last assessment of one ``project`` by one assessor (before / after).

    ``assessor`` defaults to the self-assessment, else the project's first assessor.
    """
    frame = _checked(ratings, grid)
    ids, keys = number_assessments(frame)
    keys = keys[keys["project"] == project]
    if keys.empty:
        raise ValueError(f"projet '{shorten(str(project))}' absent du tableau des évaluations")
    names = list(dict.fromkeys(keys["assessor"]))
    who = assessor if assessor is not None else (SELF if SELF in names else names[0])
    keys = keys[keys["assessor"] == who]
    if len(keys) < 2:
        raise ValueError(
            f"projet '{shorten(str(project))}'\u00a0: {len(keys)} évaluation(s) par '{shorten(str(who))}', "
            "il en faut deux (avant / après) pour comparer"
        )
    ranked = keys.assign(_at=range(len(keys))).sort_values(["date", "_at"], kind="stable")[[*KEY, "_id"]]
    return _compare(
        frame,
        ids,
        grid,
        ranked.head(1).set_index("project", drop=False),
        ranked.tail(1).set_index("project", drop=False),
    )
