"""Tests of isgrille.content.quiz_file: the quiz's file model and its conversion to a Quiz.

Small quiz files are written in ``tmp_path`` from ``QUIZ``
(``tests/documents.py``); the tests check the :class:`~isgrille.content.model.Quiz`
that comes out (answers written as the choice's own label, sector
examples, ``see``) and where the quiz-specific rules report a problem.
"""

from __future__ import annotations

import pytest

from isgrille.content.errors import Problem
from isgrille.content.loading import load_quiz
from isgrille.content.model import Quiz, QuizItem, SectorExample
from isgrille.content.quiz_file import QuizFile

from ..documents import QUIZ, broken, problems_of

SECOND_ITEM = """\
  - id: tous_secteurs
    statement: L'innovation sociale concerne tous les secteurs
    answer: vrai
    explanation: Oui.
    see: definitions
"""


def test_minimal_quiz_loads(write):
    quiz = load_quiz(write(QUIZ))
    assert quiz.choices == ("VRAI", "FAUX")
    assert quiz.title == "Le VRAI / FAUX"
    [item] = quiz.items
    assert (item.id, item.answer, item.see) == ("nouveau", "FAUX", None)
    [example] = item.examples
    assert (example.need, example.enterprise) == ("Mobilité", "APREVA")


def test_answer_matches_a_choice_without_case_or_accents(write):
    quiz = load_quiz(write(broken(QUIZ, "answer: FAUX", "answer: faux")))
    assert quiz.items[0].answer == "FAUX"


def test_items_keep_their_order_and_their_see(write):
    quiz = load_quiz(write(QUIZ + SECOND_ITEM))
    assert [item.id for item in quiz.items] == ["nouveau", "tous_secteurs"]
    second = quiz.item("tous_secteurs")
    assert (second.answer, second.see, second.examples) == ("VRAI", "definitions", ())


def test_to_quiz_builds_the_domain_quiz():
    model = QuizFile.model_validate(
        {
            "title": "Mini quiz",
            "choices": ["Oui", "Non", "Pas forcément"],
            "items": [
                {"id": "a", "statement": "A\u202f?", "answer": "pas forcement", "explanation": "Ça dépend."},
                {
                    "id": "b",
                    "statement": "B\u202f?",
                    "answer": "OUI",
                    "explanation": "Oui.",
                    "examples": [{"need": "N", "fact": "F", "source": "S", "enterprise": "E", "description": "D"}],
                },
            ],
        }
    )
    assert model.kind == "quiz"
    assert model.to_quiz() == Quiz(
        choices=("Oui", "Non", "Pas forcément"),
        items=(
            QuizItem("a", "A\u202f?", "Pas forcément", "Ça dépend."),
            QuizItem("b", "B\u202f?", "Oui", "Oui.", examples=(SectorExample("N", "F", "S", "E", "D"),)),
        ),
        title="Mini quiz",
    )


@pytest.mark.parametrize(
    "text, line, field, message",
    [
        pytest.param(
            QUIZ + SECOND_ITEM.replace("id: tous_secteurs", "id: nouveau"),
            15,
            "items[1].id",
            "identifiant d'affirmation 'nouveau' en double (déjà en position 1)",
            id="duplicate-item",
        ),
        pytest.param(
            broken(QUIZ, "choices: [VRAI, FAUX]", "choices: [Vrai, Faux, FAUX]"),
            3,
            "choices[2]",
            "réponse possible 'FAUX' en double (déjà en position 2)",
            id="duplicate-choice",
        ),
        pytest.param(
            QUIZ + SECOND_ITEM.replace("answer: vrai", "answer: oui"),
            17,
            "items[1].answer",
            "réponse 'oui' inconnue (attendu\u00a0: VRAI, FAUX)",
            id="second-answer-not-a-choice",
        ),
        pytest.param(
            QUIZ[: QUIZ.index("items:")] + "items: []\n", 4, "items", "au moins 1 élément attendu", id="no-item"
        ),
    ],
)
def test_quiz_rules_are_located(write, text, line, field, message):
    path = write(text)
    assert problems_of(load_quiz, path) == (Problem(str(path), message, line=line, field=field),)
