"""A project's profile card, computed: everything its one printed page shows.

:func:`card_data` gathers, for one project, the latest assessment of each
assessor, their profiles (:func:`~isgrille.analysis.scoring.score_assessment`),
each dimension's summary side by side, the improvement axes of the
self-assessment (:func:`~isgrille.analysis.scoring.find_improvement_axes`)
with the learner's own notes, and the pitch, part by part, labelled as the
pitch screen labels them (« a) Mon projet en 2 mots »). The card is plain
data: :mod:`isgrille.plots.card` draws it, :mod:`isgrille.delivery.card_files`
writes it as PNG, PDF or HTML.

>>> from isgrille.content.model import Assessment, Criterion, Dimension, Grid
>>> grid = Grid(("Bas", "Haut"), (Dimension("d", "D", (Criterion("a", "A", ("a0", "a1")),
...                                                    Criterion("b", "B", ("b0", "b1")))),))
>>> card = card_data(grid, "P", [Assessment("P", {"a": 0, "b": 1}, date="2024-03-01"),
...                              Assessment("P", {"a": 1, "b": 1}, date="2024-05-02")],
...                  axes={"a": "Ouvrir le collectif"}, pitch={"a": "Une recyclerie"})
>>> card.date, card.assessors, [(axis.label, axis.note) for axis in card.axes]
('2024-05-02', ('autoévaluation',), [])
>>> card.table
(('A', ('Haut',)), ('B', ('Haut',)))
>>> card.pitch
(('a)', 'Une recyclerie'),)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..content.model import NOT_RATED, Assessment, Grid
from ..results.learner import SELF, LearnerResults
from .scoring import LevelSummary, Profile, find_improvement_axes, score_assessment

if TYPE_CHECKING:  # pragma: no cover
    from ..content.workshop_file import OutlinePart
    from .tidy import ProjectRecord

__all__ = [
    "CardAxis",
    "DimensionLine",
    "ProfileCard",
    "card_data",
    "card_from_record",
    "card_from_results",
    "cards_by_project",
]

#: What the overall line of the per-dimension summary is called.
OVERALL = "Ensemble"


@dataclass(frozen=True)
class CardAxis:
    """An improvement axis as the card shows it: the next level's descriptor, and the learner's note."""

    criterion_id: str
    label: str
    dimension: str
    current_level: str
    target_level: str
    target_descriptor: str
    note: str = ""


@dataclass(frozen=True)
class DimensionLine:
    """One line of the per-dimension summary: a dimension (or « Ensemble », id ``""``), one summary per assessor."""

    dimension_id: str
    label: str
    summaries: tuple[LevelSummary, ...]


@dataclass(frozen=True)
class ProfileCard:
    """Everything a project's card shows, computed (one profile per assessor, in ``assessors`` order)."""

    project: str
    learner: str
    date: str
    assessors: tuple[str, ...]
    profiles: tuple[Profile, ...]
    dimensions: tuple[DimensionLine, ...]
    axes: tuple[CardAxis, ...]
    pitch: tuple[tuple[str, str], ...]
    #: Whose assessment the axes come from (the self-assessment if there is one), "" without any.
    axes_assessor: str = ""

    @property
    def table(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Criteria × assessors: each criterion's label and its level per assessor (« non renseigné »)."""
        if not self.profiles:
            return ()
        return tuple(
            (score.label, tuple(p.criteria[i].level or NOT_RATED for p in self.profiles))
            for i, score in enumerate(self.profiles[0].criteria)
        )


def _latest(assessments: Sequence[Assessment]) -> list[Assessment]:
    """One assessment per assessor, the latest by date (the last given among equal dates), in first-seen order."""
    kept: dict[str, Assessment] = {}
    for assessment in assessments:
        previous = kept.get(assessment.assessor)
        if previous is None or assessment.date >= previous.date:
            kept[assessment.assessor] = assessment
    return list(kept.values())


def _pitch_parts(pitch: Mapping[str, str], outline: Sequence[OutlinePart] | None) -> tuple[tuple[str, str], ...]:
    """(label, text) per part: the outline's parts in order (``« a) label »``), then any other written part."""
    parts = []
    known = set()
    for part in outline or ():
        known.add(part.id)
        parts.append((f"{part.id}) {part.label}", pitch.get(part.id, "").strip()))
    for part_id, text in pitch.items():
        if part_id not in known and text.strip():
            parts.append((f"{part_id})", text.strip()))
    return tuple(parts)


def card_data(
    grid: Grid,
    project: str,
    assessments: Sequence[Assessment],
    *,
    learner: str = "",
    date: str = "",
    axes: Mapping[str, str] | None = None,
    pitch: Mapping[str, str] | None = None,
    outline: Sequence[OutlinePart] | None = None,
) -> ProfileCard:
    """The card of ``project`` from its assessments (the latest per assessor is kept).

    ``axes`` are the learner's notes (criterion id → text), shown beside the
    axes of the self-assessment (or of the first assessor without one);
    ``pitch`` maps part ids to text, labelled by ``outline`` (the workshop's
    pitch parts, with ``id`` and ``label``) when given. ``date`` defaults to
    the latest assessment's. An assessment of another project, an unknown
    criterion or a level outside the grid raises ValueError (KeyError for the
    criterion) in French.
    """
    for assessment in assessments:
        if assessment.project != project:
            raise ValueError(
                f"fiche du projet '{project}'\u00a0: l'évaluation de '{assessment.assessor}' porte sur le projet "
                f"'{assessment.project}' (attendu\u00a0: '{project}')"
            )
    kept = _latest(assessments)
    profiles = tuple(score_assessment(grid, assessment) for assessment in kept)
    dimensions = (
        *(
            DimensionLine(d.id, d.label, tuple(p.dimensions[i].summary for p in profiles))
            for i, d in enumerate(grid.dimensions)
        ),
        DimensionLine("", OVERALL, tuple(p.overall for p in profiles)),
    )
    source = next((a for a in kept if a.assessor == SELF), kept[0] if kept else None)
    notes = axes or {}
    labels = {d.id: d.label for d in grid.dimensions}
    card_axes = (
        ()
        if source is None
        else tuple(
            CardAxis(
                axis.criterion_id,
                axis.label,
                labels[axis.dimension_id],
                axis.current_level,
                axis.target_level,
                axis.target_descriptor,
                notes.get(axis.criterion_id, "").strip(),
            )
            for axis in find_improvement_axes(grid, source)
        )
    )
    dates = [a.date for a in kept if a.date]
    return ProfileCard(
        project=project,
        learner=learner,
        date=date or max(dates, default=""),
        assessors=tuple(a.assessor for a in kept),
        profiles=profiles,
        dimensions=dimensions,
        axes=card_axes,
        pitch=_pitch_parts(pitch or {}, outline),
        axes_assessor="" if source is None else source.assessor,
    )


def card_from_results(grid: Grid, results: LearnerResults, outline: Sequence[OutlinePart] | None = None) -> ProfileCard:
    """The card of a learner's results: every assessor who rated something, notes, pitch, save date.

    >>> from isgrille import load_grid
    >>> results = LearnerResults(project="Ma recyclerie", pitch={"a": "Du réemploi"}, saved_at="2024-05-02T10:00:00+00:00")
    >>> results.rate("caractere_collectif", 1)
    >>> card = card_from_results(load_grid(), results)
    >>> card.project, card.date, card.assessors, card.pitch
    ('Ma recyclerie', '2024-05-02', ('autoévaluation',), (('a)', 'Du réemploi'),))
    """
    assessments = [
        results.assessment(assessor)
        for assessor, ratings in results.assessments.items()
        if any(level is not None for level in ratings.values())
    ]
    return card_data(
        grid,
        results.project or "Mon projet",
        assessments,
        learner=results.learner,
        date=results.saved_date,
        axes=results.axes,
        pitch=results.pitch,
        outline=outline,
    )


def cards_by_project(grid: Grid, assessments: Sequence[Assessment]) -> list[ProfileCard]:
    """One card per project of a cohort (first-seen order), e.g. from :func:`~isgrille.analysis.cohort.load_assessments`.

    >>> from isgrille import load_assessments, load_grid
    >>> grid = load_grid()
    >>> cards = cards_by_project(grid, load_assessments(grid=grid))
    >>> cards[0].project, cards[0].assessors
    ('La Recyclerie du Val (fictif)', ('autoévaluation', 'formateur'))
    """
    projects: dict[str, list[Assessment]] = {}
    for assessment in assessments:
        projects.setdefault(assessment.project, []).append(assessment)
    return [card_data(grid, project, found) for project, found in projects.items()]


def card_from_record(grid: Grid, record: ProjectRecord, outline: Sequence[OutlinePart] | None = None) -> ProfileCard:
    """The card of one project of a cohort (:class:`~.tidy.ProjectRecord`): its assessments, notes and pitch."""
    return card_data(
        grid,
        record.project,
        record.assessments,
        learner=record.learner,
        date=record.date,
        axes=record.axes,
        pitch=record.pitch,
        outline=outline,
    )
