"""Benchmark of ``python -m isgrille cohort``: a big class table and a big folder of learners' files.

The issue's goals: ``cohort`` on a 100,000-row CSV and on 10,000 results
files each under 2 s on this machine, and 10× the data costing at most 12×
the time. This script makes, in a temporary folder:

- a French Excel table (Windows-1252, ``;``, French headers, criteria by
  label, loosely typed levels) of 10,000 and of 100,000 assessments;
- 1,000 and 10,000 learners' results files, one per home folder;

and times, interleaved round by round so a shared machine's noise falls on
all alike:

- ``run_cohort`` in one process (the work itself: read, tidy, write the
  tables and draw the charts), for each input;
- the whole command in a fresh process (``python -m isgrille cohort``,
  imports included);
- a reference: pandas reading the same CSV and writing it back
  (``read_csv`` + ``to_csv``), and ``json.loads`` of every results file.

It prints medians, the 10× ratios and the ratios to the reference.

    python bench/bench_cohort.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LOOSE = {"Inexistant": "inexistant", "Faible": " FAIBLE ", "Intermédiaire": "intermediaire", "Fort": "Fort"}


def make_csv(path: Path, rows: int, seed: int = 1) -> Path:
    """A trainer's French Excel export of ``rows`` assessments."""
    from isgrille import load_grid

    grid = load_grid()
    rng = random.Random(seed)
    labels = [LOOSE.get(level, level) for level in grid.levels] + [""]
    lines = [";".join(["Projet", "Évaluateur", "Date"] + [c.label for c in grid.criteria])]
    for i in range(rows):
        cells = [rng.choice(labels) for _ in grid.criteria]
        lines.append(
            ";".join(
                [
                    f"Projet {i} (fictif)",
                    rng.choice(["autoévaluation", "formateur"]),
                    f"{rng.randint(1, 28):02d}/11/2026",
                    *cells,
                ]
            )
        )
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def make_homes(folder: Path, learners: int, seed: int = 2) -> Path:
    """``learners`` home folders, each with its results file."""
    from isgrille import LearnerResults, load_grid, load_quiz

    grid, quiz = load_grid(), load_quiz()
    rng = random.Random(seed)
    for i in range(learners):
        results = LearnerResults(
            project=f"Projet {i} (fictif)", learner=f"Apprenant {i}", saved_at="2026-11-26T10:00:00+00:00"
        )
        results.quiz = {item.id: rng.choice(quiz.choices) for item in quiz.items}
        for criterion in grid.criteria:
            results.rate(criterion.id, rng.choice([None, *range(len(grid.levels))]))
        target = folder / f"apprenant{i:05d}" / "resultats" / "mes_resultats.json"
        target.parent.mkdir(parents=True)
        target.write_text(results.to_json(grid), encoding="utf-8")
    return folder


def in_process(source: Path, out: Path) -> float:
    from isgrille.delivery.batch_cli import run_cohort

    start = time.perf_counter()
    code = run_cohort([source], out)
    elapsed = time.perf_counter() - start
    assert code == 0, f"cohort {source}\u00a0: code {code}"
    return elapsed


def whole_command(source: Path, out: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "isgrille", "cohort", str(source), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    assert done.returncode == 0, done.stderr[-2000:]
    return elapsed


def reference(source: Path, out: Path) -> float:
    """What pandas alone takes to read the same data and write it back."""
    import pandas as pd

    start = time.perf_counter()
    if source.is_dir():
        for path in sorted(source.glob("*/resultats/mes_resultats.json")):
            json.loads(path.read_text(encoding="utf-8"))
    else:
        pd.read_csv(source, sep=";", encoding="cp1252").to_csv(out / "reference.csv", index=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    import contextlib
    import io

    with tempfile.TemporaryDirectory(prefix="bench-cohort-") as tmp:
        tmp = Path(tmp)
        sources = {
            "CSV 10 000 lignes": make_csv(tmp / "cohorte_10k.csv", 10_000),
            "CSV 100 000 lignes": make_csv(tmp / "cohorte_100k.csv", 100_000),
            "1 000 fichiers": make_homes(tmp / "homes_1k", 1_000),
            "10 000 fichiers": make_homes(tmp / "homes_10k", 10_000),
        }
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.rounds):
            for name, source in sources.items():
                out = tmp / "out"
                out.mkdir(exist_ok=True)
                with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                    times.setdefault((name, "run_cohort"), []).append(in_process(source, out))
                times.setdefault((name, "commande"), []).append(whole_command(source, out))
                times.setdefault((name, "référence"), []).append(reference(source, out))
        median = {key: statistics.median(values) for key, values in times.items()}
        print(f"cohort, médianes sur {args.rounds} tours (s)")
        print(f"{'entrée':<22}{'run_cohort':>12}{'commande':>12}{'référence':>12}{'÷ réf.':>9}")
        for name in sources:
            work, command, ref = (median[name, k] for k in ("run_cohort", "commande", "référence"))
            print(f"{name:<22}{work:>12.2f}{command:>12.2f}{ref:>12.2f}{work / ref:>8.1f}×")
        for small, big in (("CSV 10 000 lignes", "CSV 100 000 lignes"), ("1 000 fichiers", "10 000 fichiers")):
            for kind in ("run_cohort", "commande"):
                ratio = median[big, kind] / median[small, kind]
                print(f"10× les données ({small} → {big}), {kind}\u00a0: {ratio:.1f}× le temps (objectif ≤ 12×)")


if __name__ == "__main__":
    main()
