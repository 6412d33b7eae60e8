"""The VRAI / FAUX quiz as a widget: one statement at a time, feedback, running score.

Answers go to the learner's results through the store; the score is the
core's :func:`isgrille.score_quiz`. Feedback says in words whether the answer
is right (colour is only a second cue) and gives the source's explanation,
with the sector examples as cards on the statement that has them. What the
kit wrote rather than the source (an explanation assembled from other slides,
a need paired with an enterprise by the kit) ends in the kit's italic mark,
put there by the quiz file (:mod:`isgrille.content.quiz_file`).
"""

from __future__ import annotations

import ipywidgets as w

from ..analysis.quiz import score_quiz
from ..content.model import Quiz, QuizItem, match_label
from ..results.store import ResultsStore
from .status import SaveStatus
from .text import STYLE, escape, inline_markdown

__all__ = ["QuizWidget", "examples_html", "quiz_widget"]


def examples_html(item: QuizItem) -> str:
    """The sector examples of a statement as cards: need, figure, source, enterprise (its description
    with the content's light emphasis, e.g. the kit's mark on a pair the kit made)."""
    cards = "".join(
        f'<div class="isg-example"><h4>{escape(e.need)}</h4><p>{escape(e.fact)} '
        f"<em>Source\u00a0: {escape(e.source)}</em></p><p><strong>{escape(e.enterprise)}</strong> — "
        f"{inline_markdown(e.description)}</p></div>"
        for e in item.examples
    )
    return f'<div class="isg-examples">{cards}</div>' if cards else ""


class QuizWidget(w.VBox):
    """Pager over the statements; ``choices[i]`` holds statement i's answer buttons; ``status`` says when
    an answer could not be saved."""

    def __init__(self, quiz: Quiz, store: ResultsStore, extra: dict[str, str] | None = None):
        self.quiz, self.store = quiz, store
        self.extra = extra or {}  # see-id -> HTML shown with the feedback (e.g. the six dimensions)
        self.reveal_all = False
        self.index = 0
        self.statement = w.HTML()
        self.choices = [
            w.ToggleButtons(
                options=list(quiz.choices),
                value=None,
                description="Ma réponse\u00a0:",
                style={"description_width": "initial"},
            )
            for _ in quiz.items
        ]
        self.feedback = w.HTML()
        self.status = SaveStatus(store)
        self.progress = w.HTML()
        self.score = w.HTML()
        self.previous_button = w.Button(description="Précédente", icon="arrow-left")
        self.next_button = w.Button(description="Suivante", icon="arrow-right")
        self.restart_button = w.Button(description="Recommencer", icon="refresh", tooltip="Effacer mes réponses")
        self.reveal_button = w.Button(
            description="Voir toutes les réponses",
            icon="eye",
            tooltip="Pour le formateur\u00a0: afficher la réponse de chaque affirmation",
        )
        self.previous_button.on_click(lambda _: self.go(self.index - 1))
        self.next_button.on_click(lambda _: self.go(self.index + 1))
        self.restart_button.on_click(lambda _: self.restart())
        self.reveal_button.on_click(lambda _: self.toggle_reveal())
        self.answer_box = w.Box([self.choices[0]])
        answers = store.load().quiz
        for item, toggle in zip(quiz.items, self.choices, strict=True):
            # Resume: earlier answers shown, not saved again; one that is no longer a choice is ignored.
            toggle.value = match_label(answers.get(item.id) or "", quiz.choices)
            toggle.observe(lambda change, item=item: self._answer(item, change["new"]), names="value")
        super().__init__(
            [
                w.HTML(STYLE),
                self.progress,
                self.statement,
                self.answer_box,
                self.status,
                self.feedback,
                w.HBox([self.previous_button, self.next_button]),
                self.score,
                w.HBox([self.restart_button, self.reveal_button]),
            ]
        )
        self.go(0)

    def _answer(self, item: QuizItem, choice: str | None) -> None:
        if choice is not None:
            self.status.save(lambda r: r.quiz.__setitem__(item.id, choice))
        self._refresh()

    def go(self, index: int) -> None:
        """Show statement ``index`` (clamped to the quiz)."""
        self.index = max(0, min(index, len(self.quiz.items) - 1))
        self.answer_box.children = [self.choices[self.index]]
        self._refresh()

    def restart(self) -> None:
        """Forget every answer (in the results too) and go back to the first statement."""
        self.status.save(lambda r: r.quiz.clear())
        if self.reveal_all:
            self.toggle_reveal()
        for toggle in self.choices:
            toggle.value = None
        self.go(0)

    def toggle_reveal(self) -> None:
        self.reveal_all = not self.reveal_all
        self.reveal_button.description = "Masquer les réponses" if self.reveal_all else "Voir toutes les réponses"
        self._refresh()

    def _refresh(self) -> None:
        item = self.quiz.items[self.index]
        total = len(self.quiz.items)
        self.progress.value = f"<p>Affirmation {self.index + 1} / {total}</p>"
        self.statement.value = f'<div class="isg-card isg-statement">«\u00a0{escape(item.statement)}\u00a0»</div>'
        self.previous_button.disabled = self.index == 0
        self.next_button.disabled = self.index == total - 1
        answers = {i.id: t.value for i, t in zip(self.quiz.items, self.choices, strict=True) if t.value is not None}
        result = score_quiz(self.quiz, answers)
        self.feedback.value = self._feedback(item, result.items[self.index])
        self.score.value = (
            f"<p><strong>Score\u00a0: {result.correct} / {result.answered}</strong> "
            f"({result.answered} réponse{'s' if result.answered > 1 else ''} sur {total})</p>"
        )

    def _feedback(self, item: QuizItem, outcome) -> str:
        if outcome.given is None and not self.reveal_all:
            return ""
        if outcome.given is None:
            verdict = f"<p><strong>Réponse\u00a0: {escape(item.answer)}</strong></p>"
        elif outcome.correct:
            verdict = f'<p class="isg-good"><strong>✔ Bonne réponse\u00a0: {escape(item.answer)}</strong></p>'
        else:
            verdict = (
                f'<p class="isg-bad"><strong>✘ Pas tout à fait\u00a0: vous avez répondu {escape(outcome.given)}, '
                f"la réponse est {escape(item.answer)}</strong></p>"
            )
        extra = self.extra.get(item.see or "", "")
        return (
            f'<div class="isg-feedback" role="status">{verdict}<p>{inline_markdown(item.explanation)}</p>'
            f"{examples_html(item)}{extra}</div>"
        )


def quiz_widget(quiz: Quiz, store: ResultsStore, extra: dict[str, str] | None = None) -> QuizWidget:
    """The quiz, saving each answer in ``store``; ``extra`` maps a statement's ``see`` to HTML."""
    return QuizWidget(quiz, store, extra)
