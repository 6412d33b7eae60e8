"""The live room's quiz on a phone: the statement the trainer chose, full-width answers, the reveal.

Unlike :class:`~isgrille.widgets.quiz.QuizWidget` (a pager the learner
drives), :class:`PhoneQuiz` shows the statement the trainer put on screen
(:meth:`PhoneQuiz.show`): its answer choices as full-width buttons, one per
line, whatever their number (``quiz.choices``); the answer is saved through
the store as soon as it is chosen. Once the trainer reveals the statement,
the learner reads in words whether their answer was right, the expected
answer and the explanation, with the sector examples
(:func:`~isgrille.widgets.quiz.examples_html`); the answer is then locked.
"""

from __future__ import annotations

import ipywidgets as w

from ..content.model import NB, Quiz, QuizItem, match_label
from ..results.store import ResultsStore
from .quiz import examples_html
from .status import SaveStatus
from .text import STYLE, escape, inline_markdown

__all__ = ["PhoneQuiz", "phone_quiz"]


class PhoneQuiz(w.VBox):
    """``choices`` holds the answer buttons of the statement shown (``index``); ``feedback`` the reveal.

    ``status`` says when an answer could not be saved.
    """

    def __init__(self, quiz: Quiz, store: ResultsStore):
        self.quiz, self.store = quiz, store
        self.index, self.revealed = -1, False
        self._loading = False
        self.progress = w.HTML()
        self.statement = w.HTML()
        self.choices = w.ToggleButtons(
            options=list(quiz.choices), value=None, tooltips=[f"Répondre «{NB}{c}{NB}»" for c in quiz.choices]
        )
        self.choices.add_class("isg-choices")
        self.choices.observe(lambda change: self._answer(change["new"]), names="value")
        self.status = SaveStatus(store)
        self.note = w.HTML()
        self.feedback = w.HTML()
        super().__init__(
            [w.HTML(STYLE), self.progress, self.statement, self.choices, self.status, self.note, self.feedback]
        )
        self.add_class("isg-phone-quiz")
        if quiz.items:
            self.show(0, False)
        else:
            self.statement.value = "<p>Le quiz de l'atelier n'a pas d'affirmation.</p>"

    @property
    def item(self) -> QuizItem:
        return self.quiz.items[self.index]

    def show(self, index: int, revealed: bool) -> None:
        """Show statement ``index`` (clamped to the quiz), its answer and explanation when ``revealed``."""
        if not self.quiz.items:
            return
        index = max(0, min(index, len(self.quiz.items) - 1))
        if (index, revealed) == (self.index, self.revealed):
            return
        self.index, self.revealed = index, revealed
        item = self.item
        self.progress.value = f"<p>Affirmation {index + 1} sur {len(self.quiz.items)}</p>"
        self.statement.value = f'<div class="isg-card isg-statement">«{NB}{escape(item.statement)}{NB}»</div>'
        given = self._given()
        self._loading = True
        try:
            self.choices.value = given
        finally:
            self._loading = False
        self.choices.disabled = revealed
        self._refresh(given)

    def _given(self) -> str | None:
        return match_label(self.store.load().quiz.get(self.item.id) or "", self.quiz.choices)

    def _answer(self, choice: str | None) -> None:
        if self._loading or choice is None or self.revealed:
            return
        item_id = self.item.id
        self.status.save(lambda r: r.quiz.__setitem__(item_id, choice))
        self._refresh(choice)

    def _refresh(self, given: str | None) -> None:
        item = self.item
        if not self.revealed:
            self.note.value = (
                f"<p>Votre réponse{NB}: <strong>{escape(given)}</strong>. Vous pouvez la changer "
                "jusqu'à ce que le formateur révèle la réponse.</p>"
                if given
                else "<p>Choisissez votre réponse.</p>"
            )
            self.feedback.value = ""
            return
        self.note.value = ""
        if given is None:
            verdict = f"<p><strong>Vous n'avez pas répondu. La réponse est{NB}: {escape(item.answer)}.</strong></p>"
        elif given == item.answer:
            verdict = f'<p class="isg-good"><strong>✔ Bonne réponse{NB}: {escape(item.answer)}.</strong></p>'
        else:
            verdict = (
                f'<p class="isg-bad"><strong>✘ Pas tout à fait{NB}: vous avez répondu {escape(given)}, '
                f"la réponse est {escape(item.answer)}.</strong></p>"
            )
        self.feedback.value = (
            f'<div class="isg-feedback" role="status">{verdict}'
            f"<p>{inline_markdown(item.explanation)}</p>{examples_html(item)}</div>"
        )


def phone_quiz(quiz: Quiz, store: ResultsStore) -> PhoneQuiz:
    """The room's quiz on a phone, saving each answer in ``store``."""
    return PhoneQuiz(quiz, store)
