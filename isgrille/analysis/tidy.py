"""One tidy cohort from every source: learners' results files, folders of them, cohort tables.

:func:`load_cohort` reads what a trainer gathered — results files
(``*.json``), folders holding them (searched by the rules of
:mod:`isgrille.results.collect`: no pipe, no link out of the folder, the
store's dated copies and hidden folders such as ``.ipynb_checkpoints`` left
out; cohort tables inside are read too) and cohort
tables (``.csv``, ``.xlsx``, read by :func:`~.cohort.load_assessments`) — and
gives one :class:`Cohort`: the tidy ratings frame (:func:`ratings_frame`),
the quiz frame, one :class:`ProjectRecord` per project, and the problems of
the sources it could not read, each naming its file. A bad source never
stops the rest, and a results file of another grid than the batch's is
refused by name rather than read as unknown criteria.

The frames are built column by column — per-assessment values repeated,
per-criterion values tiled, levels as codes — never a dict per row: 100,000
assessments of 12 criteria are 1.2 million rows. pandas is imported only
when a frame is made (see :mod:`.frames`).

>>> from isgrille.analysis.cohort import default_cohort_path
>>> from isgrille.content.loading import data_dir
>>> cohort = load_cohort(default_cohort_path(), data_dir() / "examples" / "results_fictional.json")
>>> print(cohort.summary())
Lot lu avec la grille «\u00a0Grille de caractérisation de l'AMI Innovation sociale\u00a0»\u00a0: 2 fichiers lus.
6 projets, 10 évaluations, 1 apprenant nommé.
3 réponses au quiz.
>>> cohort.ratings.shape, cohort.quiz.shape
((120, 10), (3, 6))
"""

from __future__ import annotations

import functools
import gc
import operator
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..content.errors import ContentError, Problem, os_error_text
from ..content.model import Assessment, Grid, Quiz
from ..content.typography import french_count
from ..results.collect import ClassFiles, find_class_files, problems_of
from ..results.learner import LearnerResults
from ..results.store import read_results
from .cohort import load_assessments
from .frames import quiz_frame, ratings_frame

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["ACCEPTED", "SUFFIXES", "Cohort", "ProjectRecord", "load_cohort", "ratings_frame"]

T = TypeVar("T")

#: The kinds of files a batch reads: a learner's results, a cohort's table.
RESULTS, TABLES = ".json", (".csv", ".xlsx")
SUFFIXES = frozenset((RESULTS, *TABLES))
#: What a source may be, for messages.
ACCEPTED = (
    "attendu\u00a0: un fichier .json (résultats d'un apprenant), .csv ou .xlsx (tableau d'une cohorte), "
    "ou un dossier qui en contient"
)


@dataclass(frozen=True)
class ProjectRecord:
    """One project of the batch, for its profile card: who, when, from which file, its assessments and texts.

    A results file is one project; the rows of cohort tables naming the same
    project are one project (``learner`` empty, no axes, pitch or exchange),
    joined to the learner's file of that name when there is exactly one;
    ``date`` is the latest of its assessments'.
    """

    project: str
    learner: str
    date: str
    source: str
    assessments: tuple[Assessment, ...]
    axes: dict[str, str] = field(default_factory=dict)
    pitch: dict[str, str] = field(default_factory=dict)
    exchange: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class Cohort:
    """A batch read: the grid, the ratings and quiz frames, the projects, the problems of the sources refused.

    ``ratings``: one row per (assessment, criterion) — columns ``source,
    project, learner, assessor, date, dimension, criterion, criterion_label,
    level, level_index`` (``level`` an ordered categorical of the grid's
    levels, NaN for « non renseigné »; ``level_index`` nullable ``Int64``, 0
    the lowest). ``quiz``: one row per answered statement known to the quiz —
    ``source, project, learner, statement, answer, correct``.
    ``sources_read``: the files read without a problem.
    """

    grid: Grid
    ratings: pandas.DataFrame
    quiz: pandas.DataFrame
    problems: tuple[Problem, ...]
    projects: tuple[ProjectRecord, ...]
    sources_read: int

    def summary(self) -> str:
        """A few French lines for the trainer: files read, projects, assessments, learners, quiz answers, refusals."""
        assessments = sum(len(record.assessments) for record in self.projects)
        learners = len({record.learner for record in self.projects if record.learner})
        lines = [
            (
                f"Lot lu avec la grille «\u00a0{self.grid.title or self.grid.id}\u00a0»\u00a0: "
                f"{_count(self.sources_read, 'fichier lu', 'fichiers lus')}."
            ),
            (
                f"{_count(len(self.projects), 'projet')}, {_count(assessments, 'évaluation')}, "
                f"{_count(learners, 'apprenant nommé', 'apprenants nommés')}."
            ),
            f"{_count(len(self.quiz), 'réponse')} au quiz.",
        ]
        refused = len({problem.path for problem in self.problems})
        if refused:
            lines.append(
                f"{_count(refused, 'source écartée', 'sources écartées')} "
                f"({_count(len(self.problems), 'problème')} ci-dessous)."
            )
        return "\n".join(lines)


def _count(number: int, one: str, many: str | None = None) -> str:
    """``1 projet``, ``0 projet``, ``12 345 projets`` (French: singular below 2, narrow space in thousands)."""
    word = one if number < 2 else many or f"{one}s"
    return f"{french_count(number)} {word}"


def load_cohort(
    *sources: str | Path,
    grid: Grid | None = None,
    progress: Callable[[Iterable[Path]], Iterable[Path]] | None = None,
    quiz: Quiz | None = None,
) -> Cohort:
    """Read every source — results files, folders of them, cohort tables — into one :class:`Cohort`.

    ``grid`` defaults to the AMI grid, ``quiz`` (for the answers' ``correct``)
    to the shipped quiz. ``progress`` wraps the iteration over the files to
    read (e.g. a progress bar). Never raises for a bad source: each is listed
    in ``Cohort.problems`` with its reason, in French, naming the file.
    """
    from ..content.loading import load_grid

    grid = grid if grid is not None else load_grid()
    files, problems = _files(sources)
    batch = _Batch(grid, quiz)

    def foreign(found: str) -> str:
        return (
            f"fichier d'une autre grille (identifiant «\u00a0{found}\u00a0»)\u202f; le lot est lu avec la grille "
            f"«\u00a0{grid.title or grid.id}\u00a0» (option --grid pour en choisir une autre)"
        )

    with _collections_paused():
        for path in progress(files) if progress is not None else files:
            try:
                if path.suffix.lower() == RESULTS:
                    batch.add_results(path, read_results(path, grid, foreign_grid=foreign))
                else:
                    batch.add_table(path, load_assessments(path, grid))
            except Exception as exc:  # noqa: BLE001 — one file, whatever it holds, never stops the batch
                problems.extend(problems_of(path, exc))
        return batch.cohort(tuple(problems))


@contextmanager
def _collections_paused() -> Iterator[None]:
    """Python's cycle collector paused while a batch is read, as it was after.

    A batch builds hundreds of thousands of small objects that all stay alive
    (assessments, their ratings): the collector would walk them all again and
    again for no garbage, and took 40 % of the time of a 100,000-row table.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _files(sources: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The files to read (each once, in order: folders' files sorted) and the problems of the sources refused."""
    files: dict[Path, None] = {}
    problems: list[Problem] = []
    for source in sources:
        path = Path(source)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            problems.append(Problem(str(path), f"fichier ou dossier introuvable ({ACCEPTED})"))
            continue
        except OSError as exc:
            problems.append(Problem(str(path), f"fichier ou dossier illisible ({os_error_text(exc)})"))
            continue
        if stat.S_ISDIR(mode):
            try:
                found = class_files(path)
            except ContentError as exc:
                problems.extend(exc.problems)
                continue
            problems.extend(found.problems)
            files.update(dict.fromkeys(found.paths))
            if not found.paths and not found.problems:
                problems.append(
                    Problem(
                        str(path),
                        "dossier sans fichier de résultats ni tableau de cohorte "
                        "(attendu\u00a0: des fichiers .json, .csv ou .xlsx)",
                    )
                )
        elif path.suffix.lower() in SUFFIXES:
            files[path] = None
        else:
            kind = f"«\u00a0{path.suffix}\u00a0»" if path.suffix else "sans extension"
            problems.append(Problem(str(path), f"type de fichier inconnu, {kind} ({ACCEPTED})"))
    return list(files), problems


class _Batch:
    """What the files read so far give: assessments with their source and learner, quiz answers, projects."""

    def __init__(self, grid: Grid, quiz: Quiz | None):
        self.grid, self._quiz = grid, quiz
        self.assessments: list[Assessment] = []
        self.sources: list[str] = []
        self.learners: list[str] = []
        self.quiz: dict[str, list[str]] = {name: [] for name in ("source", "project", "learner", "statement", "answer")}
        self.projects: list[ProjectRecord] = []
        self.read = 0

    def add_results(self, path: Path, results: LearnerResults) -> None:
        """One learner's file: one project, an assessment by each assessor, the quiz answers the quiz knows."""
        source, project, learner = str(path), results.assessment().project, results.learner
        date = results.saved_date
        assessments = tuple(
            Assessment(project, ratings, assessor, date) for assessor, ratings in results.assessments.items()
        )
        self._add(source, learner, assessments)
        self.projects.append(
            ProjectRecord(
                project,
                learner,
                date,
                source,
                assessments,
                dict(results.axes),
                dict(results.pitch),
                dict(results.exchange),
            )
        )
        known = [(statement, answer) for statement, answer in results.quiz.items() if statement in self.answers]
        if not known:
            return
        for name, value in (("source", source), ("project", project), ("learner", learner)):
            self.quiz[name] += [value] * len(known)
        self.quiz["statement"] += [statement for statement, _ in known]
        self.quiz["answer"] += [answer for _, answer in known]

    def add_table(self, path: Path, assessments: tuple[Assessment, ...]) -> None:
        """A cohort's table: the rows naming one project are one project."""
        source = str(path)
        self._add(source, "", assessments)
        by_project = _grouped(assessments, operator.attrgetter("project"))
        self.projects += [
            ProjectRecord(project, "", max(a.date for a in found), source, tuple(found))
            for project, found in by_project.items()
        ]

    @functools.cached_property
    def answers(self) -> dict[str, str]:
        """The quiz's expected answers by statement (the shipped quiz read on first need)."""
        from ..content.loading import load_quiz

        return {item.id: item.answer for item in (self._quiz if self._quiz is not None else load_quiz()).items}

    def _add(self, source: str, learner: str, assessments: tuple[Assessment, ...]) -> None:
        self.assessments += assessments
        self.sources += [source] * len(assessments)
        self.learners += [learner] * len(assessments)
        self.read += 1

    def cohort(self, problems: tuple[Problem, ...]) -> Cohort:
        ratings = ratings_frame(self.assessments, self.grid, source=self.sources, learner=self.learners)
        quiz = quiz_frame(
            **self.quiz,
            correct=[
                self.answers[statement] == answer
                for statement, answer in zip(self.quiz["statement"], self.quiz["answer"], strict=True)
            ],
        )
        return Cohort(self.grid, ratings, quiz, problems, _joined(self.projects), self.read)


def _joined(records: list[ProjectRecord]) -> tuple[ProjectRecord, ...]:
    """One record per project name: a table's rows join the learner's file of that name (its texts kept).
    Two learners' files naming one project stay two (and its table rows, a third): nothing tells whose they are."""
    by_name = _grouped(records, operator.attrgetter("project"))
    joined = []
    for group in by_name.values():
        if len(group) == 1:  # most projects: one file, or one table's rows, kept as they are
            joined.append(group[0])
            continue
        files = [record for record in group if record.source.endswith(RESULTS)]
        parts = (
            [group]
            if len(files) <= 1
            else [[record] for record in files] + [[record for record in group if not record.source.endswith(RESULTS)]]
        )
        for part in filter(None, parts):
            base = (files if len(files) == 1 else part)[0]
            joined.append(
                replace(
                    base,
                    date=max(record.date for record in part),
                    assessments=tuple(a for record in part for a in record.assessments),
                )
            )
    return tuple(joined)


def class_files(folder: Path) -> ClassFiles:
    """The results files and tables below ``folder`` by ``collect``'s rules; no hidden folder, no Excel ``~$`` lock."""
    found = find_class_files(folder, "**/*", SUFFIXES, hidden=False)
    return replace(found, paths=[path for path in found.paths if not path.name.startswith("~$")])


def _grouped(items: Iterable[T], key: Callable[[T], str]) -> dict[str, list[T]]:
    """``items`` in lists by ``key``, in order of first appearance (one dictionary lookup an item)."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups
