"""Charts of scored assessments: a radar per criterion and bars per dimension.

This module sits between the core and the widgets: it takes core objects (a
:class:`~isgrille.model.Grid`, :class:`~isgrille.model.Assessment` s or the
:class:`~isgrille.scoring.Profile` s made by
:func:`~isgrille.scoring.score_assessment`) and only draws them. Each ``plot_*``
function takes an optional ``ax`` and returns the Axes it drew on.

It is not part of the core: ``import isgrille`` does not load it, nor
matplotlib. It never touches global matplotlib state (no backend choice, no
``rcParams`` change, no pyplot): when no ``ax`` is given, a standalone
:class:`matplotlib.figure.Figure` is made, which pyplot does not track, so a
widget can redraw as often as it likes without leaking figures. Turn it into
PNG bytes (for ``ipywidgets.Image``) with :func:`figure_png`.

Series are told apart by colour (Okabe–Ito, safe for colour-blind readers)
and by a second cue: line style and marker on the radar, hatching on bars.

>>> from isgrille import load_assessments, load_grid
>>> grid = load_grid()
>>> ax = plot_profile(grid, load_assessments(grid=grid)[:2])
>>> figure_png(ax)[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
True
"""

from __future__ import annotations

import io
import math
import textwrap
from typing import Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure, SubFigure
from matplotlib.patches import Patch
from matplotlib.transforms import ScaledTranslation, Transform

from .model import Assessment, Grid
from .scoring import LevelSummary, Profile, check_assessment

__all__ = [
    "PALETTE",
    "LINESTYLES",
    "MARKERS",
    "HATCHES",
    "plot_profile",
    "draw_profile_series",
    "plot_dimension_summary",
    "figure_png",
]

#: Okabe–Ito colours, ordered so the first ones contrast most on white.
PALETTE: list[str] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442",
]
#: Second cue on lines: series ``i`` uses ``LINESTYLES[i % len(LINESTYLES)]``.
LINESTYLES: list[str] = ["-", "--", ":", "-."]
#: Third cue on lines: series ``i`` uses ``MARKERS[i % len(MARKERS)]``.
MARKERS: list[str] = ["o", "s", "^", "D", "v", "P", "X"]
#: Second cue on bars: series ``i`` uses ``HATCHES[i % len(HATCHES)]``.
HATCHES: list[str] = ["", "//", "..", "xx", "\\\\", "oo"]

_WEDGES = ("#E4E9F0", "#F6F7F9", "#EDF0F4")  # alternating dimension backgrounds
_BANDS = ("#C9D3E0", "#E3E8EF", "#D6DEE8")  # alternating dimension bands around the outer ring
_TEXT = "#222222"


def _style(i: int) -> dict[str, str]:
    return {
        "color": PALETTE[i % len(PALETTE)],
        "linestyle": LINESTYLES[i % len(LINESTYLES)],
        "marker": MARKERS[i % len(MARKERS)],
        "hatch": HATCHES[i % len(HATCHES)],
    }


def _as_list(items, kind: type) -> list:
    return [items] if isinstance(items, kind) else list(items)


def _series_labels(labels: Sequence[str] | None, default: list[str]) -> list[str]:
    if labels is None:
        return default
    labels = list(labels)
    if len(labels) != len(default):
        raise ValueError(
            f"labels : {len(labels)} étiquette(s) pour {len(default)} série(s) à tracer"
        )
    return labels


def _below(ax: Axes, points: float) -> Transform:
    """Axes coordinates moved down by ``points``: a place under the axis labels at any size."""
    return ax.transAxes + ScaledTranslation(0, -points / 72, ax.figure.dpi_scale_trans)


def _new_axes(figsize: tuple[float, float], polar: bool = False) -> Axes:
    """Axes on a standalone Figure (not registered with pyplot) with an Agg canvas."""
    fig = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(fig)
    return fig.add_subplot(projection="polar" if polar else None)


def _fit(label: str, points: float) -> tuple[str, float]:
    """``label`` wrapped (and shortened if need be) to fit an arc ``points`` long, and its size."""
    for size, lines in ((13, 1), (11, 2), (9, 2)):
        chars = max(4, int(points / (0.62 * size)))  # bold DejaVu Sans: ~0.62 em per character
        wrapped = textwrap.wrap(label, chars)
        if len(wrapped) <= lines:
            return "\n".join(wrapped), size
    rest = textwrap.shorten(" ".join(wrapped[1:]), chars, placeholder="…")
    return f"{wrapped[0]}\n{rest}", size


def plot_profile(
    grid: Grid,
    assessments: Assessment | Sequence[Assessment],
    labels: Sequence[str] | None = None,
    ax: Axes | None = None,
    wrap: int = 18,
    title: str | None = None,
) -> Axes:
    """Radar of one or several assessments: one spoke per criterion, levels as rings.

    Criteria are laid out clockwise from the top in grid order; each dimension
    is a background wedge whose name sits in a band just outside the top ring.
    A criterion left not rated is NaN in the series, so its line has a gap;
    the line is closed back to the first criterion (a gap too if that one is
    not rated). ``labels`` names the series in the legend (default: each
    assessment's ``assessor``). ``ax`` must be polar.
    """
    assessments = _as_list(assessments, Assessment)
    for assessment in assessments:
        check_assessment(grid, assessment)
    names = _series_labels(labels, [a.assessor for a in assessments])
    if ax is None:
        ax = _new_axes((8, 8), polar=True)
    elif ax.name != "polar":
        raise ValueError(
            "plot_profile trace un radar : il faut des axes polaires "
            f"(projection='polar'), pas des axes '{ax.name}'"
        )
    criteria = grid.criteria
    n, top = len(criteria), grid.top_index
    step = 2 * math.pi / n
    angles = [i * step for i in range(n)]
    band = 0.2 * top  # room between the top ring and the edge for dimension names
    outer, origin = top + band, -0.2 * top
    # Inches of arc per radian along the middle of the band, to fit dimension names in it.
    box = ax.get_window_extent()  # pixels, before any layout shrinks it a little
    radius = 0.85 * min(box.width, box.height) / ax.figure.dpi / 2
    arc = radius * (top + band / 2 - origin) / (outer - origin)
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_rorigin(origin)  # the lowest level is a small ring, not a point
    ax.set_ylim(0, outer)
    ax.grid(False)

    # Dimension wedges, with their name in the band outside the top ring.
    start, last = 0, len(grid.dimensions) - 1
    for k, dimension in enumerate(grid.dimensions):
        count = len(dimension.criteria)
        shade = 2 if k == last and k % 2 == 0 and k else k % 2  # neighbours differ all round
        centre = (start + (count - 1) / 2) * step
        width = count * step
        ax.bar(centre, top, width=width, bottom=0, color=_WEDGES[shade], zorder=0, linewidth=0)
        ax.bar(centre, band, width=width, bottom=top, color=_BANDS[shade], zorder=0,
               edgecolor="white", linewidth=2 if last else 0)
        display = math.degrees(math.pi / 2 - centre) % 360
        rotation = (display - 90) % 360
        if 90 < rotation < 270:
            rotation -= 180
        # Straight text leaves a curved band at its ends: use at most ~34° of arc.
        text, size = _fit(dimension.label, min(0.9 * width, 0.6) * arc * 72)
        ax.text(centre, top + band / 2, text, rotation=rotation,
                rotation_mode="anchor", ha="center", va="center", fontsize=size,
                fontweight="bold", color=_TEXT, zorder=1)
        start += count

    # Rings (levels) and spokes (criteria), drawn by hand so they stay inside the band.
    ring = [i * 2 * math.pi / 180 for i in range(181)]
    for level in range(top + 1):
        ax.plot(ring, [level] * len(ring), color="#9AA5B1", linewidth=0.8, zorder=1)
    for angle in angles:
        ax.plot([angle, angle], [0, top], color="#9AA5B1", linewidth=0.8, zorder=1)
    ax.set_yticks(range(top + 1))
    ax.set_yticklabels(grid.levels, fontsize=9, color="#444444")
    ax.set_rlabel_position(-math.degrees(step / 2))  # on a dimension boundary, clear of names
    for tick in ax.get_yticklabels():
        tick.set_horizontalalignment("right")
        tick.set_bbox({"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                       "alpha": 0.8})
    ax.set_xticks(angles)
    ax.set_xticklabels([textwrap.fill(c.label, wrap) for c in criteria], fontsize=11,
                       color=_TEXT)
    ax.tick_params(axis="x", pad=4)
    for angle, tick in zip(angles, ax.get_xticklabels()):
        x, y = math.sin(angle), math.cos(angle)  # display direction of the spoke
        tick.set_horizontalalignment("left" if x > 0.1 else "right" if x < -0.1 else "center")
        tick.set_verticalalignment("bottom" if y > 0.1 else "top" if y < -0.1 else "center")
    for spine in ax.spines.values():  # the rings drawn above take their place
        spine.set_color("none")

    draw_profile_series(ax, grid, assessments, names)
    if title:
        ax.set_title(title, fontsize=15, fontweight="bold", pad=30)
    return ax


def draw_profile_series(
    ax: Axes, grid: Grid, assessments: Sequence[Assessment], names: Sequence[str]
) -> list[Artist]:
    """Draw the assessments' lines (and their legend) on a radar framed by :func:`plot_profile`.

    NaN for a criterion not rated leaves a gap in the line. Returns the
    artists drawn, so that a live view can remove them and draw new ones.
    """
    criteria = grid.criteria
    n = len(criteria)
    angles = [i * 2 * math.pi / n for i in range(n)]
    artists: list[Artist] = []
    for i, (assessment, name) in enumerate(zip(assessments, names)):
        values = [math.nan if assessment.level(c.id) is None else assessment.level(c.id)
                  for c in criteria]
        style = _style(i)
        artists += ax.plot(angles + angles[:1], values + values[:1], label=name, color=style["color"],
                           linestyle=style["linestyle"], marker=style["marker"], markersize=8,
                           linewidth=2.5, markevery=list(range(n)), zorder=3 + i)
    if assessments:
        # Below the lowest criterion labels, however many lines they wrap to.
        lines = max([1] + [label.get_text().count("\n") + 1 for angle, label
                           in zip(angles, ax.get_xticklabels()) if math.cos(angle) < -0.5])
        artists.append(ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0), ncol=min(len(names), 3),
                                 bbox_transform=_below(ax, 18 + 14 * lines),
                                 frameon=False, fontsize=12))
    return artists


def _annotation(summary: LevelSummary) -> str:
    text = f"médiane : {summary.median}"
    if summary.not_rated:
        plural = "s" if summary.not_rated > 1 else ""
        text += f" ({summary.not_rated} non renseigné{plural})"
    return text


def plot_dimension_summary(
    grid: Grid,
    profiles: Profile | Sequence[Profile],
    labels: Sequence[str] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Grouped horizontal bars: per dimension and overall (« Ensemble »), the profile's percent.

    Each bar is ``summary.percent`` (0 to 100) and is annotated with the median
    level, plus the count of criteria not rated if any; a dimension with
    nothing rated has no bar and reads « non renseigné ». ``labels`` names the
    series (default: each profile's ``assessment.assessor``).
    """
    profiles = _as_list(profiles, Profile)
    names = _series_labels(labels, [p.assessment.assessor for p in profiles])
    groups = [d.label for d in grid.dimensions] + ["Ensemble"]
    series = max(len(profiles), 1)
    if ax is None:
        ax = _new_axes((9, max(3.5, 0.5 + len(groups) * (0.35 + 0.42 * series))))
    elif ax.name == "polar":
        raise ValueError("plot_dimension_summary trace des barres : il faut des axes cartésiens")
    height = 0.8 / series
    for i, (profile, name) in enumerate(zip(profiles, names)):
        summaries = [profile.dimension(d.id).summary for d in grid.dimensions] + [profile.overall]
        ys = [g - 0.4 + (i + 0.5) * height for g in range(len(groups))]
        rated = [(y, s) for y, s in zip(ys, summaries) if s.percent is not None]
        ax.barh([y for y, _ in rated], [s.percent for _, s in rated], height=height * 0.9,
                color=_style(i)["color"], hatch=_style(i)["hatch"], edgecolor="white",
                linewidth=0, label=name)
        for y, summary in zip(ys, summaries):
            if summary.percent is None:
                ax.text(1.5, y, "non renseigné", ha="left", va="center", fontsize=11,
                        fontstyle="italic", color="#555555")
                continue
            inside = summary.percent >= 55  # long bars hold their label inside
            x = summary.percent + (-1.5 if inside else 1.5)
            ax.text(x, y, _annotation(summary), ha="right" if inside else "left", va="center",
                    fontsize=11, color=_TEXT, bbox={"boxstyle": "round,pad=0.2",
                    "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
    ax.set_yticks(range(len(groups)))
    ax.set_yticklabels(groups, fontsize=12)
    ax.get_yticklabels()[-1].set_fontweight("bold")
    ax.set_ylim(len(groups) - 0.5, -0.5)  # first dimension on top, « Ensemble » last
    if len(groups) > 1:
        ax.axhline(len(groups) - 1.5, color="#888888", linewidth=1, linestyle="--")
    ax.set_xlim(0, 100)
    ax.set_xticks(range(0, 101, 25))
    ax.set_xlabel("% du niveau maximal", fontsize=12)
    ax.tick_params(axis="x", labelsize=11)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if profiles:
        # Legend entries from the series, even when a series drew no bar at all.
        handles = [Patch(facecolor=_style(i)["color"], hatch=_style(i)["hatch"],
                         edgecolor="white", label=name) for i, name in enumerate(names)]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0),
                  bbox_transform=_below(ax, 40),
                  ncol=min(len(names), 3), frameon=False, fontsize=12)
    if title:
        ax.set_title(title, fontsize=14, fontweight="bold")
    return ax


def figure_png(ax_or_fig: Axes | Figure | SubFigure, dpi: int = 100) -> bytes:
    """The whole figure holding ``ax_or_fig`` as PNG bytes, trimmed to what is drawn."""
    fig = ax_or_fig.figure if isinstance(ax_or_fig, (Axes, SubFigure)) else ax_or_fig
    fig = fig.figure  # the root figure (a Figure is its own)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", facecolor="white")
    return buffer.getvalue()
