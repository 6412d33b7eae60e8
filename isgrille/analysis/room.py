"""The live room computed: which files to read, whether they changed, who joined, the votes, the gaps.

A room is a folder holding one folder per visitor, ``<room>/<visitor id>/mes_resultats.json``
(the id ASCII ``[a-z0-9]{8,32}``); outside a room the trainer names a folder of
learners' files (JupyterHub homes collected, files uploaded from Binder).
:class:`RoomReader` reads them into a :class:`~.tidy.Cohort` with
:func:`~.tidy.load_cohort`, and only when a file came, went or changed (its
size, time or inode): an unchanged room costs one listing and a ``stat`` per
file. Reading 30 visitors' files takes a few milliseconds: a file-by-file
cache would save nothing worth its complexity (see ``bench/bench_room_view.py``).

The rest works on the cohort read, one row per **file** (two visitors naming
their projects alike stay two projects): :func:`visitors` (who joined, how much
they rated and answered), :func:`room_matrix` (projects × criteria),
:func:`vote_tallies` (the votes per statement), :func:`assessment_gaps` (two
assessments of a project, the criteria where they differ most first).

>>> from isgrille.content.model import Assessment, Criterion, Dimension, Grid
>>> criteria = (Criterion("a", "A", ("", "")), Criterion("b", "B", ("", "")))
>>> grid = Grid(("Bas", "Haut"), (Dimension("d", "D", criteria),))
>>> [(g.label, g.gap) for g in assessment_gaps(grid, Assessment("P", {"a": 0, "b": 1}), Assessment("P", {"a": 1, "b": 1}))]
[('A', 1), ('B', 0)]
"""

from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.errors import ContentError, Problem, os_error_text
from ..content.limits import MAX_BYTES, size_label
from ..content.model import Assessment, Grid, Quiz
from ..results.learner import SELF
from ..results.room_state import FOLDER_ID, RESULTS_NAME as ROOM_RESULTS_NAME
from .quiz_tally import answer_counts, quiz_misses
from .tidy import Cohort, ProjectRecord, class_files, load_cohort

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "MAX_UPLOADS",
    "RESULTS_NAME",
    "VISITOR_ID",
    "Gap",
    "RoomReader",
    "RoomSnapshot",
    "Visitor",
    "VoteTally",
    "assessment_gaps",
    "folder_files",
    "most_missed",
    "project_labels",
    "ratings_key",
    "room_files",
    "room_matrix",
    "save_upload",
    "visitors",
    "vote_tallies",
]

#: A visitor's folder name in the room (derived from their login cookie, never typed), and their results file.
VISITOR_ID, RESULTS_NAME = FOLDER_ID, ROOM_RESULTS_NAME
#: Most files a trainer may upload into one view (each at most ``MAX_BYTES["results"]``).
MAX_UPLOADS = 200
_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")

Signature = tuple[tuple[str, int, int, int], ...]


def room_files(room: str | Path) -> tuple[list[Path], list[Problem]]:
    """The visitors' results files of a room folder, sorted; a missing room is a problem, not an error.

    Only ``<room>/<visitor id>/mes_resultats.json`` counts: other names, links
    and hidden entries (``.secret``) are ignored.
    """
    room = Path(room)
    try:
        entries = sorted(os.scandir(room), key=lambda entry: entry.name)
    except FileNotFoundError:
        return [], [Problem(str(room), "dossier de la salle introuvable (personne n'a encore rejoint la salle\u202f?)")]
    except OSError as exc:
        return [], [Problem(str(room), f"dossier de la salle illisible ({os_error_text(exc)})")]
    files = []
    for entry in entries:
        if VISITOR_ID.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
            path = Path(entry.path) / RESULTS_NAME
            try:
                if stat.S_ISREG(os.lstat(path).st_mode):
                    files.append(path)
            except OSError:
                continue  # a visitor who has not saved anything yet
    return files, []


def folder_files(folder: str | Path) -> tuple[list[Path], list[Problem]]:
    """The results files and cohort tables under a folder the trainer named (as :func:`load_cohort` finds them)."""
    try:
        found = class_files(Path(folder))
    except ContentError as exc:
        return [], list(exc.problems)
    return list(found.paths), list(found.problems)


def _signature(files: Sequence[Path]) -> Signature:
    """What tells a file changed: its path, size, modification time and inode (a save replaces the file)."""
    marks = []
    for path in files:
        try:
            info = path.stat()
        except OSError:
            marks.append((str(path), -1, -1, -1))
            continue
        marks.append((str(path), info.st_size, info.st_mtime_ns, info.st_ino))
    return tuple(marks)


@dataclass(frozen=True, eq=False)
class RoomSnapshot:
    """A reading of the room: the cohort, the files read, the problems of listing them, when, how long it took."""

    cohort: Cohort
    files: tuple[Path, ...]
    problems: tuple[Problem, ...]
    read_at: float
    seconds: float

    @property
    def all_problems(self) -> tuple[Problem, ...]:
        """The listing's problems and the files refused."""
        return self.problems + tuple(self.cohort.problems)


class RoomReader:
    """Reads a room (``room=True``: the visitors' folders) or folders of learners' files, when they changed.

    ``sources`` may grow (e.g. a folder of uploads added). :meth:`read` returns
    a new :class:`RoomSnapshot` when a file came, went or changed since the
    last reading (or ``force``), else None.
    """

    def __init__(self, sources: Sequence[str | Path], grid: Grid, quiz: Quiz, *, room: bool = False):
        self.sources = [Path(source) for source in sources]
        self.grid, self.quiz, self.room = grid, quiz, room
        self.last: RoomSnapshot | None = None
        self._seen: tuple[Signature, tuple[str, ...]] | None = None

    def listing(self) -> tuple[list[Path], list[Problem]]:
        """The files to read now and the problems of listing them."""
        files: list[Path] = []
        problems: list[Problem] = []
        for source in self.sources:
            found, refused = room_files(source) if self.room else folder_files(source)
            files += [path for path in found if path not in files]
            problems += refused
        return files, problems

    def read(self, force: bool = False) -> RoomSnapshot | None:
        """The room read again if anything changed (or ``force``), else None."""
        start = time.perf_counter()
        files, problems = self.listing()
        seen = (_signature(files), tuple(str(p) for p in problems))
        if not force and self.last is not None and seen == self._seen:
            return None
        cohort = load_cohort(*files, grid=self.grid, quiz=self.quiz)
        self._seen = seen
        self.last = RoomSnapshot(cohort, tuple(files), tuple(problems), time.time(), time.perf_counter() - start)
        return self.last


@dataclass(frozen=True)
class Visitor:
    """One project of the room: its label (unique in the room), project, learner, what it rated and answered."""

    label: str
    project: str
    learner: str
    rated: int
    criteria: int
    answered: int
    assessors: tuple[str, ...]
    source: str


def project_labels(records: Sequence[ProjectRecord]) -> list[str]:
    """Each project's name, numbered when several files name the same project (« Recyclerie (2) »)."""
    seen: dict[str, int] = {}
    labels = []
    for record in records:
        seen[record.project] = seen.get(record.project, 0) + 1
        labels.append(record.project if seen[record.project] == 1 else f"{record.project} ({seen[record.project]})")
    return labels


def _rated(assessment: Assessment | None, grid: Grid) -> int:
    if assessment is None:
        return 0
    return sum(assessment.ratings.get(criterion.id) is not None for criterion in grid.criteria)


def _self(record: ProjectRecord) -> Assessment | None:
    """The project's latest self-assessment, else its first assessment."""
    own = [a for a in record.assessments if a.assessor == SELF]
    return own[-1] if own else (record.assessments[0] if record.assessments else None)


def visitors(cohort: Cohort) -> list[Visitor]:
    """Who joined: one :class:`Visitor` per project read, criteria rated in its self-assessment, quiz answers."""
    answered: dict[str, int] = {}
    if len(cohort.quiz):
        answered = {str(source): int(n) for source, n in cohort.quiz["source"].value_counts().items()}
    return [
        Visitor(
            label,
            record.project,
            record.learner,
            _rated(_self(record), cohort.grid),
            len(cohort.grid.criteria),
            int(answered.get(record.source, 0)),
            tuple(dict.fromkeys(a.assessor for a in record.assessments if _rated(a, cohort.grid))),
            record.source,
        )
        for label, record in zip(project_labels(cohort.projects), cohort.projects, strict=True)
    ]


def ratings_key(cohort: Cohort) -> tuple[tuple[str, str, str, tuple[tuple[str, int | None], ...]], ...]:
    """Every rating of the room, as a value that changes when any rating does (not when a quiz answer does)."""
    return tuple(
        (record.source, a.assessor, a.date, tuple(sorted(a.ratings.items(), key=lambda kv: kv[0])))
        for record in cohort.projects
        for a in record.assessments
    )


def room_matrix(cohort: Cohort) -> list[tuple[str, list[int | None]]]:
    """Projects × criteria (grid order): each project's self-assessment levels (None: not rated)."""
    criteria = [criterion.id for criterion in cohort.grid.criteria]
    rows = []
    for label, record in zip(project_labels(cohort.projects), cohort.projects, strict=True):
        own = _self(record)
        rows.append((label, [own.ratings.get(c) if own is not None else None for c in criteria]))
    return rows


@dataclass(frozen=True)
class VoteTally:
    """One statement's votes: its text, how many chose each choice, answered, missed, the answer, its explanation."""

    statement: str
    text: str
    counts: dict[str, int]
    answered: int
    missed: int
    answer: str
    explanation: str


def vote_tallies(answers: pandas.DataFrame, quiz: Quiz) -> list[VoteTally]:
    """The room's votes per statement (quiz order), from a cohort's quiz frame."""
    counts = answer_counts(answers, quiz).to_dict("index")
    misses = quiz_misses(answers, quiz).set_index("statement").to_dict("index")
    return [
        VoteTally(
            item.id,
            item.statement,
            {choice: int(counts[item.id][choice]) for choice in quiz.choices},
            int(misses[item.id]["answered"]),
            int(misses[item.id]["missed"]),
            item.answer,
            item.explanation,
        )
        for item in quiz.items
    ]


def most_missed(tallies: Sequence[VoteTally]) -> list[VoteTally]:
    """The statements answered at least once, most missed (in proportion) first; ties in quiz order."""
    answered = [tally for tally in tallies if tally.answered]
    return sorted(answered, key=lambda t: (-t.missed / t.answered, -t.missed))


@dataclass(frozen=True)
class Gap:
    """A criterion in two assessments: their levels (None: not rated) and ``gap`` = second − first (None)."""

    criterion: str
    label: str
    first: str | None
    second: str | None
    gap: int | None


def assessment_gaps(grid: Grid, first: Assessment, second: Assessment) -> list[Gap]:
    """Every criterion, the largest gap first (then grid order); criteria not comparable last."""
    gaps = []
    for criterion in grid.criteria:
        a, b = first.ratings.get(criterion.id), second.ratings.get(criterion.id)
        gaps.append(
            Gap(
                criterion.id,
                criterion.label,
                None if a is None else grid.levels[a],
                None if b is None else grid.levels[b],
                None if a is None or b is None else b - a,
            )
        )
    return sorted(gaps, key=lambda g: (g.gap is None, -abs(g.gap or 0)))


def save_upload(folder: str | Path, name: str, content: bytes, taken: int = 0) -> Path:
    """Keep an uploaded results file in ``folder`` under a safe, new name; ValueError in French when refused.

    Refused: more than ``MAX_UPLOADS`` files (``taken`` already kept), more
    than ``MAX_BYTES["results"]``, not a ``.json``. What it holds is checked
    when the room is read (a bad file is listed, not fatal).
    """
    limit = MAX_BYTES["results"]
    if taken >= MAX_UPLOADS:
        raise ValueError(f"{name}\u00a0: non ajouté, {MAX_UPLOADS} fichiers au plus par séance")
    if len(content) > limit:
        raise ValueError(
            f"{name}\u00a0: non ajouté, trop volumineux ({size_label(len(content))}\u202f; au plus "
            f"{size_label(limit)}) pour être un fichier de résultats du kit"
        )
    if not name.lower().endswith(".json"):
        raise ValueError(f"{name}\u00a0: non ajouté (attendu\u00a0: un fichier de résultats .json)")
    folder = Path(folder)
    stem = _SAFE.sub("_", Path(name).stem).strip("._-")[:60] or "resultats"
    number = 1
    while True:
        path = folder / f"{number:03d}_{stem}.json"
        try:
            with path.open("xb") as handle:
                handle.write(content)
            return path
        except FileExistsError:
            number += 1
