"""Everything a notebook needs, in one call: the content and the learner's results store.

The grid is the shipped AMI grid unless ``grid_path`` or ``$ISGRILLE_GRID``
names another: a grid file, or a grid shipped with the kit by its id or short
name (``questions_cles``, ``ami``: see ``content.loading.grid_source``); a
name that is neither, or a file that cannot be read, raises ContentError (in
French), which the notebooks show plainly (``widgets.welcome.shown_plainly``).

>>> kit = open_kit(results_path=None)
>>> len(kit.grid.criteria), len(kit.quiz.items), kit.store.path is None
(12, 7, True)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.errors import ContentError
from ..content.loading import (
    data_dir,
    default_path,
    grid_source,
    load_concepts,
    load_grid,
    load_quiz,
    load_workshop,
    shipped_grids,
)
from ..content.model import Grid, Quiz
from ..results.store import ResultsStore, default_results_path, read_results

if TYPE_CHECKING:  # pragma: no cover
    from ..content.concepts_file import Concepts
    from ..content.workshop_file import Workshop

__all__ = ["DEFAULT", "GRID_ENV", "Kit", "class_sources", "example_results_path", "grid_path_from_env", "open_kit"]

#: Marker for "the default results file" (``default_results_path()``).
DEFAULT = "default"
#: The environment variable naming another grid for the notebooks (a file, or a shipped grid's id or short name).
GRID_ENV = "ISGRILLE_GRID"
#: Id of the grid the fictional example belongs to (its results file says so too).
EXAMPLE_GRID = "ami_is_nouvelle_aquitaine"


@dataclass(frozen=True)
class Kit:
    grid: Grid
    quiz: Quiz
    concepts: Concepts
    workshop: Workshop
    store: ResultsStore
    #: True when ``store`` holds the fictional example instead of the learner's (empty) results.
    is_example: bool = False
    #: The grid file in use when it is not the workshop's AMI grid (``grid_path`` or ``$ISGRILLE_GRID``), else None.
    grid_path: Path | None = None


def open_kit(
    results_path: str | Path | None = DEFAULT,
    grid_path: str | Path | None = None,
    example_if_empty: bool = False,
) -> Kit:
    """Load the content and open the learner's results.

    ``results_path``: a file, ``DEFAULT`` (``$ISGRILLE_RESULTS`` or
    ``resultats/mes_resultats.json``) or None to keep results in memory only.
    In a kernel started by the room (``$ISGRILLE_ROOM``), ``DEFAULT`` is the
    visitor's own file, ``<room>/<visitor id>/mes_resultats.json``, found from
    their login cookie (``delivery.room_visitor``); without a valid cookie the
    results are kept in memory and ``kit.store.notice`` says so.
    With ``example_if_empty``, a learner who has rated nothing yet sees the
    fictional example project instead, held in memory: their own file is
    left untouched. The example belongs to the AMI grid: with another grid
    there is none, the learner's empty results are shown and
    ``kit.store.notice`` says why.

    ``grid_path``: a grid file, or a shipped grid's id or short name
    (``questions_cles``, ``ami``); None means ``$ISGRILLE_GRID`` when it is
    set (and not empty), else the shipped AMI grid. A name that is no file
    and no shipped grid raises ContentError listing the shipped names; a grid
    file that cannot be read, ContentError naming the file, the place and
    what was expected.

    Opening never fails on the results file: when it cannot be written the
    store is read-only, and when the path is a folder or a file the kit did
    not write (left untouched) the results are kept in memory; either way
    ``kit.store.notice`` says so in French and the session panel shows it.
    """
    grid_path = grid_path_from_env() if grid_path is None else grid_source(grid_path)
    grid = load_grid(grid_path)
    room_notice = ""
    if results_path == DEFAULT and (seat := _room_seat()) is not None:  # a visitor of the room: their own file
        path, room_notice = seat.path, seat.notice
    else:
        path = default_results_path() if results_path == DEFAULT else results_path
    store = _open_store(grid, path)
    if room_notice:
        store.notice = " ".join(filter(None, [store.notice, room_notice]))
    wants_example = example_if_empty and not any(store.load().assessments.values())
    is_example = wants_example and grid.id == EXAMPLE_GRID
    if is_example:
        notice, store = store.notice, ResultsStore(grid)
        store.replace(read_results(example_results_path(), grid))
        store.notice = notice
    elif wants_example:
        store.notice = " ".join(
            filter(
                None,
                [
                    store.notice,
                    (
                        f"Vous n'avez pas encore évalué votre projet, et le projet fictif d'exemple n'existe que pour la "
                        f"grille de l'AMI Innovation sociale, pas pour la grille «\u00a0{grid.title or grid.id}\u00a0»\u00a0: "
                        "évaluez votre projet dans la séquence 2, puis revenez ici."
                    ),
                ],
            )
        )
    return Kit(grid, load_quiz(), load_concepts(), load_workshop(), store, is_example, _other_grid(grid_path))


def _room_seat():
    """The visitor's seat when this kernel was started by the room (``$ISGRILLE_ROOM``), else None."""
    from .room_visitor import ROOM_ENV, room_seat

    return room_seat() if os.environ.get(ROOM_ENV) else None


def _other_grid(grid_path: str | Path | None) -> Path | None:
    """``grid_path`` as a Path, or None when it is the shipped grid file."""
    if grid_path is None:
        return None
    path = Path(grid_path)
    try:
        shipped = path.resolve() == default_path("grid").resolve()  # the workshop's own grid (its pack's)
    except (OSError, RuntimeError, ContentError):
        shipped = False
    return None if shipped else path


def grid_path_from_env() -> Path | None:
    """The grid file named by ``$ISGRILLE_GRID`` (a path, or a shipped grid's id or short name).

    None when the variable is unset or empty; ContentError in French when it
    names neither a file nor a shipped grid.
    """
    value = os.environ.get(GRID_ENV, "").strip()
    return grid_source(value) if value else None


def _open_store(grid: Grid, path: str | Path | None) -> ResultsStore:
    """The learner's store; in memory, with a notice, when the path is not a results file of the kit."""
    try:
        return ResultsStore(grid, path)
    except ContentError as exc:
        store = ResultsStore(grid)
        store.notice = (
            f"{exc}. Vos résultats sont gardés dans cette page seulement\u00a0: téléchargez-les avec "
            "le bouton «\u00a0Télécharger mes résultats\u00a0» avant de la fermer."
        )
        return store


def example_results_path() -> Path:
    """The shipped results of the fictional example project."""
    return data_dir() / "examples" / "results_fictional.json"


def class_sources(grid: Grid) -> list[Path]:
    """The shipped fictional class assessed with ``grid``, for ``06_analyse`` and the examples of ``cohort``.

    ``data/examples/classe_fictive`` (six learners' results files and the
    trainer's follow-up table) for the AMI grid, ``data/examples/<grid id>/``
    for another shipped grid; none for a grid of one's own.
    """
    examples = data_dir() / "examples"
    if grid.id == EXAMPLE_GRID:
        return [examples / "classe_fictive"]
    if grid.id in shipped_grids() and (examples / grid.id).is_dir():
        return [examples / grid.id]
    return []
