"""Where a learner's results live: a JSON file, saved on every change.

:class:`ResultsStore` keeps a :class:`~.learner.LearnerResults` in a file:
every change is read–modify–write, so two notebooks open at once (``01``
saving quiz answers, ``02`` saving ratings) never undo each other's work, and
every write is atomic (:mod:`.atomic`), so a failed save never destroys the
previous file. A file that cannot be read is never overwritten: it is set
aside under a new name and the learner is told where.
"""

from __future__ import annotations

import base64
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from ..content.errors import ContentError
from ..content.model import Grid
from .learner import LearnerResults

__all__ = [
    "ResultsStore",
    "default_results_path",
    "read_results",
    "save_results",
    "results_data_uri",
]


def default_results_path() -> Path:
    """Where a learner's results are saved: ``$ISGRILLE_RESULTS``, else ``resultats/mes_resultats.json``."""
    return Path(os.environ.get("ISGRILLE_RESULTS") or Path("resultats") / "mes_resultats.json")


def read_results(path: str | Path, grid: Grid | None = None) -> LearnerResults:
    """Read a results file, checked against ``grid`` (default: the AMI grid)."""
    from ..content.loading import load_grid
    from ..content.sources import read_text

    return LearnerResults.from_json(read_text(path), grid if grid is not None else load_grid(), path)


def save_results(results: LearnerResults, path: str | Path, grid: Grid) -> Path:
    """Save atomically (the previous file survives any failure); stamps ``saved_at``."""
    from .atomic import write_atomic

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    results.saved_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return write_atomic(path, results.to_json(grid))


def results_data_uri(results: LearnerResults, grid: Grid) -> str:
    """A ``data:`` URI of the results file, for a download link that needs no server."""
    payload = base64.b64encode(results.to_json(grid).encode("utf-8")).decode("ascii")
    return f"data:application/json;base64,{payload}"


class ResultsStore:
    """A learner's results kept in a file (or in memory when ``path`` is None).

    ``notice`` is a sentence for the learner when something was set aside on
    opening (an unreadable file), else empty. Screens that show results saved
    by other screens (a download link, a project name) :meth:`subscribe` to
    hear of every save.
    """

    def __init__(self, grid: Grid, path: str | Path | None = None):
        self.grid = grid
        self.path = Path(path) if path is not None else None
        self.notice = ""
        self._memory = LearnerResults(grid_id=grid.id)
        self._listeners: list[Callable[[LearnerResults], None]] = []
        self.load()

    def subscribe(self, listener: Callable[[LearnerResults], None]) -> None:
        """Call ``listener(results)`` after every change made through this store."""
        self._listeners.append(listener)

    def load(self) -> LearnerResults:
        """The current results: re-read from the file, which another notebook may have changed.

        A file that cannot be read is renamed ``NAME.illisible-DATE.json``
        (never overwritten) and ``notice`` says so; work goes on from memory.
        """
        if self.path is not None and self.path.exists():
            try:
                self._memory = read_results(self.path, self.grid)
            except ContentError as exc:
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                aside = self.path.with_name(f"{self.path.stem}.illisible-{stamp}{self.path.suffix}")
                self.path.replace(aside)
                self.notice = (
                    f"Le fichier {self.path} n'a pas pu être lu ({exc.problems[0].message}) ; "
                    f"il a été conservé sous le nom {aside.name}."
                )
        return self._memory

    def update(self, change: Callable[[LearnerResults], None]) -> LearnerResults:
        """Apply ``change`` to the current results, save, and return them."""
        results = self.load()
        change(results)
        return self.replace(results)

    def replace(self, results: LearnerResults) -> LearnerResults:
        """Make ``results`` the current results (e.g. an uploaded file) and save them."""
        self._memory = results
        if self.path is not None:
            save_results(results, self.path, self.grid)
        for listener in list(self._listeners):
            listener(results)
        return results
