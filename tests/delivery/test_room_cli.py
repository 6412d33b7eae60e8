"""Tests of ``python -m isgrille room`` on Solara: its options, what it prints and in which order, what it serves.

The server itself is replaced here (``room_server.serve`` records what it was
given); test_room_live.py starts the real one. Solara's settings are checked
in a separate Python (:func:`test_two_rooms_built_in_one_process`), so this
test process never imports Solara with the room's settings.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from isgrille.delivery import room as room_module, room_server
from isgrille.delivery.cli import main
from isgrille.delivery.room import RoomSecrets, room_urls
from isgrille.delivery.room_site import RoomSite, site

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("0.0.0.0", 0))
        return sock.getsockname()[1]


@pytest.fixture
def served(monkeypatch):
    """``room_server.serve`` replaced: the room it was given, the host and the port."""
    calls = []
    monkeypatch.setattr(room_server, "serve", lambda room, host, port: calls.append((room, host, port)))
    monkeypatch.setattr(room_module, "lan_address", lambda: "192.168.1.20")
    return calls


def lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("http")]


def test_the_participants_then_the_trainer(capsys, served, tmp_path):
    port = free_port()
    assert main(["room", "--dir", str(tmp_path / "salle"), "--port", str(port), "--code", "atelier42"]) == 0
    out = capsys.readouterr().out
    key = json.loads((tmp_path / "salle" / ".secret").read_text(encoding="utf-8"))["trainer_key"]
    assert lines(out) == [f"http://192.168.1.20:{port}/?code=atelier42", f"http://127.0.0.1:{port}/formateur?cle={key}"]
    assert key not in out.split("\n", 2)[1]  # never in the participants' address
    assert "Salle ouverte (code\u00a0: atelier42)" in out and "Ctrl+C" in out
    [(room, host, given_port)] = served
    assert (host, given_port) == ("0.0.0.0", port) and room is site()
    assert (room.code, room.trainer_key, room.folder) == ("atelier42", key, (tmp_path / "salle").resolve())
    assert (room.url, room.trainer_url) == tuple(lines(out))
    assert (room.maximum, room.idle) == (150, 600)
    assert room.secret == bytes.fromhex(json.loads((tmp_path / "salle" / ".secret").read_text())["cookie_secret"])


def test_max_and_idle(capsys, served, tmp_path):
    assert main(["room", "--dir", str(tmp_path), "--port", str(free_port()), "--max", "2", "--idle", "1.5"]) == 0
    [(room, _, _)] = served
    assert (room.maximum, room.idle) == (2, 90)
    assert (
        "Jusqu'à 2 participants\u00a0; une session sans page se termine après 1,5\u00a0minute."
        in capsys.readouterr().out
    )


def test_a_restarted_room_keeps_its_code_key_and_secret(capsys, served, tmp_path):
    for _ in range(2):
        assert main(["room", "--dir", str(tmp_path), "--port", str(free_port())]) == 0
    first, second = served[0][0], served[1][0]
    assert (first.code, first.trainer_key, first.secret) == (second.code, second.trainer_key, second.secret)


def test_without_a_network_the_address_is_this_computer_s(capsys, served, tmp_path, monkeypatch):
    monkeypatch.setattr(room_module, "lan_address", lambda: None)
    port = free_port()
    assert main(["room", "--dir", str(tmp_path), "--port", str(port), "--code", "atelier42"]) == 0
    out = capsys.readouterr().out
    assert lines(out)[0] == f"http://127.0.0.1:{port}/?code=atelier42" and "Aucune adresse sur le réseau local" in out
    assert main(["room", "--dir", str(tmp_path), "--port", str(port), "--host", "10.8.0.2"]) == 0
    assert lines(capsys.readouterr().out)[0].startswith(f"http://10.8.0.2:{port}/?code=")


def test_the_default_room_folder_is_beside_the_notebooks(capsys, served, tmp_path):
    (tmp_path / "00_accueil.ipynb").write_text("{}", encoding="utf-8")
    assert main(["room", "--notebooks", str(tmp_path), "--port", str(free_port())]) == 0
    assert served[0][0].folder == (tmp_path / "salle").resolve() and (tmp_path / "salle" / ".secret").is_file()


@pytest.mark.parametrize(
    "options, message",
    [
        (["--max", "0"], "--max attend"),
        (["--max", "-3"], "--max attend"),
        (["--idle", "0"], "--idle attend"),
        (["--idle", "-1"], "--idle attend"),
        (["--idle", "5000"], "--idle attend"),
        (["--port", "0"], "--port attend"),
        (["--port", "70000"], "--port attend"),
        (["--pool", "-1"], "--pool attend"),
        (["--code", "a b"], "code de salle «\u00a0a b\u00a0» refusé"),
    ],
)
def test_wrong_options_are_refused_in_french(capsys, served, tmp_path, options, message):
    assert main(["room", "--dir", str(tmp_path / "salle"), *options]) == 2
    assert message in capsys.readouterr().err
    assert served == [] and not (tmp_path / "salle").exists()


@pytest.mark.parametrize("options", [["--max", "beaucoup"], ["--idle", "dix"], ["--moteur", "jupyter"]])
def test_options_of_the_wrong_kind(capsys, served, tmp_path, options):
    assert main(["room", "--dir", str(tmp_path), *options]) == 2
    assert "argument" in capsys.readouterr().err and served == []


def test_without_a_folder_or_the_workshop(capsys, served, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["room", "--notebooks", str(tmp_path)]) == 1
    assert "l'atelier n'y est pas" in capsys.readouterr().err and served == []


def test_a_port_in_use(capsys, served, tmp_path):
    import socket

    with socket.socket() as sock:
        sock.bind(("0.0.0.0", 0))
        sock.listen()
        assert main(["room", "--dir", str(tmp_path), "--port", str(sock.getsockname()[1])]) == 1
    assert "est déjà pris" in capsys.readouterr().err and served == []


def test_help_in_french(capsys):
    assert main(["room", "--help"]) == 0
    out = capsys.readouterr().out
    for words in (
        "--max N",
        "--idle MINUTES",
        "--moteur {solara,voila}",
        "salle complète",
        "code de la salle",
        "QR\u00a0code",
        "Ctrl+C",
    ):
        assert words in out, words


def test_room_urls():
    assert room_urls("10.0.0.5", 8866, RoomSecrets("abc234", "K" * 43, "0" * 64)) == (
        "http://10.0.0.5:8866/?code=abc234",
        f"http://10.0.0.5:8866/formateur?cle={'K' * 43}",
    )


def test_solara_s_environment(tmp_path, monkeypatch):
    monkeypatch.delenv(room_server.APP_ENV, raising=False)
    environment = room_server.solara_environment(RoomSite(tmp_path, "atelier42", "K" * 43, bytes(32), idle=90))
    assert environment == {
        "SOLARA_APP": "isgrille.delivery.room_app",
        "SOLARA_MODE": "production",
        "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
        "SOLARA_THEME_SHOW_BANNER": "False",
        "SOLARA_THEME_LOADER": "plain",
        "SOLARA_THEME_TITLE": "Établi – Innovation sociale",
        "SOLARA_ASSETS_PROXY": "True",
        "SOLARA_ASSETS_CDN": "http://127.0.0.1:9/",
        "SOLARA_KERNEL_CULL_TIMEOUT": "90s",
        "SOLARA_THEME_FORCE_REFRESH": "True",
        "SOLARA_SESSION_HTTP_ONLY": "True",
    }
    monkeypatch.setenv(room_server.APP_ENV, "tests.delivery.room_stub_app")
    assert (
        room_server.solara_environment(RoomSite(tmp_path, "atelier42", "K" * 43, bytes(32)))["SOLARA_APP"]
        == "tests.delivery.room_stub_app"
    )


TWO_ROOMS = r"""
import sys, warnings
warnings.simplefilter("ignore")
import solara.server.settings  # Solara imported first, with its defaults: the room applies its own settings
from starlette.testclient import TestClient
from isgrille.delivery.room_server import build_app
from isgrille.delivery.room_site import open_site
from solara.server import settings
import solara.settings
answers = []
for number, folder in enumerate(sys.argv[1:3]):
    room = open_site(folder, f"atelier{number}{number}{number}", "K" * 43, bytes([number]) * 32, maximum=5)
    with TestClient(build_app(room), follow_redirects=False) as client:
        joined = client.get(f"/?code=atelier{number}{number}{number}")
        page = client.get("/")
        answers.append((joined.status_code, page.status_code, '<html lang="fr">' in page.text,
                        client.get("/readyz").status_code, client.get("/formateur").status_code))
print(answers)
print(settings.telemetry.mixpanel_enable, settings.theme.show_banner, settings.main.mode, solara.settings.assets.cdn,
      settings.kernel.cull_timeout, "solara.__main__" in sys.modules)
"""


def test_two_rooms_built_in_one_process(tmp_path):
    """The server can be built twice in one process (tests, a room reopened); Solara's settings are the room's."""
    env = {**os.environ, room_server.APP_ENV: "tests.delivery.room_stub_app", "PYTHONPATH": str(ROOT)}
    env = {key: value for key, value in env.items() if not key.startswith("SOLARA_")}
    done = subprocess.run(
        [sys.executable, "-c", TWO_ROOMS, str(tmp_path / "un"), str(tmp_path / "deux")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    answers, settings = done.stdout.strip().splitlines()[-2:]
    assert answers == str([(303, 200, True, 404, 403)] * 2)
    assert settings == "False False production http://127.0.0.1:9/ 600s False"  # no statistics, no version check
