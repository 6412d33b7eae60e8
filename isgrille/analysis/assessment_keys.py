"""Which rows of a tidy ratings frame are one assessment, which one stands for each project, and its levels.

An *assessment* is the rows sharing ``source, project, learner, assessor,
date`` (:data:`KEY`). Everything here works on each column's codes
(:func:`~.frames.column_codes`), not row by row: a class of 100,000
assessments is 1.2 million rows. :mod:`.distribution` builds its
projects × criteria matrix and its comparisons from these.

>>> import pandas as pd
>>> frame = pd.DataFrame({"source": "f", "project": ["P", "P", "Q", "P"], "learner": "",
...                       "assessor": ["a", "a", "a", "b"], "date": ""})
>>> ids, keys = number_assessments(frame)
>>> ids.tolist(), keys["assessor"].tolist(), keys["_id"].tolist()
([0, 0, 1, 2], ['a', 'a', 'b'], [0, 1, 2])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..content.model import Grid
from .frames import column_codes

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Mapping

    import numpy
    import pandas
    from numpy.typing import NDArray

__all__ = ["KEY", "first_assessor", "latest_per_project", "level_matrix", "number_assessments", "positions"]

#: The columns that tell one assessment from another.
KEY = ["source", "project", "learner", "assessor", "date"]


def number_assessments(frame: pandas.DataFrame) -> tuple[numpy.ndarray, pandas.DataFrame]:
    """Each row's assessment number, and the assessments' KEY (rows of ``frame``, first seen first) with ``_id``.

    Computed on codes: an assessment's rows usually follow each other, so only
    where a KEY value changes from one row to the next is a key looked up.
    """
    import numpy as np
    import pandas as pd

    codes = [column_codes(frame[column])[0] for column in KEY]
    if not len(frame):
        return np.zeros(0, dtype=np.intp), frame[KEY].assign(_id=np.zeros(0, dtype=np.intp))
    change = np.zeros(len(frame), dtype=bool)
    change[0] = True
    for column in codes:
        change[1:] |= column[1:] != column[:-1]
    heads = np.flatnonzero(change)
    found = np.zeros(len(heads), dtype=np.int64)
    for column in codes:  # (found, code) pairs numbered again after each column: no overflow
        found, _ = pd.factorize(found * (int(column.max()) + 2) + column[heads] + 1)
    ids = np.repeat(found.astype(np.intp), np.diff(np.append(heads, len(frame))))
    first = heads[~pd.Index(found).duplicated()]
    return ids, frame[KEY].iloc[first].assign(_id=np.arange(len(first)))


def latest_per_project(keys: pandas.DataFrame) -> pandas.DataFrame:
    """Each project's latest assessment among ``keys`` (rows of KEY), indexed by project in order of appearance."""
    import pandas as pd

    ranked = keys.assign(_at=range(len(keys))).sort_values(["date", "_at"], kind="stable")
    latest = ranked.groupby("project", sort=False).tail(1).set_index("project", drop=False)
    return latest.loc[pd.Index(pd.unique(keys["project"]))].drop(columns="_at")


def first_assessor(keys: pandas.DataFrame, prefer: str | None = None) -> pandas.DataFrame:
    """The keys of each project's ``prefer`` assessor if it has one, else of its first assessor."""
    wanted = keys.groupby("project", sort=False)["assessor"].transform("first")
    if prefer is not None:
        has = keys["assessor"].eq(prefer).groupby(keys["project"], sort=False).transform("any")
        wanted = wanted.where(~has, prefer)
    return keys[keys["assessor"] == wanted]


def level_matrix(frame: pandas.DataFrame, ids: numpy.ndarray, chosen: pandas.DataFrame, grid: Grid) -> pandas.DataFrame:
    """Projects of ``chosen`` (one assessment ``_id`` each) × criteria: the level indexes of those assessments.

    ``ids`` is each row's assessment (:func:`number_assessments`); a criterion rated
    twice in one assessment keeps its last row.
    """
    import numpy as np
    import pandas as pd

    criteria = [c.id for c in grid.criteria]
    slot = np.full(int(ids.max()) + 1 if len(ids) else 0, -1, dtype=np.intp)
    slot[chosen["_id"].to_numpy(dtype=np.intp)] = np.arange(len(chosen))
    rows = slot[ids] if len(ids) else ids
    column = positions(frame["criterion"], {name: k for k, name in enumerate(criteria)})
    kept = np.flatnonzero(rows >= 0)
    cell = rows[kept] * len(criteria) + column[kept]
    last = kept[~pd.Index(cell).duplicated(keep="last")]
    cell = rows[last] * len(criteria) + column[last]
    level = frame["level_index"].to_numpy(dtype=np.int64, na_value=-1)[last]
    values = np.full(len(chosen) * len(criteria), -1, dtype=np.int64)
    values[cell] = level
    # IntegerArray is reshaped like an ndarray (pandas' NDArrayBacked arrays); pandas-stubs does not declare it.
    data = pd.arrays.IntegerArray(np.maximum(values, 0), values < 0).reshape(len(chosen), len(criteria))  # type: ignore[attr-defined]
    return pd.DataFrame(
        {name: data[:, k] for k, name in enumerate(criteria)}, index=pd.Index(chosen.index, name="project")
    ).rename_axis(columns="criterion")


def positions(values: pandas.Series, position: Mapping[Any, int]) -> NDArray[numpy.intp]:
    """Each value's ``position`` (every value has one), looked up once per distinct value."""
    import numpy as np

    codes, uniques = column_codes(values)
    return np.array([position[value] for value in uniques], dtype=np.intp)[codes] if len(uniques) else codes
