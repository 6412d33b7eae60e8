"""Tests of isgrille.delivery.room: the room's code, its secrets kept across restarts, the shared checks of ``room``.

The Voilà room's command line is in test_room_voila.py, the Solara room's in
test_room_cli.py; test_room_server.py (Voilà) and test_room_live.py (Solara)
start a room.
"""

from __future__ import annotations

import re
import stat

import pytest

from isgrille.delivery.cli import main
from isgrille.delivery.room import ALPHABET, check_code, lan_address, new_code, room_secrets


def test_codes_are_short_unambiguous_and_not_repeated():
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == 8 and set(code) <= set(ALPHABET) for code in codes)
    assert not set("0o1li") & set(ALPHABET)


@pytest.mark.parametrize("code", ["abc", "a b c d e f", "atelier-42", "ételier42", "x" * 33, ""])
def test_a_wrong_code_is_refused_in_french(code):
    with pytest.raises(ValueError, match=r"code de salle .* refusé\u00a0: attendu 6 à 32 lettres"):
        check_code(code)


def test_secrets_are_private_and_kept_across_restarts(tmp_path):
    first = room_secrets(tmp_path / "salle")
    assert stat.S_IMODE((tmp_path / "salle" / ".secret").stat().st_mode) == 0o600
    assert re.fullmatch(r"[0-9a-f]{64}", first.cookie_secret) and len(first.trainer_key) >= 40
    assert first.code != first.trainer_key
    again = room_secrets(tmp_path / "salle")
    assert again == first  # a restarted room keeps its visitors, its code and its trainer key
    other = room_secrets(tmp_path / "salle", "nouveau42")
    assert (other.code, other.cookie_secret, other.trainer_key) == ("nouveau42", first.cookie_secret, first.trainer_key)


def test_a_damaged_secret_file_is_replaced(tmp_path):
    (tmp_path / ".secret").write_text('{"cookie_secret": "court", "code": "a b"}', encoding="utf-8")
    chosen = room_secrets(tmp_path)
    assert len(chosen.cookie_secret) == 64 and re.fullmatch("[a-z0-9]{8}", chosen.code)


def test_lan_address_is_an_ipv4_address_of_the_network_or_none():
    address = lan_address()
    assert address is None or (re.fullmatch(r"\d+\.\d+\.\d+\.\d+", address) and not address.startswith("127."))


# --- the command ---------------------------------------------------------------------------


def test_room_help_is_in_french(capsys):
    assert main(["room", "--help"]) == 0
    out = capsys.readouterr().out
    assert "code de la salle" in out and "--pool N" in out and "--host ADRESSE" in out and "05_salle" in out
    assert "--moteur {solara,voila}" in out and "--max N" in out and "--idle MINUTES" in out


def test_room_refuses_a_wrong_code(capsys, workshop):
    assert main(["room", "--notebooks", str(workshop), "--code", "a b"]) == 2
    assert "code de salle «\u00a0a b\u00a0» refusé" in capsys.readouterr().err
    assert not (workshop / "salle").exists()


def test_room_without_the_workshop(capsys, tmp_path):
    assert main(["room", "--notebooks", str(tmp_path)]) == 1
    assert "l'atelier n'y est pas" in capsys.readouterr().err


def test_room_on_a_port_in_use(capsys, workshop):
    import socket

    with socket.socket() as sock:
        sock.bind(("0.0.0.0", 0))
        sock.listen()
        assert main(["room", "--notebooks", str(workshop), "--port", str(sock.getsockname()[1])]) == 1
    assert "est déjà pris" in capsys.readouterr().err
