"""Tests of isgrille.analysis.quiz: score_quiz on the shipped quiz and on hand-made answers."""

from __future__ import annotations

import pytest

from isgrille import load_quiz, score_quiz


@pytest.fixture(scope="module")
def quiz():
    return load_quiz()


def test_no_answer_yet(quiz):
    result = score_quiz(quiz, {})
    assert (result.total, result.answered, result.correct, result.complete) == (7, 0, 0, False)
    assert all(item.correct is None for item in result.items)


def test_all_right(quiz):
    result = score_quiz(quiz, {item.id: item.answer for item in quiz.items})
    assert (result.correct, result.complete) == (7, True)


def test_mixed_answers(quiz):
    answers = {"reponses_nouvelles": "VRAI", "publics_fragiles": "VRAI", "economiquement_fragiles": "PAS FORCÉMENT"}
    result = score_quiz(quiz, answers)
    assert (result.answered, result.correct) == (3, 2)
    wrong = [i for i in result.items if i.correct is False]
    assert [(i.item_id, i.given, i.expected) for i in wrong] == [("publics_fragiles", "VRAI", "FAUX")]


@pytest.mark.parametrize(
    "answers, message",
    [
        ({"nope": "VRAI"}, "affirmation 'nope' inconnue"),
        (
            {"publics_fragiles": "PEUT-ÊTRE"},
            "réponse 'PEUT-ÊTRE' inconnue pour 'publics_fragiles' \\(attendu\u00a0: VRAI, FAUX, PAS FORCÉMENT\\)",
        ),
    ],
)
def test_bad_answers_are_refused(quiz, answers, message):
    with pytest.raises(ValueError, match=message):
        score_quiz(quiz, answers)
