"""The votes: the count shown, the choices hidden until « Révéler », then the answer and its explanation."""

from __future__ import annotations

from isgrille.analysis.room import vote_tallies
from isgrille.widgets.room_votes import RoomVotes

from .reading import table_rows, text_of
from .room_fixtures import room, snapshot  # noqa: F401


def test_votes_are_hidden_until_revealed_and_hidden_again_for_another_statement(snapshot, quiz):  # noqa: F811
    votes = RoomVotes(quiz)
    votes.show(vote_tallies(snapshot.cohort.quiz, quiz))
    first = quiz.items[0]
    assert "3 participants ont répondu" in text_of(votes.count.value)
    assert "Votes masqués" in votes.result.value and first.answer not in text_of(votes.result.value)
    votes.reveal_button.click()
    rows = table_rows(votes.result.value)
    wrong = next(c for c in quiz.choices if c != first.answer)
    assert [f"{first.answer} ✔ bonne réponse", "", "1", "33\u00a0%"] in rows and [wrong, "", "2", "67\u00a0%"] in rows
    assert "Réponse attendue" in text_of(votes.result.value)
    assert votes.reveal_button.description == "Masquer"
    votes.picker.value = quiz.items[1].id
    assert "Votes masqués" in votes.result.value and "1 participant a répondu" in text_of(votes.count.value)


def test_the_ranking_of_misses_is_shown_on_request(snapshot, quiz):  # noqa: F811
    votes = RoomVotes(quiz)
    votes.show(vote_tallies(snapshot.cohort.quiz, quiz))
    assert votes.ranking.value == ""
    votes.ranking_button.click()
    rows = table_rows(votes.ranking.value)
    assert rows[1][1:] == ["3", "2", "67\u00a0%"] and rows[2][1:] == ["1", "0", "0\u00a0%"]


def test_an_empty_room_has_no_votes(quiz):
    votes = RoomVotes(quiz)
    votes.reveal()
    assert "0 participant a répondu" in text_of(votes.count.value) and "Pas encore de vote" in votes.result.value
