"""Building blocks shared by every file model: identifiers, texts, uniqueness.

The grid, quiz, concepts, workshop and results file models all use these, so
that an identifier or a repeated value is checked — and explained — the same
way in every file.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from .model import fold_label
from .typography import french
from .validation import PATTERNS, LocatedError

__all__ = ["Id", "Prose", "Text", "check_unique"]

Id = Annotated[str, StringConstraints(pattern=PATTERNS["id"])]
#: A text learners or trainers read, given French typography (:func:`~isgrille.content.typography.french`).
Prose = Annotated[str, AfterValidator(french)]
#: A text that may not be empty.
Text = Annotated[str, StringConstraints(min_length=1), AfterValidator(french)]


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
