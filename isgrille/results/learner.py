"""A learner's results: everything they entered about their project, as plain data.

:class:`LearnerResults` is what the screens change and what the results file
holds (see :mod:`.file_format` for the file and its versions, :mod:`.store`
for how it is saved). It turns itself into the file's text and back, checking
ratings against the grid in use; :class:`LevelReader` reads their level
labels in linear time, for the cohort's CSV too (:mod:`isgrille.analysis.cohort`).

>>> from isgrille import load_grid
>>> grid = load_grid()
>>> results = LearnerResults(project="Ma recyclerie")
>>> results.rate("caractere_collectif", 1)
>>> LearnerResults.from_json(results.to_json(grid), grid).assessment().ratings
{'caractere_collectif': 1}
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from ..content.errors import ContentError, Problem, format_field
from ..content.limits import shorten
from ..content.model import NOT_RATED, Assessment, Grid, fold_label

__all__ = ["SELF", "UNKNOWN", "LearnerResults", "LevelReader", "unknown_level_text"]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

#: The assessor of a learner's own assessment.
SELF = "autoévaluation"


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

    @property
    def saved_date(self) -> str:
        """The day of the last save (``YYYY-MM-DD``), or "" when ``saved_at`` holds no date."""
        day = self.saved_at[:10]
        return day if _ISO_DATE.fullmatch(day) else ""

    def assessment(self, assessor: str = SELF) -> Assessment:
        """The assessment by ``assessor`` (empty when they rated nothing yet)."""
        return Assessment(self.project or "Mon projet", dict(self.assessments.get(assessor, {})), assessor)

    def rate(self, criterion_id: str, level: int | None, assessor: str = SELF) -> None:
        """Record a rating (a level index, or None for « non renseigné »)."""
        self.assessments.setdefault(assessor, {})[criterion_id] = level

    def to_json(self, grid: Grid) -> str:
        """The results file's text (format version 1), ratings written as level labels.

        It can always be saved as UTF-8: a lone surrogate (half of a character,
        which a text box can send) is written as U+FFFD « � ».
        """
        import json

        from ..content.sources import without_surrogates
        from .file_format import FORMAT, VERSION

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
        return without_surrogates(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"

    @classmethod
    def from_json(
        cls,
        text: str,
        grid: Grid,
        source: str | Path = "<résultats>",
        *,
        foreign_grid: Callable[[str], str] | None = None,
    ) -> LearnerResults:
        """Read a results file's text, checked against ``grid``; ContentError otherwise.

        At most ``MAX_PROBLEMS`` unknown criteria or levels are described (then
        how many more there are); each rating costs a dictionary lookup or two.
        Lone surrogates in the text become U+FFFD. With ``foreign_grid``, a file
        of another grid than ``grid`` is refused before its ratings are read,
        with the message ``foreign_grid(its grid id)``.
        """
        from ..content.limits import MAX_PROBLEMS
        from ..content.validation import validate_document
        from .document import read_document
        from .file_format import VERSION, ResultsFile

        doc = read_document(text, source)
        version = doc.data.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            raise ContentError.single(
                source,
                f"fichier de résultats en version {version}, plus récente que ce kit (attendu\u00a0: {VERSION})\u00a0: "
                "mettez le kit à jour",
                field="version",
                line=doc.line_of(("version",)),
            )
        model = validate_document(ResultsFile, doc)
        if foreign_grid is not None and model.grid != grid.id:
            raise ContentError.single(source, foreign_grid(model.grid), field="grid", line=doc.line_of(("grid",)))
        known = {criterion.id: criterion for criterion in grid.criteria}
        level = LevelReader.of(grid)
        problems: list[Problem] = []
        more = 0
        assessments: dict[str, dict[str, int | None]] = {}
        for i, entry in enumerate(model.assessments):
            ratings: dict[str, int | None] = {}
            for criterion_id, label in entry.ratings.items():
                message = None
                if criterion_id not in known:
                    message = f"critère '{shorten(criterion_id)}' inconnu (attendu\u00a0: {', '.join(known)})"
                elif label is None:
                    ratings[criterion_id] = None
                elif (found := level(label)) != UNKNOWN:
                    ratings[criterion_id] = found
                else:
                    message = unknown_level_text(grid, label)
                if message is not None and len(problems) < MAX_PROBLEMS:
                    where = ("assessments", i, "ratings", criterion_id)
                    problems.append(Problem(str(source), message, line=doc.line_of(where), field=format_field(where)))
                elif message is not None:
                    more += 1
            assessments[entry.assessor] = ratings
        if problems:
            raise ContentError(problems, more)
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


#: What a :class:`LevelReader` gives for a label that is no level of the grid.
UNKNOWN = -1
_UNSEEN = object()


class LevelReader:
    """``grid.level_index`` for a file's many labels: the same answers, ``UNKNOWN`` for no level, in linear time.

    ``Grid.level_index`` folds every level at each call and raises; here each
    level is folded once, and each distinct label once (a cohort repeats a few
    labels many times; a hostile file holds as many different ones). Used by
    the results file and the cohort's CSV.

    >>> from isgrille import load_grid
    >>> level = LevelReader(load_grid())
    >>> level(" intermediaire "), level(""), level("non renseigné"), level("Très fort")
    (2, None, None, -1)
    >>> level.many(["Fort", "FAIBLE"])
    [3, 1]
    """

    def __init__(self, grid: Grid):
        self._levels: dict[str, int | None] = {}
        for index, label in enumerate(grid.levels):
            self._levels.setdefault(fold_label(label), index)
        self._levels[""] = self._levels[fold_label(NOT_RATED)] = None  # checked first by Grid.level_index
        self._seen: dict[str, int | None] = {}

    @staticmethod
    def of(grid: Grid) -> LevelReader:
        """The reader of ``grid``'s levels, shared (with what it has seen) by every file read with them."""
        return _shared_reader(tuple(grid.levels))

    def __call__(self, label: str) -> int | None:
        found = self._seen.get(label, _UNSEEN)
        if found is _UNSEEN:
            found = self._levels.get(_fold(label), UNKNOWN)
            if len(self._seen) < 10_000:  # real files repeat a few labels; a hostile one must not fill the memory
                self._seen[label] = found
        return cast("int | None", found)  # what _seen or _levels holds

    def many(self, labels: Sequence[str]) -> list[int | None]:
        """The level of each label: lookups in C for labels seen before, one folding of them all for others."""
        seen = list(map(self._seen.get, labels, itertools.repeat(_UNSEEN)))
        if _UNSEEN not in seen:
            return cast("list[int | None]", seen)
        # Folding works a character at a time and NUL is a starter: "\0".join, fold, split is folding each.
        folded = _fold("\0".join(map(str.strip, labels))).split("\0")
        if len(folded) != len(labels):  # a label holding NUL
            return [self(label) for label in labels]
        found: list[int | None] = list(map(self._levels.get, folded, itertools.repeat(UNKNOWN)))
        if len(self._seen) < 10_000:
            self._seen.update(zip(labels, found, strict=True))
        return found


@functools.lru_cache(maxsize=16)
def _shared_reader(levels: tuple[str, ...]) -> LevelReader:
    return LevelReader(Grid(levels, ()))


def unknown_level_text(grid: Grid, label: str) -> str:
    """What ``Grid.level_index`` says of a label that is no level, the label shortened."""
    expected = f"{', '.join(grid.levels)} ou vide pour «\u00a0{NOT_RATED}\u00a0»"
    return f"niveau '{shorten(label.strip())}' inconnu (attendu\u00a0: {expected})"


def _fold(text: str) -> str:
    """``model.fold_label``, mostly in C: trimmed, case-folded, NFKD, combining marks removed."""
    text = text.strip().casefold()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    if _ASTRAL.search(text):  # beyond the BMP, the plain way (rare)
        return "".join(char for char in text if not unicodedata.combining(char))
    return _bmp_marks().sub("", text)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@functools.cache
def _bmp_marks() -> re.Pattern[str]:
    """The BMP's combining marks (every code point below U+10000 with a combining class), as ranges."""
    marks = {code for code in range(0x10000) if unicodedata.combining(chr(code))}
    starts = sorted(code for code in marks if code - 1 not in marks)
    ends = sorted(code for code in marks if code + 1 not in marks)
    ranges = "".join(f"{re.escape(chr(start))}-{re.escape(chr(end))}" for start, end in zip(starts, ends, strict=True))
    return re.compile(f"[{ranges}]")
