"""The tidy frames of a cohort, built column by column: ratings (one row per assessment and criterion), quiz.

A cohort of 100,000 assessments of 12 criteria is 1.2 million rows: a dict
per row would take seconds and gigabytes. Here each per-assessment value
(source, project, learner, assessor, date) is read once and repeated, each
per-criterion value (dimension, criterion, label) tiled, and the levels
become one array of codes (-1 for « non renseigné »), the ordered
categorical ``level`` and the nullable ``level_index`` both made from it.
Text columns have pandas' own text type (what a frame built row by row
would infer). pandas and NumPy are imported only inside these functions.

The frames keep English column names, for code; :func:`for_display` gives a
copy a French reader sees: French headers (:data:`DISPLAY_NAMES`), shares as
« 42 % », yes/no as « oui »/« non », and with the grid, criteria and
dimensions by their labels.

>>> from isgrille.content.model import Criterion, Dimension
>>> grid = Grid(("Bas", "Haut"), (Dimension("d", "D", (Criterion("c", "C", ("x", "y")), Criterion("e", "E", ("x", "y")))),))
>>> frame = ratings_frame([Assessment("P", {"c": 1})], grid, source="cohorte.csv")
>>> frame[["project", "criterion", "level", "level_index"]].to_string(index=False)
'project criterion level  level_index\\n      P         c  Haut            1\\n      P         e   NaN         <NA>'
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Hashable, Iterable, Sequence
from typing import TYPE_CHECKING

from ..content.model import Assessment, Grid

if TYPE_CHECKING:  # pragma: no cover
    import numpy
    import pandas
    from numpy.typing import NDArray

__all__ = [
    "DISPLAY_NAMES",
    "QUIZ_COLUMNS",
    "RATINGS_COLUMNS",
    "column_codes",
    "for_display",
    "quiz_frame",
    "ratings_frame",
]

#: The columns of the tidy ratings frame, in order (the shared contract).
RATINGS_COLUMNS = (
    "source",
    "project",
    "learner",
    "assessor",
    "date",
    "dimension",
    "criterion",
    "criterion_label",
    "level",
    "level_index",
)
#: The columns of the quiz frame, in order.
QUIZ_COLUMNS = ("source", "project", "learner", "statement", "answer", "correct")
#: The French header shown for each column (or index) of the kit's frames: tidy ratings and quiz, level
#: counts, medians, comparisons (:class:`~.distribution.Comparison`), the quiz's misses.
DISPLAY_NAMES = {
    "source": "Fichier",
    "project": "Projet",
    "learner": "Apprenant",
    "assessor": "Évaluateur",
    "date": "Date",
    "dimension": "Dimension",
    "criterion": "Identifiant du critère",
    "criterion_label": "Critère",
    "level": "Niveau",
    "level_index": "Rang du niveau",
    "median": "Médiane (rang)",
    "statement": "Identifiant",
    "text": "Affirmation",
    "answer": "Réponse",
    "correct": "Bonne réponse",
    "answered": "Réponses",
    "missed": "Manquées",
    "miss_rate": "Part manquée",
    "compared": "Projets comparés",
    "differing": "Regards différents",
    "higher": "Second regard plus haut",
    "lower": "Second regard plus bas",
    "largest_gap": "Plus grand écart (rangs)",
    "first_assessor": "Premier évaluateur",
    "first_date": "Première date",
    "second_assessor": "Second évaluateur",
    "second_date": "Seconde date",
    "first": "Premier niveau (rang)",
    "second": "Second niveau (rang)",
    "gap": "Écart (rangs)",
}
#: Columns holding a share between 0 and 1, shown as a French percentage.
_SHARES = frozenset({"miss_rate", "share"})


def ratings_frame(
    assessments: Iterable[Assessment],
    grid: Grid,
    *,
    source: str | Sequence[str] = "",
    learner: str | Sequence[str] = "",
) -> pandas.DataFrame:
    """One row per (assessment, criterion), assessments in their order, criteria in the grid's.

    ``source`` and ``learner`` are one text for every assessment or one per
    assessment. ``level`` is an ordered categorical of ``grid.levels`` (NaN:
    not rated), ``level_index`` a nullable ``Int64`` (0 for the lowest level).
    A rating that is no level of the grid raises ValueError.
    """
    import numpy as np
    import pandas as pd

    assessments = assessments if isinstance(assessments, (list, tuple)) else list(assessments)
    count, criteria = len(assessments), grid.criteria
    each = np.repeat(np.arange(count), len(criteria))  # row -> its assessment
    tiled = np.tile(np.arange(len(criteria)), count)  # row -> its criterion
    projects, assessors, dates = (
        [a.project for a in assessments],
        [a.assessor for a in assessments],
        [a.date for a in assessments],
    )

    def per_assessment(values: Sequence[str] | str, name: str) -> pandas.api.extensions.ExtensionArray:
        if isinstance(values, str):
            return _text([values]).take(np.zeros(count * len(criteria), dtype=np.intp))
        if len(values) != count:
            raise ValueError(f"{name}\u00a0: {len(values)} valeurs pour {count} évaluations")
        return _text(values).take(each)

    codes = _codes(assessments, [criterion.id for criterion in criteria], len(grid.levels))
    missing = codes < 0
    columns = {
        "source": per_assessment(source, "source"),
        "project": per_assessment(projects, "project"),
        "learner": per_assessment(learner, "learner"),
        "assessor": per_assessment(assessors, "assessor"),
        "date": per_assessment(dates, "date"),
        "dimension": _text([grid.dimension_of(criterion.id) for criterion in criteria]).take(tiled),
        "criterion": _text([criterion.id for criterion in criteria]).take(tiled),
        "criterion_label": _text([criterion.label for criterion in criteria]).take(tiled),
        "level": pd.Categorical.from_codes(codes, categories=pd.Index(list(grid.levels)), ordered=True),
        "level_index": pd.arrays.IntegerArray(np.where(missing, 0, codes).astype(np.int64), missing),
    }
    return pd.DataFrame(columns, columns=list(RATINGS_COLUMNS), copy=False)


def quiz_frame(
    source: Sequence[str],
    project: Sequence[str],
    learner: Sequence[str],
    statement: Sequence[str],
    answer: Sequence[str],
    correct: Sequence[bool],
) -> pandas.DataFrame:
    """The quiz frame from its columns (equal lengths): one row per answered statement."""
    import pandas as pd

    texts = {"source": source, "project": project, "learner": learner, "statement": statement, "answer": answer}
    columns = {name: _text(values) for name, values in texts.items()}
    return pd.DataFrame({**columns, "correct": pd.array(list(correct), dtype=bool)}, columns=list(QUIZ_COLUMNS))


def for_display(frame: pandas.DataFrame, grid: Grid | None = None) -> pandas.DataFrame:
    """A copy of one of the kit's frames as a French reader sees it; the frame itself is unchanged.

    Headers (columns and index names) in French; shares (``miss_rate``) as
    « 42 % »; yes/no columns as « oui » / « non »; other decimals with a
    decimal comma. With ``grid``, criterion and dimension ids — in the index,
    the column headers or the ``criterion`` and ``dimension`` columns — become
    their labels (a column ``criterion`` beside ``criterion_label`` is dropped).

    >>> import pandas as pd
    >>> shown = for_display(pd.DataFrame({"statement": ["a"], "missed": [1], "miss_rate": [0.4166], "correct": [True]}))
    >>> list(shown.columns)
    ['Identifiant', 'Manquées', 'Part manquée', 'Bonne réponse']
    >>> shown["Part manquée"].tolist(), shown["Bonne réponse"].tolist()
    (['42\\xa0%'], ['oui'])
    """
    import pandas as pd

    from ..content.typography import french_number, french_percent

    shown = frame.copy()
    labels = {}
    if grid is not None:
        labels = {**{d.id: d.label for d in grid.dimensions}, **{c.id: c.label for c in grid.criteria}}
        if "criterion" in shown.columns and "criterion_label" in shown.columns:
            shown = shown.drop(columns="criterion")
        for name in ("criterion", "dimension"):
            if name in shown.columns:
                shown[name] = shown[name].map(lambda value: labels.get(value, value))
        shown = shown.rename(
            index=lambda value: labels.get(value, value) if isinstance(value, str) else value,
            columns=lambda value: labels.get(value, value),
        )
    for name in shown.columns:
        column = shown[name]
        if name in _SHARES:
            shown[name] = column.map(lambda v: "—" if pd.isna(v) else french_percent(float(v)), na_action=None)
        elif pd.api.types.is_bool_dtype(column.dtype):
            shown[name] = column.map(lambda v: "—" if pd.isna(v) else ("oui" if v else "non"), na_action=None)
        elif pd.api.types.is_float_dtype(column.dtype):
            shown[name] = column.map(lambda v: "—" if pd.isna(v) else french_number(float(v), 2), na_action=None)
    if grid is not None and "criterion" in shown.columns:  # ids become labels: headed as labels
        shown = shown.rename(columns={"criterion": "criterion_label"})
    if grid is not None and "criterion" in shown.index.names:
        shown.index.names = ["criterion_label" if name == "criterion" else name for name in shown.index.names]
    shown = shown.rename(columns=lambda name: DISPLAY_NAMES.get(name, name))
    shown.columns.name = _display(shown.columns.name)
    shown.index.names = [_display(name) for name in shown.index.names]
    return shown


def column_codes(values: pandas.Series) -> tuple[numpy.ndarray, numpy.ndarray]:
    """A column as codes and its distinct values, in order of appearance (-1 for a missing value).

    Fast on the tidy frames' columns, whose values come in runs (an
    assessment's value repeated on its criteria's rows): only the first value
    of each run is hashed. A categorical gives its own codes and categories.

    >>> import pandas as pd
    >>> codes, values = column_codes(pd.Series(["a", "a", None, "b", "a"]))
    >>> codes.tolist(), values.tolist()
    ([0, 0, -1, 1, 0], ['a', 'b'])
    """
    import numpy as np
    import pandas as pd

    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(dtype=np.intp), values.cat.categories.to_numpy(dtype=object)
    array = values.to_numpy(dtype=object)
    if not len(array):
        return np.zeros(0, dtype=np.intp), array
    try:
        heads = np.flatnonzero(np.concatenate(([True], array[1:] != array[:-1])))
    except TypeError:  # a value that does not compare plainly (pd.NA): every row hashed
        heads = np.arange(len(array))
    firsts = array[heads]
    period = _period(firsts)
    codes, uniques = pd.factorize(firsts[:period], use_na_sentinel=True)
    if period < len(firsts):
        codes = np.tile(codes, len(firsts) // period)
    runs = np.diff(np.append(heads, len(array)))
    return np.repeat(codes.astype(np.intp), runs), np.asarray(uniques, dtype=object)


def _period(values: numpy.ndarray, longest: int = 1024) -> int:
    """The length of the block ``values`` repeats (a per-criterion column tiled), else ``len(values)``."""
    import numpy as np

    try:
        for period in np.flatnonzero(values[1 : longest + 1] == values[0]) + 1:
            if len(values) % period == 0 and (values[period:] == values[:-period]).all():
                return int(period)
            break  # only the first candidate is tried: a tiled column repeats from its first value on
    except TypeError:
        pass
    return len(values)


def _text(values: Sequence[str]) -> pandas.api.extensions.ExtensionArray:
    """``values`` as pandas' default text array (``str`` with pandas 3, object before)."""
    import pandas as pd

    return pd.Series(list(values), dtype=str).array


def _display(name: Hashable) -> Hashable:
    """A column's or an index level's French heading (its own name when it has none)."""
    return DISPLAY_NAMES.get(name, name) if isinstance(name, str) else name


def _codes(assessments: Sequence[Assessment], ids: list[str], levels: int) -> NDArray[numpy.int8]:
    """Each assessment's level index for each criterion id, row after row, -1 for not rated (int8)."""
    import numpy as np

    codes: dict[int | None, int] = {None: -1, **{index: index for index in range(levels)}}
    code = codes.__getitem__
    size = len(assessments) * len(ids)
    pick = operator.itemgetter(*ids) if len(ids) > 1 else (lambda ratings: (ratings[ids[0]],))
    ratings = [assessment.ratings for assessment in assessments]
    try:  # every criterion rated or « non renseigné » (a cohort's table): lookups in C
        return np.fromiter(map(code, itertools.chain.from_iterable(map(pick, ratings))), np.int8, size)
    except (KeyError, TypeError):  # some left out (a results file saved half-way), or a wrong level
        rows = [tuple(map(found.get, ids)) for found in ratings]
    try:
        return np.fromiter(map(code, itertools.chain.from_iterable(rows)), np.int8, size)
    except (KeyError, TypeError):
        bad = next(value for row in rows for value in row if not _is_level(value, levels))
        raise ValueError(
            f"niveau {bad!r} hors de la grille (attendu\u00a0: un indice de 0 à {levels - 1} ou None)"
        ) from None


def _is_level(value: object, levels: int) -> bool:
    return value is None or (isinstance(value, int) and 0 <= value < levels)
