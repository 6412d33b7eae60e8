"""Tests of isgrille.plots.quiz_charts: the bars of the most missed statements and their alt text."""

from __future__ import annotations

import pandas as pd
import pytest

from isgrille.plots.export import figure_png
from isgrille.plots.quiz_charts import plot_quiz_misses, quiz_misses_alt

from .drawing import PNG, texts, unparsed_texts


def misses_of(rows: list[tuple[str, str, int, int]]) -> pd.DataFrame:
    """A table as quiz_misses returns it, from (statement, text, answered, missed) rows, already ranked."""
    frame = pd.DataFrame(rows, columns=["statement", "text", "answered", "missed"])
    frame["miss_rate"] = (frame["missed"] / frame["answered"].where(frame["answered"] > 0)).astype("Float64")
    return frame


MISSES = misses_of([("q3", "Trois", 10, 9), ("q1", "Un", 8, 4), ("q2", "Deux", 5, 0), ("q4", "Quatre", 0, 0)])


def test_bars_are_the_miss_rates_in_the_given_order():
    ax = plot_quiz_misses(MISSES)
    assert [bar.get_width() for bar in ax.containers[0]] == pytest.approx([90, 50, 0, 0])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["q3 · Trois", "q1 · Un", "q2 · Deux", "q4 · Quatre"]
    assert ax.get_ylim() == (3.5, -0.5)  # the most missed on top
    assert texts(ax) == ["9 / 10", "4 / 8", "0 / 5", "aucune réponse"]
    assert ax.get_xlabel() == "% de réponses fausses" and ax.get_xlim() == (0, 100)
    assert ax.get_title() == "Affirmations les plus souvent manquées"


def test_long_and_math_like_statements_are_cut_and_drawn_as_typed():
    misses = misses_of([("q$1", "Coût en $x^$ " + "très " * 30, 2, 1)])
    ax = plot_quiz_misses(misses)
    label = ax.get_yticklabels()[0].get_text()
    assert label.startswith("q$1 · Coût en $x^$ très") and label.endswith("…") and len(label) <= 56
    assert figure_png(ax.figure).startswith(PNG) and unparsed_texts(ax.figure) == []


def test_alt_names_the_most_missed_statement():
    assert quiz_misses_alt(MISSES) == (
        "Barres des 4 affirmations du quiz classées par part de réponses fausses\u202f; "
        "la plus manquée, «\u00a0q3\u00a0», l'a été 9 fois sur 10 (90\u00a0%)."
    )
    nobody = misses_of([("q1", "Un", 0, 0)])
    assert quiz_misses_alt(nobody) == (
        "Barre de l'unique affirmation du quiz classées par part de réponses fausses\u202f; "
        "personne n'a encore répondu."
    )
    assert texts(plot_quiz_misses(nobody)) == ["aucune réponse"]
