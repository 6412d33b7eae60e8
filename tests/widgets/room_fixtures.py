"""A room read once, for the room screens' tests."""

from __future__ import annotations

import pytest

from isgrille.analysis.room import RoomReader

from ..rooms import make_room


@pytest.fixture
def room(tmp_path, grid, quiz):
    return make_room(tmp_path / "salle", grid, quiz)


@pytest.fixture
def snapshot(room, grid, quiz):
    return RoomReader([room], grid, quiz, room=True).read()
