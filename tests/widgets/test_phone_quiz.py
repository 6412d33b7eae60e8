"""The room's quiz on a phone: the trainer's statement, full-width answers saved at once, the reveal."""

from __future__ import annotations

import isgrille
from isgrille.content.model import Quiz, QuizItem
from isgrille.widgets.phone_quiz import PhoneQuiz

from .reading import shown_text


def test_shows_the_statement_the_trainer_chose_and_saves_the_answer(quiz, store):
    phone = PhoneQuiz(quiz, store)
    phone.show(2, False)
    assert quiz.items[2].statement in shown_text(phone)
    assert f"Affirmation 3 sur {len(quiz.items)}" in shown_text(phone)
    assert list(phone.choices.options) == list(quiz.choices)
    phone.choices.value = quiz.choices[1]
    assert store.load().quiz == {quiz.items[2].id: quiz.choices[1]}
    assert "Vous pouvez la changer" in shown_text(phone)
    assert phone.feedback.value == ""  # nothing revealed yet


def test_reveal_says_in_words_whether_the_answer_was_right(quiz, store):
    item = quiz.items[0]
    wrong = next(c for c in quiz.choices if c != item.answer)
    phone = PhoneQuiz(quiz, store)
    phone.choices.value = wrong
    phone.show(0, True)
    text = shown_text(phone)
    assert "Pas tout à fait" in text and f"vous avez répondu {wrong}" in text
    assert f"la réponse est {item.answer}" in text
    assert phone.choices.disabled  # locked once revealed
    phone.choices.value = item.answer  # a late click changes nothing saved
    assert store.load().quiz[item.id] == wrong


def test_right_answer_and_no_answer_when_revealed(quiz, store):
    phone = PhoneQuiz(quiz, store)
    phone.choices.value = quiz.items[0].answer
    phone.show(0, True)
    assert "✔ Bonne réponse" in shown_text(phone)
    phone.show(1, True)
    assert "Vous n'avez pas répondu" in shown_text(phone)
    assert phone.choices.value is None


def test_moving_between_statements_saves_nothing_and_finds_answers_again(quiz, store, path):
    phone = PhoneQuiz(quiz, store)
    phone.choices.value = quiz.choices[0]
    phone.show(1, False)
    assert phone.choices.value is None
    assert list(store.load().quiz) == [quiz.items[0].id]
    again = PhoneQuiz(quiz, isgrille.ResultsStore(store.grid, path))  # a reload
    again.show(0, False)
    assert again.choices.value == quiz.choices[0]


def test_any_number_of_choices_and_hostile_text_escaped(store):
    items = (QuizItem("q1", "<img src=x onerror=alert(1)>", "B", "Parce que **B**."),)
    quiz = Quiz(("A", "B", "C", "D", "E"), items)
    phone = PhoneQuiz(quiz, store)
    assert len(phone.choices.options) == 5
    assert "<img" not in phone.statement.value and "&lt;img" in phone.statement.value
    phone.choices.value = "E"
    phone.show(0, True)
    assert "<strong>B</strong>" in phone.feedback.value


def test_index_out_of_range_is_clamped(quiz, store):
    phone = PhoneQuiz(quiz, store)
    phone.show(10_000, False)
    assert phone.index == len(quiz.items) - 1
