"""The room's site: signed cookies, who a request is, each participant's own file."""

from __future__ import annotations

from pathlib import Path

import pytest

from isgrille.delivery.room_site import (
    PARTICIPANT_COOKIE,
    TRAINER_COOKIE,
    TRAINER_ID,
    is_trainer,
    new_participant,
    open_site,
    participant_folder,
    participant_of,
    sign,
    site,
    unsign,
)

SECRET = bytes(range(32))


def test_only_the_server_can_sign() -> None:
    token = sign("abcdefghijklmnopqrstuv", SECRET)
    assert unsign(token, SECRET) == "abcdefghijklmnopqrstuv"
    assert unsign(token, bytes(32)) is None
    assert unsign(token[:-1] + ("0" if token[-1] != "0" else "1"), SECRET) is None
    assert unsign("abcdefghijklmnopqrstuv", SECRET) is None
    assert unsign("x" * 300, SECRET) is None
    assert unsign(None, SECRET) is None


def test_a_participant_is_a_signed_random_id() -> None:
    one, two = new_participant(), new_participant()
    assert one != two and len(one) >= 16
    assert participant_of({PARTICIPANT_COOKIE: sign(one, SECRET)}, SECRET) == one
    assert participant_of({PARTICIPANT_COOKIE: one}, SECRET) is None
    assert participant_of({PARTICIPANT_COOKIE: sign("../../etc/passwd", SECRET)}, SECRET) is None
    assert participant_of({}, SECRET) is None and participant_of(None, SECRET) is None


def test_the_trainer_cookie_is_not_a_participants() -> None:
    assert is_trainer({TRAINER_COOKIE: sign(TRAINER_ID, SECRET)}, SECRET)
    assert not is_trainer({TRAINER_COOKIE: sign("quelquun", SECRET)}, SECRET)
    assert not is_trainer({PARTICIPANT_COOKIE: sign(TRAINER_ID, SECRET)}, SECRET)
    assert not is_trainer({TRAINER_COOKIE: TRAINER_ID}, SECRET)


def test_each_participant_has_a_file_of_their_own(tmp_path: Path) -> None:
    room = open_site(tmp_path, "atelier42", "K" * 43, SECRET)
    assert site() is room
    one, two = new_participant(), new_participant()
    assert room.results_path(one) != room.results_path(two)
    assert room.results_path(one) == tmp_path / participant_folder(one, SECRET) / "mes_resultats.json"
    assert participant_folder(one, SECRET) != participant_folder(one, bytes(32))  # keyed: tells nothing of the id
    assert len(room.kit.grid.criteria) > 0 and room.hub.folder == tmp_path


def test_no_site_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import isgrille.delivery.room_site as module

    monkeypatch.setattr(module, "_SITE", None)
    with pytest.raises(RuntimeError, match="no room is open"):
        site()
