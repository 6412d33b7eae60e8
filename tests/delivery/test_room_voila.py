"""Tests of isgrille.delivery.room_voila: the Voilà room (``room --moteur voila``), its command line and configuration.

Nothing is started here (tests/delivery/test_room_server.py starts a Voilà room):
the tests read the ``argv``, environment and configuration file the room builds.
"""

from __future__ import annotations

import json
import os
import re
import runpy
import stat

import pytest

from isgrille.delivery import room as room_module
from isgrille.delivery.cli import main
from isgrille.delivery.room import RoomSecrets
from isgrille.delivery.room_voila import room_command, room_urls, write_voila_config


def option(argv: list[str], name: str) -> str:
    [value] = [arg.split("=", 1)[1] for arg in argv if arg.startswith(f"--{name}=")]
    return value


SECRETS = RoomSecrets("atelier42", "K" * 43, "ab" * 32)


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
    assert not [
        arg for arg in argv if SECRETS.code in arg or SECRETS.trainer_key in arg or SECRETS.cookie_secret in arg
    ]
    assert env["ISGRILLE_ROOM"] == str(room.resolve()) and env["ISGRILLE_ROOM_SECRET"] == SECRETS.cookie_secret
    assert env["ISGRILLE_ROOM_URL"] == "http://192.168.1.20:8870/x"
    assert env["ISGRILLE_ROOM_COOKIE"] == option(argv, "RoomIdentityProvider.cookie_name") == "isgrille-salle-8870"
    assert "ISGRILLE_RESULTS" not in env


@pytest.mark.parametrize(
    "path, served",
    [
        ("images/logo.png", True),
        ("style.css", True),
        ("fonts/a.woff2", True),
        ("photo.JPG", True),
        ("salle/abc/mes_resultats.json", False),
        ("salle/x.png", False),
        ("notes.txt", False),
        ("secret.py", False),
        ("00_accueil.ipynb", False),
        ("x.json", False),
        (".secret", False),
        ("a/.cache/x.png", False),
        ("../../etc/passwd", False),
    ],
)
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


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("0.0.0.0", 0))
        return sock.getsockname()[1]


def test_room_prints_the_addresses_then_starts_voila(capsys, workshop, monkeypatch):
    started, port = {}, free_port()
    monkeypatch.setattr(os, "execvpe", lambda file, argv, env: started.update(argv=argv, env=env))
    monkeypatch.setattr(room_module, "lan_address", lambda: "192.168.1.20")
    assert (
        main(["room", "--notebooks", str(workshop), "--code", "atelier42", "--port", str(port), "--moteur", "voila"])
        == 0
    )
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("http")]
    key = json.loads((workshop / "salle" / ".secret").read_text(encoding="utf-8"))["trainer_key"]
    assert lines == [
        f"http://192.168.1.20:{port}/voila/render/00_accueil.ipynb?token=atelier42",
        f"http://127.0.0.1:{port}/voila/render/05_salle.ipynb?token={key}",
    ]
    assert started["env"]["ISGRILLE_ROOM_URL"] == lines[0]
    assert (workshop / "salle" / ".voila" / "voila.py").is_file()


def test_room_with_a_host_and_no_network(capsys, workshop, monkeypatch):
    monkeypatch.setattr(os, "execvpe", lambda *args: None)
    monkeypatch.setattr(room_module, "lan_address", lambda: None)
    voila, port = ["--moteur", "voila"], str(free_port())
    assert main(["room", "--notebooks", str(workshop), "--host", "10.8.0.2", "--port", port, *voila]) == 0
    assert f"http://10.8.0.2:{port}/voila/render/00_accueil.ipynb?token=" in capsys.readouterr().out
    assert main(["room", "--notebooks", str(workshop), "--port", port, *voila]) == 0
    assert "Aucune adresse sur le réseau local" in capsys.readouterr().out
