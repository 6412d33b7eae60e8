"""Tests of isgrille.delivery.room_visitor: the visitor's id from their signed login cookie, and their file."""

from __future__ import annotations

import json

import pytest
from tornado.web import create_signed_value

from isgrille.delivery.room_visitor import NO_VISITOR, room_seat, username_from_cookies, visitor_id

SECRET = "ab" * 32
NAME = "isgrille-salle-8866"


def cookie(username: str, secret: str = SECRET, name: str = NAME) -> str:
    value = create_signed_value(bytes.fromhex(secret), name, json.dumps({"username": username, "name": "x"})).decode()
    return f'_xsrf=2|abc; {name}="{value}"'


def env(room, header: str, **more) -> dict[str, str]:
    return {
        "ISGRILLE_ROOM": str(room),
        "ISGRILLE_ROOM_SECRET": SECRET,
        "ISGRILLE_ROOM_COOKIE": NAME,
        "HTTP_COOKIE": header,
        **more,
    }


def test_a_signed_cookie_gives_its_username():
    assert username_from_cookies(cookie("3f2a9c"), bytes.fromhex(SECRET), NAME) == "3f2a9c"


@pytest.mark.parametrize(
    "header",
    [
        "",
        "garbage",
        f"{NAME}=",
        f'{NAME}="2|1:0|10:1700000000|4:name|4:YWJj|deadbeef"',
        cookie("3f2a9c", secret="cd" * 32),  # signed by another room
        cookie("3f2a9c", name="username-127-0-0-1-8866"),  # another cookie
        (lambda good: good[:-2] + ("0" if good[-2] != "0" else "1") + '"')(cookie("3f2a9c")),  # signature altered
    ],
)
def test_anything_else_gives_none(header):
    assert username_from_cookies(header, bytes.fromhex(SECRET), NAME) is None


def test_each_browser_has_its_own_file_and_keeps_it(tmp_path):
    first, again, other = (room_seat(env(tmp_path, cookie(name))) for name in ("aaa111", "aaa111", "bbb222"))
    assert first == again and first.path != other.path
    assert first.path == tmp_path / first.visitor / "mes_resultats.json"
    assert len(first.visitor) == 20 and first.visitor.isalnum() and first.visitor.islower()
    assert first.visitor == visitor_id("aaa111", bytes.fromhex(SECRET)) and "aaa111" not in first.visitor


@pytest.mark.parametrize(
    "broken",
    [
        {"HTTP_COOKIE": ""},
        {"ISGRILLE_ROOM_SECRET": ""},
        {"ISGRILLE_ROOM_SECRET": "zz"},
        {"ISGRILLE_ROOM_COOKIE": "autre"},
    ],
)
def test_without_a_valid_cookie_there_is_no_file(tmp_path, broken):
    seat = room_seat({**env(tmp_path, cookie("aaa111")), **broken})
    assert seat.path is None and seat.notice == NO_VISITOR and "gardé dans cette page seulement" in seat.notice


def test_outside_a_room_there_is_no_seat():
    assert room_seat({"HTTP_COOKIE": cookie("aaa111")}) is None
