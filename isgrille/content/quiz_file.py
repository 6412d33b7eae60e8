"""The quiz's file model: what a trainer may write in a quiz YAML file.

The choices (VRAI, FAUX, PAS FORCÉMENT…) come first, then the statements in
the order they are asked, each with its answer, explanation and sector
examples. The model converts itself to the plain
:class:`~isgrille.content.model.Quiz` and is the source of
``data/schema/quiz.schema.json``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .fields import Id, Text, check_unique
from .model import Quiz, QuizItem, SectorExample, match_label
from .validation import FileModel, LocatedError

__all__ = ["QuizFile", "QuizItemFile", "SectorExampleFile"]


class SectorExampleFile(FileModel):
    need: Text = Field(description="The social need (sector).")
    fact: Text = Field(description="A figure that shows the need.")
    source: Text = Field(description="Where the figure comes from.")
    enterprise: Text = Field(description="An enterprise answering the need.")
    description: Text = Field(description="What the enterprise does.")


class QuizItemFile(FileModel):
    id: Id
    statement: Text
    answer: Text = Field(description="One of the quiz's choices.")
    explanation: Text = Field(description="Shown after the learner answers (Markdown).")
    see: Id | None = Field(default=None, description="Id of a concepts section to show with it.")
    examples: list[SectorExampleFile] = []


class QuizFile(FileModel):
    """A quiz: the possible answers, then the statements in the order they are asked."""

    kind: Literal["quiz"] = "quiz"
    title: str = ""
    choices: list[Text] = Field(min_length=2, description="The possible answers, e.g. VRAI, FAUX.")
    items: list[QuizItemFile] = Field(min_length=1)

    @model_validator(mode="after")
    def _coherent(self) -> "QuizFile":
        check_unique(self.choices, ("choices",), "réponse possible", fold=True)
        check_unique([i.id for i in self.items], ("items",), "identifiant d'affirmation", field="id")
        for index, item in enumerate(self.items):
            if match_label(item.answer, self.choices) is None:
                raise LocatedError(
                    f"réponse '{item.answer}' inconnue (attendu : {', '.join(self.choices)})",
                    ("items", index, "answer"),
                )
        return self

    def to_quiz(self) -> Quiz:
        """The domain quiz."""
        return Quiz(
            choices=tuple(self.choices),
            items=tuple(
                QuizItem(
                    id=i.id,
                    statement=i.statement,
                    answer=match_label(i.answer, self.choices),
                    explanation=i.explanation,
                    examples=tuple(SectorExample(**e.model_dump()) for e in i.examples),
                    see=i.see,
                )
                for i in self.items
            ),
            title=self.title,
        )
