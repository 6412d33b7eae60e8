"""Tests of isgrille/widgets/quiz.py: the VRAI / FAUX quiz, driven by its buttons.

Each test answers through the answer buttons (``choices[i].value``) and the
navigation buttons (``Button.click()``), then checks what the learner reads —
feedback, score, sector examples — and what was saved, by reading the
results file back.
"""

from __future__ import annotations

import pytest

from isgrille import LearnerResults, ResultsStore, read_results
from isgrille.content.model import Quiz, QuizItem, SectorExample
from isgrille.widgets.quiz import QuizWidget, quiz_widget

from .reading import count_class, text_of

#: The shipped quiz, in order: statement id -> expected answer.
ANSWERS = {
    "reponses_nouvelles": "VRAI",
    "publics_fragiles": "FAUX",
    "tous_secteurs": "VRAI",
    "entrepreneurs_sociaux": "FAUX",
    "completement_nouveau": "FAUX",
    "utilite_sociale": "VRAI",
    "economiquement_fragiles": "PAS FORCÉMENT",
}
IDS = list(ANSWERS)
ENTERPRISES = [
    "YUMP France",
    "Enercoop",
    "Ensemble2Générations",
    "Ateliers du Bocage",
    "Frimalin Village",
    "APREVA",
    "Crésus",
]


def wrong(answer: str) -> str:
    return next(c for c in ("VRAI", "FAUX", "PAS FORCÉMENT") if c != answer)


def answer(widget: QuizWidget, index: int, choice: str) -> None:
    """Go to statement ``index`` and click ``choice``."""
    widget.go(index)
    widget.choices[index].value = choice


def test_shipped_quiz_is_the_one_these_tests_expect(quiz):
    assert [(i.id, i.answer) for i in quiz.items] == list(ANSWERS.items())


def test_opens_on_the_first_statement_with_nothing_answered(quiz, store, path):
    widget = quiz_widget(quiz, store)
    assert text_of(widget.progress.value) == "Affirmation 1 / 7"
    assert "L'innovation sociale consiste à élaborer des réponses nouvelles" in text_of(widget.statement.value)
    assert widget.feedback.value == ""
    assert "Score\u00a0: 0 / 0" in text_of(widget.score.value)
    assert "(0 réponse sur 7)" in text_of(widget.score.value)
    assert widget.previous_button.disabled and not widget.next_button.disabled
    assert widget.answer_box.children == (widget.choices[0],)
    assert not path.exists()  # opening saves nothing


@pytest.mark.parametrize("index", range(7), ids=IDS)
def test_right_answer_says_so_with_the_explanation_and_is_saved(quiz, store, path, index):
    widget = QuizWidget(quiz, store)
    item = quiz.items[index]
    answer(widget, index, ANSWERS[item.id])
    shown = text_of(widget.feedback.value)
    assert f"Bonne réponse\u00a0: {ANSWERS[item.id]}" in shown
    assert "Pas tout à fait" not in shown
    assert item.explanation.replace("*", "") in shown  # Markdown emphasis shown as such
    assert 'class="isg-good"' in widget.feedback.value
    assert read_results(path, store.grid).quiz == {item.id: ANSWERS[item.id]}


@pytest.mark.parametrize("index", range(7), ids=IDS)
def test_wrong_answer_says_so_with_the_right_one_and_is_saved(quiz, store, path, index):
    widget = QuizWidget(quiz, store)
    item = quiz.items[index]
    given = wrong(ANSWERS[item.id])
    answer(widget, index, given)
    shown = text_of(widget.feedback.value)
    assert f"Pas tout à fait\u00a0: vous avez répondu {given}, la réponse est {ANSWERS[item.id]}" in shown
    assert "Bonne réponse" not in shown
    assert item.explanation.replace("*", "") in shown  # Markdown emphasis shown as such
    assert read_results(path, store.grid).quiz == {item.id: given}


def test_explanation_markdown_is_rendered(quiz, store):
    widget = QuizWidget(quiz, store)
    answer(widget, 1, "FAUX")
    assert "<strong>distinguer de l&#x27;action sociale</strong>" in widget.feedback.value
    assert "**" not in widget.feedback.value


def test_changing_an_answer_replaces_it(quiz, store, path):
    widget = QuizWidget(quiz, store)
    answer(widget, 0, "FAUX")
    widget.choices[0].value = "VRAI"
    assert "Bonne réponse" in text_of(widget.feedback.value)
    assert read_results(path, store.grid).quiz == {"reponses_nouvelles": "VRAI"}
    assert "Score\u00a0: 1 / 1" in text_of(widget.score.value)


def test_running_score_counts_right_answers_over_answered_ones(quiz, store):
    widget = QuizWidget(quiz, store)
    answer(widget, 0, "VRAI")
    assert "Score\u00a0: 1 / 1" in text_of(widget.score.value)
    assert "(1 réponse sur 7)" in text_of(widget.score.value)
    answer(widget, 1, "VRAI")  # wrong
    answer(widget, 6, "PAS FORCÉMENT")
    assert "Score\u00a0: 2 / 3" in text_of(widget.score.value)
    assert "(3 réponses sur 7)" in text_of(widget.score.value)


def test_all_answered_right_scores_seven_out_of_seven(quiz, store, path):
    widget = QuizWidget(quiz, store)
    for index, item_id in enumerate(IDS):
        answer(widget, index, ANSWERS[item_id])
    assert "Score\u00a0: 7 / 7" in text_of(widget.score.value)
    assert read_results(path, store.grid).quiz == ANSWERS


@pytest.mark.parametrize("index", range(7), ids=IDS)
def test_sector_examples_only_on_the_statement_that_has_them(quiz, store, index):
    widget = QuizWidget(quiz, store)
    answer(widget, index, "VRAI")
    cards = count_class(widget.feedback.value, "isg-example")
    shown = text_of(widget.feedback.value)
    if IDS[index] == "tous_secteurs":
        assert cards == 7
        assert all(name in shown for name in ENTERPRISES)
        assert "Source\u00a0: Fondation Abbé Pierre" in shown
        assert "Chômage des jeunes" in shown
    else:
        assert cards == 0
        assert not any(name in shown for name in ENTERPRISES)


def test_next_and_previous_walk_the_statements_and_stop_at_the_ends(quiz, store):
    widget = QuizWidget(quiz, store)
    for expected in range(2, 8):
        widget.next_button.click()
        assert text_of(widget.progress.value) == f"Affirmation {expected} / 7"
        assert widget.answer_box.children == (widget.choices[expected - 1],)
        assert not widget.previous_button.disabled
    assert widget.next_button.disabled
    assert "économiquement fragiles" in text_of(widget.statement.value)
    widget.next_button.click()  # past the end: stays on the last one
    assert text_of(widget.progress.value) == "Affirmation 7 / 7"
    widget.previous_button.click()
    assert text_of(widget.progress.value) == "Affirmation 6 / 7"
    assert not widget.next_button.disabled
    for _ in range(10):
        widget.previous_button.click()
    assert text_of(widget.progress.value) == "Affirmation 1 / 7"
    assert widget.previous_button.disabled


def test_coming_back_to_an_answered_statement_shows_its_feedback(quiz, store):
    widget = QuizWidget(quiz, store)
    answer(widget, 0, "FAUX")
    widget.next_button.click()
    assert widget.feedback.value == ""
    widget.previous_button.click()
    assert "Pas tout à fait" in text_of(widget.feedback.value)
    assert widget.choices[0].value == "FAUX"


def test_restart_clears_answers_on_screen_and_on_disk(quiz, store, path, grid):
    widget = QuizWidget(quiz, store)
    answer(widget, 0, "VRAI")
    answer(widget, 3, "VRAI")
    assert len(read_results(path, grid).quiz) == 2
    widget.restart_button.click()
    assert [t.value for t in widget.choices] == [None] * 7
    assert text_of(widget.progress.value) == "Affirmation 1 / 7"
    assert widget.feedback.value == ""
    assert "Score\u00a0: 0 / 0" in text_of(widget.score.value)
    assert read_results(path, grid).quiz == {}
    assert ResultsStore(grid, path).load().quiz == {}


def test_restart_keeps_the_rest_of_the_results(quiz, store, path, grid):
    store.update(lambda r: setattr(r, "project", "La Recyclerie"))
    widget = QuizWidget(quiz, store)
    answer(widget, 0, "VRAI")
    widget.restart_button.click()
    assert read_results(path, grid).project == "La Recyclerie"


def test_reveal_shows_an_unanswered_statement_answer_without_storing_it(quiz, store, path, grid):
    widget = QuizWidget(quiz, store)
    widget.go(1)
    widget.reveal_button.click()
    shown = text_of(widget.feedback.value)
    assert "Réponse\u00a0: FAUX" in shown
    assert "Bonne réponse" not in shown and "Pas tout à fait" not in shown
    assert "L'innovation sociale est à distinguer de l'action sociale" in shown
    assert widget.reveal_button.description == "Masquer les réponses"
    assert widget.choices[1].value is None
    assert "Score\u00a0: 0 / 0" in text_of(widget.score.value)
    assert not path.exists() or read_results(path, grid).quiz == {}
    widget.next_button.click()  # stays revealed on the next statements
    assert "Réponse\u00a0: VRAI" in text_of(widget.feedback.value)
    widget.reveal_button.click()  # and toggles back
    assert widget.feedback.value == ""
    assert widget.reveal_button.description == "Voir toutes les réponses"


def test_reveal_keeps_the_verdict_of_an_answered_statement(quiz, store):
    widget = QuizWidget(quiz, store)
    answer(widget, 0, "FAUX")
    widget.reveal_button.click()
    assert "Pas tout à fait" in text_of(widget.feedback.value)


def test_restart_after_reveal_puts_the_reveal_button_back(quiz, store):
    widget = QuizWidget(quiz, store)
    widget.reveal_button.click()
    widget.restart_button.click()
    assert widget.feedback.value == ""
    assert widget.reveal_button.description == "Voir toutes les réponses"


def test_answers_saved_earlier_are_shown_again_when_rebuilt(quiz, grid, path):
    first = QuizWidget(quiz, ResultsStore(grid, path))
    answer(first, 0, "VRAI")
    answer(first, 2, "FAUX")
    before = path.stat()
    again = QuizWidget(quiz, ResultsStore(grid, path))
    assert [t.value for t in again.choices] == ["VRAI", None, "FAUX", None, None, None, None]
    assert "Score\u00a0: 1 / 2" in text_of(again.score.value)
    assert "Bonne réponse" in text_of(again.feedback.value)
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # shown, not saved again


def test_works_on_a_memory_store(quiz, grid):
    store = ResultsStore(grid)
    widget = QuizWidget(quiz, store)
    answer(widget, 4, "FAUX")
    assert store.load().quiz == {"completement_nouveau": "FAUX"}


def test_extra_html_is_shown_with_the_statement_that_refers_to_it(quiz, store):
    widget = QuizWidget(quiz, store, extra={"innovation_dimensions": "<p>LES SIX DIMENSIONS</p>"})
    answer(widget, 0, "VRAI")
    assert "<p>LES SIX DIMENSIONS</p>" in widget.feedback.value
    answer(widget, 1, "FAUX")
    assert "LES SIX DIMENSIONS" not in widget.feedback.value


def test_statement_and_examples_are_escaped(grid):
    example = SectorExample("<b>besoin</b>", "fait", "<script>alert(1)</script>", "<i>E</i>", "d")
    quiz = Quiz(
        ("VRAI", "FAUX"), (QuizItem("q1", "<img src=x onerror=alert(1)>", "VRAI", "<b>non</b> **oui**", (example,)),)
    )
    widget = QuizWidget(quiz, ResultsStore(grid))
    widget.choices[0].value = "VRAI"
    html = widget.statement.value + widget.feedback.value
    assert "<img" not in html and "<script>" not in html and "<b>" not in html and "<i>E</i>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in widget.statement.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in widget.feedback.value
    assert "&lt;b&gt;non&lt;/b&gt; <strong>oui</strong>" in widget.feedback.value
    assert widget.next_button.disabled and widget.previous_button.disabled  # a one-statement quiz


def test_a_saved_answer_that_is_not_a_choice_does_not_break_the_quiz(quiz, grid, path):
    store = ResultsStore(grid, path)
    store.replace(LearnerResults(quiz={"publics_fragiles": "Faux", "reponses_nouvelles": "VRAI"}))
    widget = QuizWidget(quiz, ResultsStore(grid, path))
    assert widget.choices[0].value == "VRAI"
    assert widget.choices[1].value in (None, "FAUX")
