"""The save status a screen shows beside what the learner types: empty, or why the save failed.

Every screen that saves goes through :meth:`SaveStatus.save`. When the store
cannot write (disk full, read-only folder, file busy), the learner reads the
store's French message right there — with ``role="alert"`` so a screen
reader says it — their text stays on screen, and the screen keeps working
from the results in memory. The message goes as soon as a save succeeds, on
this screen or any other (the store then holds every change on disk).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import ipywidgets as w

from ..content.errors import ContentError
from ..results.learner import LearnerResults
from ..results.store import ResultsStore, SaveError
from .text import escape

__all__ = ["SaveStatus", "save_status"]

T = TypeVar("T")


class SaveStatus(w.HTML):
    """An HTML line, empty while saves succeed; ``save`` and ``replace`` go through the store."""

    def __init__(self, store: ResultsStore):
        super().__init__()
        self.store = store
        store.subscribe(self._heard)

    def save(self, change: Callable[[LearnerResults], None]) -> LearnerResults:
        """``store.update(change)``; on failure show why and return the results kept in memory."""
        return self._through(self.store.update, change)

    def replace(self, results: LearnerResults) -> LearnerResults:
        """``store.replace(results)``; on failure show why and return the results kept in memory."""
        return self._through(self.store.replace, results)

    def _through(self, call: Callable[[T], LearnerResults], argument: T) -> LearnerResults:
        try:
            results = call(argument)
        except SaveError as exc:
            self.show(exc)
            return exc.results
        self.value = ""
        return results

    def show(self, error: ContentError) -> None:
        """Show ``error``'s French message as an alert."""
        self.value = f'<div class="isg-notice" role="alert">{escape(str(error))}</div>'

    def _heard(self, results: LearnerResults) -> None:
        if not self.store.unsaved:
            self.value = ""


def save_status(store: ResultsStore) -> SaveStatus:
    """A save status for a screen that saves in ``store``."""
    return SaveStatus(store)
