"""A learner's results: what they entered, and how it is saved and read back.

:class:`LearnerResults` holds a learner's work on one project (see
:mod:`isgrille.results_file` for the file format). :class:`ResultsStore`
keeps it in a JSON file: every change is read–modify–write, so two notebooks
open at once (``01`` saving quiz answers, ``02`` saving ratings) never undo
each other's work, and every write is atomic, so a failed save never destroys
the previous file. A file that cannot be read is never overwritten: it is set
aside under a new name and the learner is told where.

>>> from isgrille import load_grid
>>> grid = load_grid()
>>> results = LearnerResults(project="Ma recyclerie")
>>> results.rate("caractere_collectif", 1)
>>> LearnerResults.from_json(results.to_json(grid), grid).assessment().ratings
{'caractere_collectif': 1}
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from .errors import ContentError, Problem, format_field
from .model import Assessment, Grid

__all__ = [
    "SELF",
    "LearnerResults",
    "ResultsStore",
    "default_results_path",
    "read_results",
    "save_results",
    "results_data_uri",
    "collect_results",
]

#: The assessor of a learner's own assessment.
SELF = "autoévaluation"


def default_results_path() -> Path:
    """Where a learner's results are saved: ``$ISGRILLE_RESULTS``, else ``resultats/mes_resultats.json``."""
    return Path(os.environ.get("ISGRILLE_RESULTS") or Path("resultats") / "mes_resultats.json")


@dataclass
class LearnerResults:
    """Everything a learner entered about their project (mutable, plain data)."""

    project: str = ""
    learner: str = ""
    stage: str | None = None
    quiz: dict[str, str] = field(default_factory=dict)
    innovation_dimensions: list[str] = field(default_factory=list)
    assessments: dict[str, dict[str, int | None]] = field(default_factory=dict)
    axes: dict[str, str] = field(default_factory=dict)
    pitch: dict[str, str] = field(default_factory=dict)
    exchange: dict[str, str] = field(default_factory=dict)
    grid_id: str = "grid"
    saved_at: str = ""

    def assessment(self, assessor: str = SELF) -> Assessment:
        """The assessment by ``assessor`` (empty when they rated nothing yet)."""
        return Assessment(self.project or "Mon projet", dict(self.assessments.get(assessor, {})), assessor)

    def rate(self, criterion_id: str, level: int | None, assessor: str = SELF) -> None:
        """Record a rating (a level index, or None for « non renseigné »)."""
        self.assessments.setdefault(assessor, {})[criterion_id] = level

    def to_json(self, grid: Grid) -> str:
        """The results file's text (format version 1), ratings written as level labels."""
        import json

        from .results_file import FORMAT, VERSION

        data = {
            "format": FORMAT,
            "version": VERSION,
            "saved_at": self.saved_at,
            "grid": grid.id,
            "project": {"name": self.project, "learner": self.learner, "stage": self.stage},
            "quiz": self.quiz,
            "innovation_dimensions": self.innovation_dimensions,
            "assessments": [
                {
                    "assessor": assessor,
                    "ratings": {cid: None if lvl is None else grid.levels[lvl] for cid, lvl in ratings.items()},
                }
                for assessor, ratings in self.assessments.items()
            ],
            "axes": self.axes,
            "pitch": self.pitch,
            "exchange": self.exchange,
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str, grid: Grid, source: str | Path = "<résultats>") -> "LearnerResults":
        """Read a results file's text, checked against ``grid``; ContentError otherwise."""
        from .results_file import VERSION, ResultsFile
        from .sources import parse_json
        from .validation import validate_document

        doc = parse_json(text, source)
        version = doc.data.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            raise ContentError.single(
                source,
                f"fichier de résultats en version {version}, plus récente que ce kit (attendu : {VERSION}) : "
                "mettez le kit à jour",
                field="version", line=doc.line_of(("version",)),
            )
        model = validate_document(ResultsFile, doc)
        problems = []
        assessments: dict[str, dict[str, int | None]] = {}
        for i, entry in enumerate(model.assessments):
            ratings: dict[str, int | None] = {}
            for criterion_id, label in entry.ratings.items():
                where = ("assessments", i, "ratings", criterion_id)
                try:
                    grid.criterion(criterion_id)
                    ratings[criterion_id] = None if label is None else grid.level_index(label)
                except (KeyError, ValueError) as exc:
                    problems.append(
                        Problem(str(source), str(exc.args[0]), line=doc.line_of(where), field=format_field(where))
                    )
            assessments[entry.assessor] = ratings
        if problems:
            raise ContentError(problems)
        return cls(
            project=model.project.name,
            learner=model.project.learner,
            stage=model.project.stage,
            quiz=dict(model.quiz),
            innovation_dimensions=list(model.innovation_dimensions),
            assessments=assessments,
            axes=dict(model.axes),
            pitch=dict(model.pitch),
            exchange=dict(model.exchange),
            grid_id=model.grid,
            saved_at=model.saved_at,
        )


def read_results(path: str | Path, grid: Grid | None = None) -> LearnerResults:
    """Read a results file, checked against ``grid`` (default: the AMI grid)."""
    from .loading import load_grid
    from .sources import read_text

    return LearnerResults.from_json(read_text(path), grid if grid is not None else load_grid(), path)


def save_results(results: LearnerResults, path: str | Path, grid: Grid) -> Path:
    """Save atomically (the previous file survives any failure); stamps ``saved_at``."""
    from .saving import write_atomic

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
