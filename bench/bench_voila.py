"""Voilà app mode: time to the first rendered widget, side by side with a reference notebook.

The reference notebook only imports pandas, matplotlib and ipywidgets, draws
one chart and shows one slider. Voilà serves a temporary copy of
``notebooks/`` (plus the reference) with the kit's own command line
(:func:`isgrille.delivery.present.voila_command`); Debian's chromium opens each page
in turn, rounds interleaved, and the time from navigation to the first
widget in the page is recorded. Goal (issue 4): ``01`` and ``02`` under 1.5x
the reference.

    python bench/bench_voila.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat

from isgrille.delivery.present import ROOT, voila_command

REFERENCE = """
import pandas as pd
import matplotlib.pyplot as plt
import ipywidgets as widgets
frame = pd.DataFrame({"x": range(12), "y": [i % 4 for i in range(12)]})
fig, ax = plt.subplots()
ax.plot(frame["x"], frame["y"])
plt.show()
widgets.IntSlider(description="Référence")
"""
CASES = ["reference.ipynb", "01_integrer_le_concept.ipynb", "02_caracteriser.ipynb"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp())
    root = work / "notebooks"
    shutil.copytree(ROOT / "notebooks", root, ignore=shutil.ignore_patterns("_vendor", "resultats"))
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(REFERENCE.strip())]
    nbformat.write(nb, root / "reference.ipynb")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    argv, env = voila_command(port=port, notebooks=root)
    env["ISGRILLE_RESULTS"] = str(work / "r.json")
    started = time.perf_counter()
    server = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        print(f"Voilà server up in {time.perf_counter() - started:.1f} s")
        times: dict[str, list[float]] = {case: [] for case in CASES}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
            )
            for _ in range(args.rounds):
                for case in CASES:
                    page = browser.new_page()
                    start = time.perf_counter()
                    page.goto(f"http://127.0.0.1:{port}/voila/render/{case}")
                    page.wait_for_selector(".jupyter-widgets", state="attached", timeout=120_000)
                    times[case].append(time.perf_counter() - start)
                    page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    reference = statistics.median(times["reference.ipynb"])
    print(f"time to first widget, {args.rounds} interleaved rounds, medians:")
    for case in CASES:
        median = statistics.median(times[case])
        verdict = "" if case == "reference.ipynb" else ("  OK" if median / reference < 1.5 else "  OVER (goal < 1.5)")
        print(f"  {case:<32}{median:>7.2f} s{median / reference:>7.2f}x{verdict}")


if __name__ == "__main__":
    main()
