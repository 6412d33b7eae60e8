"""What the chart tests read off a drawing: its data lines, its texts, blank axes to draw on."""

from __future__ import annotations

import math

import matplotlib
from matplotlib.figure import Figure

from isgrille.analysis.scoring import score_assessment
from isgrille.content.model import Assessment, Grid

PNG = b"\x89PNG\r\n\x1a\n"


def polar_axes() -> matplotlib.axes.Axes:
    return Figure().add_subplot(projection="polar")


def series_lines(ax) -> list:
    """The data lines: those with a legend label (rings and spokes have none)."""
    return [line for line in ax.get_lines() if not line.get_label().startswith("_")]


def expected_values(grid: Grid, assessment: Assessment) -> list[float]:
    return [math.nan if assessment.level(c.id) is None else assessment.level(c.id) for c in grid.criteria]


def same(values, expected) -> bool:
    return len(values) == len(expected) and all(
        (math.isnan(v) and math.isnan(e)) or v == e for v, e in zip(values, expected, strict=True)
    )


def texts(ax) -> list[str]:
    return [text.get_text() for text in ax.texts]


def profiles_of(grid, assessments):
    return [score_assessment(grid, a) for a in assessments]


#: Names a learner may type that mathtext cannot draw, or would draw as a formula.
MATH_LIKE = ["$x^$", "a_b $\\frac{1}{2}$"]


def dollar_grid() -> Grid:
    """A grid whose every label holds mathtext that would fail or be drawn as a formula."""
    from isgrille.content.model import Criterion, Dimension

    levels = ("$0", "$x^$", "un_peu $\\alpha$")
    criteria = tuple(Criterion(f"c{i}", f"Coût {i} $ et ^_{i}$", ("a", "b", "c")) for i in range(4))
    return Grid(levels, (Dimension("d", "Budget en $x^$", criteria[:2]), Dimension("e", "$$", criteria[2:])))


def unparsed_texts(fig) -> list[str]:
    """Texts in ``fig`` holding a ``$`` that mathtext would still parse (none should)."""
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text) if "$" in t.get_text() and t.get_parse_math()]
