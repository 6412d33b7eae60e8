"""Where a learner's results live: a JSON file, saved on every change, never lost.

:class:`ResultsStore` keeps a :class:`~.learner.LearnerResults` in a file.

- **No lost update.** Every change is read–modify–write under the file's
  inter-process lock (:mod:`.lock`), so two notebooks open at once (``01``
  saving quiz answers, ``02`` saving ratings) never undo each other's work.
  The file is re-read only when its identity (inode, modification time,
  size) differs from the one this store last read or wrote: a keystroke does
  not re-parse the file.
- **No destroyed file.** Every write is atomic (:mod:`.atomic`) and keeps the
  file's permissions; a symlinked file is written through to its target.
- **No foreign file touched.** Only a file the kit wrote is ever set aside
  or replaced (:mod:`.kitfile`); a folder or another file at the results path
  (``~/.bashrc``, another JSON) raises :class:`ContentError` and stays as it
  was. A kit file that cannot be read is set aside under a dated name, never
  over another one, and ``notice`` tells the learner where.
- **No traceback on a failed save.** A full disk, a read-only folder, a lock
  held too long: the change stays in memory, subscribers hear of it (the
  download link holds the unsaved work), and :class:`SaveError` says in
  French what happened and what to do. The next save that succeeds writes
  every change kept meanwhile, replayed on the file as it then is.
- **Read-only mode.** When the file cannot be written at all (folder or file
  read-only, an unreadable file that cannot be set aside), ``readonly`` is
  True and ``notice`` says so from the start.
"""

from __future__ import annotations

import base64
import copy
import dataclasses
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from ..content.errors import ContentError, Problem, os_error_text
from ..content.model import Grid
from .atomic import remove_stale_temps, write_atomic
from .kitfile import Unreadable, keep_copy, quick_text, read_if_changed, refusal, set_aside, signature, unwritable
from .learner import LearnerResults
from .lock import LOCK_TIMEOUT, LockBusy, ResultsLock

__all__ = [
    "ResultsStore",
    "SaveError",
    "default_results_path",
    "read_results",
    "results_data_uri",
    "save_results",
]

Change = Callable[[LearnerResults], None]
T = TypeVar("T")

#: What a learner can always do when saving fails.
DOWNLOAD = "téléchargez vos résultats avec le bouton «\u00a0Télécharger mes résultats\u00a0»"
_KEPT = "ce que vous avez saisi est gardé dans cette page"


class SaveError(ContentError):
    """A save that failed: the file is as it was; ``results`` holds the work, the change included."""

    def __init__(self, path: str | Path, message: str, results: LearnerResults):
        super().__init__([Problem(str(path), message)])
        self.results = results


def default_results_path() -> Path:
    """Where a learner's results are saved: ``$ISGRILLE_RESULTS``, else ``resultats/mes_resultats.json``."""
    return Path(os.environ.get("ISGRILLE_RESULTS") or Path("resultats") / "mes_resultats.json")


def read_results(
    path: str | Path, grid: Grid | None = None, *, foreign_grid: Callable[[str], str] | None = None
) -> LearnerResults:
    """Read a results file, checked against ``grid`` (default: the AMI grid); see ``LearnerResults.from_json``."""
    from ..content.loading import load_grid
    from ..content.sources import read_text

    text = quick_text(path)
    text = read_text(path, "results") if text is None else text
    return LearnerResults.from_json(text, grid if grid is not None else load_grid(), path, foreign_grid=foreign_grid)


def save_results(results: LearnerResults, path: str | Path, grid: Grid) -> Path:
    """Save under the file's lock, atomically (the previous file survives any failure); stamps ``saved_at``."""
    path = Path(path)
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    with ResultsLock(target):
        remove_stale_temps(target)
        _stamp_and_write(target, results, grid)
    return path


def _stamp_and_write(target: Path, results: LearnerResults, grid: Grid) -> None:
    """Stamp ``saved_at`` and write atomically; the caller holds the file's lock."""
    results.saved_at = datetime.now(UTC).isoformat(timespec="seconds")
    write_atomic(target, results.to_json(grid))


def _with_file(value: T | None) -> T:
    """``value``, which a store with a file always has (a store in memory never reaches the steps asking)."""
    if value is None:
        raise RuntimeError("a results store in memory has no file")
    return value


def results_data_uri(results: LearnerResults, grid: Grid) -> str:
    """A ``data:`` URI of the results file, for a download link that needs no server."""
    payload = base64.b64encode(results.to_json(grid).encode("utf-8")).decode("ascii")
    return f"data:application/json;base64,{payload}"


class ResultsStore:
    """A learner's results kept in a file (or in memory when ``path`` is None).

    ``path`` is the path as given (shown to the learner); ``target`` is the
    file really written, its symlinks resolved. ``notice`` is a sentence for
    the learner about the file (set aside, read-only), else empty. Screens
    that show results saved by other screens (a download link, a project
    name) :meth:`subscribe` to hear of every change, saved or not.

    Raises :class:`ContentError` when ``path`` is a folder or a file the kit
    did not write: such a file is never read further, written or renamed.
    """

    def __init__(
        self, grid: Grid, path: str | Path | None = None, *, readonly: bool = False, lock_timeout: float = LOCK_TIMEOUT
    ):
        self.grid = grid
        self.path = Path(path) if path is not None else None
        self.target = Path(os.path.realpath(self.path)) if self.path is not None else None
        self.readonly = readonly
        self.notice = ""
        self._memory = LearnerResults(grid_id=grid.id)
        self._pending: list[Change] = []  # changes kept in memory, not yet in the file
        self._seen: tuple[int, int, int] | None = None  # the file as last read or written
        self._listeners: list[Callable[[LearnerResults], None]] = []
        self._lock = ResultsLock(self.target, lock_timeout) if self.target is not None else None
        if self.target is not None:
            self._open()

    @property
    def unsaved(self) -> bool:
        """True while changes are kept in memory only (the last save failed, or the store is read-only)."""
        return bool(self._pending)

    def subscribe(self, listener: Callable[[LearnerResults], None]) -> None:
        """Call ``listener(results)`` after every change made through this store, saved or not."""
        self._listeners.append(listener)

    def load(self) -> LearnerResults:
        """The current results: re-read from the file when another notebook changed it.

        While changes are unsaved, memory is returned rather than the older
        file. Never raises: when the file cannot be read now, memory is kept
        and the next save says why.
        """
        if self.target is None or self._pending:
            return self._memory
        try:
            self._refresh()  # no lock: the file is only ever replaced whole
        except Unreadable:  # set it aside, under the lock, if this store may write
            if not self.readonly:
                with suppress(OSError, ContentError), self._locked():
                    self._sync_locked()
        except (OSError, ContentError):
            pass
        return self._memory

    def update(self, change: Change) -> LearnerResults:
        """Apply ``change`` to the current results, save, and return them.

        On failure the change is kept in memory (and written by the next save
        that succeeds), subscribers are told, and :class:`SaveError` is raised.
        """
        change(self._memory)
        if self.target is None:
            self._notify()
            return self._memory
        self._pending.append(change)
        try:
            if self.readonly:
                raise SaveError(
                    self._file,
                    f"vos résultats ne sont pas enregistrés dans ce fichier (ouvert en "
                    f"lecture seule)\u202f; {_KEPT}\u00a0: {DOWNLOAD}",
                    self._memory,
                )
            with self._locked():
                self._sync_locked()
                self._write_locked()
        except (OSError, ContentError) as exc:
            self._notify()
            raise self._save_error(exc) from None
        self._pending.clear()
        self._notify()
        return self._memory

    def replace(self, results: LearnerResults) -> LearnerResults:
        """Make ``results`` the current results (e.g. an uploaded file) and save them."""
        snapshot = copy.deepcopy(results)

        def become(current: LearnerResults) -> None:
            for field in dataclasses.fields(current):
                setattr(current, field.name, copy.deepcopy(getattr(snapshot, field.name)))

        self._pending.clear()  # replaced: earlier unsaved changes no longer apply
        return self.update(become)

    def keep_copy(self, label: str) -> Path | None:
        """Keep the file as it is now as ``NAME.label-DATE.json`` beside it, never over another file.

        Returns the copy's path; None when there is no file to keep (none yet,
        results in memory, read-only store). :class:`SaveError` when the copy
        cannot be made.
        """
        if self.target is None or self.readonly:
            return None
        try:
            with self._locked():
                return keep_copy(self.target, label)
        except OSError as exc:
            raise SaveError(
                self._file,
                f"copie de sauvegarde impossible ({os_error_text(exc)})\u00a0: rien n'a été remplacé",
                self._memory,
            ) from None

    # --- inside ---------------------------------------------------------------------

    # The file as named (for messages), as resolved (links followed: read, locked, written), and its lock: the
    # steps that read or write run only when the store has a file.
    @property
    def _file(self) -> Path:
        return _with_file(self.path)

    @property
    def _real(self) -> Path:
        return _with_file(self.target)

    @property
    def _file_lock(self) -> ResultsLock:
        return _with_file(self._lock)

    def _open(self) -> None:
        try:
            self._refresh()
        except OSError as exc:
            raise refusal(self._file, f"lecture impossible ({os_error_text(exc)})") from None
        except Unreadable as exc:
            self._open_unreadable(exc.error)
        if not self.readonly and (why := unwritable(self._real)):
            self._read_only(why)

    def _open_unreadable(self, error: ContentError) -> None:
        why = "ouvert en lecture seule"
        if not self.readonly:
            try:
                with self._locked():
                    self._sync_locked()
                return
            except OSError as exc:
                why = os_error_text(exc)
        self.readonly = True
        self.notice = (
            f"Le fichier {self.path} n'a pas pu être lu ({error.problems[0].message}) et n'a pas "
            f"pu être mis de côté ({why})\u00a0: il n'a pas été modifié. Vos résultats restent dans cette "
            "page\u00a0: téléchargez-les avec le bouton «\u00a0Télécharger mes résultats\u00a0» avant de la fermer."
        )

    def _read_only(self, why: str) -> None:
        self.readonly = True
        self.notice = (
            f"Vos résultats ne pourront pas être enregistrés dans {self.path} ({why})\u00a0: ils restent "
            "dans cette page. Téléchargez-les avec le bouton «\u00a0Télécharger mes résultats\u00a0» avant de la "
            "fermer, ou choisissez un autre chemin (variable d'environnement ISGRILLE_RESULTS)."
        )

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self._real.parent.mkdir(parents=True, exist_ok=True)
        with self._file_lock:
            remove_stale_temps(self._real)
            yield

    def _sync_locked(self) -> None:
        """Under the lock: bring memory up to date with the file; set aside an unreadable kit file."""
        try:
            self._refresh()
        except Unreadable as exc:
            aside = set_aside(self._real)
            self._seen = None
            if aside is not None:
                self.notice = (
                    f"Le fichier {self.path} n'a pas pu être lu ({exc.error.problems[0].message})\u202f; "
                    f"il a été conservé sous le nom {aside.name}."
                )

    def _refresh(self) -> None:
        """Re-read the file if it changed since last seen; unsaved changes are replayed on it."""
        results, self._seen = read_if_changed(self._real, self.grid, self._seen, self.path)
        if results is not None:
            for change in self._pending:
                change(results)
            self._memory = results

    def _write_locked(self) -> None:
        _stamp_and_write(self._real, self._memory, self.grid)
        self._seen = signature(self._real.stat())

    def _save_error(self, exc: OSError | ContentError) -> SaveError:
        if isinstance(exc, SaveError):
            return exc
        if isinstance(exc, OSError):
            why = (
                f"fichier occupé par un autre carnet depuis plus de {self._file_lock.timeout:g} secondes"
                if isinstance(exc, LockBusy)
                else os_error_text(exc)
            )
            message = f"vos résultats n'ont pas pu être enregistrés ({why})\u202f; {_KEPT}\u00a0: {DOWNLOAD}"
        else:
            message = f"{exc.problems[0].message}\u202f; {_KEPT}\u00a0: {DOWNLOAD}"
        return SaveError(self._file, message, self._memory)

    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener(self._memory)
