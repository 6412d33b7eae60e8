"""A class's charts: the cohort's heatmap and the spread of levels per criterion.

Both draw what :mod:`isgrille.analysis.distribution` computed — the
projects × criteria matrix (:func:`~isgrille.analysis.distribution.project_matrix`)
and the counts per level (:func:`~isgrille.analysis.distribution.level_counts`)
— for any grid (any criteria, 2 to 7 levels). Each has a one-sentence French
alt text for the screens that show it as an image.

Printed in black and white they still read: the heatmap's colours (cividis)
grow lighter level by level and every cell says its level; in the diverging
bars, lower levels are hatched and upper ones plain, and each level is its
own grey. « non renseigné » is left out of the bars (they are shares of the
rated answers) and counted in each criterion's label on the right.

>>> import pandas as pd
>>> from isgrille.content.model import Criterion, Dimension, Grid
>>> grid = Grid(("Bas", "Haut"), (Dimension("d", "D", (Criterion("a", "A", ("x", "y")),)),))
>>> matrix = pd.DataFrame({"a": pd.array([1, None], dtype="Int64")}, index=["P", "Q"])
>>> [t.get_text() for t in plot_cohort_heatmap(matrix, grid).texts]
['Haut', '–']
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from matplotlib import colormaps
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import BoundaryNorm, ListedColormap, to_hex, to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from ..content.limits import shorten
from ..content.model import NOT_RATED, Grid
from .style import PLAIN_TEXT, TEXT_COLOUR, new_axes, offset_below, plain

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "distribution_alt",
    "diverging_starts",
    "heatmap_alt",
    "level_colours",
    "plot_cohort_heatmap",
    "plot_level_distribution",
    "text_colour",
]

NA_HATCH, LOW_HATCH, MIDDLE_GREY = "///", "xx", "#CCCCCC"
MEDIAN_ABOVE = 0.42  # the median's ▼ sits this far above its bar's centre, over the segment
LABEL_CHARS = 40  # longest project or criterion label drawn whole


def level_colours(count: int) -> list[str]:
    """``count`` colours of the sequential cividis map, dark (lowest level) to light."""
    return [to_hex(colormaps["cividis"](x)) for x in np.linspace(0, 1, count)]


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (WCAG relative luminance).

    >>> text_colour("#FFE945"), text_colour("#00204C")
    ('#000000', '#FFFFFF')
    """
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(background)]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#000000" if luminance > 0.179 else "#FFFFFF"


def _marks(levels: tuple[str, ...], cell_points: float, fontsize: float) -> list[str]:
    """Each level's mark in a cell: its label if all fit, else initials if distinct, else 1, 2, 3…"""
    if max(len(level) for level in levels) * fontsize * 0.62 <= cell_points * 0.9:
        return list(levels)
    initials = [level.strip()[:1].upper() or "?" for level in levels]
    return initials if len(set(initials)) == len(levels) else [str(i + 1) for i in range(len(levels))]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def plot_cohort_heatmap(
    matrix: pandas.DataFrame,
    grid: Grid,
    ax: Axes | None = None,
    max_rows: int = 40,
    title: str = "Niveaux par projet et par critère",
) -> Axes:
    """Projects (rows) × criteria (columns, grid order): each cell coloured and marked with its level.

    ``matrix`` holds level indexes (``<NA>`` when not rated: a hatched cell
    marked « – »). Only the first ``max_rows`` projects are drawn; the title
    says how many more there are (« … et 123 autres projets »).
    """
    if max_rows < 1:
        raise ValueError(f"max_rows\u00a0: au moins 1 projet à afficher (reçu\u00a0: {max_rows})")
    ids, levels = [c.id for c in grid.criteria], grid.levels
    shown = matrix.reindex(columns=ids).iloc[:max_rows]
    rows, cols, rest = len(shown), len(ids), len(matrix) - min(len(matrix), max_rows)
    if ax is None:
        ax = new_axes((max(6.0, 3.0 + 0.75 * cols), max(3.0, 2.6 + 0.3 * rows)))
    colours = level_colours(len(levels))
    cmap, norm = ListedColormap(colours), BoundaryNorm(np.arange(-0.5, len(levels)), len(levels))
    fontsize = 9 if rows <= 25 else 7
    inches = ax.figure.bbox.width / ax.figure.dpi  # the figure's width, or the subfigure's the axes are in
    cell = ax.get_position().width * inches * 72 * 0.85 / cols
    marks = _marks(levels, cell, fontsize)
    data = shown.to_numpy(dtype=float, na_value=np.nan) if rows else np.empty((0, cols))
    if rows:
        ax.imshow(np.ma.masked_invalid(data), cmap=cmap, norm=norm, aspect="auto", interpolation="nearest")
    for (r, c), value in np.ndenumerate(data):  # marks inside their cells: left out of the layout's measures
        if math.isnan(value):
            ax.add_artist(
                Rectangle(
                    (c - 0.5, r - 0.5),
                    1,
                    1,
                    facecolor="white",
                    hatch=NA_HATCH,  # limits set
                    hatchcolor="#9A9A9A",
                    edgecolor="none",
                )
            )  # below: no autoscale per cell
            ax.text(c, r, "–", ha="center", va="center", fontsize=fontsize, color=TEXT_COLOUR, in_layout=False)
        else:
            ax.text(
                c,
                r,
                marks[int(value)],
                ha="center",
                va="center",
                fontsize=fontsize,
                color=text_colour(colours[int(value)]),
                in_layout=False,
                **PLAIN_TEXT,
            )
    ax.set_xlim(-0.5, cols - 0.5)
    ax.set_ylim(max(rows, 1) - 0.5, -0.5)
    ax.set_xticks(
        range(cols),
        [shorten(c.label, 28) for c in grid.criteria],
        rotation=40,
        ha="right",
        rotation_mode="anchor",
        fontsize=9,
        **PLAIN_TEXT,
    )
    ax.set_yticks(range(rows), [shorten(str(p), LABEL_CHARS) for p in shown.index], fontsize=fontsize, **PLAIN_TEXT)
    ax.set_xticks(np.arange(-0.5, cols), minor=True)
    ax.set_yticks(np.arange(-0.5, rows), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    ax.tick_params(which="major", length=0)
    if not rows:
        ax.text(
            0.5,
            0.5,
            "aucun projet à afficher",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontstyle="italic",
            color="#555555",
        )
    bar = ax.figure.colorbar(
        ScalarMappable(norm=norm, cmap=cmap), ax=ax, ticks=range(len(levels)), fraction=0.04, pad=0.02
    )
    keys = [level if mark == level else f"{mark}\u00a0: {level}" for mark, level in zip(marks, levels, strict=True)]
    bar.ax.set_yticks(range(len(levels)), keys, fontsize=9, **PLAIN_TEXT)
    bar.set_label("Niveau («\u00a0–\u00a0» hachuré\u00a0: non renseigné)", fontsize=10)
    ax.set_xlabel("Critères", fontsize=11)
    ax.set_ylabel("Projets", fontsize=11)
    more = f"\n… et {rest} autre{'s' if rest > 1 else ''} projet{'s' if rest > 1 else ''}" if rest else ""
    ax.set_title(title + more, fontsize=13, fontweight="bold", **PLAIN_TEXT)
    return ax


def heatmap_alt(matrix: pandas.DataFrame, grid: Grid, max_rows: int = 40) -> str:
    """One French sentence describing :func:`plot_cohort_heatmap`'s image.

    >>> import pandas as pd
    >>> from isgrille.content.model import Criterion, Dimension, Grid
    >>> grid = Grid(("Bas", "Haut"), (Dimension("d", "D", (Criterion("a", "A", ("x", "y")),)),))
    >>> alt = heatmap_alt(pd.DataFrame({"a": pd.array([1, None], dtype="Int64")}, index=["P", "Q"]), grid)
    >>> alt.startswith("Tableau des niveaux de 2 projets (lignes) sur 1 critère (colonnes)"), alt.split("\\u202f; ")[1]
    (True, '1 case non renseignée.')
    """
    ids = [c.id for c in grid.criteria]
    shown = matrix.reindex(columns=ids).iloc[:max_rows]
    projects = _plural(len(matrix), "projet")
    if len(shown) < len(matrix):
        projects = f"{len(shown)} des {projects}"
    empty = int(shown.isna().to_numpy().sum())
    return (
        f"Tableau des niveaux de {projects} (lignes) sur {_plural(len(ids), 'critère')} (colonnes), "
        f"du plus foncé «\u00a0{grid.levels[0]}\u00a0» au plus clair «\u00a0{grid.levels[-1]}\u00a0»\u202f; "
        f"{_plural(empty, 'case')} non renseignée{'s' if empty > 1 else ''}."
    )


def diverging_colours(count: int) -> list[str]:
    """``count`` colours of the PuOr map: orange-brown for low levels, purple for high; an odd middle is grey."""
    colours = [to_hex(colormaps["PuOr"](x)) for x in np.linspace(0.08, 0.92, count)]
    if count % 2:
        colours[count // 2] = MIDDLE_GREY  # PuOr's middle is white: invisible on the page
    return colours


def diverging_starts(percents: np.ndarray) -> np.ndarray:
    """Left edge of each level's segment (rows × levels): lower half left of 0, upper half right, middle split.

    >>> diverging_starts(np.array([[20.0, 40.0, 40.0]])).tolist()
    [[-40.0, -20.0, 20.0]]
    """
    count = percents.shape[1]
    half, odd = count // 2, count % 2
    starts = np.zeros_like(percents, dtype=float)
    edge = -percents[:, half] / 2 if odd else np.zeros(len(percents))
    if odd:
        starts[:, half] = edge
    for k in range(half - 1, -1, -1):
        starts[:, k] = edge = edge - percents[:, k]
    edge = percents[:, half] / 2 if odd else np.zeros(len(percents))
    for k in range(count - half, count):
        starts[:, k] = edge
        edge = edge + percents[:, k]
    return starts


def plot_level_distribution(
    counts: pandas.DataFrame,
    grid: Grid,
    medians: pandas.Series | None = None,
    ax: Axes | None = None,
    title: str = "Répartition des niveaux par critère",
) -> Axes:
    """Per criterion, a diverging stacked bar of the levels as % of its rated answers.

    Lower levels lie left of 0, upper ones right, an odd middle level across
    0; each segment wide enough shows its count. ``medians`` (level index per
    criterion, as :func:`~isgrille.analysis.distribution.level_medians`) adds a
    ▼ above the median level's segment. On the right: the answers, the median,
    the « non renseigné » count.
    """
    ids, levels = [c.id for c in grid.criteria], list(grid.levels)
    table = counts.reindex(index=ids, columns=[*levels, NOT_RATED], fill_value=0)
    found = table[levels].to_numpy(dtype=int)
    rated, missing = found.sum(axis=1), table[NOT_RATED].to_numpy(dtype=int)
    percents = 100.0 * found / np.maximum(rated, 1)[:, None]
    starts = diverging_starts(percents)
    if ax is None:
        ax = new_axes((10, max(3.0, 1.8 + 0.45 * len(ids))))
    colours, half = diverging_colours(len(levels)), len(levels) // 2
    ys = np.arange(len(ids))
    for k, level in enumerate(levels):
        hatch = LOW_HATCH if k < half else ""
        ax.barh(
            ys,
            percents[:, k],
            left=starts[:, k],
            height=0.7,
            color=colours[k],
            hatch=hatch,
            hatchcolor="#333333",
            edgecolor="white",
            linewidth=0.8,
            label=level,
        )
        for y in ys[(percents[:, k] >= 7)]:
            ax.text(
                starts[y, k] + percents[y, k] / 2,
                y,
                str(found[y, k]),
                ha="center",
                va="center",
                fontsize=9,
                color=text_colour(colours[k]),
                in_layout=False,  # inside the axes
                bbox={"boxstyle": "round,pad=0.1", "facecolor": colours[k], "edgecolor": "none"},
            )
    limit = max(25.0, 25 * math.ceil(max(-starts.min(), (starts + percents).max(), 1) / 25))
    handles: list[Artist] = [
        Patch(
            facecolor=colours[k],
            hatch=LOW_HATCH if k < half else "",
            hatchcolor="#333333",
            edgecolor="white",
            label=level,
        )
        for k, level in enumerate(levels)
    ]
    median_at = np.full(len(ids), np.nan)
    if medians is not None:
        median_at = medians.reindex(ids).to_numpy(dtype=float, na_value=np.nan)
        at = [(i, int(m)) for i, m in enumerate(median_at) if not math.isnan(m)]
        ax.plot(
            [starts[i, m] + percents[i, m] / 2 for i, m in at],
            [i - MEDIAN_ABOVE for i, _ in at],
            linestyle="none",
            marker="v",
            markersize=9,
            color="black",
            markeredgecolor="white",
            label="médiane",
            zorder=3,
            clip_on=False,
        )
        handles.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker="v",
                markersize=9,
                color="black",
                markeredgecolor="white",
                label="médiane",
            )
        )
    for i in range(len(ids)):
        note = [_plural(int(rated[i]), "réponse")]
        if not math.isnan(median_at[i]):
            note.append(f"médiane\u00a0: {levels[int(median_at[i])]}")
        if missing[i]:
            note.append(f"{missing[i]} «\u00a0{NOT_RATED}\u00a0»")
        ax.text(
            1.01,
            i,
            " · ".join(note),
            transform=ax.get_yaxis_transform(),
            ha="left",
            va="center",
            fontsize=9,
            color=TEXT_COLOUR,
            **PLAIN_TEXT,
        )
    ax.axvline(0, color=TEXT_COLOUR, linewidth=1)
    right = np.arange(0, limit + 1, 25 if limit <= 50 else 50)
    ticks = np.concatenate([-right[:0:-1], right])
    ax.set_xlim(-limit, limit)
    ax.set_xticks(ticks, [f"{abs(t):.0f}\u00a0%" for t in ticks], fontsize=10)
    ax.set_yticks(ys, [shorten(c.label, LABEL_CHARS) for c in grid.criteria], fontsize=10, **PLAIN_TEXT)
    ax.set_ylim(len(ids) - 0.5, -0.5)
    ax.set_xlabel("← niveaux bas · % des réponses renseignées · niveaux hauts →", fontsize=11)
    ax.set_title(title, fontsize=13, fontweight="bold", **PLAIN_TEXT)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    legend = ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0),
        bbox_transform=offset_below(ax, 34),
        frameon=False,
        fontsize=10,
        ncol=len(handles) if sum(len(str(h.get_label())) for h in handles) <= 70 else 4,
    )
    plain(legend.get_texts())
    return ax


def distribution_alt(counts: pandas.DataFrame, grid: Grid) -> str:
    """One French sentence describing :func:`plot_level_distribution`'s image."""
    ids, levels = [c.id for c in grid.criteria], list(grid.levels)
    table = counts.reindex(index=ids, columns=[*levels, NOT_RATED], fill_value=0)
    rated, missing = int(table[levels].to_numpy().sum()), int(table[NOT_RATED].sum())
    return (
        f"Barres divergentes\u00a0: pour chacun des {_plural(len(ids), 'critère')}, la part de chaque niveau "
        f"parmi {_plural(rated, 'réponse')} renseignée{'s' if rated > 1 else ''} "
        f"({missing} «\u00a0{NOT_RATED}\u00a0»), de «\u00a0{levels[0]}\u00a0» à gauche "
        f"à «\u00a0{levels[-1]}\u00a0» à droite."
    )
