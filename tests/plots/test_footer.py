"""Tests of isgrille.plots.footer: the attribution wrapped to its width, under a chart without touching it."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from isgrille.plots.footer import (
    FOOTER_COLOUR,
    FOOTER_GID,
    MOST_LINES,
    add_footer,
    draw_footer,
    footer_height,
    footer_lines,
)
from isgrille.plots.style import new_axes

LINES = [
    "D'après «\u00a0Une œuvre\u00a0» (Collectif, 2020), CC BY-NC-SA 4.0, adapté.",
    "Grille\u00a0: «\u00a0Grille maison\u00a0» — Grille maison de X.",
]


def test_each_line_starts_a_line_and_no_break_space_is_broken():
    wrapped = footer_lines(LINES, 2.0, 7)
    assert len(wrapped) > 2 and wrapped[0].startswith("D'après") and any(w.startswith("Grille") for w in wrapped)
    assert "«\u00a0Une" in " ".join(wrapped) and "\u00a0»" in " ".join(wrapped)
    assert footer_lines(["", "  "], 3.0) == [] and footer_height(["", "  "], 3.0) == 0


def test_a_very_long_line_is_cut_with_an_ellipsis():
    wrapped = footer_lines(["mot " * 500], 3.0)
    assert len(wrapped) == MOST_LINES and wrapped[-1].endswith("…")


def test_draw_footer_stays_within_its_width_even_with_wide_letters():
    fig = Figure(figsize=(4, 3))
    FigureCanvasAgg(fig)
    text = draw_footer(fig, ["W" * 60 + " " + "W" * 10, LINES[1]], 0.2, 0.1, 2.5)
    box = text.get_window_extent(fig.canvas.get_renderer())
    assert box.x0 >= 0.2 * fig.dpi - 1 and box.x1 <= 2.7 * fig.dpi + 1 and box.y0 >= 0.1 * fig.dpi - 1
    assert text.get_gid() == FOOTER_GID and text.get_color() == FOOTER_COLOUR and not text.get_parse_math()
    assert draw_footer(fig, [], 0, 0, 1) is None


@pytest.mark.parametrize("constrained", [True, False])
def test_add_footer_keeps_clear_of_the_chart(constrained):
    if constrained:
        ax = new_axes((5, 3))
    else:
        fig = Figure(figsize=(5, 3))
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1])
    ax.set_xlabel("une étiquette d'axe")
    text = add_footer(ax.figure, LINES)
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    footer, chart = text.get_window_extent(renderer), ax.get_tightbbox(renderer)
    assert footer.y1 < chart.y0  # the axis label sits above the footer
    assert footer.x0 >= 0 and footer.x1 <= fig.bbox.x1 and footer.y0 >= 0
    assert text.get_text().split("\n")[0].startswith("D'après")


def test_add_footer_clears_the_chart_beside_a_hidden_axes():
    fig = Figure(figsize=(6, 3))
    FigureCanvasAgg(fig)
    ax, hidden = fig.subplots(1, 2)
    hidden.set_visible(False)  # not drawn: it has no tight box
    ax.plot([0, 1], [0, 1])
    ax.set_xlabel("une étiquette d'axe")
    text = add_footer(fig, LINES)
    assert text is not None and text in fig.texts and text.get_text().startswith("D'après")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    assert hidden.get_tightbbox(renderer) is None
    assert text.get_window_extent(renderer).y1 < ax.get_tightbbox(renderer).y0  # the axis label above the footer
