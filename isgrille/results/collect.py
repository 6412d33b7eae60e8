"""The trainer's collection of a class's results files (e.g. from JupyterHub homes).

One bad file never hides the rest of the class: readable files come back by
path, every other match as a problem naming the file — whatever went wrong
while reading it — and nothing is skipped without a word. A match is not
read when it is a folder, a named pipe or another file that is not a
regular file (reading a pipe would wait for ever), a dangling link, a link
that leads out of the folder collected, or a link to another learner's file
(into another home, or to a file matched on its own), which would count one
learner's work twice.

When the pattern starts with a folder (the default of the command line,
:data:`DEFAULT_PATTERN`, ``*/**/resultats/mes_resultats.json``), each folder
it matches is a learner's home, explored on its own, and homes where nothing
matches are counted. Inside a home, ``**`` goes at most :data:`HOME_DEPTH`
folders down and never into hidden folders (``.cache``, ``.local``, ``.git``…)
nor links to folders: the results are found whether the notebooks sit at the
top of the home, in ``notebooks/`` (repo2docker image) or in
``<dépôt>/notebooks/`` (nbgitpuller), without walking a whole home.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Container, Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path, PurePath

from ..content.errors import ContentError, Problem, os_error_text
from ..content.limits import shorten
from ..content.model import Grid
from .learner import LearnerResults
from .store import read_results
from .walk import is_dir, os_reason, scan

__all__ = [
    "DEFAULT_PATTERN",
    "HOME_DEPTH",
    "ClassFiles",
    "Collection",
    "collect_class",
    "collect_results",
    "find_class_files",
    "problems_of",
]

#: Where the learners' results are, under the folder of homes (``collect``'s default).
DEFAULT_PATTERN = "*/**/resultats/mes_resultats.json"
#: How many folders ``**`` may go down inside a learner's home (``<dépôt>/notebooks/`` is 2).
HOME_DEPTH = 4

#: What the folder given to collect must be, for messages.
ROOT_EXPECTED = "attendu\u00a0: le dossier qui contient les dossiers personnels des apprenants, par exemple /home"
#: Folders of a homes' volume that are nobody's home.
NOT_HOMES = frozenset({"lost+found"})


@dataclass(frozen=True)
class Collection:
    """A class's results: readable files by path, the problems of the others, homes with nothing."""

    found: dict[Path, LearnerResults]
    problems: list[Problem]
    without_results: list[Path]


def problems_of(path: str | Path, exc: Exception) -> list[Problem]:
    """What went wrong reading ``path``, as problems: a ContentError's own, else « fichier illisible ».

    >>> print(*problems_of("r.json", RecursionError("trop\\nprofond")))
    r.json: fichier illisible (RecursionError) : trop profond
    """
    if isinstance(exc, ContentError):
        return list(exc.problems)
    detail = " ".join(str(exc).split())
    reason = f"fichier illisible ({type(exc).__name__})"
    return [Problem(str(path), f"{reason}\u00a0: {shorten(detail)}" if detail else reason)]


def collect_results(
    root: str | Path, grid: Grid, pattern: str = "**/*.json"
) -> tuple[dict[Path, LearnerResults], list[Problem]]:
    """Every results file under ``root`` matching ``pattern``: the readable ones by path, and problems.

    The same as :func:`collect_class` without the count of homes. Raises
    ContentError when ``root`` is not a readable folder or ``pattern`` is
    not a relative pattern.
    """
    collection = collect_class(root, grid, pattern)
    return collection.found, collection.problems


def collect_class(root: str | Path, grid: Grid, pattern: str = "**/*.json") -> Collection:
    """The trainer's collection: every results file under ``root`` (e.g. the learners' homes).

    Any exception while reading one file becomes a problem naming it, and
    the rest of the class is read. The store's own dated copies — files set
    aside as unreadable (``*.illisible-*``), already reported to their
    learner, and work kept before a resume (``*.avant-reprise-*``) — are
    left out. Raises ContentError when ``root`` is not a readable
    folder or ``pattern`` is not a relative pattern.
    """
    files = find_class_files(root, pattern)
    problems = list(files.problems)
    found: dict[Path, LearnerResults] = {}
    for path in files.paths:
        try:
            found[path] = read_results(path, grid)
        except Exception as exc:  # noqa: BLE001 — one learner's file, whatever it holds, never stops the class
            problems.extend(problems_of(path, exc))
    problems.sort(key=lambda problem: problem.path)  # stable: a file's problems stay in their order
    return Collection(found, problems, files.without_results)


@dataclass(frozen=True)
class ClassFiles:
    """The files to read under a folder (sorted), the problems met finding them, the homes with none."""

    paths: list[Path]
    problems: list[Problem]
    without_results: list[Path]


def find_class_files(
    root: str | Path, pattern: str = "**/*.json", suffixes: Container[str] | None = None, hidden: bool = True
) -> ClassFiles:
    """The files :func:`collect_class` reads, by the same rules, without reading them.

    With ``suffixes`` (lower case, e.g. ``{".json", ".csv"}``), only the
    matches whose suffix is one of them are looked at; the others are left
    out silently. Without ``hidden``, ``**`` never goes into hidden folders
    (``.ipynb_checkpoints``, ``.git``…). A match refused (a pipe, a link out of the folder…) is a
    problem naming it. Raises ContentError as :func:`collect_class` does.
    """
    root = Path(root)
    _check(root, pattern)
    problems: list[Problem] = []
    split = _split(pattern)
    homes: dict[Path, list[Path]] = {}
    if split is None:
        plain = scan(root, PurePath(pattern).parts, problems, None, suffixes, hidden)
    else:
        plain = {}
        for home in _homes(root, split[0], problems):
            found = scan(home, split[1], problems, HOME_DEPTH, suffixes)
            plain.update(dict.fromkeys(found, False) if Path(home).is_symlink() else found)
            homes[home] = sorted(found)
    matches = sorted(plain)
    # A plain match (a regular file, no link on its way down from root) is its own target: only the others
    # need their links resolved, and the direct matches then known to tell a link to one of them.
    root_real = root.resolve()
    targets = {path: _target(root_real, path) for path in matches if not plain[path]}
    direct = (
        {rel for path in matches if (rel := path.relative_to(root)) == targets.get(path, rel)} if targets else set()
    )
    paths: list[Path] = []
    for path in matches:
        try:
            refusal = None if plain[path] else _refusal(root, path, targets[path], direct, split is not None)
        except Exception as exc:  # noqa: BLE001 — one learner's file, whatever it is, never stops the class
            problems.extend(problems_of(path, exc))
            continue
        if refusal:
            problems.append(Problem(str(path), refusal))
        else:
            paths.append(path)
    without = [home for home, found in homes.items() if not found and _is_home(home)]
    return ClassFiles(paths, problems, without)


def _check(root: Path, pattern: str) -> None:
    """Raise ContentError unless ``root`` is a readable folder and ``pattern`` a relative pattern."""
    try:
        with os.scandir(root):
            pass
    except FileNotFoundError:
        raise ContentError.single(root, f"dossier introuvable ({ROOT_EXPECTED})") from None
    except NotADirectoryError:
        raise ContentError.single(root, f"ce n'est pas un dossier ({ROOT_EXPECTED})") from None
    except OSError as exc:
        raise ContentError.single(root, f"dossier illisible ({os_reason(exc)})") from None
    parts = PurePath(pattern).parts
    if not pattern.strip() or PurePath(pattern).anchor or ".." in parts:
        raise ContentError.single(
            root,
            f"motif '{shorten(pattern)}' invalide (attendu\u00a0: un chemin relatif sous ce dossier, "
            "sans «\u00a0..\u00a0», par exemple */resultats/mes_resultats.json)",
        )


def _split(pattern: str) -> tuple[str, tuple[str, ...]] | None:
    """``(home pattern, pattern inside a home)`` when the pattern starts with a folder, else None."""
    parts = PurePath(pattern).parts
    if len(parts) < 2 or "**" in parts[0]:
        return None
    return parts[0], parts[1:]


def _homes(root: Path, pattern: str, problems: list[Problem]) -> list[Path]:
    """The folders under ``root`` matching ``pattern`` (one part): the learners' homes.

    A home the trainer may not open is a problem, not a home without results.
    """
    homes = []
    for path in sorted(scan(root, (pattern,), problems)):
        if not is_dir(path):
            continue
        if os.access(path, os.R_OK | os.X_OK):
            homes.append(path)
        elif _is_home(path):
            problems.append(
                Problem(
                    str(path),
                    f"dossier illisible ({os_error_text(PermissionError(errno.EACCES, ''))})\u00a0: "
                    "ses fichiers ne sont pas lus",
                )
            )
    return homes


def _is_home(path: Path) -> bool:
    return not path.name.startswith(".") and path.name not in NOT_HOMES


def _target(root_real: Path, path: Path) -> PurePath | None:
    """Where ``path`` really is, relative to the real ``root``; None when outside it or nowhere."""
    try:
        target = path.resolve(strict=True).relative_to(root_real)
    except (OSError, RuntimeError, ValueError):
        return None
    return target if target.parts else None  # root itself is no one's file


def _refusal(root: Path, path: Path, target: PurePath | None, direct: AbstractSet[PurePath], homes: bool) -> str | None:
    """Why ``path`` is not read (a sentence), or None when it is a results file to read."""
    try:
        mode = path.stat().st_mode  # follows links, never opens the file
    except OSError as exc:
        kind = "lien symbolique cassé" if path.is_symlink() else "fichier inaccessible"
        return f"{kind} ({os_reason(exc)})\u00a0: non lu"
    rel = path.relative_to(root)
    if target is None:
        return f"lien qui mène hors de {root} (vers {shorten(str(path.resolve()))})\u00a0: non lu"
    if target != rel and homes and target.parts[0] != rel.parts[0]:
        return f"lien vers le fichier d'un autre apprenant ({shorten(target.as_posix())})\u00a0: non lu"
    if target != rel and target in direct:
        return f"lien vers {shorten(target.as_posix())}, déjà rassemblé\u00a0: non lu une seconde fois"
    if stat.S_ISDIR(mode):
        return "c'est un dossier, pas un fichier de résultats\u00a0: non lu"
    if not stat.S_ISREG(mode):
        return "ce n'est pas un fichier ordinaire (tube nommé, socket ou périphérique)\u00a0: non lu"
    return None
