"""The live room's figures on the projector: the words of « mon projet en 2 mots », the room's ratings of a pitch.

:func:`word_counts` counts the words the projects typed (French stop words
out, case folded for counting, each word shown as it was typed most often);
:func:`rating_summary` turns the room's ratings of the project that pitches
(:mod:`isgrille.results.room_ratings`) into, per criterion, how many rated,
the median level (ordinal: the lower median, never a mean) and the spread;
:func:`room_assessment` keeps the medians, saved in the project's file as the
assessor :data:`ROOM_ASSESSOR`.

>>> word_counts(["Une recyclerie solidaire", "recyclerie, Solidaire !", "la RECYCLERIE"])
[('recyclerie', 3), ('solidaire', 2)]
>>> from isgrille.content.model import Criterion, Dimension, Grid
>>> grid = Grid(("Bas", "Moyen", "Haut"), (Dimension("d", "D", (Criterion("a", "A", ("", "", "")),)),))
>>> summary = rating_summary(grid, {"p1": {"a": 0}, "p2": {"a": 2}, "p3": {"a": 1}, "p4": {"a": 2}})
>>> summary[0].rated, summary[0].median, (summary[0].low, summary[0].high)
(4, 1, (0, 2))
>>> room_assessment(summary)
{'a': 1}
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeGuard

from ..content.model import Grid

__all__ = [
    "MAX_TEXT",
    "MAX_TEXTS",
    "ROOM_ASSESSOR",
    "STOP_WORDS",
    "CriterionSummary",
    "raters",
    "rating_summary",
    "room_assessment",
    "word_counts",
]

#: The assessor under which the room's medians are saved in the project's file.
ROOM_ASSESSOR = "la salle"
#: Most texts counted, and the longest piece of each one read (characters).
MAX_TEXTS = 2000
MAX_TEXT = 500
_MAX_WORD = 40
#: French words that say nothing about a project (compared case-folded, accents kept).
STOP_WORDS = frozenset(
    """
a à ai au aux avec c ça ce ces cet cette d dans de des du elle elles en est et être eu il ils j je l la le les
leur leurs lui m ma mais me même mes moi mon n ne ni nos notre nous on ont ou où par pas pour qu que qui s sa
sans se ses si son sont sur t ta te tes toi ton tu un une vos votre vous y
été étaient était fait faire plus très tout tous toute toutes aussi comme car donc or
projet mot mots
""".split()
)
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


def word_counts(texts: Iterable[str], limit: int = 40) -> list[tuple[str, int]]:
    """The ``limit`` most frequent words of ``texts``: ``(word as most often typed, count)``, most frequent first.

    Punctuation is stripped, elisions dropped (« l'insertion » counts as
    « insertion »), stop words and one-character words and numbers left out.
    Only the first :data:`MAX_TEXTS` texts and :data:`MAX_TEXT` characters of
    each are read. Ties: the word typed first comes first.

    >>> word_counts(["L'insertion par l'emploi", "Emploi local", "emploi — 2024"], limit=2)
    [('emploi', 3), ('insertion', 1)]
    >>> word_counts(["<img src=x onerror=alert(1)>"])
    [('img', 1), ('src', 1), ('onerror', 1), ('alert', 1)]
    """
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    order: dict[str, int] = {}
    for number, text in enumerate(texts):
        if number >= MAX_TEXTS:
            break
        if not isinstance(text, str):
            continue
        for match in _WORD.finditer(unicodedata.normalize("NFC", text[:MAX_TEXT])):
            word = _ELISION.sub("", match.group().replace("’", "'"))[:_MAX_WORD]
            key = _fold(word)
            if len(key) < 2 or key in STOP_WORDS or key.replace("-", "").isdigit():
                continue
            counts[key] += 1
            spellings.setdefault(key, Counter())[word] += 1
            order.setdefault(key, len(order))
    ranked = sorted(counts, key=lambda key: (-counts[key], order[key]))[: max(limit, 0)]
    return [(_shown(spellings[key]), counts[key]) for key in ranked]


def _shown(spellings: Counter[str]) -> str:
    """The spelling typed most often (the first typed among equals)."""
    return spellings.most_common(1)[0][0]


@dataclass(frozen=True)
class CriterionSummary:
    """The room's ratings of one criterion: how many rated, the lower median, the lowest and highest levels.

    Levels are the grid's indices (0 the lowest); all None when nobody rated.
    ``counts`` holds how many chose each level.
    """

    criterion: str
    label: str
    rated: int
    median: int | None
    low: int | None
    high: int | None
    counts: tuple[int, ...]


def _valid(level: object, levels: int) -> TypeGuard[int]:
    return isinstance(level, int) and not isinstance(level, bool) and 0 <= level < levels


def rating_summary(grid: Grid, ratings: Mapping[str, Mapping[str, int | None]]) -> list[CriterionSummary]:
    """Per criterion of ``grid`` (grid order), the room's ratings summed up; unknown criteria and levels ignored.

    The median is ordinal: with an even number of ratings, the lower of the
    two middle levels (a level of the grid, never a mean between two).

    >>> from isgrille.content.model import Criterion, Dimension, Grid
    >>> grid = Grid(("Bas", "Haut"), (Dimension("d", "D", (Criterion("a", "A", ("", "")),
    ...                                                     Criterion("b", "B", ("", "")))),))
    >>> [(s.criterion, s.rated, s.median, s.counts) for s in rating_summary(grid, {"x": {"a": 0, "b": None},
    ...                                                                          "y": {"a": 1, "b": 7}})]
    [('a', 2, 0, (1, 1)), ('b', 0, None, (0, 0))]
    """
    levels = len(grid.levels)
    summary = []
    for criterion in grid.criteria:
        chosen = sorted(
            level
            for rater in ratings.values()
            if isinstance(rater, Mapping)
            for level in [rater.get(criterion.id)]
            if _valid(level, levels)
        )
        counts = tuple(chosen.count(level) for level in range(levels))
        if chosen:
            summary.append(
                CriterionSummary(
                    criterion.id,
                    criterion.label,
                    len(chosen),
                    chosen[(len(chosen) - 1) // 2],
                    chosen[0],
                    chosen[-1],
                    counts,
                )
            )
        else:
            summary.append(CriterionSummary(criterion.id, criterion.label, 0, None, None, None, counts))
    return summary


def room_assessment(summary: Sequence[CriterionSummary]) -> dict[str, int | None]:
    """The room's assessment: each criterion's median (None where nobody rated).

    >>> room_assessment([CriterionSummary("a", "A", 0, None, None, None, (0, 0))])
    {'a': None}
    """
    return {item.criterion: item.median for item in summary}


def raters(ratings: Mapping[str, Mapping[str, int | None]]) -> int:
    """How many raters rated at least one criterion.

    >>> raters({"x": {"a": None}, "y": {"a": 1}})
    1
    """
    return sum(
        any(level is not None for level in rater.values()) for rater in ratings.values() if isinstance(rater, Mapping)
    )
