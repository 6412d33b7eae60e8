"""The quiz's file model: what a trainer may write in a quiz YAML file.

The choices (VRAI, FAUX, PAS FORCÉMENT…) come first, then the statements in
the order they are asked, each with its answer, explanation and sector
examples. The model converts itself to the plain
:class:`~isgrille.content.model.Quiz` and is the source of
``data/schema/quiz.schema.json``.

What the kit wrote rather than the source says so where it is shown: an
explanation marked ``explanation_by_kit`` (assembled from other slides) and a
sector example marked ``paired_by_kit`` (need and enterprise paired by the
kit) carry a short French mark at the end of their text
(:data:`KIT_EXPLANATION_MARK`, :data:`KIT_PAIR_MARK`), so that every screen
showing them — quiz, phone, room — shows the mark too.

>>> item = QuizItemFile(id="a", statement="A", answer="Oui", explanation="Texte.", explanation_by_kit=True)
>>> item.shown_explanation()
'Texte. *(explication assemblée par le kit à partir des diapositives)*'
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .fields import Id, Prose, Text, check_unique
from .model import Quiz, QuizItem, SectorExample, match_label
from .validation import FileModel, LocatedError

__all__ = ["KIT_EXPLANATION_MARK", "KIT_PAIR_MARK", "QuizFile", "QuizItemFile", "SectorExampleFile"]

#: Ends an explanation the kit assembled from other slides (Markdown: shown in italics).
KIT_EXPLANATION_MARK = "*(explication assemblée par le kit à partir des diapositives)*"
#: Ends the description of a sector example whose need and enterprise the kit paired.
KIT_PAIR_MARK = "*(exemple associé à ce besoin par le kit)*"


class SectorExampleFile(FileModel):
    need: Text = Field(description="The social need (sector).")
    fact: Text = Field(description="A figure that shows the need.")
    source: Text = Field(description="Where the figure comes from.")
    enterprise: Text = Field(description="An enterprise answering the need.")
    description: Text = Field(description="What the enterprise does.")
    paired_by_kit: bool = Field(
        default=False,
        description=(
            "True when the source does not pair this need with this enterprise (the kit paired them by topic): "
            "the screens then mark the example as the kit's."
        ),
    )

    def to_example(self) -> SectorExample:
        """The domain example, its description ending in the kit's mark when the kit paired it."""
        description = f"{self.description} {KIT_PAIR_MARK}" if self.paired_by_kit else self.description
        return SectorExample(self.need, self.fact, self.source, self.enterprise, description)


class QuizItemFile(FileModel):
    id: Id
    statement: Text
    answer: Text = Field(description="One of the quiz's choices.")
    explanation: Text = Field(description="Shown after the learner answers (Markdown).")
    explanation_by_kit: bool = Field(
        default=False,
        description=(
            "True when the explanation is not a paragraph of the source but assembled by the kit from other "
            "slides: the screens then mark it as the kit's."
        ),
    )
    see: Id | None = Field(default=None, description="Id of a concepts section to show with it.")
    examples: list[SectorExampleFile] = []

    def shown_explanation(self) -> str:
        """The explanation as screens show it: with the kit's mark when the kit assembled it."""
        return f"{self.explanation} {KIT_EXPLANATION_MARK}" if self.explanation_by_kit else self.explanation


class QuizFile(FileModel):
    """A quiz: the possible answers, then the statements in the order they are asked."""

    kind: Literal["quiz"] = "quiz"
    title: Prose = ""
    choices: list[Text] = Field(min_length=2, description="The possible answers, e.g. VRAI, FAUX.")
    items: list[QuizItemFile] = Field(min_length=1)

    @model_validator(mode="after")
    def _coherent(self) -> QuizFile:
        check_unique(self.choices, ("choices",), "réponse possible", fold=True)
        check_unique([i.id for i in self.items], ("items",), "identifiant d'affirmation", field="id")
        for index, item in enumerate(self.items):
            if match_label(item.answer, self.choices) is None:
                raise LocatedError(
                    f"réponse '{item.answer}' inconnue (attendu\u00a0: {', '.join(self.choices)})",
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
                    answer=match_label(i.answer, self.choices) or i.answer,  # checked on validation: a choice
                    explanation=i.shown_explanation(),
                    examples=tuple(e.to_example() for e in i.examples),
                    see=i.see,
                )
                for i in self.items
            ),
            title=self.title,
        )
