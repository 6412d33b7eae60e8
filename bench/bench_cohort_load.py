"""Benchmark of load_cohort: a cohort table and a class folder of results files, small and 10× larger, vs a reference.

The issue's goals: ``cohort`` on a 100,000-row CSV and on 10,000 results
files each under 2 s on the 2-core machine, and 10× the data in at most 12×
the time. This script generates, in a temporary folder:

- cohort tables of 10,000 and 100,000 rows (12 criteria, English headers,
  half the projects assessed twice), read by ``load_cohort`` (the CSV reader,
  then the tidy frames of 120,000 / 1.2 million rows) and, for reference, by
  ``pandas.read_csv`` of the same file (which checks nothing);
- classes of 1,000 and 10,000 learners' homes (``u00042/resultats/mes_resultats.json``),
  read by ``load_cohort`` on the folder (walk, bounded reads, checks, frames)
  and, for reference, by ``json.loads`` of each file's bytes (the list of
  paths given, no walk, no check).

Each measure is the median of ``--rounds`` interleaved rounds (a shared
machine's noise falls on all alike), as wall time and as this process's CPU
time. ``--cold`` also times a fresh ``python -c "load_cohort(...)"`` process
(interpreter, imports, pandas included), as the command line would run.

    python bench/bench_cohort_load.py [--rounds 3] [--cold]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_table(path: Path, rows: int, grid) -> Path:
    rng = random.Random(rows)
    labels = ["", *grid.levels]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["project", "assessor", *(criterion.id for criterion in grid.criteria)])
        for n in range(rows):
            writer.writerow(
                [
                    f"Projet {n // 2} (fictif)",
                    ("autoévaluation", "formateur")[n % 2],
                    *(rng.choice(labels) for _ in grid.criteria),
                ]
            )
    return path


def make_class(folder: Path, learners: int, grid) -> list[Path]:
    from isgrille.results.learner import LearnerResults

    rng = random.Random(learners)
    paths = []
    for n in range(learners):
        results = LearnerResults(
            project=f"Projet {n} (fictif)",
            learner=f"Apprenant {n}",
            grid_id=grid.id,
            quiz={"publics_fragiles": "FAUX", "tous_secteurs": "VRAI"},
            saved_at="2026-11-26T10:00:00+00:00",
            pitch={"a": "Une recyclerie de quartier."},
        )
        for criterion in grid.criteria:
            results.rate(criterion.id, rng.choice([None, *range(len(grid.levels))]))
        path = folder / f"u{n:05d}" / "resultats" / "mes_resultats.json"
        path.parent.mkdir(parents=True)
        path.write_text(results.to_json(grid), encoding="utf-8")
        paths.append(path)
    return paths


def timed(action) -> tuple[float, float]:
    """(wall, CPU) seconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def cold(source: Path) -> float:
    code = f"from isgrille import load_cohort; c = load_cohort({str(source)!r}); assert not c.problems"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="also time a fresh process per source")
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import pandas as pd

    from isgrille import load_cohort, load_grid

    grid = load_grid()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tables = {size: make_table(folder / f"cohorte_{size}.csv", size, grid) for size in (10_000, 100_000)}
        classes = {size: folder / f"classe_{size}" for size in (1_000, 10_000)}
        paths = {size: make_class(path, size, grid) for size, path in classes.items()}
        cases = {}
        for size, path in tables.items():
            cases[f"CSV {size:,} rows"] = (
                lambda path=path: load_cohort(path, grid=grid),
                lambda path=path: pd.read_csv(path),
                "pandas.read_csv",
            )
        for size, path in classes.items():
            cases[f"{size:,} results files"] = (
                lambda path=path: load_cohort(path, grid=grid),
                lambda size=size: [json.loads(p.read_bytes()) for p in paths[size]],
                "json.loads of each",
            )
        for case in cases.values():  # warm up: imports, caches, the files in the page cache
            case[0](), case[1]()
        measures: dict[str, list[tuple[tuple[float, float], tuple[float, float]]]] = {name: [] for name in cases}
        for _ in range(options.rounds):
            for name, (ours, reference, _) in cases.items():
                measures[name].append((timed(ours), timed(reference)))
        medians = {
            name: [
                statistics.median(values)
                for values in (
                    [m[0][0] for m in found],
                    [m[0][1] for m in found],
                    [m[1][0] for m in found],
                    [m[1][1] for m in found],
                )
            ]
            for name, found in measures.items()
        }
        print(f"{'':22s} {'load_cohort':>12s} {'(CPU)':>8s} {'reference':>10s} {'(CPU)':>8s} {'ratio':>6s}  reference")
        for name, (wall, cpu, ref_wall, ref_cpu) in medians.items():
            print(
                f"{name:22s} {wall:11.3f}s {cpu:7.3f}s {ref_wall:9.3f}s {ref_cpu:7.3f}s {wall / ref_wall:6.1f}  "
                f"{cases[name][2]}"
            )
        names = list(medians)
        for small, large in ((names[0], names[1]), (names[2], names[3])):
            ours = medians[large][0] / medians[small][0]
            reference = medians[large][2] / medians[small][2]
            cpu = medians[large][1] / medians[small][1]
            print(
                f"10× the data ({small} → {large}): load_cohort ×{ours:.1f} (CPU ×{cpu:.1f}), "
                f"reference ×{reference:.1f}; goal ≤ ×12"
            )
        if options.cold:
            for name, source in ((names[1], tables[100_000]), (names[3], classes[10_000])):
                print(f"fresh process, {name}: {cold(source):.2f} s (goal < 2 s)")


if __name__ == "__main__":
    main()
