"""The concepts' file model: sequences 1 and 2's teaching content.

The dimensions of innovation, the four definitions, the key points and the
key questions (``data/concepts.yaml``). There is no separate domain object:
the validated, frozen model is what notebooks read
(``load_concepts().definitions``). ``data/schema/concepts.schema.json`` is
generated from it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .fields import Id, Prose, Text, check_unique
from .validation import FileModel

__all__ = ["Concepts", "Definition", "InnovationDimension", "InnovationDimensions"]


class InnovationDimension(FileModel):
    id: Id
    label: Text
    definition: Text


class InnovationDimensions(FileModel):
    title: Text
    source: Text
    items: list[InnovationDimension] = Field(min_length=1)


class Definition(FileModel):
    id: Id
    title: Text
    source: Text
    text: Text = Field(description="The definition, verbatim (Markdown).")


class Concepts(FileModel):
    """Sequence 1 and 2 teaching content: dimensions, definitions, key points and questions."""

    kind: Literal["concepts"] = "concepts"
    innovation_dimensions: InnovationDimensions
    definitions: list[Definition] = Field(min_length=1)
    summary_question: Prose = ""
    key_points_title: Text
    key_points: list[Text] = Field(min_length=1)
    key_questions_title: Text
    key_questions: list[Text] = Field(min_length=1)
    key_questions_conclusion: Prose = ""

    @model_validator(mode="after")
    def _coherent(self) -> Concepts:
        check_unique(
            [d.id for d in self.innovation_dimensions.items],
            ("innovation_dimensions", "items"),
            "identifiant",
            field="id",
        )
        check_unique([d.id for d in self.definitions], ("definitions",), "identifiant", field="id")
        return self
