"""Benchmark of the project cards, side by side with one radar PNG in one run.

Builds a class of cards from the shipped cohort (projects repeated under new
names up to ``--cards``) and times, in one process: one radar PNG
(``plot_profile`` + ``figure_png``, the reference), one card as PNG, PDF and
HTML, then ``write_cards`` of every card as PNG into a temporary folder and
one PDF of the whole class. Prints seconds and ratios to the reference.

Goal (issue 10): 100 PNG cards in under 20 s.

    python bench/bench_cards.py [--cards 100]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import tempfile
import time


def timed(action, rounds: int = 1) -> float:
    """Median seconds of ``rounds`` runs of ``action``."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    from isgrille import load_assessments, load_grid
    from isgrille.analysis.card import cards_by_project
    from isgrille.delivery.card_files import card_html, card_pdf, card_png, write_cards
    from isgrille.plots.export import figure_png
    from isgrille.plots.radar import plot_profile

    grid = load_grid()
    cohort = load_assessments(grid=grid)
    base = cards_by_project(grid, cohort)
    cards = [dataclasses.replace(base[i % len(base)], project=f"{base[i % len(base)].project} n° {i}")
             for i in range(args.cards)]
    one = cards[0]
    pair = [p.assessment for p in one.profiles]
    card_png(one, grid)  # warm up: fonts, caches

    reference = timed(lambda: figure_png(plot_profile(grid, pair)), args.rounds)
    rows = [("radar PNG (reference)", reference),
            ("card PNG", timed(lambda: card_png(one, grid), args.rounds)),
            ("card PDF (1 page)", timed(lambda: card_pdf([one], grid), args.rounds)),
            ("card HTML", timed(lambda: card_html(one, grid), args.rounds))]
    with tempfile.TemporaryDirectory() as folder:
        batch = timed(lambda: write_cards(cards, grid, folder, formats=("png",)))
    rows.append((f"write_cards: {len(cards)} PNG", batch))
    rows.append((f"card_pdf: {len(cards)} pages", timed(lambda: card_pdf(cards, grid))))
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds * 1000:9.0f} ms  ×{seconds / reference:6.1f}")
    verdict = "OK" if batch < 20 else "AU-DESSUS DE L'OBJECTIF"
    print(f"goal: {len(cards)} PNG cards < 20 s — {batch:.1f} s ({verdict})")


if __name__ == "__main__":
    main()
