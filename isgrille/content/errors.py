"""Errors raised when content or results files are wrong, and the French words for them.

Every loader of the kit raises :class:`ContentError` for a bad file. Its
message is one sentence for a trainer, in French: the file, the place (line,
field path, or row and column) and what was expected, for example::

    data/grid.yaml: ligne 12, champ 'dimensions[0].criteria[1].descriptors':
    niveau 'Tres fort' inconnu (attendu : Inexistant, Faible, Intermédiaire, Fort)

A file may have several problems; the exception keeps the first
``MAX_PROBLEMS`` in ``problems`` (the command line prints each), then one last
problem « … et N autres problèmes »; its message names the first. A problem
never grows with the file: a long word quoted from the file is cut (see
:func:`bounded`). The errors of the system and of the YAML and JSON
libraries are said in French here too (:func:`os_error_text`,
:func:`yaml_syntax_text`, :func:`json_problem_text`, :func:`kind_of`), so
that no English reaches a trainer. This module imports nothing heavy so that the whole core can use it.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .limits import MAX_DEPTH, MAX_PROBLEMS, MAX_ROWS, MAX_SHOWN, MAX_VALUES, shorten

__all__ = [
    "KIND_NAMES",
    "TAG_NAMES",
    "TOO_DEEP",
    "TOO_MANY",
    "TOO_MANY_ROWS",
    "ContentError",
    "Problem",
    "bounded",
    "format_field",
    "json_problem_text",
    "kind_of",
    "os_error_text",
    "tag_text",
    "yaml_syntax_text",
]


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


def _number(count: int) -> str:
    """A count in French typography: ``99 950`` (narrow no-break space)."""
    return f"{count:,}".replace(",", "\u202f")


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

    def __init__(self, problems: Sequence[Problem], more: int = 0):
        if not problems:
            raise ValueError("ContentError needs at least one problem")
        kept = list(problems[:MAX_PROBLEMS])
        more += len(problems) - len(kept)
        if more:
            plural = "s" if more > 1 else ""
            kept.append(Problem(kept[0].path, f"… et {_number(more)} autre{plural} problème{plural}"))
        self.problems: tuple[Problem, ...] = tuple(kept)
        self.count = len(kept) - (1 if more else 0) + more
        message = str(self.problems[0])
        others = self.count - 1
        if others:
            message += f" (et {_number(others)} autre{'s' if others > 1 else ''} erreur{'s' if others > 1 else ''})"
        super().__init__(message)

    @classmethod
    def single(cls, path: str | Path, message: str, **where: object) -> ContentError:
        """Build the error for one problem: ``ContentError.single(path, msg, line=3)``."""
        return cls([Problem(str(path), message, **where)])  # type: ignore[arg-type]


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
    return _OS_ERRORS.get(exc.errno, f"erreur système n° {exc.errno}" if exc.errno else "erreur système")


# PyYAML's (libyaml's and pure Python's) syntax problems, said for a trainer; the first match wins.
_YAML = (
    (
        "mapping values are not allowed",
        "«\u00a0:\u00a0» inattendu\u00a0: mettez entre guillemets un texte qui contient «\u00a0:\u00a0»",
    ),
    ("could not find expected ':'", "«\u00a0:\u00a0» attendu après la clé"),
    ("found unexpected ':'", "«\u00a0:\u00a0» inattendu\u00a0: mettez le texte entre guillemets"),
    ("did not find expected key", "indentation incohérente"),
    ("expected <block end>", "indentation incohérente"),
    ("did not find expected '-' indicator", "indentation incohérente dans une liste"),
    (
        "block sequence entries are not allowed",
        "«\u00a0-\u00a0» inattendu\u00a0: indentation incohérente dans une liste",
    ),
    ("mapping keys are not allowed", "«\u202f?\u00a0» inattendu\u00a0: mettez le texte entre guillemets"),
    ("found unexpected end of stream", "fin de fichier inattendue\u00a0: guillemet non fermé\u202f?"),
    ("expected ',' or ']'", "«\u00a0,\u00a0» ou «\u00a0]\u00a0» attendu\u00a0: crochet non fermé\u202f?"),
    ("expected ',' or '}'", "«\u00a0,\u00a0» ou «\u00a0}\u00a0» attendu\u00a0: accolade non fermée\u202f?"),
    ("tab character", "tabulation interdite\u00a0: indentez avec des espaces"),
    (
        "unknown escape character",
        "«\u00a0\\\u00a0» inconnu entre guillemets doubles\u00a0: doublez-le (\\\\) ou "
        "mettez le texte entre guillemets simples",
    ),
    ("escape", "code de caractère (\\x, \\u ou \\U) invalide entre guillemets doubles"),
    ("hexdecimal", "code de caractère (\\x, \\u ou \\U) invalide entre guillemets doubles"),
    (
        "alphabetic or numeric character",
        "nom invalide après «\u00a0&\u00a0», «\u00a0*\u00a0» ou «\u00a0!\u00a0»\u00a0: mettez le texte entre guillemets",
    ),
    ("comment or line break", "texte inattendu en fin de ligne\u00a0: guillemet mal placé\u202f?"),
    ("document indicator", "«\u00a0---\u00a0» ou «\u00a0...\u00a0» inattendu\u00a0: mettez le texte entre guillemets"),
    ("document start", "contenu inattendu\u00a0: indentation incohérente\u202f?"),
    ("node content", "valeur attendue"),
    ("indentation indicator", "indicateur de bloc («\u00a0|\u00a0» ou «\u00a0>\u00a0») invalide"),
    ("whitespace", "espace attendue après «\u00a0-\u00a0», «\u00a0:\u00a0» ou «\u202f?\u00a0»"),
    ("character", "caractère inattendu\u00a0: mettez le texte entre guillemets"),
)


def yaml_syntax_text(exc: Exception, text: str) -> tuple[str, int | None]:
    """A PyYAML error on ``text`` as a French sentence and its line, never PyYAML's English.

    >>> import yaml
    >>> try:
    ...     yaml.safe_load("a: 1\\nb: [1, 2\\n")
    ... except yaml.YAMLError as exc:
    ...     yaml_syntax_text(exc, "a: 1\\nb: [1, 2\\n")
    ('syntaxe YAML invalide («\\xa0,\\xa0» ou «\\xa0]\\xa0» attendu\\xa0: crochet non fermé\\u202f?, colonne 1)', 3)
    """
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or ""
    char = text[mark.index : mark.index + 1] if mark else ""
    if "cannot start any token" in problem and char:
        problem = (
            "tabulation interdite\u00a0: indentez avec des espaces"
            if char == "\t"
            else f"caractère «\u00a0{char}\u00a0» interdit en début de valeur\u00a0: mettez le texte entre guillemets"
        )
    else:
        problem = next((french for english, french in _YAML if english in problem), "erreur de syntaxe")
    if mark is None:
        return f"syntaxe YAML invalide ({problem})", None
    return f"syntaxe YAML invalide ({problem}, colonne {mark.column + 1})", mark.line + 1


_JSON = {
    "Expecting value": "valeur attendue",
    "Expecting ',' delimiter": "«\u00a0,\u00a0» attendu",
    "Expecting ':' delimiter": "«\u00a0:\u00a0» attendu",
    "Expecting property name enclosed in double quotes": "nom de champ entre guillemets droits attendu",
    "Unterminated string starting at": "guillemet non fermé",
    "Extra data": "données en trop après la fin de l'objet",
    "Invalid control character at": "caractère de contrôle interdit dans un texte",
    "Invalid \\escape": "«\u00a0\\\u00a0» inconnu dans un texte\u00a0: doublez-le (\\\\)",
    "Invalid \\uXXXX escape": "code de caractère \\uXXXX invalide",
    "Illegal trailing comma before end of object": "«\u00a0,\u00a0» en trop avant «\u00a0}\u00a0»",
    "Illegal trailing comma before end of array": "«\u00a0,\u00a0» en trop avant «\u00a0]\u00a0»",
}


def json_problem_text(message: str) -> str:
    """A ``json`` syntax problem in French; a French default for any other."""
    return _JSON.get(message, "erreur de syntaxe")


#: How a message names each kind of file (the keys of ``limits.MAX_BYTES``).
KIND_NAMES = {
    "content": "un fichier de contenu",
    "results": "un fichier de résultats",
    "cohort": "un tableau d'évaluations",
}
#: What a YAML value of each implicit type is called, by the last part of its tag.
TAG_NAMES = {
    "int": "nombre entier",
    "float": "nombre",
    "bool": "booléen",
    "timestamp": "date",
    "binary": "donnée binaire",
    "null": "valeur vide",
}


TOO_DEEP = f"imbrication trop profonde (au plus {MAX_DEPTH} niveaux de listes et de tables)"
TOO_MANY = f"trop de valeurs (au plus {_number(MAX_VALUES)} textes, nombres, listes et tables, clés comprises)"
TOO_MANY_ROWS = f"trop de lignes (au plus {_number(MAX_ROWS)} après la ligne d'en-tête)"


def tag_text(tag: str) -> str:
    """A YAML tag as a file writes it: ``!!set`` for ``tag:yaml.org,2002:set`` (shortened)."""
    return shorten(tag.replace("tag:yaml.org,2002:", "!!"))


def kind_of(value: object) -> str:
    """What a value read from a file is, in French: ``une liste``, ``un texte``…"""
    for kind, name in (
        (type(None), "une valeur vide"),
        (list, "une liste"),
        (dict, "une table de champs"),
        (str, "un texte"),
        (bool, "un booléen"),
        ((int, float), "un nombre"),
    ):
        if isinstance(value, kind):
            return name
    return f"une valeur de type {type(value).__name__}"
