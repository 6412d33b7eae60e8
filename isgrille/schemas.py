"""File models of the grid and the quiz: what a trainer may write in YAML.

These pydantic models are the single source of truth for the file formats:
they validate the files, and ``data/schema/*.schema.json`` are generated from
them (``python -m isgrille schema``; a test keeps them in step). Each file
model converts itself to the plain domain objects of :mod:`isgrille.model`.

A grid file lists ordered ``levels`` and its ``dimensions``; each criterion
gives one descriptor per level, keyed by the level's label, so that a trainer
sees which text goes with which level.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from .model import Criterion, Dimension, Grid, Quiz, QuizItem, SectorExample, fold_label, match_label
from .validation import PATTERNS, FileModel, LocatedError

__all__ = ["Id", "Text", "GridFile", "QuizFile", "check_unique"]

Id = Annotated[str, StringConstraints(pattern=PATTERNS["id"])]
Text = Annotated[str, StringConstraints(min_length=1)]


def check_unique(
    values: list[str], where: tuple[str | int, ...], what: str, fold: bool = False, field: str | None = None
) -> None:
    """Raise LocatedError at the second occurrence of a repeated value.

    ``where`` locates the list; ``field``, when given, is the field of each
    item that holds the value (``"id"``), so the error points at its line.
    """
    seen: dict[str, int] = {}
    for index, value in enumerate(values):
        norm = fold_label(value) if fold else value
        if norm in seen:
            raise LocatedError(
                f"{what} '{value}' en double (déjà en position {seen[norm] + 1})",
                where + (index,) + ((field,) if field else ()),
            )
        seen[norm] = index


class CriterionFile(FileModel):
    id: Id = Field(description="Stable identifier (lowercase ASCII, digits, _), used in results files.")
    label: Text = Field(description="The criterion's name as learners read it.")
    descriptors: dict[Text, Text] = Field(
        description="One descriptor per level, keyed by the level's label, in any order."
    )


class DimensionFile(FileModel):
    id: Id
    label: Text
    criteria: list[CriterionFile] = Field(min_length=1)


class GridFile(FileModel):
    """A characterisation grid: ordered levels (lowest first) and dimensions of criteria."""

    kind: Literal["grid"] = "grid"
    id: Id = "grid"
    title: str = ""
    source: str = ""
    levels: list[Text] = Field(min_length=2, description="Level labels, lowest first.")
    dimensions: list[DimensionFile] = Field(min_length=1)

    @model_validator(mode="after")
    def _coherent(self) -> "GridFile":
        check_unique(self.levels, ("levels",), "niveau", fold=True)
        check_unique([d.id for d in self.dimensions], ("dimensions",), "identifiant de dimension", field="id")
        seen: dict[str, str] = {}
        expected = ", ".join(self.levels)
        for i, dim in enumerate(self.dimensions):
            for j, crit in enumerate(dim.criteria):
                where = ("dimensions", i, "criteria", j)
                if crit.id in seen:
                    raise LocatedError(
                        f"identifiant de critère '{crit.id}' en double (déjà utilisé dans {seen[crit.id]})",
                        where + ("id",),
                    )
                seen[crit.id] = f"dimensions[{i}]"
                given: dict[str, str] = {}
                for key in crit.descriptors:
                    level = match_label(key, self.levels)
                    if level is None:
                        raise LocatedError(
                            f"niveau '{key}' inconnu (attendu : {expected})",
                            where + ("descriptors", key),
                            key=True,
                        )
                    if level in given:
                        raise LocatedError(
                            f"deux descripteurs pour le niveau '{level}' ('{given[level]}' et '{key}')",
                            where + ("descriptors", key),
                            key=True,
                        )
                    given[level] = key
                missing = [level for level in self.levels if level not in given]
                if missing:
                    raise LocatedError(
                        f"descripteur manquant pour le niveau '{missing[0]}' (attendu : un texte pour chacun des niveaux {expected})",
                        where + ("descriptors",),
                        key=True,
                    )
        return self

    def to_grid(self) -> Grid:
        """The domain grid, descriptors aligned with the levels."""
        return Grid(
            levels=tuple(self.levels),
            dimensions=tuple(
                Dimension(
                    d.id,
                    d.label,
                    tuple(
                        Criterion(c.id, c.label, _aligned(c.descriptors, self.levels))
                        for c in d.criteria
                    ),
                )
                for d in self.dimensions
            ),
            id=self.id,
            title=self.title,
            source=self.source,
        )


def _aligned(descriptors: dict[str, str], levels: list[str]) -> tuple[str, ...]:
    """Descriptors in level order; keys were matched to levels without regard to case or accents."""
    by_level = {match_label(key, levels): text for key, text in descriptors.items()}
    return tuple(by_level[level] for level in levels)


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
