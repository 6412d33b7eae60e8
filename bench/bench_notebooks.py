"""Benchmarks of the notebooks (issue 3), measured side by side in one run.

1. Live profile: changing one rating in the self-assessment until the
   profile (radar PNG + table) is redrawn, through the real widget and a
   results file on disk; beside it, the same redraw done naively (the whole
   radar drawn again with ``plot_profile`` and saved with ``figure_png``).
   Goal: median under 100 ms.
2. Each notebook executed headless with nbclient, against a reference
   notebook that only imports pandas, matplotlib and ipywidgets and draws one
   chart. Rounds are interleaved so that the machine's noise falls on all
   alike. Goal: every notebook under 1.5x the reference.

    python bench/bench_notebooks.py [--rounds 3] [--clicks 40]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0*.ipynb"))
REFERENCE = """
import pandas as pd
import matplotlib.pyplot as plt
import ipywidgets as widgets
frame = pd.DataFrame({"x": range(12), "y": [i % 4 for i in range(12)]})
fig, ax = plt.subplots()
ax.plot(frame["x"], frame["y"])
plt.show()
widgets.IntSlider()
"""


def bench_live_profile(clicks: int) -> None:
    import isgrille
    from isgrille.plots.export import figure_png
    from isgrille.plots.radar import plot_profile
    from isgrille.results.store import ResultsStore
    from isgrille.widgets import assessment_widget

    grid = isgrille.load_grid()
    folder = Path(tempfile.mkdtemp())
    widget = assessment_widget(grid, ResultsStore(grid, folder / "r.json"))
    first = grid.criteria[0].id
    live, naive = [], []
    for i in range(clicks):
        level = grid.levels[i % len(grid.levels)]
        start = time.perf_counter()
        widget.pickers[first].value = level
        live.append(time.perf_counter() - start)
        start = time.perf_counter()
        figure_png(plot_profile(grid, widget.store.load().assessment()))
        naive.append(time.perf_counter() - start)
    live_ms, naive_ms = statistics.median(live) * 1000, statistics.median(naive) * 1000
    print(f"live profile, {clicks} rating changes (widget + results file + redraw):")
    print(
        f"  median {live_ms:.1f} ms (p90 {sorted(live)[int(0.9 * clicks)] * 1000:.1f} ms) — goal < 100 ms: "
        f"{'OK' if live_ms < 100 else 'OVER'}"
    )
    print(f"  naive full redraw: median {naive_ms:.1f} ms; live is {naive_ms / live_ms:.1f}x faster")


def run_notebook(path: Path, cwd: Path) -> float:
    """Seconds to start a fresh kernel and execute the notebook in it.

    The kernel talks over IPC (Unix sockets), not TCP: nothing listens on the
    network, and ipykernel has no "TCP without encryption" warning to print
    between the figures.
    """
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as sockets:
        km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel"))
        try:
            start = time.perf_counter()
            NotebookClient(nb, km=km, timeout=600, resources={"metadata": {"path": str(cwd)}}).execute()
            return time.perf_counter() - start
        finally:
            km.shutdown_kernel(now=False)


def bench_notebooks(rounds: int) -> None:
    import nbformat

    work = Path(tempfile.mkdtemp())
    os.environ["ISGRILLE_RESULTS"] = str(work / "mes_resultats.json")
    reference = work / "reference.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(REFERENCE.strip())]
    nbformat.write(nb, reference)
    cases = {"reference": reference, **{p.stem: p for p in NOTEBOOKS}}
    times: dict[str, list[float]] = {name: [] for name in cases}
    run_notebook(reference, work)  # warm the file cache
    for _ in range(rounds):
        for name, path in cases.items():
            times[name].append(run_notebook(path, ROOT / "notebooks"))
    ref = statistics.median(times["reference"])
    print(f"\nnotebooks executed headless (nbclient), {rounds} interleaved rounds, medians:")
    print(f"  {'notebook':<26}{'seconds':>9}{'ratio':>8}")
    for name in cases:
        median = statistics.median(times[name])
        ratio = median / ref
        verdict = "" if name == "reference" else ("  OK" if ratio < 1.5 else "  OVER (goal < 1.5)")
        print(f"  {name:<26}{median:>9.2f}{ratio:>8.2f}{verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clicks", type=int, default=40)
    args = parser.parse_args()
    os.environ.setdefault("MPLBACKEND", "Agg")
    bench_live_profile(args.clicks)
    bench_notebooks(args.rounds)


if __name__ == "__main__":
    sys.exit(main())
