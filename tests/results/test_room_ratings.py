"""The room's ratings of a pitching project: one file per project, locked and atomic, read with tolerance."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

import isgrille
from isgrille.results.learner import SELF, LearnerResults
from isgrille.results.room_ratings import (
    MAX_FILE_BYTES,
    MAX_RATERS,
    RATINGS_NAME,
    read_room_ratings,
    read_room_ratings_if_changed,
    read_room_ratings_report,
    save_room_assessment,
    save_room_rating,
)
from isgrille.results.store import read_results

PROJECT, ALICE, BOB = "projet00001", "alice00001", "bob0000001"


def test_a_raters_ratings_are_saved_and_replaced_by_their_new_ones(tmp_path):
    save_room_rating(tmp_path, PROJECT, ALICE, {"caractere_collectif": 1, "rupture_existant": None})
    save_room_rating(tmp_path, PROJECT, BOB, {"caractere_collectif": 3})
    save_room_rating(tmp_path, PROJECT, ALICE, {"caractere_collectif": 2})
    assert read_room_ratings(tmp_path, PROJECT) == {ALICE: {"caractere_collectif": 2}, BOB: {"caractere_collectif": 3}}
    data = json.loads((tmp_path / PROJECT / RATINGS_NAME).read_text(encoding="utf-8"))
    assert data["format"] == "isgrille-room-ratings" and data["version"] == 1
    assert [p.name for p in (tmp_path / PROJECT).iterdir() if p.name.endswith(".tmp")] == []  # atomic: no leftovers


def test_no_file_is_no_ratings_and_no_problem(tmp_path):
    assert read_room_ratings_report(tmp_path, PROJECT) == ({}, "")
    assert read_room_ratings(tmp_path / "nulle-part", PROJECT) == {}


@pytest.mark.parametrize(
    "folder", ["../etc", "ABCDEFGHIJ", "court", "a" * 33, "projet 0001", "", "projet0001/..", "..", "é" * 10]
)
def test_anything_but_a_folder_id_is_refused(tmp_path, folder):
    with pytest.raises(ValueError, match="dossier de projet refusé"):
        save_room_rating(tmp_path, folder, ALICE, {})
    with pytest.raises(ValueError, match="dossier de votant refusé"):
        save_room_rating(tmp_path, PROJECT, folder, {})
    with pytest.raises(ValueError):
        read_room_ratings(tmp_path, folder)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "ratings, message",
    [
        ({"caractere_collectif": True}, "niveau refusé"),
        ({"caractere_collectif": -1}, "niveau refusé"),
        ({"caractere_collectif": 1.5}, "niveau refusé"),
        ({"caractere_collectif": "Fort"}, "niveau refusé"),
        ({"../x": 1}, "critère refusé"),
        ({1: 1}, "critère refusé"),
        (["caractere_collectif"], "dictionnaire"),
        ({f"c{i}": 1 for i in range(201)}, "au plus 200"),
    ],
)
def test_ratings_that_are_not_ratings_are_refused(tmp_path, ratings, message):
    with pytest.raises(ValueError, match=message):
        save_room_rating(tmp_path, PROJECT, ALICE, ratings)
    assert not (tmp_path / PROJECT / RATINGS_NAME).exists()


@pytest.mark.parametrize(
    "content, said",
    [
        (b'{"format": "isgrille-room-ratings", "version": 1, "ratings": ', "illisibles"),
        (b'{"format": "autre chose", "version": 1, "ratings": {}}', "isgrille-room-ratings"),
        (b'{"format": "isgrille-room-ratings", "version": 9, "ratings": {}}', "version 9"),
        (b'{"format": "isgrille-room-ratings", "version": 1, "ratings": []}', "ratings"),
        (b"[" * 100_000 + b"]" * 100_000, "illisibles"),
        (b"\xff\xfe\x00", "UTF-8"),
        (b"[]", "isgrille-room-ratings"),
    ],
)
def test_a_broken_or_hostile_file_reads_as_no_ratings_with_a_french_problem(tmp_path, content, said):
    path = tmp_path / PROJECT / RATINGS_NAME
    path.parent.mkdir()
    path.write_bytes(content)
    ratings, problem = read_room_ratings_report(tmp_path, PROJECT)
    assert ratings == {} and said in problem and str(path) in problem
    save_room_rating(tmp_path, PROJECT, ALICE, {"caractere_collectif": 0})  # a broken file is replaced
    assert read_room_ratings(tmp_path, PROJECT) == {ALICE: {"caractere_collectif": 0}}


def test_an_oversized_file_is_not_read(tmp_path):
    path = tmp_path / PROJECT / RATINGS_NAME
    path.parent.mkdir()
    path.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    ratings, problem = read_room_ratings_report(tmp_path, PROJECT)
    assert ratings == {} and "trop volumineux" in problem


def test_a_link_or_a_folder_in_place_of_the_file_is_ignored(tmp_path):
    secret = tmp_path / "secret.json"
    secret.write_text('{"format": "isgrille-room-ratings", "version": 1, "ratings": {"alice00001": {"a": 1}}}')
    (tmp_path / PROJECT).mkdir()
    (tmp_path / PROJECT / RATINGS_NAME).symlink_to(secret)
    ratings, problem = read_room_ratings_report(tmp_path, PROJECT)
    assert ratings == {} and "ignoré" in problem
    (tmp_path / PROJECT / RATINGS_NAME).unlink()
    (tmp_path / PROJECT / RATINGS_NAME).mkdir()
    assert read_room_ratings_report(tmp_path, PROJECT)[0] == {}


def test_bad_entries_are_dropped_one_by_one(tmp_path):
    path = tmp_path / PROJECT / RATINGS_NAME
    path.parent.mkdir()
    path.write_text(
        json.dumps(
            {
                "format": "isgrille-room-ratings",
                "version": 1,
                "ratings": {
                    ALICE: {"caractere_collectif": 2},
                    "../../x": {"caractere_collectif": 1},
                    BOB: {"caractere_collectif": "Fort"},
                    "carol00001": "tout",
                    "dave000001": {"caractere_collectif": None},
                },
            }
        ),
        encoding="utf-8",
    )
    ratings, problem = read_room_ratings_report(tmp_path, PROJECT)
    assert ratings == {ALICE: {"caractere_collectif": 2}, "dave000001": {"caractere_collectif": None}}
    assert "3 avis mal formés ignorés" in problem


def test_raters_are_bounded(tmp_path, monkeypatch):
    from isgrille.results import room_ratings

    monkeypatch.setattr(room_ratings, "MAX_RATERS", 3)
    for i in range(3):
        save_room_rating(tmp_path, PROJECT, f"rater{i:05d}", {"a": 1})
    with pytest.raises(ValueError, match="déjà 3 votants"):
        save_room_rating(tmp_path, PROJECT, "rater99999", {"a": 1})
    save_room_rating(tmp_path, PROJECT, "rater00001", {"a": 2})  # one already counted may change their mind
    assert len(read_room_ratings(tmp_path, PROJECT)) == 3
    assert MAX_RATERS >= 500


def test_thirty_raters_saving_at_once_lose_nothing(tmp_path):
    raters = [f"rater{i:05d}" for i in range(30)]
    with ThreadPoolExecutor(8) as pool:
        list(
            pool.map(lambda r: save_room_rating(tmp_path, PROJECT, r, {"caractere_collectif": int(r[-1]) % 4}), raters)
        )
    assert sorted(read_room_ratings(tmp_path, PROJECT)) == raters


def test_a_change_is_seen_only_when_the_file_changed(tmp_path):
    assert read_room_ratings_if_changed(tmp_path, PROJECT) is not None  # the first reading, no file yet
    ratings, problem, mark = read_room_ratings_if_changed(tmp_path, PROJECT)
    assert read_room_ratings_if_changed(tmp_path, PROJECT, mark) is None
    save_room_rating(tmp_path, PROJECT, ALICE, {"a": 1})
    ratings, problem, mark = read_room_ratings_if_changed(tmp_path, PROJECT, mark)
    assert ratings == {ALICE: {"a": 1}} and problem == ""
    assert read_room_ratings_if_changed(tmp_path, PROJECT, mark) is None


def test_the_rooms_assessment_joins_the_projects_own_work(tmp_path):
    grid = isgrille.load_grid()
    own = LearnerResults(project="Recyclerie", grid_id=grid.id)
    own.rate("caractere_collectif", 1)
    path = tmp_path / PROJECT / "mes_resultats.json"
    path.parent.mkdir()
    path.write_text(own.to_json(grid), encoding="utf-8")
    save_room_assessment(tmp_path, PROJECT, grid, "la salle", {"caractere_collectif": 3, "rupture_existant": None})
    results = read_results(path, grid)
    assert results.assessments[SELF] == {"caractere_collectif": 1}
    assert results.assessments["la salle"] == {"caractere_collectif": 3, "rupture_existant": None}
    with pytest.raises(ValueError):
        save_room_assessment(tmp_path, "../x", grid, "la salle", {})
