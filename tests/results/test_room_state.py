"""The room's state: steps, changes, the file in the room folder (broken and hostile ones included)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from isgrille.results.room_state import (
    STATE_NAME,
    STEPS,
    RoomState,
    read_room_state,
    save_room_state,
    step_index,
    step_label,
)


def test_steps_are_the_workshops_in_order() -> None:
    assert [label for _, label in STEPS] == [
        "Accueil",
        "Quiz",
        "Dimensions",
        "Grille",
        "Axes",
        "Pitch",
        "Booster",
        "Fiche",
    ]
    assert [step_index(step) for step, _ in STEPS] == list(range(len(STEPS)))
    assert step_label("booster") == "Booster" and step_label("inconnu") == "inconnu"


def test_moved_counts_versions_and_hides_a_new_statement() -> None:
    state = RoomState().moved(step="quiz").moved(revealed=True)
    assert (state.step, state.revealed, state.version) == ("quiz", True, 2)
    nxt = state.moved(quiz_index=1)
    assert nxt.revealed is False and nxt.quiz_index == 1 and nxt.version == 3
    assert state.moved(quiz_index=1, revealed=True).revealed is True


def test_a_new_pitch_stops_the_countdown() -> None:
    state = RoomState().moved(pitching="abcdef0123", timer_started=100.0)
    assert state.moved(pitching="0123abcdef").timer_started == 0.0
    assert state.moved(step="fiche").timer_started == 100.0


@pytest.mark.parametrize(
    "step, free, opened",
    [
        ("quiz", False, {"accueil", "quiz"}),
        ("accueil", False, {"accueil"}),
        ("accueil", True, {step for step, _ in STEPS}),
    ],
)
def test_which_steps_a_participant_may_open(step: str, free: bool, opened: set[str]) -> None:
    state = RoomState(step=step, free=free)
    assert {s for s, _ in STEPS if state.opened(s)} == opened


def test_saved_state_comes_back(tmp_path: Path) -> None:
    state = RoomState().moved(step="grille", free=True, pitching="abc123def4")
    save_room_state(tmp_path, state)
    assert read_room_state(tmp_path) == (state, "")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b"[]",
        b"\xff\xfe",
        json.dumps({"step": "quiz"}).encode(),
        json.dumps({"format": "autre"}).encode(),
    ],
)
def test_a_broken_state_file_starts_the_room_at_home_and_says_why(tmp_path: Path, content: bytes) -> None:
    (tmp_path / STATE_NAME).write_bytes(content)
    state, problem = read_room_state(tmp_path)
    assert state == RoomState()
    assert STATE_NAME in problem and "accueil" in problem


def test_hostile_values_are_brought_back_in_range(tmp_path: Path) -> None:
    hostile = {
        "format": "isgrille-room-state",
        "step": "../../etc",
        "quiz_index": -5,
        "revealed": "oui",
        "pitching": "../x",
        "timer_started": 1e300,
        "version": -3,
        "free": 1,
    }
    (tmp_path / STATE_NAME).write_text(json.dumps(hostile), encoding="utf-8")
    state, problem = read_room_state(tmp_path)
    assert problem == ""
    assert state == RoomState()


def test_a_huge_or_strange_state_file_is_not_read(tmp_path: Path) -> None:
    (tmp_path / STATE_NAME).write_bytes(b" " * 100_000)
    assert read_room_state(tmp_path)[0] == RoomState()
    (tmp_path / STATE_NAME).unlink()
    (tmp_path / STATE_NAME).mkdir()
    state, problem = read_room_state(tmp_path)
    assert state == RoomState() and problem


def test_a_failed_save_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = RoomState().moved(step="quiz")
    save_room_state(tmp_path, first)

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError):
        save_room_state(tmp_path, first.moved(step="fiche"))
    monkeypatch.undo()
    assert read_room_state(tmp_path)[0] == first
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
