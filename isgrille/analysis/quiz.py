"""Score a learner's answers to the quiz.

Answers are a mapping from statement id to the chosen answer; statements not
answered yet count as unanswered, not as wrong, so a learner half-way
through sees a fair running score.

>>> from isgrille.content.model import Quiz, QuizItem
>>> quiz = Quiz(("VRAI", "FAUX"), (QuizItem("q1", "…", "VRAI", "…"), QuizItem("q2", "…", "FAUX", "…")))
>>> result = score_quiz(quiz, {"q1": "VRAI"})
>>> result.correct, result.answered, result.total
(1, 1, 2)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..content.model import Quiz

__all__ = ["ItemResult", "QuizResult", "score_quiz"]


@dataclass(frozen=True)
class ItemResult:
    """One statement: the expected answer, what was given (None if nothing yet)."""

    item_id: str
    expected: str
    given: str | None

    @property
    def correct(self) -> bool | None:
        """True or False once answered; None before."""
        return None if self.given is None else self.given == self.expected


@dataclass(frozen=True)
class QuizResult:
    items: tuple[ItemResult, ...]

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def answered(self) -> int:
        return sum(1 for item in self.items if item.given is not None)

    @property
    def correct(self) -> int:
        return sum(1 for item in self.items if item.correct)

    @property
    def complete(self) -> bool:
        return self.answered == self.total


def score_quiz(quiz: Quiz, answers: Mapping[str, str | None]) -> QuizResult:
    """Compare answers with the expected ones; unknown ids or answers raise ValueError."""
    for item_id, given in answers.items():
        try:
            quiz.item(item_id)
        except KeyError as exc:
            raise ValueError(exc.args[0]) from None
        if given is not None and given not in quiz.choices:
            raise ValueError(f"réponse '{given}' inconnue pour '{item_id}' (attendu\u00a0: {', '.join(quiz.choices)})")
    return QuizResult(tuple(ItemResult(item.id, item.answer, answers.get(item.id)) for item in quiz.items))
