"""Benchmark of hostile inputs: every file the kit reads is bounded (issue 8).

Each case builds one broken, huge, deep or strange file in a temporary folder
and runs ``python -m isgrille validate FILE`` on it in a fresh child process,
interleaved round after round with the shipped ``results_fictional.json``
(the reference: a normal file, validated the same way). For each case the
script prints the exit code, the median time, the time over the reference,
the peak memory of the child (``ru_maxrss`` from ``os.wait4``, per child),
whether a traceback appeared and the first line of the error output.

Goal per case: the exit code expected (1 for a refused file, 0 for a strange
but valid one), under 2 s, under 300 MB, under 64 kB of messages (the
``err kB`` column: at most MAX_PROBLEMS + 1 bounded lines), no ``Traceback``.
Each child is capped (address space, ``--memory-cap``) and killed after
``--timeout`` seconds, so that the script stays safe to run on a shared
machine even against a kit that does not bound its inputs. The files are
built by another process, since a child's peak memory counts its parent's.

    python bench/bench_hostile.py [--rounds 3] [--timeout 30] [--memory-cap 2000]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "data" / "examples" / "results_fictional.json"
GOAL_SECONDS, GOAL_MB, GOAL_ERR = 2.0, 300, 64_000  # seconds, MB, characters on stderr


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + "\n"


def results(**fields) -> dict:
    data = {"format": "isgrille-results", "version": 1, "grid": "ami_is_nouvelle_aquitaine"}
    return {**data, **fields}


def unknown_ids(count: int) -> str:
    ratings = ",\n".join(f'"inconnu_{i}": "Faible"' for i in range(count))
    return json.dumps(results())[:-1] + ', "assessments": [{"assessor": "a", "ratings": {' + ratings + "}}]}"


def cohort_text() -> str:
    return (ROOT / "data" / "examples" / "cohort_fictional.csv").read_text(encoding="utf-8")


def big_cell() -> str:
    header, first, *rest = cohort_text().splitlines()
    cells = first.split(",")
    cells[0] = '"' + "Projet, très long " * 11_000 + '"'
    return "\n".join([header, ",".join(cells), *rest]) + "\n"


def cohort_rows(count: int, cells) -> str:
    """A cohort with the shipped header and ``count`` rows whose twelve level cells are ``cells(n)``."""
    header = cohort_text().splitlines()[0]
    return header + "\n" + "".join(f"Projet {n},autoévaluation,{','.join(cells(n))}\n" for n in range(count))


#: name -> (file name, content builder (str or bytes; None for special files), expected exit code)
CASES = {
    "billion laughs (489 B)": ("laughs.yaml", billion_laughs, 1),
    "recursive anchor": ("recursive.yaml", lambda: "kind: grid\nlevels: &a [*a]\n", 1),
    "990-level JSON (2 kB)": ("deep.json", lambda: "[" * 990 + "]" * 990, 1),
    "CR-only CSV": ("cr.csv", lambda: cohort_text().replace("\n", "\r"), 0),
    "200 kB cell CSV": ("cell.csv", big_cell, 0),
    "CSV 100k valid rows (12 MB)": (
        "rows.csv",
        lambda: cohort_rows(99_999, lambda n: ["Intermédiaire", "faible", "FORT", ""] * 3),
        0,
    ),
    "CSV 100k rows, all cells differ": (
        "cells.csv",
        lambda: cohort_rows(99_999, lambda n: [f"é{n}_{k}" for k in range(12)]),
        1,
    ),
    "CSV 10M cells in its header (20 MB)": ("header.csv", lambda: "a," * 9_999_999 + "a\n", 1),
    "CSV 9M short lines": ("lines.csv", lambda: cohort_text().splitlines()[0] + "\n" + "a\n" * 9_000_000, 1),
    "1e6 unknown ids (28 MB)": ("ids_1e6.json", lambda: unknown_ids(1_000_000), 1),
    "unknown ids at the limit": ("ids.json", lambda: unknown_ids(49_990), 1),
    "990k wrong values (2 MB)": (
        "values.json",
        lambda: json.dumps(results(innovation_dimensions=[0] * 990_000), separators=(",", ":")),
        1,
    ),
    "100k wrong values (key and value)": (
        "values_100k.json",
        lambda: json.dumps(results(quiz={f"Q{i}": 0 for i in range(49_990)})),
        1,
    ),
    "100k YAML numbers (at the bound)": ("numbers.yaml", lambda: "kind: grid\nlevels: [" + "0," * 99_990 + "0]\n", 1),
    "990k YAML values (2 MB)": ("values.yaml", lambda: "kind: grid\nlevels: [" + "0," * 990_000 + "0]\n", 1),
    "50 MB YAML list": ("list.yaml", lambda: "- élément de liste\n" * 2_650_000, 1),
    "/dev/zero": ("/dev/zero", None, 1),
    "FIFO": ("fifo.yaml", None, 1),
    "10 MB grid id": ("id_10mb.json", lambda: json.dumps(results(grid="X" * 10_000_000)), 1),
    "1.9 MB grid id": ("id_2mb.json", lambda: json.dumps(results(grid="X" * 1_900_000)), 1),
    "NUL character": ("nul.yaml", lambda: "kind: grid\ntitle: a\x00b\n", 1),
    "lone surrogate": ("surrogate.json", lambda: json.dumps(results(project={"name": "\ud800"})), 0),
    "unreadable (chmod 0)": ("denied.yaml", lambda: "kind: grid\n", 1),  # root reads it all the same
    "reference": (str(REFERENCE), None, 0),
}


def build(folder: Path) -> dict[str, Path]:
    paths = {}
    for name, (file_name, content, _) in CASES.items():
        path = folder / file_name
        if file_name == "fifo.yaml":
            os.mkfifo(path)
        elif content is not None:
            text = content()
            path.write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
        if file_name == "denied.yaml":
            path.chmod(0)
        paths[name] = path
    return paths


@dataclass
class Run:
    code: int | None  # None: killed after the timeout
    seconds: float
    peak_mb: float
    stderr: str


#: ``python -m isgrille validate FILE`` with its address space capped first.
CHILD = (
    "import resource, runpy, sys; cap = int(sys.argv.pop(1)) * 2**20; "
    "resource.setrlimit(resource.RLIMIT_AS, (cap, cap)); sys.argv[0] = 'isgrille'; "
    "runpy.run_module('isgrille', run_name='__main__', alter_sys=True)"
)


def run_once(path: Path, timeout: float, cap_mb: int, workdir: Path) -> Run:
    err = workdir / "stderr.txt"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with err.open("wb") as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(cap_mb), "validate", str(path)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        code, usage = None, None
        while time.perf_counter() - start < timeout:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                code = os.waitstatus_to_exitcode(status)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        if code is None:
            child.kill()
            _, _, usage = os.wait4(child.pid, 0)
        child.returncode = code if code is not None else -9  # reaped here: Popen must not wait again
    return Run(code, seconds, usage.ru_maxrss / 1024, err.read_text(encoding="utf-8", errors="replace"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a child is killed")
    parser.add_argument("--memory-cap", type=int, default=2000, help="address space of a child, in MB")
    parser.add_argument("--build", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build(Path(args.build))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # Built by another process: a child's peak memory counts its parent's at the time it starts,
        # so this process keeps small.
        subprocess.run([sys.executable, __file__, "--build", tmp], check=True)
        paths = {name: folder / file_name for name, (file_name, _, _) in CASES.items()}
        runs: dict[str, list[Run]] = {name: [] for name in CASES}
        for _ in range(args.rounds):
            for name, path in paths.items():
                runs[name].append(run_once(path, args.timeout, args.memory_cap, folder))
        (folder / "denied.yaml").chmod(0o600)
    reference = statistics.median(r.seconds for r in runs["reference"])
    print(
        f"{args.rounds} interleaved rounds, fresh interpreter each; median seconds; "
        f"reference = validating {REFERENCE.name} ({reference:.2f} s)"
    )
    print(
        f"{'case':<34}{'exit':>5}{'s':>7}{'-ref':>7}{'/ref':>6}{'MB':>7}{'err kB':>8}{'tb':>4}  {'goal':<5} "
        "first line of stderr"
    )
    failed = 0
    for name, (_, _, expected) in CASES.items():
        last = runs[name][-1]
        seconds = statistics.median(r.seconds for r in runs[name])
        peak = max(r.peak_mb for r in runs[name])
        traceback = any("Traceback" in r.stderr for r in runs[name])
        ok = (
            all(r.code == expected for r in runs[name])
            and seconds < GOAL_SECONDS
            and peak < GOAL_MB
            and not traceback
            and all(len(r.stderr) < GOAL_ERR for r in runs[name])
        )
        failed += not ok
        code = "kill" if last.code is None else str(last.code)
        first = (last.stderr.splitlines() or [""])[0]
        print(
            f"{name:<34}{code:>5}{seconds:>7.2f}{seconds - reference:>+7.2f}{seconds / reference:>6.1f}{peak:>7.0f}"
            f"{len(last.stderr) / 1000:>8.1f}{'yes' if traceback else 'no':>4}  {'ok' if ok else 'MISS':<5} {first[:100]}"
        )
    print(
        f"goal: exit as expected, < {GOAL_SECONDS:g} s, < {GOAL_MB} MB, < {GOAL_ERR // 1000} kB of messages, "
        f"no traceback — "
        f"{len(CASES) - failed} of {len(CASES)} cases meet it"
    )


if __name__ == "__main__":
    main()
