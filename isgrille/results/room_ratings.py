"""The room's ratings of the project that pitches: one small file per project, one entry per rater.

In « Booster » every participant rates the project that pitches. Their
ratings go to ``<room>/<project folder>/avis_salle.json``, beside the
project's own results file::

    {"format": "isgrille-room-ratings", "version": 1,
     "ratings": {"<rater folder>": {"<criterion id>": 2, "<other>": null}}}

Both folders are the room's folder ids (``[a-z0-9]{8,32}``, drawn by the
server, never typed): :func:`save_room_rating` refuses anything else. A
rater's new ratings replace their previous ones, read–modify–write under the
file's lock (:class:`~.lock.ResultsLock`) and written atomically
(:func:`~.atomic.write_atomic`), so thirty phones saving at once lose nothing.

The reader is bounded and tolerant: a missing, broken or hostile file reads
as no ratings (:func:`read_room_ratings_report` says why, in French), and
entries that are not ratings are dropped one by one. Levels are checked
against the grid later (:func:`isgrille.analysis.room_live.rating_summary`).
:func:`read_room_ratings_if_changed` re-reads only a changed file (the
trainer's page polls it); :func:`save_room_assessment` writes the room's
medians into the project's own results file, through its locked store.

>>> import tempfile; room = tempfile.mkdtemp()
>>> save_room_rating(room, "projet0001", "votant0001", {"caractere_collectif": 2, "rupture_existant": None})
>>> read_room_ratings(room, "projet0001")
{'votant0001': {'caractere_collectif': 2, 'rupture_existant': None}}
>>> save_room_rating(room, "../etc", "votant0001", {})
Traceback (most recent call last):
...
ValueError: dossier de projet refusé : '../etc' (attendu : 8 à 32 lettres minuscules ou chiffres)
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..content.errors import os_error_text
from ..content.limits import shorten, size_label
from .atomic import write_atomic
from .lock import ResultsLock
from .room_state import FOLDER_ID, RESULTS_NAME

if TYPE_CHECKING:  # pragma: no cover
    from ..content.model import Grid

__all__ = [
    "FORMAT",
    "MAX_RATERS",
    "RATINGS_NAME",
    "ratings_path",
    "read_room_ratings",
    "read_room_ratings_if_changed",
    "read_room_ratings_report",
    "save_room_assessment",
    "save_room_rating",
]

#: The room's ratings of a project, in that project's folder.
RATINGS_NAME = "avis_salle.json"
#: What tells the ratings file changed: its path, then (when it exists) its size, time and inode.
Mark = tuple[str] | tuple[str, int, int, int]
FORMAT = "isgrille-room-ratings"
VERSION = 1
#: Most raters kept for one project (a room holds at most a few hundred participants).
MAX_RATERS = 1000
#: Most criteria one rater may rate, and the longest criterion id.
MAX_CRITERIA = 200
MAX_ID = 64
#: Highest level index accepted (a grid has a handful of levels).
MAX_LEVEL = 100
#: Largest file read: 1000 raters × 30 criteria fit in about 1 MB.
MAX_FILE_BYTES = 2_000_000
_CRITERION = re.compile(r"[A-Za-z0-9_.-]{1,64}")


def _folder(value: object, what: str) -> str:
    if not isinstance(value, str) or not FOLDER_ID.fullmatch(value):
        shown = shorten(value) if isinstance(value, str) else type(value).__name__
        raise ValueError(
            f"dossier de {what} refusé\u00a0: {shown!r} (attendu\u00a0: 8 à 32 lettres minuscules ou chiffres)"
        )
    return value


def ratings_path(room: str | Path, project: str) -> Path:
    """``<room>/<project>/avis_salle.json``; ValueError when ``project`` is not a folder id."""
    return Path(room) / _folder(project, "projet") / RATINGS_NAME


def _level(value: object) -> int | None:
    """A level index or None; ValueError for anything else."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_LEVEL):
        return value
    raise ValueError(
        f"niveau refusé\u00a0: {shorten(repr(value))} (attendu\u00a0: un numéro de niveau de 0 à {MAX_LEVEL}, ou null)"
    )


def _checked_ratings(ratings: object) -> dict[str, int | None]:
    """One rater's ratings, checked; ValueError (French) for anything that is not."""
    if not isinstance(ratings, Mapping):
        raise ValueError("notes refusées (attendu\u00a0: un dictionnaire critère → niveau)")
    if len(ratings) > MAX_CRITERIA:
        raise ValueError(f"notes refusées\u00a0: {len(ratings)} critères (au plus {MAX_CRITERIA})")
    checked: dict[str, int | None] = {}
    for criterion, level in ratings.items():
        if not isinstance(criterion, str) or not _CRITERION.fullmatch(criterion):
            raise ValueError(
                f"critère refusé\u00a0: {shorten(repr(criterion))} (attendu\u00a0: un identifiant de critère)"
            )
        checked[criterion] = _level(level)
    return checked


def _parse(data: Any) -> tuple[dict[str, dict[str, int | None]], int]:
    """The valid raters' ratings of a file's data, and how many entries were dropped."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f'pas un fichier d\'avis de la salle (attendu\u00a0: "format": "{FORMAT}")')
    if data.get("version") != VERSION:
        raise ValueError(f"version {shorten(repr(data.get('version')))} inconnue (attendu\u00a0: {VERSION})")
    raters = data.get("ratings")
    if not isinstance(raters, dict):
        raise ValueError('"ratings" absent ou mal formé (attendu\u00a0: un dictionnaire votant → notes)')
    kept: dict[str, dict[str, int | None]] = {}
    dropped = 0
    for rater, ratings in raters.items():
        if len(kept) >= MAX_RATERS:
            dropped += 1
            continue
        try:
            kept[_folder(rater, "votant")] = _checked_ratings(ratings)
        except ValueError:
            dropped += 1
    return kept, dropped


def read_room_ratings_report(room: str | Path, project: str) -> tuple[dict[str, dict[str, int | None]], str]:
    """``(ratings, problem)``: the room's ratings of ``project`` by rater, and what was wrong (French, "" if nothing).

    Never raises for the file: a missing file is no ratings and no problem; a
    broken, oversized or hostile one is no ratings and a problem. ValueError
    only when ``project`` is not a folder id.
    """
    path = ratings_path(room, project)
    try:
        if not path.exists():
            return {}, ""
        if not path.is_file() or path.is_symlink():
            return {}, f"{path}\u00a0: pas un fichier d'avis de la salle\u202f; ignoré"
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return (
                {},
                f"{path}\u00a0: trop volumineux ({size_label(size)}\u202f; au plus {size_label(MAX_FILE_BYTES)})\u202f; ignoré",
            )
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        return {}, f"{path}\u00a0: {os_error_text(exc)}\u202f; avis de la salle ignorés"
    except UnicodeDecodeError:
        return {}, f"{path}\u00a0: pas du texte UTF-8\u202f; avis de la salle ignorés"
    try:
        ratings, dropped = _parse(json.loads(text))
    except (ValueError, RecursionError) as exc:
        return {}, f"{path}\u00a0: avis de la salle illisibles ({shorten(str(exc), 160)})\u202f; ignorés"
    many = "s" if dropped > 1 else ""
    problem = f"{path}\u00a0: {dropped} avis mal formé{many} ignoré{many}" if dropped else ""
    return ratings, problem


def read_room_ratings(room: str | Path, project: str) -> dict[str, dict[str, int | None]]:
    """The room's ratings of ``project``: ``{rater folder: {criterion id: level or None}}`` (empty when none)."""
    return read_room_ratings_report(room, project)[0]


def save_room_rating(room: str | Path, project: str, rater: str, ratings: dict[str, int | None]) -> None:
    """Record ``rater``'s ratings of ``project`` (replacing their previous ones), locked and atomic.

    ValueError (French) when a folder id, a criterion id or a level is not
    one, or when the project already has :data:`MAX_RATERS` other raters.
    OSError or :class:`~.lock.LockBusy` when the file cannot be written (the
    previous file is then as it was). A broken file is replaced.
    """
    path = ratings_path(room, project)
    rater = _folder(rater, "votant")
    checked = _checked_ratings(ratings)
    path.parent.mkdir(parents=True, exist_ok=True)
    with ResultsLock(path):
        current, _problem = read_room_ratings_report(room, project)
        if rater not in current and len(current) >= MAX_RATERS:
            raise ValueError(f"avis refusé\u00a0: le projet a déjà {MAX_RATERS} votants")
        current[rater] = checked
        text = json.dumps({"format": FORMAT, "version": VERSION, "ratings": current}, ensure_ascii=False, indent=1)
        write_atomic(path, text + "\n")


def read_room_ratings_if_changed(
    room: str | Path, project: str, seen: Mark | None = None
) -> tuple[dict[str, dict[str, int | None]], str, Mark] | None:
    """``(ratings, problem, mark)`` when the file changed since ``seen`` (a previous ``mark``), else None.

    The file's size, time and inode tell a change (a save replaces the file), so an unchanged file costs one
    ``stat``. Pass the ``mark`` returned to the next call.
    """
    path = ratings_path(room, project)
    try:
        info = path.stat()
        mark: Mark = (str(path), info.st_size, info.st_mtime_ns, info.st_ino)
    except OSError:
        mark = (str(path),)
    if mark == seen:
        return None
    ratings, problem = read_room_ratings_report(room, project)
    return ratings, problem, mark


def save_room_assessment(
    room: str | Path, project: str, grid: Grid, assessor: str, ratings: Mapping[str, int | None]
) -> None:
    """Write ``ratings`` as ``assessor``'s assessment into ``project``'s results file in the room.

    Through :class:`~.store.ResultsStore`: locked read–modify–write, so the
    participant saving their own work at the same moment loses nothing, and
    only a file the kit wrote is touched. Raises what the store raises
    (:class:`~.store.SaveError`, :class:`~isgrille.content.errors.ContentError`); ValueError for a folder id,
    criterion id or level that is not one.
    """
    from .store import ResultsStore

    path = Path(room) / _folder(project, "projet") / RESULTS_NAME
    checked = _checked_ratings(ratings)
    ResultsStore(grid, path).update(lambda results: results.assessments.__setitem__(assessor, dict(checked)))
