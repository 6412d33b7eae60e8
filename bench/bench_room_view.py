"""Benchmark of the trainer's live room view (``05_salle``): one refresh with 30 projects, vs a bare load_cohort.

The issue's goal: the view's refresh with 30 projects under 1 s. This script
writes a room of 30 visitors (``<room>/<id>/mes_resultats.json``, 12 criteria
rated, the quiz answered) in a temporary folder, opens the view on it
(``open_room``, no automatic refresh) and times, each the median of
``--rounds`` interleaved rounds:

- ``load_cohort`` of the room's 30 files alone (the reference);
- a refresh when nothing changed (the room listed, each file ``stat``-ed);
- a refresh after one visitor answered a quiz statement (file read again,
  votes, map, who joined — the levels chart is not redrawn: no rating changed);
- a refresh after one visitor rated a criterion (the levels chart redrawn too).

    python bench/bench_room_view.py [--rounds 5] [--projects 30]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from isgrille import load_cohort, load_grid, load_quiz  # noqa: E402
from isgrille.delivery.room_view import open_room  # noqa: E402
from isgrille.results.learner import LearnerResults  # noqa: E402


def write_visitor(room: Path, number: int, grid, quiz, rnd: random.Random, extra: int = 0) -> Path:
    results = LearnerResults(project=f"Projet {number}", learner=f"Apprenant {number}", grid_id=grid.id)
    for criterion in grid.criteria:
        results.rate(criterion.id, rnd.randrange(len(grid.levels)))
    for item in quiz.items[: len(quiz.items) - 1 + (extra % 2)]:
        results.quiz[item.id] = rnd.choice(quiz.choices)
    path = room / f"visiteur{number:04d}" / "mes_resultats.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(results.to_json(grid), encoding="utf-8")
    return path


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--projects", type=int, default=30)
    args = parser.parse_args()
    grid, quiz, rnd = load_grid(), load_quiz(), random.Random(11)
    with tempfile.TemporaryDirectory(prefix="bench-room-") as folder:
        room = Path(folder) / "salle"
        files = [write_visitor(room, n, grid, quiz, rnd) for n in range(args.projects)]
        start = time.perf_counter()
        view = open_room(
            start=False,
            environ={"ISGRILLE_ROOM": str(room), "ISGRILLE_ROOM_URL": "http://10.0.0.2:8866/?token=abcd2345"},
        )
        opened = time.perf_counter() - start
        times: dict[str, list[float]] = {
            "load_cohort (reference)": [],
            "refresh, nothing changed": [],
            "refresh, a quiz answer": [],
            "refresh, a rating": [],
        }
        for round_ in range(args.rounds):
            times["load_cohort (reference)"].append(timed(lambda: load_cohort(*files, grid=grid, quiz=quiz)))
            times["refresh, nothing changed"].append(timed(lambda: view.refresh()))
            write_visitor(room, 0, grid, quiz, random.Random(5), extra=round_ + 1)  # one more or less answer
            times["refresh, a quiz answer"].append(timed(lambda: view.refresh()))
            write_visitor(room, 1, grid, quiz, random.Random(round_))  # new levels
            times["refresh, a rating"].append(timed(lambda: view.refresh()))
        assert len(view.snapshot.cohort.projects) == args.projects
    reference = statistics.median(times["load_cohort (reference)"])
    print(f"room of {args.projects} projects; open_room (first reading, charts, screens): {opened:.2f} s")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:28s} median {median * 1000:8.1f} ms   ×{median / reference:6.1f} load_cohort")
    worst = max(statistics.median(values) for values in times.values())
    print(f"goal: a refresh under 1 s — worst median {worst:.2f} s: {'met' if worst < 1 else 'NOT met'}")


if __name__ == "__main__":
    main()
