"""The quiz's most missed statements, as horizontal bars: the class's discussion points.

Draws what :func:`~isgrille.analysis.quiz_tally.quiz_misses` computed, in
its order (most missed on top): one bar per statement, its share of wrong
answers, and « 4 / 10 » beside it. One colour only, so it prints in black and
white as it shows on screen.

>>> import pandas as pd
>>> misses = pd.DataFrame({"statement": ["q2", "q1"], "text": ["Deux", "Un"], "answered": [4, 0],
...                        "missed": [3, 0], "miss_rate": pd.array([0.75, None], dtype="Float64")})
>>> [t.get_text() for t in plot_quiz_misses(misses).texts]
['3 / 4', 'aucune réponse']
>>> quiz_misses_alt(misses).split("\\u202f; ")[1]
"la plus manquée, «\\xa0q2\\xa0», l'a été 3 fois sur 4 (75\\xa0%)."
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from matplotlib.axes import Axes

from ..content.limits import shorten
from .style import PALETTE, PLAIN_TEXT, TEXT_COLOUR, new_axes

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["plot_quiz_misses", "quiz_misses_alt"]


def plot_quiz_misses(
    misses: pandas.DataFrame, ax: Axes | None = None, title: str = "Affirmations les plus souvent manquées"
) -> Axes:
    """Horizontal bars, one per statement in ``misses``' order (top first): the % of its answers that were wrong.

    A statement nobody answered has no bar and reads « aucune réponse ».
    """
    count = len(misses)
    if ax is None:
        ax = new_axes((9, max(2.5, 1.6 + 0.4 * count)))
    rates = 100 * misses["miss_rate"].to_numpy(dtype=float, na_value=np.nan)
    ys = np.arange(count)
    ax.barh(ys, np.nan_to_num(rates), height=0.65, color=PALETTE[1], edgecolor="none")
    for y, rate, missed, answered in zip(range(count), rates, misses["missed"], misses["answered"], strict=True):
        if np.isnan(rate):
            ax.text(1.5, y, "aucune réponse", ha="left", va="center", fontsize=10, fontstyle="italic", color="#555555")
            continue
        inside = rate >= 80
        ax.text(
            rate + (-1.5 if inside else 1.5),
            y,
            f"{missed} / {answered}",
            ha="right" if inside else "left",
            va="center",
            fontsize=10,
            color="#FFFFFF" if inside else TEXT_COLOUR,
        )
    labels = [f"{s} · {shorten(str(t), 50)}" for s, t in zip(misses["statement"], misses["text"], strict=True)]
    ax.set_yticks(ys, labels, fontsize=10, **PLAIN_TEXT)
    ax.set_ylim(max(count, 1) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.set_xticks(range(0, 101, 25), [f"{t}\u00a0%" for t in range(0, 101, 25)], fontsize=10)
    ax.set_xlabel("% de réponses fausses", fontsize=11)
    ax.set_title(title, fontsize=13, fontweight="bold", **PLAIN_TEXT)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


def quiz_misses_alt(misses: pandas.DataFrame) -> str:
    """One French sentence describing :func:`plot_quiz_misses`' image."""
    count = len(misses)
    text = (
        f"Barres des {count} affirmations" if count > 1 else "Barre de l'unique affirmation"
    ) + " du quiz classées par part de réponses fausses"
    answered = misses[misses["answered"] > 0]
    if answered.empty:
        return text + "\u202f; personne n'a encore répondu."
    top = answered.iloc[0]
    return (
        text + f"\u202f; la plus manquée, «\u00a0{top['statement']}\u00a0», l'a été {top['missed']} fois sur "
        f"{top['answered']} ({100 * top['miss_rate']:.0f}\u00a0%)."
    )
