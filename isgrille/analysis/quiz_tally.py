"""The class's quiz answers tallied: which statements were missed most, and who chose what.

Takes the tidy quiz frame (one row per answered statement, see
``QUIZ_COLUMNS``) and the :class:`~isgrille.content.model.Quiz`; the most
missed statements are the points to discuss, and the answer counts feed the
vote bars of the live room.

>>> import pandas as pd
>>> from isgrille.content.model import QuizItem
>>> quiz = Quiz(("VRAI", "FAUX"), (QuizItem("q1", "Un", "VRAI", ""), QuizItem("q2", "Deux", "FAUX", "")))
>>> answers = pd.DataFrame([("f", "P", "", "q2", "VRAI", False), ("f", "Q", "", "q2", "FAUX", True)],
...                        columns=QUIZ_COLUMNS)
>>> quiz_misses(answers, quiz)[["statement", "answered", "missed"]].values.tolist()
[['q2', 2, 1], ['q1', 0, 0]]
>>> answer_counts(answers, quiz).loc["q2"].tolist()
[1, 1]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..content.limits import shorten
from ..content.model import Quiz
from .distribution import missing_columns, raise_bad
from .frames import QUIZ_COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["QUIZ_COLUMNS", "answer_counts", "quiz_misses"]

_ANSWERS = "tableau des réponses au quiz"


def _checked_answers(answers: pandas.DataFrame, quiz: Quiz) -> None:
    missing_columns(answers, QUIZ_COLUMNS, _ANSWERS)
    ids = [item.id for item in quiz.items]
    raise_bad(
        answers,
        ~answers["statement"].isin(ids),
        "statement",
        lambda s: f"affirmation '{shorten(str(s))}' inconnue du quiz (attendu\u00a0: {', '.join(ids)})",
    )
    raise_bad(
        answers,
        ~answers["answer"].isin(quiz.choices),
        "statement+answer",
        lambda s, a: (
            f"affirmation '{s}'\u00a0: réponse '{shorten(str(a))}' inconnue (attendu\u00a0: {', '.join(quiz.choices)})"
        ),
    )


def quiz_misses(answers: pandas.DataFrame, quiz: Quiz) -> pandas.DataFrame:
    """Per statement: answered, missed (answered and not correct) and miss rate (0 to 1), most missed first.

    Every statement of the quiz has a row; one nobody answered has 0 and a rate
    of ``<NA>`` (last). Ties keep the quiz's order.
    """
    import pandas as pd

    _checked_answers(answers, quiz)
    ids = [item.id for item in quiz.items]
    answered = answers["statement"].value_counts().reindex(ids, fill_value=0)
    missed = answers.loc[~answers["correct"].astype(bool), "statement"].value_counts().reindex(ids, fill_value=0)
    table = pd.DataFrame(
        {
            "statement": ids,
            "text": [item.statement for item in quiz.items],
            "answered": answered.to_numpy(dtype=int),
            "missed": missed.to_numpy(dtype=int),
        }
    )
    table["miss_rate"] = (table["missed"] / table["answered"].where(table["answered"] > 0)).astype("Float64")
    return table.sort_values(["miss_rate", "missed"], ascending=False, kind="stable", na_position="last").reset_index(
        drop=True
    )


def answer_counts(answers: pandas.DataFrame, quiz: Quiz) -> pandas.DataFrame:
    """How many chose each answer (columns, the quiz's choices in order) per statement (rows, quiz order)."""
    import pandas as pd

    _checked_answers(answers, quiz)
    ids = [item.id for item in quiz.items]
    table = pd.crosstab(answers["statement"], answers["answer"]) if len(answers) else pd.DataFrame()
    table = table.reindex(index=ids, columns=list(quiz.choices), fill_value=0).astype(int)
    table.index.name, table.columns.name = "statement", "answer"
    return table
