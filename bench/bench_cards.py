"""Benchmark of the project cards, side by side with one radar PNG in one run.

Builds a class of cards from the shipped cohort (projects repeated under new
names up to ``--cards``) and times, in one process: one radar PNG
(``plot_profile`` + ``figure_png``, the reference), one card as PNG, PDF and
HTML, then ``write_cards`` of every card as PNG into a temporary folder and
one PDF of the whole class. Prints, for each, wall-clock milliseconds, CPU
milliseconds (this process and its workers) and the ratio to the reference;
then the goal and the result, with the load of the machine (other jobs slow
the wall clock, not the CPU time). ``--workers 1`` draws the batch in this
process (the serial figure to compare with the pool).

Goal (issue 10): 100 PNG cards in under 20 s on a 2-core machine.

    python bench/bench_cards.py [--cards 100] [--rounds 5] [--workers N]
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import os
import resource
import statistics
import tempfile
import time

GOAL = 20.0  # seconds for 100 PNG cards


def cpu() -> float:
    """CPU seconds of this process and of its finished children (the pool's workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(action, rounds: int = 1) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``rounds`` runs of ``action``."""
    times = []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), cpu()
        action()
        times.append((time.perf_counter() - start, cpu() - start_cpu))
    return statistics.median(t for t, _ in times), statistics.median(c for _, c in times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=None, help="processes for write_cards (default: automatic)")
    args = parser.parse_args()

    from isgrille import load_assessments, load_grid, load_workshop
    from isgrille.analysis.card import cards_by_project
    from isgrille.content.attribution import attribution_of
    from isgrille.delivery.card_files import card_html, card_pdf, card_png, write_cards
    from isgrille.plots.card import plot_card
    from isgrille.plots.export import figure_png
    from isgrille.plots.radar import plot_profile

    grid = load_grid()
    cohort = load_assessments(grid=grid)
    base = cards_by_project(grid, cohort)
    cards = [
        dataclasses.replace(base[i % len(base)], project=f"{base[i % len(base)].project} n° {i}")
        for i in range(args.cards)
    ]
    one = cards[0]
    pair = [p.assessment for p in one.profiles]
    card_png(one, grid)  # warm up: fonts, caches
    signed = attribution_of(load_workshop(), grid)

    def page_png(attribution) -> None:
        plot_card(one, grid, attribution).savefig(io.BytesIO(), format="png", dpi=100)

    radar = timed(lambda: figure_png(plot_profile(grid, pair)), args.rounds)
    reference = radar[0]
    rows = [
        ("radar PNG (reference)", radar),
        ("card PNG", timed(lambda: card_png(one, grid), args.rounds)),
        ("card PDF (1 page)", timed(lambda: card_pdf([one], grid), args.rounds)),
        ("card HTML", timed(lambda: card_html(one, grid), args.rounds)),
        # the attribution's footer (issue 16): the same page drawn without it, then with it
        ("card page PNG, unsigned", timed(lambda: page_png(None), args.rounds)),
        ("card page PNG, signed", timed(lambda: page_png(signed), args.rounds)),
    ]
    with tempfile.TemporaryDirectory() as folder:
        batch, batch_cpu = timed(lambda: write_cards(cards, grid, folder, formats=("png",), workers=args.workers))
    rows.append((f"write_cards: {len(cards)} PNG", (batch, batch_cpu)))
    rows.append((f"card_pdf: {len(cards)} pages", timed(lambda: card_pdf(cards, grid))))
    width = max(len(name) for name, _ in rows)
    print(f"{'':<{width}}  {'wall':>9}     {'CPU':>9}")
    for name, (seconds, cpu_seconds) in rows:
        print(f"{name:<{width}}  {seconds * 1000:9.0f} ms  {cpu_seconds * 1000:9.0f} ms  ×{seconds / reference:6.1f}")
    goal = GOAL * len(cards) / 100
    verdict = "OK" if batch < goal else "AU-DESSUS DE L'OBJECTIF"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"goal: {len(cards)} PNG cards < {goal:.0f} s — result: {batch:.1f} s ({verdict}); "
        f"{os.cpu_count()} cores, load average {load}"
    )


if __name__ == "__main__":
    main()
