"""A learner's results: everything they entered about their project, as plain data.

:class:`LearnerResults` is what the screens change and what the results file
holds (see :mod:`.file_format` for the file and its versions, :mod:`.store`
for how it is saved). It turns itself into the file's text and back, checking
ratings against the grid in use.

>>> from isgrille import load_grid
>>> grid = load_grid()
>>> results = LearnerResults(project="Ma recyclerie")
>>> results.rate("caractere_collectif", 1)
>>> LearnerResults.from_json(results.to_json(grid), grid).assessment().ratings
{'caractere_collectif': 1}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..content.errors import ContentError, Problem, format_field
from ..content.model import Assessment, Grid

__all__ = ["SELF", "LearnerResults"]

#: The assessor of a learner's own assessment.
SELF = "autoévaluation"


@dataclass
class LearnerResults:
    """Everything a learner entered about their project (mutable, plain data)."""

    project: str = ""
    learner: str = ""
    stage: str | None = None
    quiz: dict[str, str] = field(default_factory=dict)
    innovation_dimensions: list[str] = field(default_factory=list)
    assessments: dict[str, dict[str, int | None]] = field(default_factory=dict)
    axes: dict[str, str] = field(default_factory=dict)
    pitch: dict[str, str] = field(default_factory=dict)
    exchange: dict[str, str] = field(default_factory=dict)
    grid_id: str = "grid"
    saved_at: str = ""

    def assessment(self, assessor: str = SELF) -> Assessment:
        """The assessment by ``assessor`` (empty when they rated nothing yet)."""
        return Assessment(self.project or "Mon projet", dict(self.assessments.get(assessor, {})), assessor)

    def rate(self, criterion_id: str, level: int | None, assessor: str = SELF) -> None:
        """Record a rating (a level index, or None for « non renseigné »)."""
        self.assessments.setdefault(assessor, {})[criterion_id] = level

    def to_json(self, grid: Grid) -> str:
        """The results file's text (format version 1), ratings written as level labels.

        It can always be saved as UTF-8: a lone surrogate (half of a character,
        which a text box can send) is written as U+FFFD « � ».
        """
        import json

        from ..content.sources import without_surrogates
        from .file_format import FORMAT, VERSION

        data = {
            "format": FORMAT,
            "version": VERSION,
            "saved_at": self.saved_at,
            "grid": grid.id,
            "project": {"name": self.project, "learner": self.learner, "stage": self.stage},
            "quiz": self.quiz,
            "innovation_dimensions": self.innovation_dimensions,
            "assessments": [
                {
                    "assessor": assessor,
                    "ratings": {cid: None if lvl is None else grid.levels[lvl] for cid, lvl in ratings.items()},
                }
                for assessor, ratings in self.assessments.items()
            ],
            "axes": self.axes,
            "pitch": self.pitch,
            "exchange": self.exchange,
        }
        return without_surrogates(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"

    @classmethod
    def from_json(cls, text: str, grid: Grid, source: str | Path = "<résultats>") -> "LearnerResults":
        """Read a results file's text, checked against ``grid``; ContentError otherwise.

        At most ``MAX_PROBLEMS`` unknown criteria or levels are described (then
        how many more there are); each rating costs one dictionary lookup.
        Lone surrogates in the text become U+FFFD.
        """
        from ..content.limits import MAX_PROBLEMS, shorten
        from ..content.sources import parse_json
        from ..content.validation import validate_document
        from .file_format import VERSION, ResultsFile

        doc = parse_json(text, source)
        version = doc.data.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            raise ContentError.single(
                source,
                f"fichier de résultats en version {version}, plus récente que ce kit (attendu : {VERSION}) : "
                "mettez le kit à jour",
                field="version", line=doc.line_of(("version",)),
            )
        model = validate_document(ResultsFile, doc)
        known = {criterion.id: criterion for criterion in grid.criteria}
        problems: list[Problem] = []
        more = 0
        assessments: dict[str, dict[str, int | None]] = {}
        for i, entry in enumerate(model.assessments):
            ratings: dict[str, int | None] = {}
            for criterion_id, label in entry.ratings.items():
                message = None
                if criterion_id not in known:
                    message = f"critère '{shorten(criterion_id)}' inconnu (attendu : {', '.join(known)})"
                else:
                    try:
                        ratings[criterion_id] = None if label is None else grid.level_index(label)
                    except ValueError as exc:
                        message = str(exc.args[0])
                if message is not None and len(problems) < MAX_PROBLEMS:
                    where = ("assessments", i, "ratings", criterion_id)
                    problems.append(Problem(str(source), message, line=doc.line_of(where), field=format_field(where)))
                elif message is not None:
                    more += 1
            assessments[entry.assessor] = ratings
        if problems:
            raise ContentError(problems, more)
        return cls(
            project=model.project.name,
            learner=model.project.learner,
            stage=model.project.stage,
            quiz=dict(model.quiz),
            innovation_dimensions=list(model.innovation_dimensions),
            assessments=assessments,
            axes=dict(model.axes),
            pitch=dict(model.pitch),
            exchange=dict(model.exchange),
            grid_id=model.grid,
            saved_at=model.saved_at,
        )
