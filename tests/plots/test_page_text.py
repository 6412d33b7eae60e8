"""Text fitted to a column: wrapped, shortened with « … », measured and rewrapped."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from isgrille.plots.page_text import Page, fit_lines, one_line, unmarked


@pytest.mark.parametrize(
    "text, chars, lines, expected",
    [
        ("un deux trois", 20, 1, ["un deux trois"]),
        ("un deux trois quatre", 9, 1, ["un deux…"]),
        ("abcdefghijkl", 5, 2, ["abcde", "fghi…"]),
        ("a\x00b\n\n\nc", 10, 5, ["a b", "c"]),
        ("   ", 10, 2, []),
    ],
)
def test_fit_lines(text, chars, lines, expected):
    assert fit_lines(text, chars, lines) == expected


def test_a_huge_text_is_cut_without_being_wrapped_whole():
    lines = fit_lines("mot " * 500_000, 20, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert fit_lines("a" + "\n" * 500 + "b", 10, 3) == ["a", "…"]


def test_one_line_and_unmarked():
    assert one_line("  ", 5) == "?" and one_line("abcdefgh", 5) == "abcd…"
    assert unmarked("**gras** et *italique* et ++souligné++ mais 2*3*4") == "gras et italique et souligné mais 2*3*4"


def test_refit_brings_wide_glyphs_back_into_the_column():
    fig = Figure(figsize=(4, 2))
    FigureCanvasAgg(fig)
    page = Page(fig, (4, 2))
    page.text(0.1, 0.1, "W" * 200, 2.0, 10, max_lines=2)
    page.refit()
    box = fig.texts[0].get_window_extent(fig.canvas.get_renderer())
    assert box.x1 <= 2.1 * fig.dpi + 1
    assert fig.texts[0].get_text().count("\n") <= 1 and fig.texts[0].get_text().endswith("…")
