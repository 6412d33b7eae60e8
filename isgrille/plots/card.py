"""A project's card on one A4 portrait page: header, radar and its table, bars per dimension, axes, pitch.

:func:`plot_card` draws a :class:`~isgrille.analysis.card.ProfileCard` (it
computes nothing): the radar is :func:`~isgrille.plots.radar.plot_profile`'s
frame with :func:`~isgrille.plots.radar.draw_profile_series`' lines, the bars
are :func:`~isgrille.plots.summary.plot_dimension_summary`'s, shrunk to fit.
Every text is wrapped and, past its share of the page, shortened with « … »;
after a first layout each text is measured and rewrapped narrower if it
still reaches beyond its column, so nothing leaves the page whatever its
length (a 300-character name, 30 criteria, 8 assessors). Series differ by
line style and marker (:func:`~isgrille.plots.style.series_style`), so the
page reads printed in black and white. Text typed by learners is plain text.
The attribution given (:class:`~isgrille.content.attribution.Attribution`:
whose work the card reproduces, its licence, the grid used) is the page's
footer (:func:`~isgrille.plots.footer.draw_footer`), under a rule, in room
the page keeps for it: nothing else reaches it.

>>> from isgrille import load_assessments, load_grid, load_workshop
>>> from isgrille.analysis.card import cards_by_project
>>> from isgrille.content.attribution import attribution_of
>>> grid = load_grid()
>>> fig = plot_card(cards_by_project(grid, load_assessments(grid=grid))[0], grid, attribution_of(load_workshop(), grid))
>>> [float(round(size, 2)) for size in fig.get_size_inches()]
[8.27, 11.69]
"""

from __future__ import annotations

import math

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from ..analysis.card import ProfileCard
from ..analysis.scoring import share_label
from ..content.attribution import Attribution
from ..content.model import NOT_RATED, Grid
from .footer import draw_footer, footer_height
from .page_text import EM, LINE, Page, fit_lines, fit_radar, one_line, unmarked
from .radar import draw_profile_series, plot_profile
from .style import PLAIN_TEXT, agg_canvas, offset_below, plain
from .summary import plot_dimension_summary

__all__ = ["A4", "CardSheet", "plot_card"]

#: A4 portrait, in inches.
A4 = (8.27, 11.69)
_W, _H = A4
_LEFT, _RIGHT = 0.45, A4[0] - 0.45  # page margins, inches
_BOTTOM = 0.3  # the footer's bottom, inches above the page's


def _height(lines: int, size: float) -> float:
    """Inches taken by ``lines`` lines at ``size`` points."""
    return lines * size * LINE / 72


def _header(page: Page, card: ProfileCard) -> float:
    width = _RIGHT - _LEFT
    page.text(_LEFT, 0.4, card.project or "Projet sans nom", width, 17, fontweight="bold")
    facts = [
        f"Porteur·euse\u00a0: {card.learner}" if card.learner else "",
        f"Date\u00a0: {card.date}" if card.date else "",
        f"Évaluation\u00a0: {', '.join(card.assessors)}" if card.assessors else "Aucune évaluation",
    ]
    lines = page.text(_LEFT, 0.78, " · ".join(f for f in facts if f), width, 9, max_lines=2)
    bottom = 0.8 + _height(lines, 9) + 0.05
    page.fig.add_artist(_rule(bottom))
    return bottom + 0.1


def _rule(y: float) -> Line2D:
    return Line2D([_LEFT / _W, _RIGHT / _W], [1 - y / _H] * 2, color="#888888", linewidth=0.8)


_RADAR = 2.6, 1.15  # the radar's size and left edge, inches


def _radar_box(top: float) -> tuple[float, float, float, float]:
    size, left = _RADAR
    return left / _W, 1 - (top + 0.45 + size) / _H, size / _W, size / _H


def _radar_frame(fig: Figure, grid: Grid, top: float) -> Axes:
    """The radar's frame, the same for every card of ``grid``: labels in two lines, fitted between the margins."""
    size = _RADAR[0]
    ax = fig.add_axes(_radar_box(top), projection="polar")
    plot_profile(grid, [], ax=ax, wrap=16)
    n = len(grid.criteria)
    for tick in ax.get_xticklabels():
        tick.set_fontsize(7 if n <= 16 else 6 if n <= 30 else 5)
    ax.set_yticklabels([one_line(level, 14) for level in grid.levels], fontsize=6, **PLAIN_TEXT)
    for text, dimension in zip(ax.texts, grid.dimensions, strict=False):  # names in the band: an arc of at most ~34°
        share = min(0.9 * 2 * math.pi * len(dimension.criteria) / n, 0.6)
        text.set_text("\n".join(fit_lines(dimension.label, int(share * size * 0.45 * 72 / (0.6 * 6.5)), 2)))
        text.set_fontsize(6.5)
    fit_radar(ax, grid, agg_canvas(fig).get_renderer(), *(_RADAR_ROOM[0] * fig.dpi, _RADAR_ROOM[1] * fig.dpi))
    return ax


_RADAR_ROOM = 0.1, 4.8  # where the radar's labels and legend may reach, inches from the left


def _radar(page: Page, card: ProfileCard, ax: Axes, grid: Grid, top: float) -> list[Artist]:
    """The card's series on the radar's frame, with their legend under it; return what was drawn."""
    size, left = _RADAR
    ax.set_position(_radar_box(top))
    assessments = [p.assessment for p in card.profiles]
    drawn = draw_profile_series(ax, grid, assessments, [one_line(a, 20) for a in card.assessors])
    for line in drawn:
        if isinstance(line, Line2D):
            line.set_linewidth(1.6)
            line.set_markersize(4.5)
    legend = ax.get_legend()
    if legend is not None:
        for text in legend.get_texts():
            text.set_fontsize(7.5)
        page.legend = (legend, *_RADAR_ROOM)
    else:
        page.text(left, top + 0.45 + size + 0.35, "Aucune évaluation à tracer.", size, 8, fontstyle="italic")
    return drawn


def _table(page: Page, card: ProfileCard, x: float, top: float, bottom: float) -> None:
    """Criteria × assessors, level labels; the font shrinks with the rows, the rest is counted."""
    width = _RIGHT - x
    rows = card.table
    page.text(x, top, "Niveaux par critère", width, 8.5, fontweight="bold")
    top += 0.2
    if not rows:
        page.text(x, top, "Aucune évaluation.", width, 8, fontstyle="italic")
        return
    size = max(5.0, min(7.5, (bottom - top) * 72 / ((len(rows) + 1) * LINE)))
    fit = int((bottom - top) * 72 / (size * LINE)) - 1
    shown = rows if len(rows) <= fit else rows[: fit - 1]
    columns = len(card.assessors)
    label_width = width * (0.5 if columns <= 2 else 0.38)
    column = (width - label_width) / columns
    step = _height(1, size)
    for j, name in enumerate(card.assessors):
        page.text(x + label_width + j * column, top, name, column - 0.04, size, fontweight="bold")
    for i, (label, levels) in enumerate(shown, start=1):
        page.text(x, top + i * step, label, label_width - 0.05, size)
        for j, level in enumerate(levels):
            page.text(
                x + label_width + j * column,
                top + i * step,
                level,
                column - 0.04,
                size,
                fontstyle="italic" if level == NOT_RATED else "normal",
            )
    if len(shown) < len(rows):
        page.text(
            x,
            top + (len(shown) + 1) * step,
            f"… et {len(rows) - len(shown)} autres critères",
            width,
            size,
            fontstyle="italic",
        )


def _summary(page: Page, card: ProfileCard, grid: Grid, top: float, bottom: float) -> None:
    """Bars per dimension (plot_dimension_summary), fonts scaled to the bars' height."""
    page.text(
        _LEFT, top, f"Par dimension ({share_label(grid.levels)}, médiane)", _RIGHT - _LEFT, 8.5, fontweight="bold"
    )
    left = _LEFT + 1.7
    axes_top, axes_bottom = top + 0.25, bottom - 0.6
    ax = page.fig.add_axes((left / _W, 1 - axes_bottom / _H, (_RIGHT - 0.1 - left) / _W, (axes_bottom - axes_top) / _H))
    profiles = list(card.profiles)
    plot_dimension_summary(grid, profiles, labels=[one_line(a, 20) for a in card.assessors], ax=ax)
    groups = len(grid.dimensions) + 1
    group_points = (axes_bottom - axes_top) * 72 / groups
    bar_points = group_points * 0.8 / max(1, len(profiles))
    ax.set_yticklabels(
        [one_line(label, 18) for label in [d.label for d in grid.dimensions] + ["Ensemble"]],
        fontsize=max(4.0, min(7.0, group_points * 0.8)),
        **PLAIN_TEXT,
    )
    for text in ax.texts:
        text.set_fontsize(max(3.5, min(6.5, bar_points * 0.85)))
    ax.xaxis.label.set_fontsize(6.5)
    ax.tick_params(axis="x", labelsize=6.5)
    legend = ax.get_legend()
    if legend is not None:
        for text in legend.get_texts():
            text.set_fontsize(7)
        legend.set_bbox_to_anchor((0.5, 0), transform=offset_below(ax, 24))
    if not profiles:
        ax.text(50, groups / 2 - 0.5, "Aucune évaluation.", ha="center", va="center", fontsize=8, fontstyle="italic")


def _lines_needed(text: str, width: float, size: float, most: int) -> int:
    return min(most, len(fit_lines(text, int(width * 72 / (EM * size)), most + 1)))


def _axes_and_pitch(page: Page, card: ProfileCard, top: float, bottom: float) -> None:
    """The improvement axes in two columns, then the pitch across the page (at most 3 lines a part)."""
    width, size = _RIGHT - _LEFT, 7.5
    line = _height(1, size)
    parts = [(label, text, _lines_needed(text, width - 0.15, size, 3) or 1) for label, text in card.pitch]
    pitch_height = 0.3 + sum(line * (1 + n) + 0.05 for _, _, n in parts) if parts else 0
    pitch_top = bottom - min(pitch_height, 2.2)
    who = f" ({card.axes_assessor})" if card.axes_assessor else ""
    page.text(_LEFT, top, f"Axes d'amélioration{who}\u00a0: le niveau visé et mon axe", width, 8.5, fontweight="bold")
    if not card.axes:
        page.text(
            _LEFT,
            top + 0.22,
            "Aucun axe\u00a0: rien n'est noté sous le niveau le plus haut.",
            width,
            size,
            fontstyle="italic",
        )
    else:
        _write_axes(page, card, top + 0.22, pitch_top - 0.1, size)
    if not parts:
        return
    page.fig.add_artist(_rule(pitch_top - 0.05))
    page.text(_LEFT, pitch_top, "Mon pitch", width, 8.5, fontweight="bold")
    y = pitch_top + 0.22
    for k, (label, text, n) in enumerate(parts):
        room = int((bottom - y) / line) - 1 - (len(parts) - k - 1) * 2  # leave two lines to each part after
        if room < 1:
            break
        y += line * page.text(_LEFT, y, label, width, size, fontweight="bold")
        y += (
            line
            * page.text(
                _LEFT + 0.15,
                y,
                text or "(à écrire)",
                width - 0.15,
                size,
                max_lines=min(n, room),
                fontstyle="normal" if text else "italic",
            )
            + 0.05
        )


def _footer(page: Page, attribution: Attribution | None) -> float:
    """The attribution at the page's foot, under a rule; return where the content above it must end (inches)."""
    if attribution is None:
        return _H - 0.35
    lines = attribution.lines()
    height = footer_height(lines, _RIGHT - _LEFT)
    text = draw_footer(page.fig, lines, _LEFT, _BOTTOM, _RIGHT - _LEFT)
    if text is not None:  # rewrapped narrower once measured: the rule goes above what is drawn
        height = max(height, text.get_window_extent(agg_canvas(page.fig).get_renderer()).height / page.fig.dpi)
    page.fig.add_artist(_rule(_H - _BOTTOM - height - 0.06))
    return _H - _BOTTOM - height - 0.14


def _write_axes(page: Page, card: ProfileCard, top: float, bottom: float, size: float) -> None:
    """Each axis: criterion and levels, the target descriptor, the learner's note — as many lines as fit."""
    line = _height(1, size)
    column_width = (_RIGHT - _LEFT - 0.2) / 2
    per_column = int((bottom - top) / line)
    wanted = [
        (
            _lines_needed(unmarked(a.target_descriptor), column_width - 0.1, size, 3),
            _lines_needed(f"Mon axe\u00a0: {a.note}", column_width - 0.1, size, 3) if a.note else 0,
        )
        for a in card.axes
    ]
    for most in (3, 2, 1):
        sizes = [(min(d, most), min(n, most if most > 1 else 1)) for d, n in wanted]
        if sum(1.3 + d + n for d, n in sizes) <= 2 * per_column - 3:
            break
    column, y = 0, top
    for k, (axis, (descriptor, note)) in enumerate(zip(card.axes, sizes, strict=True)):
        need = line * (1 + descriptor + note)
        room = bottom - y - (0 if k == len(card.axes) - 1 else line)  # a line to say how many are left out
        if need > room and column == 0:
            column, y = 1, top
            room = bottom - y - (0 if k == len(card.axes) - 1 else line)
        x = _LEFT + column * (column_width + 0.2)
        if need > room:
            page.text(x, y, f"… et {len(card.axes) - k} autres axes", column_width, size, fontstyle="italic")
            return
        y += line * page.text(
            x,
            y,
            f"{axis.label}\u00a0: {axis.current_level} → {axis.target_level}",
            column_width,
            size,
            fontweight="bold",
        )
        y += line * page.text(
            x + 0.1, y, unmarked(axis.target_descriptor), column_width - 0.1, size, max_lines=max(1, descriptor)
        )
        if note:
            y += line * page.text(
                x + 0.1, y, f"Mon axe\u00a0: {axis.note}", column_width - 0.1, size, max_lines=note, fontstyle="italic"
            )
        y += line * 0.3


class CardSheet:
    """One A4 figure on which card after card is drawn (:meth:`draw`): what the cards of a grid share is kept.

    The radar's frame (wedges, rings, labels fitted to the page) is built
    once per grid, and the canvas keeps its renderer, with which matplotlib
    caches the size of every text measured (the grid's labels, the levels…),
    so a class of cards is drawn faster. :meth:`draw` returns the same figure
    each time: save it before drawing the next card.
    """

    def __init__(self) -> None:
        self.fig = Figure(figsize=A4, facecolor="white")
        FigureCanvasAgg(self.fig)
        self._grid: Grid | None = None
        self._radar: Axes | None = None
        self._drawn: list[Artist] = []  # the last card's series and legend on the radar

    def draw(self, card: ProfileCard, grid: Grid, attribution: Attribution | None = None) -> Figure:
        """The figure showing ``card`` (and no earlier card), every text inside the page, ``attribution`` at its foot."""
        fig = self.fig
        if self._grid is not grid:
            fig.clear()
            self._grid, self._radar = grid, None
        else:
            for artist in [*fig.texts, *fig.artists, *self._drawn] + [ax for ax in fig.axes if ax is not self._radar]:
                artist.remove()
        page = Page(fig, A4)
        top = _header(page, card)
        if self._radar is None:
            self._radar = _radar_frame(fig, grid, top)
        self._drawn = _radar(page, card, self._radar, grid, top)
        _table(page, card, 4.85, top, top + 4.2)
        _summary(page, card, grid, top + 4.35, top + 6.3)
        _axes_and_pitch(page, card, top + 6.45, _footer(page, attribution))
        page.refit()
        plain(fig.findobj(Text))
        return fig


def plot_card(card: ProfileCard, grid: Grid, attribution: Attribution | None = None) -> Figure:
    """The card on a standalone A4 portrait Figure (not tracked by pyplot), ``attribution`` as its footer."""
    return CardSheet().draw(card, grid, attribution)
