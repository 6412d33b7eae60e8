"""A room folder for the tests: a few visitors' results files, as the room server lays them out."""

from __future__ import annotations

from pathlib import Path

from isgrille.content.model import Grid, Quiz
from isgrille.results.learner import LearnerResults

HOSTILE = "<img src=x onerror=alert(1)>"


def visitor(
    room: Path,
    visitor_id: str,
    grid: Grid,
    project: str,
    *,
    learner: str = "",
    rated: int = 0,
    level: int = 0,
    answers: dict[str, str] | None = None,
    trainer: dict[str, int] | None = None,
) -> Path:
    """Write ``<room>/<visitor_id>/mes_resultats.json``: ``rated`` criteria at ``level``, quiz ``answers``."""
    results = LearnerResults(
        project=project,
        learner=learner,
        grid_id=grid.id,
        quiz=dict(answers or {}),
        saved_at="2024-05-02T10:00:00+00:00",
    )
    for criterion in grid.criteria[:rated]:
        results.rate(criterion.id, level)
    for criterion_id, value in (trainer or {}).items():
        results.rate(criterion_id, value, "formateur")
    path = room / visitor_id / "mes_resultats.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(results.to_json(grid), encoding="utf-8")
    return path


def make_room(room: Path, grid: Grid, quiz: Quiz) -> Path:
    """Three visitors (one with a hostile project name, one rated by the trainer too), a broken file, noise."""
    first, second = quiz.items[0], quiz.items[1]
    wrong = next(choice for choice in quiz.choices if choice != first.answer)
    visitor(
        room,
        "aaaaaaaa1",
        grid,
        "Recyclerie",
        learner="Ana",
        rated=3,
        level=1,
        answers={first.id: first.answer, second.id: second.answer},
        trainer={grid.criteria[0].id: len(grid.levels) - 1, grid.criteria[1].id: 1},
    )
    visitor(
        room, "bbbbbbbb2", grid, HOSTILE, learner=HOSTILE, rated=len(grid.criteria), level=0, answers={first.id: wrong}
    )
    visitor(room, "cccccccc3", grid, "Épicerie", answers={first.id: wrong})
    broken = room / "dddddddd4" / "mes_resultats.json"
    broken.parent.mkdir(parents=True)
    broken.write_text('{"format": "isgrille-results", "version": 1, "grid": ', encoding="utf-8")
    (room / ".secret").write_text("00ff", encoding="utf-8")  # the server's, never read
    (room / "NotAVisitor").mkdir()
    (room / "NotAVisitor" / "mes_resultats.json").write_text("{}", encoding="utf-8")
    return room
