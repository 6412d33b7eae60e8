"""The room's ratings of the project that pitches, arriving live on the projector, over its self-assessment.

One table, read from the back of the room: per criterion, the project's own
level, the room's median level, the spread (lowest – highest level given),
how many rated it, and the gap between the room and the project said in words
and arrows (« salle +1 ▲ »), never by colour alone. Above it, how many
participants rated. The figures come from
:func:`isgrille.analysis.room_live.rating_summary`; the project's name is
the participant's own text, escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import ipywidgets as w

from ..analysis.room_live import CriterionSummary
from ..content.model import Grid
from .room_panel import plural
from .text import STYLE, escape

__all__ = ["LIVE_CSS", "RoomLiveRatings", "gap_text", "live_ratings_html", "room_live_ratings"]

LIVE_CSS = """<style>
.isg-live { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 1em; }
.isg-live caption { text-align: left; font-weight: 700; font-size: 1.1em; padding: 0.2em 0; }
.isg-live th, .isg-live td { border: 1px solid #767676; padding: 0.2em 0.4em; text-align: left; vertical-align: middle;
  overflow-wrap: anywhere; line-height: 1.25; }
.isg-live thead th { background: #e8eef7; color: #000; }
.isg-live td.isg-room { font-weight: 700; }
.isg-live col.isg-label { width: 30%; }
.isg-live-count { font-size: 1.5em; font-weight: 700; margin: 0.2em 0; }
</style>"""


def gap_text(own: int | None, room: int | None) -> str:
    """The room's median against the project's own level, in words and an arrow.

    >>> gap_text(1, 3), gap_text(2, 1), gap_text(2, 2), gap_text(None, 1)
    ('salle +2 ▲', 'salle −1 ▼', '= même niveau', '—')
    """
    if own is None or room is None:
        return "—"
    if room == own:
        return "= même niveau"
    return f"salle +{room - own} ▲" if room > own else f"salle −{own - room} ▼"


def live_ratings_html(
    grid: Grid,
    summary: Sequence[CriterionSummary],
    own: Mapping[str, int | None] | None,
    raters: int,
    project: str = "",
    status: str = "",
) -> str:
    """How many rated, then per criterion: own level, the room's median and spread, how many rated, the gap.

    ``status`` (plain text, escaped) follows the table: where the medians were saved, or why not.

    >>> from isgrille.content.model import Criterion, Dimension, Grid
    >>> from isgrille.analysis.room_live import rating_summary
    >>> grid = Grid(("Bas", "Haut"), (Dimension("d", "D", (Criterion("a", "A", ("", "")),)),))
    >>> page = live_ratings_html(grid, rating_summary(grid, {"x": {"a": 1}}), {"a": 0}, 1, "<i>P</i>")
    >>> "1 participant a noté" in page, "salle +1 ▲" in page, "&lt;i&gt;P&lt;/i&gt;" in page
    (True, True, True)
    """
    levels = grid.levels
    own = own or {}
    name = f" «\u00a0{escape(project)}\u00a0»" if project else ""

    def level(index: int | None) -> str:
        return "—" if index is None else f"{escape(levels[index])} ({index + 1})"

    rows = []
    for item in summary:
        spread = (
            "—"
            if item.low is None
            else (level(item.low) if item.low == item.high else f"{level(item.low)} – {level(item.high)}")
        )
        mine = own.get(item.criterion)
        mine = mine if isinstance(mine, int) and 0 <= mine < len(levels) else None
        rows.append(
            f'<tr><th scope="row">{escape(item.label)}</th><td>{level(mine)}</td>'
            f'<td class="isg-room">{level(item.median)}</td><td>{spread}</td><td>{item.rated}</td>'
            f"<td>{gap_text(mine, item.median)}</td></tr>"
        )
    count = plural(raters, "participant a noté", "participants ont noté")
    legend = "\u202f; ".join(f"{i} = {escape(label)}" for i, label in enumerate(levels, 1))
    return (
        f'{LIVE_CSS}<p class="isg-live-count" role="status" aria-live="polite">{count} le projet{name}</p>'
        f'<table class="isg-live"><caption>Regards de la salle sur le projet{name} et son autoévaluation '
        f'(niveaux : {legend})</caption><colgroup><col class="isg-label"><col><col><col><col><col></colgroup>'
        '<thead><tr><th scope="col">Critère</th><th scope="col">Autoévaluation</th>'
        '<th scope="col">Médiane de la salle</th><th scope="col">Étendue (du plus bas au plus haut)</th>'
        '<th scope="col">Notes</th><th scope="col">Écart</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>" + (f'<p role="status">{escape(status)}</p>' if status else "")
    )


class RoomLiveRatings(w.VBox):
    """``table`` shows the ratings given to :meth:`show`."""

    def __init__(self, grid: Grid):
        self.grid = grid
        self.table = w.HTML("<p>Aucun projet ne pitche pour l'instant.</p>", layout=w.Layout(width="100%"))
        super().__init__([w.HTML(STYLE), self.table], layout=w.Layout(width="100%"))

    def show(
        self,
        summary: Sequence[CriterionSummary],
        own: Mapping[str, int | None] | None,
        raters: int,
        project: str = "",
        status: str = "",
    ) -> None:
        self.table.value = live_ratings_html(self.grid, summary, own, raters, project, status)


def room_live_ratings(grid: Grid) -> RoomLiveRatings:
    """The live ratings screen (empty until :meth:`RoomLiveRatings.show`)."""
    return RoomLiveRatings(grid)
