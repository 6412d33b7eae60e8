"""Errors raised when content or results files are wrong.

Every loader of the kit raises :class:`ContentError` for a bad file. Its
message is one sentence for a trainer, in French: the file, the place (line,
field path, or row and column) and what was expected, for example::

    data/grid.yaml: ligne 12, champ 'dimensions[0].criteria[1].descriptors':
    niveau 'Tres fort' inconnu (attendu : Inexistant, Faible, Intermédiaire, Fort)

A file may have several problems; the exception keeps them all in
``problems`` (the command line prints each) and its message names the first.
This module imports nothing heavy so that the whole core can use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

__all__ = ["ContentError", "Problem", "format_field"]


def format_field(loc: Sequence[str | int]) -> str:
    """Turn a location tuple into a readable field path.

    >>> format_field(("dimensions", 0, "criteria", 2, "label"))
    'dimensions[0].criteria[2].label'
    >>> format_field(())
    ''
    """
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, and where."""

    path: str
    message: str
    line: int | None = None
    field: str | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"ligne {self.line}")
        if self.field:
            where.append(f"champ '{self.field}'")
        if self.column:
            where.append(f"colonne '{self.column}'")
        place = ", ".join(where)
        return f"{self.path}: {place}: {self.message}" if place else f"{self.path}: {self.message}"


class ContentError(ValueError):
    """A content or results file that cannot be used, with every problem found."""

    def __init__(self, problems: Sequence[Problem]):
        if not problems:
            raise ValueError("ContentError needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        message = str(self.problems[0])
        others = len(self.problems) - 1
        if others:
            message += f" (et {others} autre{'s' if others > 1 else ''} erreur{'s' if others > 1 else ''})"
        super().__init__(message)

    @classmethod
    def single(cls, path: str | Path, message: str, **where: object) -> "ContentError":
        """Build the error for one problem: ``ContentError.single(path, msg, line=3)``."""
        return cls([Problem(str(path), message, **where)])  # type: ignore[arg-type]
