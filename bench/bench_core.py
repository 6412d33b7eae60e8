"""Benchmark of the core's start-up costs, measured side by side in one run.

Each case is a fresh interpreter (what a notebook kernel, a script or the
command line pays). The cases are run interleaved, round after round, so that
the noise of a shared machine falls on all of them alike; the script prints
medians, the extra cost over bare ``python -c pass`` and the ratios.

Goals (issue 2): ``import isgrille`` under 300 ms more than bare Python, with
matplotlib, ipywidgets and pandas not imported; ``load_grid()`` plus
``load_quiz()`` under 200 ms more than the import.

    python bench/bench_core.py [--rounds 21]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

CASES = {
    "bare": "pass",
    "import": "import isgrille",
    "load": "import isgrille; isgrille.load_grid(); isgrille.load_quiz()",
    "load_all": (
        "import isgrille; isgrille.load_grid(); isgrille.load_quiz(); "
        "isgrille.load_concepts(); isgrille.load_workshop(); isgrille.load_assessments()"
    ),
}


def run_once(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def heavy_modules_after_import() -> list[str]:
    code = "import isgrille, sys; print(' '.join(sorted(sys.modules)))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return [m for m in ("matplotlib", "ipywidgets", "pandas", "pydantic", "yaml") if m in loaded]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    args = parser.parse_args()
    for code in CASES.values():  # warm the file cache
        run_once(code)
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(args.rounds):
        for name, code in CASES.items():
            times[name].append(run_once(code))
    median = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(f"{args.rounds} interleaved rounds, fresh interpreter each, medians in ms")
    print(f"{'case':<10}{'median':>9}{'vs bare':>10}{'ratio':>8}")
    for name in CASES:
        print(
            f"{name:<10}{median[name]:>9.1f}{median[name] - median['bare']:>+10.1f}{median[name] / median['bare']:>8.2f}"
        )
    extra_import = median["import"] - median["bare"]
    extra_load = median["load"] - median["import"]
    heavy = heavy_modules_after_import()
    print()
    print(
        f"import isgrille: +{extra_import:.1f} ms over bare Python (goal < 300 ms): "
        f"{'OK' if extra_import < 300 else 'OVER'}"
    )
    print(
        f"load_grid() + load_quiz(): +{extra_load:.1f} ms over the import (goal < 200 ms): "
        f"{'OK' if extra_load < 200 else 'OVER'}"
    )
    print(f"heavy modules imported by 'import isgrille': {', '.join(heavy) or 'none'}")


if __name__ == "__main__":
    main()
