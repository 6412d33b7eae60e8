"""Tests of isgrille.analysis.quiz_tally: the statements missed most and the answer counts."""

from __future__ import annotations

import pandas as pd
import pytest

from isgrille.analysis.quiz_tally import QUIZ_COLUMNS, answer_counts, quiz_misses
from isgrille.content.errors import ContentError
from isgrille.content.model import Quiz, QuizItem

QUIZ = Quiz(
    ("VRAI", "FAUX", "ÇA DÉPEND"),
    tuple(
        QuizItem(f"q{i}", f"Affirmation {i}", answer, "")
        for i, answer in enumerate(["VRAI", "FAUX", "ÇA DÉPEND", "VRAI"], start=1)
    ),
)


def quiz_frame(answers: dict[str, list[str]], source: str = "classe") -> pd.DataFrame:
    """The contract's quiz frame: learner ``L{n}`` gave ``answers[statement][n]``."""
    rows = [
        (source, f"P{n}", f"L{n}", statement, given, given == QUIZ.item(statement).answer)
        for statement, given_all in answers.items()
        for n, given in enumerate(given_all)
    ]
    return pd.DataFrame(rows, columns=list(QUIZ_COLUMNS))


def test_misses_sorted_by_rate_then_missed_then_quiz_order():
    frame = quiz_frame(
        {
            "q1": ["VRAI", "FAUX", "FAUX", "VRAI"],  # 2 / 4 missed
            "q2": ["VRAI"],  # 1 / 1
            "q3": ["VRAI", "FAUX"],  # 2 / 2
            # q4: nobody answered
        }
    )
    misses = quiz_misses(frame, QUIZ)
    assert list(misses["statement"]) == ["q3", "q2", "q1", "q4"]
    assert misses[["answered", "missed"]].to_numpy().tolist() == [[2, 2], [1, 1], [4, 2], [0, 0]]
    assert list(misses["miss_rate"][:3]) == [1.0, 1.0, 0.5]
    assert misses["miss_rate"].isna().tolist() == [False, False, False, True]
    assert list(misses["text"]) == ["Affirmation 3", "Affirmation 2", "Affirmation 1", "Affirmation 4"]


def test_ties_keep_the_quiz_order():
    misses = quiz_misses(quiz_frame({"q4": ["FAUX"], "q2": ["VRAI"], "q1": ["VRAI"]}), QUIZ)
    assert list(misses["statement"]) == ["q2", "q4", "q1", "q3"]


def test_nobody_answered_anything():
    misses = quiz_misses(quiz_frame({}), QUIZ)
    assert list(misses["statement"]) == ["q1", "q2", "q3", "q4"]
    assert misses["answered"].sum() == 0 and misses["miss_rate"].isna().all()
    assert answer_counts(quiz_frame({}), QUIZ).to_numpy().sum() == 0


def test_answer_counts_in_the_quiz_order():
    counts = answer_counts(quiz_frame({"q2": ["ÇA DÉPEND", "VRAI", "ÇA DÉPEND"], "q1": ["FAUX"]}), QUIZ)
    assert list(counts.index) == ["q1", "q2", "q3", "q4"]
    assert list(counts.columns) == ["VRAI", "FAUX", "ÇA DÉPEND"]
    assert counts.to_numpy().tolist() == [[0, 1, 0], [1, 0, 2], [0, 0, 0], [0, 0, 0]]


def test_unknown_statement_is_named_with_its_file():
    frame = quiz_frame({"q1": ["VRAI"]}, source="L0.json")
    frame.loc[0, "statement"] = "q9"
    with pytest.raises(ContentError) as caught:
        quiz_misses(frame, QUIZ)
    assert str(caught.value) == (
        "L0.json: colonne 'statement': affirmation 'q9' inconnue du quiz (attendu\u00a0: q1, q2, q3, q4)"
    )


def test_unknown_answer_is_named_with_its_statement():
    frame = quiz_frame({"q2": ["VRAI", "PEUT-ÊTRE"]})
    with pytest.raises(
        ContentError,
        match="classe: colonne 'answer': affirmation 'q2'\u00a0: réponse 'PEUT-ÊTRE' "
        r"inconnue \(attendu\xa0: VRAI, FAUX, ÇA DÉPEND\)",
    ):
        answer_counts(frame, QUIZ)


def test_missing_column_is_named():
    with pytest.raises(ContentError, match="tableau des réponses au quiz: colonne manquante\u00a0: correct"):
        quiz_misses(quiz_frame({}).drop(columns=["correct"]), QUIZ)
