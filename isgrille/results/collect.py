"""The trainer's collection of a class's results files (e.g. from JupyterHub homes).

One bad file never hides the rest of the class: readable files come back by
path, the others as problems naming each file.
"""

from __future__ import annotations

from pathlib import Path

from ..content.errors import ContentError, Problem
from ..content.model import Grid
from .learner import LearnerResults
from .store import read_results

__all__ = ["collect_results"]


def collect_results(
    root: str | Path, grid: Grid, pattern: str = "**/*.json"
) -> tuple[dict[Path, LearnerResults], list[Problem]]:
    """The trainer's collection: every results file under ``root`` (e.g. the learners' homes).

    Returns the readable files' results by path, and the problems of the
    others (one bad file never hides the rest of the class). Files that are
    not results files (another JSON) are reported too, so nothing is
    silently skipped.
    """
    found: dict[Path, LearnerResults] = {}
    problems: list[Problem] = []
    for path in sorted(Path(root).glob(pattern)):
        if not path.is_file() or ".illisible-" in path.name:
            continue
        try:
            found[path] = read_results(path, grid)
        except ContentError as exc:
            problems.extend(exc.problems)
    return found, problems
