"""Bars per dimension: how far each dimension of a profile reaches, and overall.

Takes :class:`~isgrille.analysis.scoring.Profile` s made by
:func:`~isgrille.analysis.scoring.score_assessment` and only draws them: one
group of bars per dimension and « Ensemble »: the share of rated criteria at
or above the grid's reference level (never a mean of levels), annotated with
the median level, that count out of the rated criteria and the criteria left
« non renseigné ». The x axis is named by
:func:`~isgrille.analysis.scoring.share_label`.

>>> from isgrille import load_assessments, load_grid, score_assessment
>>> grid = load_grid()
>>> ax = plot_dimension_summary(grid, score_assessment(grid, load_assessments(grid=grid)[0]))
>>> [t.get_text() for t in ax.get_yticklabels()][-1]
'Ensemble'
>>> ax.get_xlabel() == "% des critères notés au moins «\u00a0Intermédiaire\u00a0»"
True
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.patches import Patch

from ..analysis.scoring import LevelSummary, Profile, share_label
from ..content.model import Grid
from .style import PLAIN_TEXT, TEXT_COLOUR, as_list, new_axes, offset_below, plain, series_labels, series_style

__all__ = ["plot_dimension_summary"]


def _annotation(summary: LevelSummary) -> str:
    """« médiane : Fort · 3/4 (1 non renseigné) »: the median, then at or above the reference out of rated."""
    text = f"médiane\u00a0: {summary.median} · {summary.at_least}/{summary.rated}"
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
    """Grouped horizontal bars: per dimension and overall (« Ensemble »), the profile's share at or above the reference.

    Each bar is ``100 * summary.share`` (0 to 100: the share of rated criteria
    at or above the grid's reference level) and is annotated with the median
    level and « at_least/rated », plus the count of criteria not rated if any;
    a dimension with nothing rated has no bar and reads « non renseigné ».
    ``labels`` names the series (default: each profile's ``assessment.assessor``).
    """
    profiles = as_list(profiles, Profile)
    names = series_labels(labels, [p.assessment.assessor for p in profiles])
    groups = [d.label for d in grid.dimensions] + ["Ensemble"]
    series = max(len(profiles), 1)
    if ax is None:
        ax = new_axes((9, max(3.5, 0.5 + len(groups) * (0.35 + 0.42 * series))))
    elif ax.name == "polar":
        raise ValueError("plot_dimension_summary trace des barres\u00a0: il faut des axes cartésiens")
    height = 0.8 / series
    for i, (profile, name) in enumerate(zip(profiles, names, strict=True)):
        summaries = [profile.dimension(d.id).summary for d in grid.dimensions] + [profile.overall]
        ys = [g - 0.4 + (i + 0.5) * height for g in range(len(groups))]
        widths = [None if s.share is None else 100 * s.share for s in summaries]
        rated = [(y, width) for y, width in zip(ys, widths, strict=True) if width is not None]
        ax.barh(
            [y for y, _ in rated],
            [width for _, width in rated],
            height=height * 0.9,
            color=series_style(i)["color"],
            hatch=series_style(i)["hatch"],
            edgecolor="white",
            linewidth=0,
            label=name,
        )
        for y, summary, width in zip(ys, summaries, widths, strict=True):
            if width is None:
                ax.text(
                    1.5, y, "non renseigné", ha="left", va="center", fontsize=11, fontstyle="italic", color="#555555"
                )
                continue
            inside = width >= 55  # long bars hold their label inside
            x = width + (-1.5 if inside else 1.5)
            ax.text(
                x,
                y,
                _annotation(summary),
                ha="right" if inside else "left",
                va="center",
                fontsize=11,
                color=TEXT_COLOUR,
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
                **PLAIN_TEXT,
            )
    ax.set_yticks(range(len(groups)))
    ax.set_yticklabels(groups, fontsize=12, **PLAIN_TEXT)
    ax.get_yticklabels()[-1].set_fontweight("bold")
    ax.set_ylim(len(groups) - 0.5, -0.5)  # first dimension on top, « Ensemble » last
    if len(groups) > 1:
        ax.axhline(len(groups) - 1.5, color="#888888", linewidth=1, linestyle="--")
    ax.set_xlim(0, 100)
    ax.set_xticks(range(0, 101, 25))
    ax.set_xlabel(share_label(grid.levels), fontsize=12, **PLAIN_TEXT)
    ax.tick_params(axis="x", labelsize=11)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if profiles:
        # Legend entries from the series, even when a series drew no bar at all.
        handles = [
            Patch(facecolor=series_style(i)["color"], hatch=series_style(i)["hatch"], edgecolor="white", label=name)
            for i, name in enumerate(names)
        ]
        legend = ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, 0),
            bbox_transform=offset_below(ax, 40),
            ncol=min(len(names), 3),
            frameon=False,
            fontsize=12,
        )
        plain(legend.get_texts())  # names typed by learners: a "$" is a dollar sign
    if title:
        ax.set_title(title, fontsize=14, fontweight="bold", **PLAIN_TEXT)
    return ax
