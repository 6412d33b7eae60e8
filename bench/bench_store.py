"""Benchmark of the results store: one locked save, alone and under four writers, against a plain write.

A learner's keystroke is one ``ResultsStore.update``: take the file's lock,
check the file's identity (re-read it only if another notebook changed it),
clear stale temporary files, turn the results into JSON text, write
atomically. This script times that save side by side with a plain, unlocked
``write_atomic`` of the same text (already made), in interleaved rounds so a
shared machine's noise falls on both alike:

- alone, with a typical results file (< 1 kB) and with a large one (1.8 MB,
  near the 2 MB bound of an uploaded file);
- with several writer processes saving different fields of one file at once
  (four notebooks of one learner), started together; it also counts the
  updates lost, and does the same with an unlocked read–modify–write (the
  store before the lock) for contrast.

Goals (issue 8): one save alone ≤ 5 ms (median); 0 updates lost with 4
writers × 200 updates.

    python bench/bench_store.py [--rounds 200] [--writers 4] [--updates 200] [--batches 2]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def percentiles(values: list[float]) -> tuple[float, float]:
    """Median and 90th percentile, in ms."""
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


# --- alone ---------------------------------------------------------------------------


def alone(rounds: int, folder: Path, large: bool) -> dict[str, list[float]]:
    from isgrille import LearnerResults, ResultsStore, load_grid
    from isgrille.results.atomic import write_atomic

    grid = load_grid()
    store = ResultsStore(grid, folder / "mes_resultats.json")
    start = LearnerResults(project="Ma recyclerie", quiz={"publics_fragiles": "FAUX"})
    start.rate("caractere_collectif", 1)
    if large:
        start.pitch = {"a": "é" * 900_000}
    store.replace(start)
    plain = folder / "plain.json"
    times: dict[str, list[float]] = {"locked update": [], "plain write": []}
    for k in range(rounds):
        times["locked update"].append(timed(lambda k=k: store.update(lambda r: r.pitch.__setitem__("b", str(k)))))
        text = store.load().to_json(grid)
        times["plain write"].append(timed(lambda text=text: write_atomic(plain, text)))
    return times


# --- several writers -----------------------------------------------------------------


def worker(mode: str, path: str, name: str, count: int, sync: str) -> None:
    """One writer process: ``count`` updates of its own fields; prints its timings (ms) as JSON."""
    from isgrille import ContentError, LearnerResults, ResultsStore, load_grid
    from isgrille.results.atomic import write_atomic
    from isgrille.results.store import read_results

    grid = load_grid()
    store = ResultsStore(grid, path)
    Path(sync, f"ready-{name}").touch()
    while not Path(sync, "go").exists():
        time.sleep(0.001)
    times = []
    for k in range(count):
        if mode == "locked":
            times.append(timed(lambda k=k: store.update(lambda r: r.pitch.__setitem__(f"{name}-{k}", "x"))))
        else:  # the store before the lock: read, change, write

            def unlocked(k: int = k) -> None:
                try:
                    results = read_results(path, grid)
                except ContentError:  # no file yet (the first writer), or one that cannot be read
                    results = LearnerResults()
                results.pitch[f"{name}-{k}"] = "x"
                write_atomic(path, results.to_json(grid))

            times.append(timed(unlocked))
    print(json.dumps(times))


def concurrent(mode: str, writers: int, updates: int, folder: Path) -> tuple[list[float], int]:
    """Run ``writers`` processes at once; their timings and the number of updates lost."""
    from isgrille import load_grid
    from isgrille.results.store import read_results

    path, sync = folder / "mes_resultats.json", folder / "sync"
    sync.mkdir()
    names = [f"w{i}" for i in range(writers)]
    processes = [
        subprocess.Popen(
            [sys.executable, __file__, "--worker", mode, str(path), name, str(updates), str(sync)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    deadline = time.monotonic() + 120
    while not all((sync / f"ready-{n}").exists() for n in names):
        if time.monotonic() > deadline or any(p.poll() is not None for p in processes):
            raise SystemExit("a writer did not start")
        time.sleep(0.005)
    (sync / "go").touch()
    times: list[float] = []
    for process in processes:
        out, _ = process.communicate(timeout=600)
        if process.returncode:
            raise SystemExit(f"a writer failed ({process.returncode})")
        times.extend(json.loads(out))
    saved = read_results(path, load_grid()).pitch
    return times, writers * updates - len(saved)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="saves per case, alone")
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--updates", type=int, default=200, help="updates per writer")
    parser.add_argument("--batches", type=int, default=2, help="interleaved runs of the concurrent cases")
    parser.add_argument("--worker", nargs=5, metavar=("MODE", "PATH", "NAME", "COUNT", "SYNC"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        mode, path, name, count, sync = args.worker
        worker(mode, path, name, int(count), sync)
        return
    print(f"one save, alone: {args.rounds} interleaved rounds, ms")
    print(f"{'case':<28}{'median':>9}{'p90':>9}{'ratio':>8}")
    medians = {}
    for large in (False, True):
        with tempfile.TemporaryDirectory() as folder:
            times = alone(args.rounds, Path(folder), large)
        base = percentiles(times["plain write"])[0]
        for case, values in times.items():
            median, p90 = percentiles(values)
            medians[(large, case)] = median
            label = f"{case} ({'1.8 MB' if large else '< 1 kB'})"
            print(f"{label:<28}{median:>9.2f}{p90:>9.2f}{median / base:>8.2f}")
    print()
    print(
        f"{args.writers} writers x {args.updates} updates of one file, {args.batches} interleaved batches, ms per save"
    )
    print(f"{'case':<28}{'median':>9}{'p90':>9}{'lost':>8}")
    runs: dict[str, tuple[list[float], list[int]]] = {"locked update": ([], []), "unlocked read-write": ([], [])}
    for _ in range(args.batches):
        for case, mode in (("locked update", "locked"), ("unlocked read-write", "unlocked")):
            with tempfile.TemporaryDirectory() as folder:
                times, lost = concurrent(mode, args.writers, args.updates, Path(folder))
            runs[case][0].extend(times)
            runs[case][1].append(lost)
    for case, (times, lost) in runs.items():
        median, p90 = percentiles(times)
        print(
            f"{case:<28}{median:>9.2f}{p90:>9.2f}{max(lost):>8}  (per batch: {lost}, of {args.writers * args.updates})"
        )
    print()
    alone_median = medians[(False, "locked update")]
    print(f"one locked save alone: {alone_median:.2f} ms median (goal ≤ 5 ms): {'OK' if alone_median <= 5 else 'OVER'}")
    lost = max(runs["locked update"][1])
    print(f"updates lost with the lock: {lost} (goal 0): {'OK' if lost == 0 else 'LOST'}")


if __name__ == "__main__":
    main()
