"""Score an assessment against a grid: profile, improvement axes, gap between two.

Ratings are ordinal, so the figures are levels and counts, never a mean. A
summary gives the median level, the highest level that at least half of the
rated criteria reach (for an even count, the upper of the two middle levels),
and the share of rated criteria at or above the grid's reference level, the
first level of the upper half of its scale (:func:`reference_level`:
« Intermédiaire » of 4 levels, the middle one of 3, the upper one of 2).
Criteria left « non renseigné » are counted apart. :func:`figure_rule` says
this in one French sentence, :func:`share_label` names the share on an axis.

>>> from isgrille.content.model import Assessment, Criterion, Dimension, Grid
>>> grid = Grid(("Bas", "Moyen", "Haut"), (
...     Dimension("d1", "D1", (Criterion("a", "A", ("a0", "a1", "a2")), Criterion("b", "B", ("b0", "b1", "b2")))),
...     Dimension("d2", "D2", (Criterion("c", "C", ("c0", "c1", "c2")),)),
... ))
>>> profile = score_assessment(grid, Assessment("P", {"a": 0, "b": 2, "c": None}))
>>> overall = profile.overall
>>> overall.counts, overall.median, overall.reference, overall.at_least, overall.rated, overall.share
((1, 0, 1), 'Haut', 'Moyen', 1, 2, 0.5)
>>> profile.dimension("d2").summary.not_rated, profile.dimension("d2").summary.share
(1, None)
>>> [(axis.criterion_id, axis.target_level) for axis in find_improvement_axes(grid, profile.assessment)]
[('a', 'Moyen')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..content.model import Assessment, Grid
from ..content.typography import french

__all__ = [
    "AssessmentGap",
    "CriterionGap",
    "CriterionScore",
    "DimensionScore",
    "ImprovementAxis",
    "LevelSummary",
    "Profile",
    "check_assessment",
    "compare_assessments",
    "figure_rule",
    "find_improvement_axes",
    "reference_level",
    "score_assessment",
    "share_label",
    "summarise_levels",
]


@dataclass(frozen=True)
class LevelSummary:
    """How many criteria sit at each level, and what that makes as a whole."""

    levels: tuple[str, ...]
    counts: tuple[int, ...]
    not_rated: int

    @property
    def rated(self) -> int:
        """Number of rated criteria."""
        return sum(self.counts)

    @property
    def median_index(self) -> int | None:
        """Index of the highest level reached by at least half of the rated criteria."""
        if not self.rated:
            return None
        position, seen = self.rated // 2, 0
        for index, count in enumerate(self.counts):
            seen += count
            if seen > position:
                return index
        raise AssertionError("unreachable")  # pragma: no cover

    @property
    def median(self) -> str | None:
        """Label of :attr:`median_index`; None when nothing is rated."""
        return None if self.median_index is None else self.levels[self.median_index]

    @property
    def reference(self) -> str:
        """The grid's reference level (:func:`reference_level`)."""
        return reference_level(self.levels)

    @property
    def at_least(self) -> int:
        """Number of rated criteria at the reference level or above."""
        return sum(self.counts[len(self.levels) // 2 :])

    @property
    def share(self) -> float | None:
        """:attr:`at_least` as a share of the rated criteria (0 to 1); None when nothing is rated."""
        return self.at_least / self.rated if self.rated else None


def reference_level(levels: Sequence[str]) -> str:
    """The first level of the upper half of a scale (index ``len(levels) // 2``): the share's threshold.

    >>> [reference_level(levels) for levels in (("Inexistant", "Faible", "Intermédiaire", "Fort"), ("Bas", "Haut"),
    ...                                         ("Non", "En partie", "Oui"), ("1", "2", "3", "4", "5"))]
    ['Intermédiaire', 'Haut', 'En partie', '3']
    """
    if len(levels) < 2:
        raise ValueError(f"une grille a au moins deux niveaux (reçu\u00a0: {len(levels)})")
    return levels[len(levels) // 2]


def figure_rule(levels: Sequence[str]) -> str:
    """The one French sentence that says what the kit's figures are, wherever they are shown.

    >>> print(figure_rule(("Inexistant", "Faible", "Intermédiaire", "Fort")))
    Les niveaux sont ordinaux\u00a0: le kit donne le niveau médian des critères notés et la part d'entre eux au niveau «\u00a0Intermédiaire\u00a0» ou au-dessus, jamais de moyenne.
    >>> figure_rule(("Non", "Oui")).endswith("au niveau «\u00a0Oui\u00a0», jamais de moyenne.")
    True
    """
    above = "" if len(levels) // 2 == len(levels) - 1 else " ou au-dessus"
    return french(
        "Les niveaux sont ordinaux\u00a0: le kit donne le niveau médian des critères notés et la part "
        f"d'entre eux au niveau «\u00a0{reference_level(levels)}\u00a0»{above}, jamais de moyenne."
    )


def share_label(levels: Sequence[str]) -> str:
    """The share's short name, for an axis or a column.

    >>> share_label(("Non", "En partie", "Oui"))
    '% des critères notés au moins «\\xa0En partie\\xa0»'
    """
    return french(f"% des critères notés au moins «\u00a0{reference_level(levels)}\u00a0»")


def summarise_levels(levels: tuple[str, ...], ranks: Iterable[int | None]) -> LevelSummary:
    """Count ranks per level; None counts as not rated.

    >>> summarise_levels(("a", "b"), [0, 1, 1, None]).counts
    (1, 2)
    """
    counts = [0] * len(levels)
    not_rated = 0
    for rank in ranks:
        if rank is None:
            not_rated += 1
        else:
            counts[rank] += 1
    return LevelSummary(levels, tuple(counts), not_rated)


@dataclass(frozen=True)
class CriterionScore:
    """One criterion's rating, with its labels for display."""

    criterion_id: str
    label: str
    dimension_id: str
    index: int | None
    level: str | None


@dataclass(frozen=True)
class DimensionScore:
    dimension_id: str
    label: str
    summary: LevelSummary


@dataclass(frozen=True)
class Profile:
    """An assessment scored: each criterion, each dimension, and overall."""

    assessment: Assessment
    criteria: tuple[CriterionScore, ...]
    dimensions: tuple[DimensionScore, ...]
    overall: LevelSummary

    def dimension(self, dimension_id: str) -> DimensionScore:
        for score in self.dimensions:
            if score.dimension_id == dimension_id:
                return score
        raise KeyError(f"dimension '{dimension_id}' inconnue")


def check_assessment(grid: Grid, assessment: Assessment) -> None:
    """Raise ValueError if the assessment names unknown criteria or levels out of range."""
    for criterion_id, index in assessment.ratings.items():
        grid.criterion(criterion_id)
        if index is not None and not (isinstance(index, int) and 0 <= index < len(grid.levels)):
            raise ValueError(
                f"{assessment.project}: critère '{criterion_id}': niveau {index!r} hors de la grille "
                f"(attendu\u00a0: 0 à {grid.top_index}, ou None)"
            )


def score_assessment(grid: Grid, assessment: Assessment) -> Profile:
    """Profile of one assessment: per criterion, per dimension and overall.

    A criterion missing from ``assessment.ratings`` counts as not rated.
    """
    check_assessment(grid, assessment)
    level = assessment.level
    criteria = tuple(
        CriterionScore(c.id, c.label, d.id, index, None if index is None else grid.levels[index])
        for d in grid.dimensions
        for c in d.criteria
        for index in [level(c.id)]
    )
    dimensions = tuple(
        DimensionScore(d.id, d.label, summarise_levels(grid.levels, (level(c.id) for c in d.criteria)))
        for d in grid.dimensions
    )
    overall = summarise_levels(grid.levels, (score.index for score in criteria))
    return Profile(assessment, criteria, dimensions, overall)


@dataclass(frozen=True)
class ImprovementAxis:
    """A criterion below the top level, and the next level's descriptor as the target."""

    criterion_id: str
    label: str
    dimension_id: str
    current_level: str
    target_level: str
    target_descriptor: str


def find_improvement_axes(grid: Grid, assessment: Assessment) -> tuple[ImprovementAxis, ...]:
    """For each rated criterion below the top level, in grid order, the next level to reach.

    Criteria left not rated have no axis: rate them first.
    """
    check_assessment(grid, assessment)
    axes = []
    for dimension in grid.dimensions:
        for criterion in dimension.criteria:
            index = assessment.level(criterion.id)
            if index is not None and index < grid.top_index:
                axes.append(
                    ImprovementAxis(
                        criterion.id,
                        criterion.label,
                        dimension.id,
                        grid.levels[index],
                        grid.levels[index + 1],
                        criterion.descriptors[index + 1],
                    )
                )
    return tuple(axes)


@dataclass(frozen=True)
class CriterionGap:
    """One criterion as rated in two assessments; ``steps`` is second minus first."""

    criterion_id: str
    label: str
    dimension_id: str
    first: int | None
    second: int | None

    @property
    def steps(self) -> int | None:
        """Levels from the first rating to the second (positive: higher); None if either is missing."""
        return None if self.first is None or self.second is None else self.second - self.first


@dataclass(frozen=True)
class AssessmentGap:
    """Two assessments of one project compared criterion by criterion."""

    first: Profile
    second: Profile
    criteria: tuple[CriterionGap, ...]

    def _count(self, test: Callable[[int], bool]) -> int:
        return sum(1 for gap in self.criteria if gap.steps is not None and test(gap.steps))

    @property
    def same(self) -> int:
        """Criteria rated at the same level in both."""
        return self._count(lambda steps: steps == 0)

    @property
    def higher(self) -> int:
        """Criteria the second assessment rates higher."""
        return self._count(lambda steps: steps > 0)

    @property
    def lower(self) -> int:
        """Criteria the second assessment rates lower."""
        return self._count(lambda steps: steps < 0)

    @property
    def not_comparable(self) -> int:
        """Criteria left not rated in either assessment."""
        return sum(1 for gap in self.criteria if gap.steps is None)

    @property
    def differing(self) -> tuple[CriterionGap, ...]:
        """Criteria rated differently, largest gap first (grid order among equals)."""
        found = [gap for gap in self.criteria if gap.steps]
        return tuple(sorted(found, key=lambda gap: -abs(gap.steps or 0)))


def compare_assessments(grid: Grid, first: Assessment, second: Assessment) -> AssessmentGap:
    """Gap between two assessments of one project (self vs trainer, before vs after).

    >>> from isgrille.content.model import Assessment, Criterion, Dimension, Grid
    >>> grid = Grid(("Bas", "Haut"), (Dimension("d", "D", (Criterion("a", "A", ("x", "y")),
    ...                                                    Criterion("b", "B", ("x", "y")))),))
    >>> gap = compare_assessments(grid, Assessment("P", {"a": 0, "b": 1}),
    ...                           Assessment("P", {"a": 1, "b": 1}, "formateur"))
    >>> gap.higher, gap.same, [g.criterion_id for g in gap.differing]
    (1, 1, ['a'])
    """
    profiles = score_assessment(grid, first), score_assessment(grid, second)
    gaps = tuple(
        CriterionGap(c.id, c.label, d.id, first.level(c.id), second.level(c.id))
        for d in grid.dimensions
        for c in d.criteria
    )
    return AssessmentGap(profiles[0], profiles[1], gaps)
