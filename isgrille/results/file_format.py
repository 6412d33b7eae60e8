"""The learner's results file (JSON): its pydantic model, version 1.

What a learner enters across the notebooks — project, quiz answers, the
dimensions of innovation their project touches, assessments, improvement
axes, pitch, the feedback received — is saved in one JSON file so that a
later notebook, a later session (a new Binder) or the trainer can load it::

    {
      "format": "isgrille-results",
      "version": 1,
      "saved_at": "2026-11-26T16:00:00+00:00",
      "grid": "ami_is_nouvelle_aquitaine",
      "project": {"name": "La Recyclerie du Val", "learner": "Camille", "stage": "incuber"},
      "quiz": {"publics_fragiles": "FAUX"},
      "innovation_dimensions": ["sociale"],
      "assessments": [
        {"assessor": "autoévaluation", "ratings": {"caractere_collectif": "Faible", "rupture_existant": null}}
      ],
      "axes": {"caractere_collectif": "Associer deux bénévoles au bureau"},
      "pitch": {"a": "…", "b": "…", "c": "…"},
      "exchange": {"retour": "…"}
    }

Ratings are level labels (``null`` for « non renseigné »), so the file reads
well and survives a reordering of the grid; :mod:`isgrille.results.learner` checks
them against the grid. The JSON Schema in ``data/schema/results.schema.json``
is generated from :class:`ResultsFile`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..content.fields import Id, Text, check_unique
from ..content.validation import FileModel

__all__ = ["FORMAT", "VERSION", "AssessmentEntry", "ProjectInfo", "ResultsFile"]

FORMAT = "isgrille-results"
VERSION = 1


class ProjectInfo(FileModel):
    name: str = Field(default="", description="The project's name, as the learner wrote it.")
    learner: str = Field(default="", description="Who carries it (optional).")
    stage: Id | None = Field(default=None, description="Stage of the project: an id of the workshop's stages.")


class AssessmentEntry(FileModel):
    assessor: Text = Field(description="Who rated: autoévaluation, formateur, a peer's name…")
    ratings: dict[Text, str | None] = Field(
        description="Criterion id -> level label, or null for «\u00a0non renseigné\u00a0»."
    )


class ResultsFile(FileModel):
    """One learner's work on one project."""

    format: Literal["isgrille-results"] = Field(description="Always isgrille-results.")
    version: Literal[1] = Field(description="Version of this format.")
    saved_at: str = ""
    grid: Id = Field(default="grid", description="Id of the grid the ratings refer to.")
    project: ProjectInfo = ProjectInfo()
    quiz: dict[Id, Text] = Field(default={}, description="Quiz statement id -> chosen answer.")
    innovation_dimensions: list[Id] = Field(default=[], description="Ids of the dimensions of innovation ticked.")
    assessments: list[AssessmentEntry] = []
    axes: dict[Id, str] = Field(default={}, description="Criterion id -> the learner's own improvement axis.")
    pitch: dict[Text, str] = Field(default={}, description="Pitch outline part id (a, b, c) -> text.")
    exchange: dict[Text, str] = Field(default={}, description="Feedback received in sequence 4, by topic.")

    @model_validator(mode="after")
    def _coherent(self) -> ResultsFile:
        if len(self.assessments) > 1:  # most files hold one assessment: nothing to compare
            check_unique([a.assessor for a in self.assessments], ("assessments",), "évaluateur", field="assessor")
        return self
