"""Errors raised when content or results files are wrong: the problems, one French sentence each.

Every loader of the kit raises :class:`ContentError` for a bad file. Its
message is one sentence for a trainer, in French: the file, the place (line,
field path, or row and column) and what was expected, for example::

    data/grid.yaml: ligne 12, champ 'dimensions[0].criteria[1].descriptors':
    niveau 'Tres fort' inconnu (attendu : Inexistant, Faible, Intermédiaire, Fort)

A file may have several problems; the exception keeps the first
``MAX_PROBLEMS`` in ``problems`` (the command line prints each), then one last
problem « … et N autres problèmes »; its message names the first. A problem
never grows with the file: a long word quoted from the file is cut (see
:func:`bounded`). The system's errors are said in French here too
(:func:`os_error_text`), those of the YAML and JSON parsers in
:mod:`.reader_words`, so that no English reaches a trainer. This module imports nothing heavy so that the
whole core can use it.
"""

from __future__ import annotations

import errno
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .limits import MAX_PROBLEMS, MAX_SHOWN, shorten
from .typography import french_count

__all__ = ["ContentError", "Problem", "bounded", "format_field", "os_error_text"]


def format_field(loc: Sequence[str | int]) -> str:
    """Turn a location tuple into a readable field path (each key shortened).

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
            text += f".{shorten(str(part))}" if text else shorten(str(part))
    return text


_LONG_WORD = re.compile(rf"(?<![^\s'\"«»])[^\s'\"«»]{{{MAX_SHOWN + 1},}}")  # starts only where a word starts
_LONG_QUOTED = re.compile(rf"(?<=[\s(])'([^']{{{MAX_SHOWN + 1},}})'(?=[\s),;:]|$)")  # a value quoted '…', not d'un
#: Longest message, field or column kept whole; beyond, its middle is cut.
_LONGEST = 12 * MAX_SHOWN


def _shorten_word(word: str) -> str:
    """A long word shortened, the punctuation that closes it kept: ``(vers /très/long…)``."""
    core = word.rstrip(").,;:]")
    return shorten(core) + word[len(core) :]


def bounded(text: str) -> str:
    """``text`` with every quoted value or word longer than MAX_SHOWN shortened, and its middle cut if still too long.

    The safety net under every message: a value quoted from a file without
    :func:`~isgrille.content.limits.shorten` cannot make a message grow with the file.

    >>> bounded("niveau '" + "x" * 200 + "' inconnu") == "niveau '" + "x" * 79 + "…' inconnu"
    True
    """
    text = _LONG_QUOTED.sub(lambda match: f"'{shorten(match[1])}'", text)
    text = _LONG_WORD.sub(lambda match: _shorten_word(match[0]), text)
    return text if len(text) <= _LONGEST else f"{text[: _LONGEST * 2 // 3]} … {text[-(_LONGEST // 3) :]}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, and where (the message is :func:`bounded`, field and column cut if huge)."""

    path: str
    message: str
    line: int | None = None
    field: str | None = None
    column: str | None = None

    def __post_init__(self) -> None:
        if len(self.message) > MAX_SHOWN:
            object.__setattr__(self, "message", bounded(self.message))
        for name in ("field", "column"):  # built from shortened keys: only a safety net here
            if getattr(self, name) is not None and len(getattr(self, name)) > _LONGEST:
                object.__setattr__(self, name, shorten(getattr(self, name), _LONGEST))

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
    """A content or results file that cannot be used, with the problems found.

    At most ``MAX_PROBLEMS`` problems are kept; ``more`` counts problems a
    reader found but did not build. When some are left out, a last problem
    says how many: « … et 120 autres problèmes ». ``count`` is the total.
    """

    def __init__(self, problems: Iterable[Problem], more: int = 0):
        given = iter(problems)  # a list, a tuple or a generator alike: at most MAX_PROBLEMS kept, the rest counted
        kept = list(itertools.islice(given, MAX_PROBLEMS))
        if not kept:
            raise ValueError("ContentError needs at least one problem")
        more += sum(1 for _ in given)
        if more:
            plural = "s" if more > 1 else ""
            kept.append(Problem(kept[0].path, f"… et {french_count(more)} autre{plural} problème{plural}"))
        self.problems: tuple[Problem, ...] = tuple(kept)
        self.count = len(kept) - (1 if more else 0) + more
        message = str(self.problems[0])
        others = self.count - 1
        if others:
            message += (
                f" (et {french_count(others)} autre{'s' if others > 1 else ''} erreur{'s' if others > 1 else ''})"
            )
        super().__init__(message)

    @classmethod
    def single(
        cls,
        path: str | Path,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
        column: str | None = None,
    ) -> ContentError:
        """Build the error for one problem: ``ContentError.single(path, msg, line=3)``."""
        return cls([Problem(str(path), message, line=line, field=field, column=column)])


_OS_ERRORS = {
    errno.ENOSPC: "disque plein",
    errno.EDQUOT: "quota dépassé",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ELOOP: "trop de liens symboliques en chaîne",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EIO: "erreur d'entrée-sortie du disque",
    errno.ENXIO: "périphérique ou socket sans lecteur",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.ENFILE: "trop de fichiers ouverts",
    errno.ENOMEM: "mémoire insuffisante",
    errno.EBUSY: "fichier occupé",
    errno.EAGAIN: "ressource momentanément indisponible\u00a0: réessayez",
    errno.ETIMEDOUT: "délai dépassé (disque réseau\u202f?)",
    errno.ESTALE: "fichier réseau périmé\u00a0: rouvrez le dossier",
}


def os_error_text(exc: OSError) -> str:
    """What went wrong with a file or folder, in French (never the system's English).

    The one table of the kit: readers, the results store and the class
    collection all say a system error with these words.

    >>> os_error_text(PermissionError(13, "Permission denied")), os_error_text(OSError(28, "No space left"))
    ('permission refusée', 'disque plein')
    >>> os_error_text(TimeoutError()), os_error_text(OSError(9999, "odd"))
    ('fichier occupé', 'erreur système n° 9999')
    """
    if isinstance(exc, TimeoutError) and exc.errno is None:  # a lock not obtained in time
        return "fichier occupé"
    if not exc.errno:
        return "erreur système"
    return _OS_ERRORS.get(exc.errno, f"erreur système n° {exc.errno}")
