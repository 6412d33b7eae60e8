"""The kit's domain model: a grid, a quiz, and an assessment of a project.

Plain frozen dataclasses, with no I/O and no third-party import, so that
scoring, tests and scripts can build them directly. Files are turned into
these objects by :mod:`isgrille.content.loading`, which validates them first.

Nothing here assumes a number of dimensions, criteria or levels: a grid is
any number of dimensions holding any number of criteria, each described at
each of two or more ordered levels (lowest first).

>>> grid = Grid(
...     levels=("Bas", "Haut"),
...     dimensions=(Dimension("d", "D", (Criterion("c", "C", ("peu", "beaucoup")),)),),
... )
>>> [c.id for c in grid.criteria], grid.level_index("haut")
(['c'], 1)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = [
    "NB",
    "NOT_RATED",
    "Assessment",
    "Criterion",
    "Dimension",
    "Grid",
    "Quiz",
    "QuizItem",
    "SectorExample",
    "fold_label",
    "match_label",
]

#: The no-break space of French typography (before « : ; ! ? », inside « »), in every French text the kit writes.
NB = "\u00a0"

#: The content's light emphasis (``data/README.md``): ``**gras**``, ``*italique*``, ``++souligné++``.
BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)
ITALIC = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", re.S)
UNDERLINE = re.compile(r"(?<![+\w])\+\+(?!\s)(.+?)(?<!\s)\+\+(?![+\w])", re.S)


def plain_text(text: str) -> str:
    """Content text with its light emphasis marks removed (for alt texts, tooltips, charts, printed cards).

    >>> plain_text("à une échelle (*scaling up*) ++adaptée++, **net**")
    'à une échelle (scaling up) adaptée, net'
    """
    for pattern in (BOLD, UNDERLINE, ITALIC):
        text = pattern.sub(r"\1", text)
    return text


#: What a learner chooses when they do not rate a criterion; left out of every aggregate.
NOT_RATED = "non renseigné"


def fold_label(text: str) -> str:
    """Lower-case, accent-free, trimmed form used to match labels typed by hand."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def match_label(text: str, labels: Sequence[str]) -> str | None:
    """The label ``text`` stands for, matched without regard to case, accents or spaces.

    >>> match_label(" intermediaire", ["Faible", "Intermédiaire"])
    'Intermédiaire'
    >>> match_label("Fort", ["Faible"]) is None
    True
    """
    folded = fold_label(text)
    return next((label for label in labels if fold_label(label) == folded), None)


@dataclass(frozen=True)
class Criterion:
    """One criterion of a grid; ``descriptors`` are aligned with the grid's levels."""

    id: str
    label: str
    descriptors: tuple[str, ...]


@dataclass(frozen=True)
class Dimension:
    """A group of criteria (e.g. Portage, Contenu, Contexte)."""

    id: str
    label: str
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Grid:
    """A characterisation grid: ordered levels, dimensions, and their criteria.

    ``adaptation`` is a note, in French, saying how the grid differs from its
    source (empty for a grid taken as it is); every screen naming the grid shows it.
    """

    levels: tuple[str, ...]
    dimensions: tuple[Dimension, ...]
    id: str = "grid"
    title: str = ""
    source: str = ""
    adaptation: str = ""
    _by_id: dict[str, Criterion] = field(init=False, repr=False, compare=False)
    _dimension_of: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id = {c.id: c for d in self.dimensions for c in d.criteria}
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_dimension_of", {c.id: d.id for d in self.dimensions for c in d.criteria})

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """All criteria, in the grid's order (dimension by dimension)."""
        return tuple(self._by_id.values())

    @property
    def top_index(self) -> int:
        """Index of the highest level."""
        return len(self.levels) - 1

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id; KeyError naming the known ids otherwise."""
        try:
            return self._by_id[criterion_id]
        except KeyError:
            raise KeyError(f"critère '{criterion_id}' inconnu (attendu\u00a0: {', '.join(self._by_id)})") from None

    def dimension_of(self, criterion_id: str) -> str:
        """Id of the dimension holding this criterion."""
        self.criterion(criterion_id)
        return self._dimension_of[criterion_id]

    def level_index(self, label: str) -> int | None:
        """Index of a level given its label, matched without regard to case or accents.

        Returns None for an empty label or for ``NOT_RATED``; raises ValueError
        for a label that is no level of this grid.
        """
        folded = fold_label(label)
        if not folded or folded == fold_label(NOT_RATED):
            return None
        level = match_label(label, self.levels)
        if level is not None:
            return self.levels.index(level)
        raise ValueError(
            f"niveau '{label.strip()}' inconnu (attendu\u00a0: {', '.join(self.levels)} "
            f"ou vide pour «\u00a0{NOT_RATED}\u00a0»)"
        )


@dataclass(frozen=True)
class Assessment:
    """One assessment of one project: a level index (or None) per criterion id.

    ``assessor`` says who rated (``"autoévaluation"``, ``"formateur"``, a
    peer's name…); two assessments of one project can be compared. ``date``
    (ISO ``YYYY-MM-DD``, or empty) tells two assessments of one project by one
    assessor apart (before / after); ``comment`` is the assessor's free text.
    """

    project: str
    ratings: Mapping[str, int | None]
    assessor: str = "autoévaluation"
    date: str = ""
    comment: str = ""

    @classmethod
    def from_labels(
        cls,
        grid: Grid,
        project: str,
        labels: Mapping[str, str | None],
        assessor: str = "autoévaluation",
    ) -> Assessment:
        """Build an assessment from level labels; unknown ids or labels raise ValueError.

        >>> grid = Grid(("Bas", "Haut"), (Dimension("d", "D", (Criterion("c", "C", ("x", "y")),)),))
        >>> Assessment.from_labels(grid, "P", {"c": "Haut"}).ratings
        {'c': 1}
        """
        ratings = {}
        for criterion_id, label in labels.items():
            grid.criterion(criterion_id)
            ratings[criterion_id] = None if label is None else grid.level_index(label)
        return cls(project, ratings, assessor)

    def level(self, criterion_id: str) -> int | None:
        """Level index given to a criterion; None when it was not rated."""
        return self.ratings.get(criterion_id)


@dataclass(frozen=True)
class SectorExample:
    """A social need with a figure and its source, and an enterprise answering it."""

    need: str
    fact: str
    source: str
    enterprise: str
    description: str


@dataclass(frozen=True)
class QuizItem:
    """One statement of the quiz, its expected answer and the explanation."""

    id: str
    statement: str
    answer: str
    explanation: str
    examples: tuple[SectorExample, ...] = ()
    see: str | None = None


@dataclass(frozen=True)
class Quiz:
    """A quiz: the possible answers (``choices``) and the statements, in order."""

    choices: tuple[str, ...]
    items: tuple[QuizItem, ...]
    title: str = ""

    def item(self, item_id: str) -> QuizItem:
        """The statement with this id; KeyError naming the known ids otherwise."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(f"affirmation '{item_id}' inconnue (attendu\u00a0: {', '.join(i.id for i in self.items)})")
