"""Tests of isgrille.delivery.room: the room's command line for Voilà, its secrets, its addresses.

Nothing is started here (tests/delivery/test_room_server.py starts a room):
the tests read the ``argv``, environment and configuration file the room builds.
"""

from __future__ import annotations

import json
import re
import runpy
import stat
from pathlib import Path

import pytest

from isgrille.delivery import room as room_module
from isgrille.delivery.cli import main
from isgrille.delivery.room import (ALPHABET, RoomSecrets, check_code, lan_address, new_code, room_command,
                                    room_secrets, room_urls, write_voila_config)


def option(argv: list[str], name: str) -> str:
    [value] = [arg.split("=", 1)[1] for arg in argv if arg.startswith(f"--{name}=")]
    return value


@pytest.fixture
def workshop(tmp_path):
    notebooks = tmp_path / "atelier"
    notebooks.mkdir()
    (notebooks / "00_accueil.ipynb").write_text("{}", encoding="utf-8")
    return notebooks


SECRETS = RoomSecrets("atelier42", "K" * 43, "ab" * 32)


def test_codes_are_short_unambiguous_and_not_repeated():
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == 8 and set(code) <= set(ALPHABET) for code in codes)
    assert not set("0o1li") & set(ALPHABET)


@pytest.mark.parametrize("code", ["abc", "a b c d e f", "atelier-42", "ételier42", "x" * 33, ""])
def test_a_wrong_code_is_refused_in_french(code):
    with pytest.raises(ValueError, match="code de salle .* refusé : attendu 6 à 32 lettres"):
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


def test_the_room_address_has_the_code_and_the_trainer_address_the_key():
    room_url, trainer_url = room_urls("192.168.1.20", 8870, SECRETS)
    assert room_url == "http://192.168.1.20:8870/voila/render/00_accueil.ipynb?token=atelier42"
    assert trainer_url == f"http://192.168.1.20:8870/voila/render/05_salle.ipynb?token={'K' * 43}"
    assert SECRETS.trainer_key not in room_url


def test_voila_listens_everywhere_with_the_room_rules(workshop):
    room = workshop / "salle"
    argv, env = room_command(workshop, room, 8870, SECRETS, "http://192.168.1.20:8870/x")
    assert option(argv, "Voila.ip") == "0.0.0.0" and option(argv, "Voila.port") == "8870"
    assert option(argv, "Voila.port_retries") == "0" and option(argv, "template") == "isgrille"
    assert option(argv, "Voila.identity_provider_class") == "isgrille.delivery.room_auth.RoomIdentityProvider"
    assert option(argv, "RoomIdentityProvider.allow_password_change") == "False"
    assert option(argv, "VoilaConfiguration.http_header_envs") == "Cookie"
    # a page left keeps its kernel (its shutdown request is refused): a disconnected kernel goes after 2 minutes
    assert option(argv, "MappingKernelManager.cull_idle_timeout") == "120"
    assert option(argv, "MappingKernelManager.cull_interval") == "30"
    assert option(argv, "MappingKernelManager.cull_connected") == "False"
    assert not [arg for arg in argv if "preheat" in arg or "pool" in arg]
    # no secret on the command line: other users of the computer could read it
    assert not [arg for arg in argv if SECRETS.code in arg or SECRETS.trainer_key in arg or SECRETS.cookie_secret in arg]
    assert env["ISGRILLE_ROOM"] == str(room.resolve()) and env["ISGRILLE_ROOM_SECRET"] == SECRETS.cookie_secret
    assert env["ISGRILLE_ROOM_URL"] == "http://192.168.1.20:8870/x"
    assert env["ISGRILLE_ROOM_COOKIE"] == option(argv, "RoomIdentityProvider.cookie_name") == "isgrille-salle-8870"
    assert "ISGRILLE_RESULTS" not in env


@pytest.mark.parametrize("path, served", [
    ("images/logo.png", True), ("style.css", True), ("fonts/a.woff2", True), ("photo.JPG", True),
    ("salle/abc/mes_resultats.json", False), ("salle/x.png", False), ("notes.txt", False), ("secret.py", False),
    ("00_accueil.ipynb", False), ("x.json", False), (".secret", False), ("a/.cache/x.png", False),
    ("../../etc/passwd", False),
])
def test_only_images_styles_and_fonts_are_served(workshop, path, served):
    argv, _ = room_command(workshop, workshop / "salle", 8870, SECRETS, "")
    [allowed] = json.loads(option(argv, "VoilaConfiguration.file_allowlist"))
    denied = json.loads(option(argv, "VoilaConfiguration.file_denylist"))
    ok = bool(re.fullmatch(allowed, path, re.I)) and not any(re.fullmatch(d, path, re.I) for d in denied)
    assert ok == served


def test_the_pool_is_asked_for(workshop):
    argv, _ = room_command(workshop, workshop / "salle", 8870, SECRETS, "", pool=2)
    assert option(argv, "VoilaConfiguration.preheat_kernel") == "True"
    assert option(argv, "VoilaConfiguration.default_pool_size") == "2"


def test_the_voila_config_holds_the_secrets_privately(workshop):
    folder = write_voila_config(workshop / "salle", SECRETS, workshop)
    argv, _ = room_command(workshop, workshop / "salle", 8870, SECRETS, "")
    assert json.loads(option(argv, "Voila.config_file_paths")) == [str(folder)]
    config = folder / "voila.py"
    assert stat.S_IMODE(config.stat().st_mode) == 0o600 and stat.S_IMODE(folder.stat().st_mode) == 0o700

    class Section(dict):
        __getattr__ = dict.__getitem__

    c = type("C", (), {})()
    for name in ("Voila", "RoomIdentityProvider", "FileContentsManager", "VoilaKernelManager"):
        setattr(c, name, type(name, (), {})())
    runpy.run_path(str(config), init_globals={"c": c})
    assert (c.Voila.token, c.Voila.cookie_secret.hex()) == (SECRETS.code, SECRETS.cookie_secret)
    assert c.RoomIdentityProvider.trainer_token == SECRETS.trainer_key
    assert c.RoomIdentityProvider.trainer_folders == ["salle"]
    assert "salle" in c.FileContentsManager.hide_globs and "_vendor" in c.FileContentsManager.hide_globs
    assert "05_" in c.VoilaKernelManager.preheat_denylist


def test_a_room_folder_outside_the_notebooks_is_not_served_at_all(workshop, tmp_path):
    argv, _ = room_command(workshop, tmp_path / "ailleurs", 8870, SECRETS, "")
    assert not [d for d in json.loads(option(argv, "VoilaConfiguration.file_denylist")) if "ailleurs" in d]


def test_lan_address_is_an_ipv4_address_of_the_network_or_none():
    address = lan_address()
    assert address is None or (re.fullmatch(r"\d+\.\d+\.\d+\.\d+", address) and not address.startswith("127."))


# --- the command ---------------------------------------------------------------------------


def test_room_help_is_in_french(capsys):
    assert main(["room", "--help"]) == 0
    out = capsys.readouterr().out
    assert "code de la salle" in out and "--pool N" in out and "--host ADRESSE" in out and "05_salle" in out


def test_room_refuses_a_wrong_code(capsys, workshop):
    assert main(["room", "--notebooks", str(workshop), "--code", "a b"]) == 2
    assert "code de salle « a b » refusé" in capsys.readouterr().err
    assert not (workshop / "salle").exists()


def test_room_without_the_workshop(capsys, tmp_path):
    assert main(["room", "--notebooks", str(tmp_path)]) == 1
    assert "l'atelier n'y est pas" in capsys.readouterr().err


def test_room_prints_the_addresses_then_starts_voila(capsys, workshop, monkeypatch):
    started = {}
    monkeypatch.setattr(room_module.os, "execvpe", lambda file, argv, env: started.update(argv=argv, env=env))
    monkeypatch.setattr(room_module, "lan_address", lambda: "192.168.1.20")
    assert main(["room", "--notebooks", str(workshop), "--code", "atelier42", "--port", "8871"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("http")]
    key = json.loads((workshop / "salle" / ".secret").read_text(encoding="utf-8"))["trainer_key"]
    assert lines == ["http://192.168.1.20:8871/voila/render/00_accueil.ipynb?token=atelier42",
                     f"http://127.0.0.1:8871/voila/render/05_salle.ipynb?token={key}"]
    assert started["env"]["ISGRILLE_ROOM_URL"] == lines[0]
    assert (workshop / "salle" / ".voila" / "voila.py").is_file()


def test_room_with_a_host_and_no_network(capsys, workshop, monkeypatch):
    monkeypatch.setattr(room_module.os, "execvpe", lambda *args: None)
    monkeypatch.setattr(room_module, "lan_address", lambda: None)
    assert main(["room", "--notebooks", str(workshop), "--host", "10.8.0.2", "--port", "8872"]) == 0
    assert "http://10.8.0.2:8872/voila/render/00_accueil.ipynb?token=" in capsys.readouterr().out
    assert main(["room", "--notebooks", str(workshop), "--port", "8872"]) == 0
    assert "Aucune adresse sur le réseau local" in capsys.readouterr().out


def test_room_on_a_port_in_use(capsys, workshop):
    import socket

    with socket.socket() as sock:
        sock.bind(("0.0.0.0", 0))
        sock.listen()
        assert main(["room", "--notebooks", str(workshop), "--port", str(sock.getsockname()[1])]) == 1
    assert "est déjà pris" in capsys.readouterr().err
