"""The grid's file model: what a trainer may write in a grid YAML file.

A grid file lists ordered ``levels`` and its ``dimensions``; each criterion
gives one descriptor per level, keyed by the level's label, so that a trainer
sees which text goes with which level. The model validates the file (with
French messages located by :mod:`.validation`), converts itself to the plain
:class:`~isgrille.content.model.Grid`, and is the source of
``data/schema/grid.schema.json`` (``python -m isgrille schema``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .fields import Id, Prose, Text, check_unique
from .model import Criterion, Dimension, Grid, match_label
from .validation import FileModel, LocatedError

__all__ = ["CriterionFile", "DimensionFile", "GridFile"]


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
    title: Prose = ""
    source: Prose = ""
    adaptation: Prose = Field(
        "",
        description="When the grid is adapted from its source: a French note saying what the kit added or "
        "changed, shown wherever the grid is named. Empty for a grid taken as it is.",
    )
    levels: list[Text] = Field(min_length=2, description="Level labels, lowest first.")
    dimensions: list[DimensionFile] = Field(min_length=1)

    @model_validator(mode="after")
    def _coherent(self) -> GridFile:
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
                        (*where, "id"),
                    )
                seen[crit.id] = f"dimensions[{i}]"
                given: dict[str, str] = {}
                for key in crit.descriptors:
                    level = match_label(key, self.levels)
                    if level is None:
                        raise LocatedError(
                            f"niveau '{key}' inconnu (attendu\u00a0: {expected})",
                            (*where, "descriptors", key),
                            key=True,
                        )
                    if level in given:
                        raise LocatedError(
                            f"deux descripteurs pour le niveau '{level}' ('{given[level]}' et '{key}')",
                            (*where, "descriptors", key),
                            key=True,
                        )
                    given[level] = key
                missing = [level for level in self.levels if level not in given]
                if missing:
                    raise LocatedError(
                        f"descripteur manquant pour le niveau '{missing[0]}' (attendu\u00a0: un texte pour chacun des niveaux {expected})",
                        (*where, "descriptors"),
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
                    tuple(Criterion(c.id, c.label, _aligned(c.descriptors, self.levels)) for c in d.criteria),
                )
                for d in self.dimensions
            ),
            id=self.id,
            title=self.title,
            source=self.source,
            adaptation=self.adaptation,
        )


def _aligned(descriptors: dict[str, str], levels: list[str]) -> tuple[str, ...]:
    """Descriptors in level order; keys were matched to levels without regard to case or accents."""
    by_level = {match_label(key, levels): text for key, text in descriptors.items()}
    return tuple(by_level[level] for level in levels)
