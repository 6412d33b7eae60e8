"""Everything a notebook needs, in one call: the content and the learner's results store.

>>> kit = open_kit(results_path=None)
>>> len(kit.grid.criteria), len(kit.quiz.items), kit.store.path is None
(12, 7, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.errors import ContentError
from ..content.loading import data_dir, load_concepts, load_grid, load_quiz, load_workshop
from ..content.model import Grid, Quiz
from ..results.store import ResultsStore, default_results_path, read_results

if TYPE_CHECKING:  # pragma: no cover
    from ..content.concepts_file import Concepts
    from ..content.workshop_file import Workshop

__all__ = ["Kit", "open_kit", "example_results_path", "DEFAULT"]

#: Marker for "the default results file" (``default_results_path()``).
DEFAULT = "default"


@dataclass(frozen=True)
class Kit:
    grid: Grid
    quiz: Quiz
    concepts: "Concepts"
    workshop: "Workshop"
    store: ResultsStore
    #: True when ``store`` holds the fictional example instead of the learner's (empty) results.
    is_example: bool = False


def open_kit(
    results_path: str | Path | None = DEFAULT,
    grid_path: str | Path | None = None,
    example_if_empty: bool = False,
) -> Kit:
    """Load the content and open the learner's results.

    ``results_path``: a file, ``DEFAULT`` (``$ISGRILLE_RESULTS`` or
    ``resultats/mes_resultats.json``) or None to keep results in memory only.
    With ``example_if_empty``, a learner who has rated nothing yet sees the
    fictional example project instead, held in memory: their own file is
    left untouched.

    Opening never fails on the results file: when it cannot be written the
    store is read-only, and when the path is a folder or a file the kit did
    not write (left untouched) the results are kept in memory; either way
    ``kit.store.notice`` says so in French and the session panel shows it.
    """
    grid = load_grid(grid_path)
    path = default_results_path() if results_path == DEFAULT else results_path
    store = _open_store(grid, path)
    is_example = example_if_empty and not any(store.load().assessments.values())
    if is_example:
        notice, store = store.notice, ResultsStore(grid)
        store.replace(read_results(example_results_path(), grid))
        store.notice = notice
    return Kit(grid, load_quiz(), load_concepts(), load_workshop(), store, is_example)


def _open_store(grid: Grid, path: str | Path | None) -> ResultsStore:
    """The learner's store; in memory, with a notice, when the path is not a results file of the kit."""
    try:
        return ResultsStore(grid, path)
    except ContentError as exc:
        store = ResultsStore(grid)
        store.notice = (f"{exc}. Vos résultats sont gardés dans cette page seulement : téléchargez-les avec "
                        "le lien « Télécharger mes résultats » avant de la fermer.")
        return store


def example_results_path() -> Path:
    """The shipped results of the fictional example project."""
    return data_dir() / "examples" / "results_fictional.json"
