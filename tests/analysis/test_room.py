"""The room computed: its files, re-read only when changed, who joined, the map, the votes, the gaps, uploads."""

from __future__ import annotations

import os
import re

import pytest

import isgrille
from isgrille.analysis.room import (
    MAX_UPLOADS,
    RoomReader,
    assessment_gaps,
    folder_files,
    most_missed,
    project_labels,
    ratings_key,
    room_files,
    room_matrix,
    save_upload,
    visitors,
    vote_tallies,
)
from isgrille.content.model import Assessment

from ..rooms import HOSTILE, make_room, visitor


@pytest.fixture(scope="module")
def grid():
    return isgrille.load_grid()


@pytest.fixture(scope="module")
def quiz():
    return isgrille.load_quiz()


@pytest.fixture
def room(tmp_path, grid, quiz):
    return make_room(tmp_path / "salle", grid, quiz)


def test_room_files_are_the_visitors_files_only(room):
    files, problems = room_files(room)
    assert [path.parent.name for path in files] == ["aaaaaaaa1", "bbbbbbbb2", "cccccccc3", "dddddddd4"]
    assert problems == []


def test_a_missing_room_is_a_french_problem_not_an_error(tmp_path):
    files, problems = room_files(tmp_path / "absente")
    assert files == [] and "dossier de la salle introuvable" in problems[0].message


def test_a_folder_is_read_as_load_cohort_reads_it(room):
    files, _ = folder_files(room)
    assert {path.parent.name for path in files} >= {"aaaaaaaa1", "bbbbbbbb2", "cccccccc3"}


def test_the_reader_lists_the_broken_file_and_reads_the_rest(room, grid, quiz):
    snapshot = RoomReader([room], grid, quiz, room=True).read()
    assert len(snapshot.cohort.projects) == 3
    assert [p.path for p in snapshot.all_problems] == [str(room / "dddddddd4" / "mes_resultats.json")]


def test_the_reader_reads_again_only_when_a_file_came_or_changed(room, grid, quiz):
    reader = RoomReader([room], grid, quiz, room=True)
    assert reader.read() is not None
    assert reader.read() is None  # nothing changed
    visitor(room, "eeeeeeee5", grid, "Nouveau", rated=1)
    assert len(reader.read().cohort.projects) == 4  # a newcomer
    path = room / "cccccccc3" / "mes_resultats.json"
    os.utime(path, ns=(1, 1))
    assert reader.read() is not None  # a file saved again
    assert reader.read(force=True) is not None


def test_visitors_say_who_joined_and_what_they_did(room, grid, quiz):
    rows = {v.project: v for v in visitors(RoomReader([room], grid, quiz, room=True).read().cohort)}
    assert rows["Recyclerie"].rated == 3 and rows["Recyclerie"].answered == 2 and rows["Recyclerie"].learner == "Ana"
    assert rows["Recyclerie"].assessors == ("autoévaluation", "formateur")
    assert rows[HOSTILE].rated == len(grid.criteria) and rows["Épicerie"].rated == 0
    assert rows["Épicerie"].criteria == len(grid.criteria)


def test_two_files_naming_one_project_stay_two_labelled_apart(tmp_path, grid, quiz):
    visitor(tmp_path, "aaaaaaaa1", grid, "Même", rated=1)
    visitor(tmp_path, "bbbbbbbb2", grid, "Même", rated=2, level=1)
    cohort = RoomReader([tmp_path], grid, quiz, room=True).read().cohort
    assert project_labels(cohort.projects) == ["Même", "Même (2)"]
    matrix = room_matrix(cohort)
    assert [label for label, _ in matrix] == ["Même", "Même (2)"]
    assert matrix[1][1][:3] == [1, 1, None]


def test_ratings_key_changes_with_a_rating_not_with_a_quiz_answer(tmp_path, grid, quiz):
    reader = RoomReader([tmp_path], grid, quiz, room=True)
    visitor(tmp_path, "aaaaaaaa1", grid, "P", rated=1)
    first = ratings_key(reader.read().cohort)
    visitor(tmp_path, "aaaaaaaa1", grid, "P", rated=1, answers={quiz.items[0].id: quiz.items[0].answer})
    assert ratings_key(reader.read(force=True).cohort) == first
    visitor(tmp_path, "aaaaaaaa1", grid, "P", rated=2)
    assert ratings_key(reader.read(force=True).cohort) != first


def test_vote_tallies_count_each_choice_and_rank_the_misses(room, grid, quiz):
    tallies = vote_tallies(RoomReader([room], grid, quiz, room=True).read().cohort.quiz, quiz)
    first = tallies[0]
    assert first.answered == 3 and first.missed == 2 and sum(first.counts.values()) == 3
    assert first.counts[first.answer] == 1 and first.explanation == quiz.items[0].explanation
    assert tallies[1].answered == 1 and tallies[1].missed == 0
    assert [t.statement for t in most_missed(tallies)] == [quiz.items[0].id, quiz.items[1].id]


def test_assessment_gaps_put_the_largest_first_and_the_unrated_last(grid):
    ids = [c.id for c in grid.criteria]
    gaps = assessment_gaps(
        grid, Assessment("P", {ids[0]: 0, ids[1]: 2, ids[2]: 1}), Assessment("P", {ids[0]: 3, ids[1]: 1}, "formateur")
    )
    assert [(g.criterion, g.gap) for g in gaps[:2]] == [(ids[0], 3), (ids[1], -1)]
    assert gaps[-1].gap is None and gaps[0].first == grid.levels[0] and gaps[0].second == grid.levels[3]


def test_save_upload_keeps_a_bounded_json_under_a_safe_new_name(tmp_path):
    first = save_upload(tmp_path, "../../mes résultats.json", b"{}")
    second = save_upload(tmp_path, "../../mes résultats.json", b"{}")
    assert first.parent == tmp_path and second.parent == tmp_path and first != second
    with pytest.raises(ValueError, match="trop volumineux"):
        save_upload(tmp_path, "gros.json", b" " * (isgrille.content.limits.MAX_BYTES["results"] + 1))
    with pytest.raises(ValueError, match=re.escape("attendu\u00a0: un fichier de résultats .json")):
        save_upload(tmp_path, "notes.txt", b"x")
    with pytest.raises(ValueError, match=f"{MAX_UPLOADS} fichiers au plus"):
        save_upload(tmp_path, "a.json", b"{}", taken=MAX_UPLOADS)
