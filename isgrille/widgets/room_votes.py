"""The room's quiz votes on the projector: how many answered, then — on « Révéler » — who chose what.

The trainer picks a statement; the room sees how many have answered it, but
not what they chose, so that each votes before seeing the others. « Révéler »
shows the votes per choice (bars with their counts and shares, as a table a
screen reader reads), the expected answer and its explanation (the quiz's own
text); another statement starts hidden again. The statements most missed —
the points to discuss — are ranked on request, for the same reason.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w

from ..analysis.room import VoteTally, most_missed
from ..content.model import Quiz
from .room_panel import plural
from .text import STYLE, escape, inline_markdown, plain_text, table_html

__all__ = ["RoomVotes", "room_votes", "votes_html"]

_BAR = (
    '<span aria-hidden="true" style="display: inline-block; height: 1em; vertical-align: middle; '
    'background: {colour}; width: {width:.0f}%"></span>'
)


def votes_html(tally: VoteTally) -> str:
    """One statement's votes revealed: a row per choice (bar, count, share), then the answer and its explanation."""
    rows = []
    for choice, count in tally.counts.items():
        share = count / tally.answered * 100 if tally.answered else 0.0
        good = choice == tally.answer
        mark = " ✔ bonne réponse" if good else ""
        bar = _BAR.format(colour="#1a6e3a" if good else "#555", width=share)
        rows.append(
            f'<tr><th scope="row">{escape(choice)}{mark}</th><td style="width: 60%">{bar}</td>'
            f"<td>{count}</td><td>{share:.0f}\u00a0%</td></tr>"
        )
    table = (
        f'<table class="isg-table" style="width: 100%"><caption>Votes de la salle '
        f'({plural(tally.answered, "réponse")})</caption><thead><tr><th scope="col">Réponse</th>'
        f'<th scope="col">Part des votes</th><th scope="col">Votes</th><th scope="col">%</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return (
        f'{table}<div class="isg-feedback"><p><strong>Réponse attendue\u00a0: {escape(tally.answer)}</strong></p>'
        f"<p>{inline_markdown(tally.explanation)}</p></div>"
    )


def ranking_html(tallies: Sequence[VoteTally]) -> str:
    """The statements answered, most missed first."""
    ranked = most_missed(tallies)
    if not ranked:
        return "<p>Personne n'a encore répondu au quiz.</p>"
    return table_html(
        ["Affirmation", "Réponses", "Manquées", "Part manquée"],
        [(t.text, t.answered, t.missed, f"{t.missed / t.answered * 100:.0f}\u00a0%") for t in ranked],
        caption="Les affirmations les plus manquées d'abord\u00a0: les points à reprendre",
    )


class RoomVotes(w.VBox):
    """``picker`` (the statement), ``count`` (how many answered), ``reveal_button`` then ``result``;
    ``ranking_button`` then ``ranking``."""

    def __init__(self, quiz: Quiz):
        self.quiz = quiz
        self.tallies: dict[str, VoteTally] = {}
        self.revealed = False
        self.picker = w.Dropdown(
            options=[(f"{i}. {plain_text(item.statement)[:70]}", item.id) for i, item in enumerate(quiz.items, 1)],
            description="Affirmation\u00a0:",
            style={"description_width": "initial"},
            layout=w.Layout(width="100%"),
        )
        self.statement = w.HTML()
        self.count = w.HTML()
        self.reveal_button = w.Button(
            description="Révéler",
            icon="eye",
            layout=w.Layout(width="auto"),
            tooltip="Montrer les votes de la salle, la bonne réponse et son explication",
        )
        self.result = w.HTML()
        self.ranking_button = w.Button(
            description="Afficher les affirmations les plus manquées", icon="list-ol", layout=w.Layout(width="auto")
        )
        self.ranking = w.HTML()
        self.ranking_shown = False
        self.picker.observe(lambda _: self._pick(), names="value")
        self.reveal_button.on_click(lambda _: self.reveal(not self.revealed))
        self.ranking_button.on_click(lambda _: self.show_ranking(not self.ranking_shown))
        super().__init__(
            [
                w.HTML(STYLE),
                self.picker,
                self.statement,
                self.count,
                self.reveal_button,
                self.result,
                self.ranking_button,
                self.ranking,
            ]
        )
        self._pick()

    def show(self, tallies: Sequence[VoteTally]) -> None:
        """New votes from the room: the count always, the rest only if revealed."""
        self.tallies = {tally.statement: tally for tally in tallies}
        self._render()

    def reveal(self, shown: bool = True) -> None:
        self.revealed = shown
        self.reveal_button.description, self.reveal_button.icon = (
            ("Masquer", "eye-slash") if shown else ("Révéler", "eye")
        )
        self._render()

    def show_ranking(self, shown: bool = True) -> None:
        self.ranking_shown = shown
        self.ranking_button.description = (
            "Masquer le classement" if shown else "Afficher les affirmations les plus manquées"
        )
        self._render()

    def _pick(self) -> None:
        item = self.quiz.item(self.picker.value) if self.picker.value else None
        self.statement.value = f'<p class="isg-statement">{inline_markdown(item.statement)}</p>' if item else ""
        self.reveal(False)

    def _render(self) -> None:
        tally = self.tallies.get(self.picker.value)
        answered = tally.answered if tally is not None else 0
        self.count.value = (
            f'<p role="status" style="font-size: 1.3em">'
            f"{plural(answered, 'participant a répondu', 'participants ont répondu')}</p>"
        )
        if not self.revealed:
            self.result.value = (
                "<p><em>Votes masqués\u00a0: cliquez sur «\u00a0Révéler\u00a0» quand la salle a voté.</em></p>"
            )
        elif tally is None:
            self.result.value = "<p>Pas encore de vote pour cette affirmation.</p>"
        else:
            self.result.value = votes_html(tally)
        self.ranking.value = ranking_html(list(self.tallies.values())) if self.ranking_shown else ""


def room_votes(quiz: Quiz) -> RoomVotes:
    """The votes screen of the room for this quiz (empty until :meth:`RoomVotes.show`)."""
    return RoomVotes(quiz)
