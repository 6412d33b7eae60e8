"""The room's profile: projects × criteria, the levels per criterion, one project's two assessments side by side.

The map of projects × criteria is an HTML table (each cell its level's number
on a shade of the level, the legend above; a table is its own text
alternative, and redraws in milliseconds as visitors rate); the levels per
criterion across the room are the class chart of :mod:`.class_view`, redrawn
only when a rating changed. A project picked with its second assessor (a peer,
the trainer) shows both assessments on its radar, in one sentence, and the
criteria where they differ most first. Every project name is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w

from ..analysis.room import RoomSnapshot, assessment_gaps, project_labels, ratings_key, room_matrix
from ..analysis.scoring import compare_assessments, score_assessment
from ..content.model import Grid
from ..results.learner import SELF
from .class_view import levels_html
from .profile import ProfileView, comparison_html
from .room_panel import plural
from .text import STYLE, escape, table_html

__all__ = ["RoomProfile", "level_colours", "matrix_html", "room_profile"]


def _luminance(red: float, green: float, blue: float) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def level_colours(levels: int) -> list[tuple[str, str]]:
    """(background, text) per level, light to dark blue; the text black or white, whichever contrasts most.

    >>> level_colours(2)
    [('#f0f5fa', '#000'), ('#08306b', '#fff')]
    """
    light, dark = (0xF0, 0xF5, 0xFA), (0x08, 0x30, 0x6B)
    colours = []
    for i in range(levels):
        t = i / (levels - 1) if levels > 1 else 1.0
        rgb = [round(a + (b - a) * t) for a, b in zip(light, dark, strict=True)]
        lum = _luminance(*(c / 255 for c in rgb))
        text = "#000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#fff"
        colours.append(("#" + "".join(f"{c:02x}" for c in rgb), text))
    return colours


def matrix_html(rows: Sequence[tuple[str, Sequence[int | None]]], grid: Grid) -> str:
    """Projects (rows) × criteria (columns): each self-assessment's level number (1 the lowest), « — » unrated."""
    if not rows:
        return '<p role="status">Aucun projet dans la salle pour l\'instant\u00a0: pas de carte des projets.</p>'
    colours = level_colours(len(grid.levels))
    legend = "\u202f; ".join(f"{i} = {escape(level)}" for i, level in enumerate(grid.levels, 1))
    head = "".join(
        f'<th scope="col" style="font-size: 0.75em; font-weight: normal">{escape(c.label)}</th>' for c in grid.criteria
    )
    body = []
    for label, levels in rows:
        cells = []
        for level in levels:
            if level is None:
                cells.append('<td style="text-align: center">—</td>')
            else:
                background, text = colours[level]
                cells.append(
                    f'<td style="text-align: center; background: {background}; color: {text}">{level + 1}</td>'
                )
        body.append(f'<tr><th scope="row" style="font-size: 0.85em">{escape(label)}</th>{"".join(cells)}</tr>')
    return (
        f"<p>Niveaux\u00a0: {legend}\u202f; — = non renseigné.</p>"
        f'<table class="isg-table" style="width: 100%; table-layout: fixed; word-wrap: break-word">'
        f"<caption>Carte des projets × critères (autoévaluations, {plural(len(rows), 'projet')})</caption>"
        f'<thead><tr><th scope="col">Projet</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    )


class RoomProfile(w.VBox):
    """``matrix`` (projects × criteria), ``levels`` (the chart per criterion), then ``project`` and ``second``
    pickers with ``comparison`` (sentence and gaps) and ``radar``."""

    def __init__(self, grid: Grid):
        self.grid = grid
        self.snapshot: RoomSnapshot | None = None
        self._key: tuple | None = None
        self.matrix = w.HTML(matrix_html([], grid))
        self.levels = w.HTML(levels_html(_empty_ratings(grid), grid))
        self.project = w.Dropdown(options=[], description="Projet\u00a0:", style={"description_width": "initial"})
        self.second = w.Dropdown(
            options=[], description="Comparer l'autoévaluation avec\u00a0:", style={"description_width": "initial"}
        )
        self.comparison = w.HTML()
        self.radar = ProfileView(grid)
        self._quiet = False
        self.project.observe(lambda _: None if self._quiet else self._pick_project(), names="value")
        self.second.observe(lambda _: None if self._quiet else self._show_comparison(), names="value")
        super().__init__(
            [
                w.HTML(STYLE),
                self.matrix,
                self.levels,
                w.HTML("<h3>Un projet\u00a0: son autoévaluation et un autre regard</h3>"),
                w.HBox([self.project, self.second], layout=w.Layout(flex_flow="row wrap")),
                self.comparison,
                self.radar,
            ]
        )
        self._pick_project()

    def show(self, snapshot: RoomSnapshot) -> None:
        """A new reading of the room: the map, and the chart and pickers when a rating changed."""
        self.snapshot = snapshot
        cohort = snapshot.cohort
        self.matrix.value = matrix_html(room_matrix(cohort), self.grid)
        key = ratings_key(cohort)
        if key == self._key:
            return
        self._key = key
        self.levels.value = levels_html(cohort.ratings, self.grid)
        labels = project_labels(cohort.projects)
        options = [
            (label, (record.source, record.project))
            for label, record in zip(labels, cohort.projects, strict=True)
            if len(record.assessments) > 1
        ]
        keep = self.project.value if self.project.value in [value for _, value in options] else None
        self._quiet = True  # options set, then the value: one comparison drawn, not one per step
        try:
            self.project.options = options
            self.project.value = keep if keep is not None else (options[0][1] if options else None)
        finally:
            self._quiet = False
        self._pick_project()

    def _record(self):
        if self.snapshot is None or self.project.value is None:
            return None
        return next(
            (
                record
                for record in self.snapshot.cohort.projects
                if (record.source, record.project) == self.project.value
            ),
            None,
        )

    def _pick_project(self) -> None:
        record = self._record()
        others = (
            [] if record is None else list(dict.fromkeys(a.assessor for a in record.assessments if a.assessor != SELF))
        )
        keep = self.second.value if self.second.value in others else None
        self._quiet = True
        try:
            self.second.options = others
            self.second.value = keep if keep is not None else (others[0] if others else None)
        finally:
            self._quiet = False
        self._show_comparison()

    def _show_comparison(self) -> None:
        record = self._record()
        own = None if record is None else next((a for a in reversed(record.assessments) if a.assessor == SELF), None)
        other = (
            None
            if record is None
            else next((a for a in reversed(record.assessments) if a.assessor == self.second.value), None)
        )
        if own is None or other is None:
            self.comparison.value = (
                "<p>Aucun projet n'a encore deux évaluations (son autoévaluation et celle "
                "d'un pair ou du formateur) à comparer.</p>"
            )
            self.radar.layout.display = "none"
            return
        gaps = [gap for gap in assessment_gaps(self.grid, own, other) if gap.gap]
        table = (
            table_html(
                ["Critère", SELF, other.assessor, "Écart (niveaux)"],
                [(g.label, g.first, g.second, f"{g.gap:+d}") for g in gaps[:5]],
                caption="Les critères où les deux regards diffèrent le plus",
            )
            if gaps
            else ("<p>Les deux évaluations donnent le même niveau partout où elles sont comparables.</p>")
        )
        self.comparison.value = (
            comparison_html(compare_assessments(self.grid, own, other), SELF, other.assessor) + table
        )
        self.radar.layout.display = None
        self.radar.show([score_assessment(self.grid, own), score_assessment(self.grid, other)], [SELF, other.assessor])


def _empty_ratings(grid: Grid):
    from ..analysis.frames import ratings_frame

    return ratings_frame([], grid)


def room_profile(grid: Grid) -> RoomProfile:
    """The room's profile screen (empty until :meth:`RoomProfile.show`)."""
    return RoomProfile(grid)
