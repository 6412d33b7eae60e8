"""The Solara room served for real: ``python -m isgrille room`` started as trainers start it, reached on 127.0.0.1 only.

Each test starts the command in a subprocess (``--dir`` a folder of its own,
a free port; it listens on every interface, the tests never leave this
computer) and stops it at the end. Requests go through ``http.client``, which
sends a path exactly as written (``/static/../x`` included), and the kernel's
websocket through ``websockets``. The room serves its own app when the
participant and trainer pages are there, else the tests' stand-in
(``tests/delivery/room_stub_app.py``): what is tested here is the gate and the server.
"""

from __future__ import annotations

import http.client
import importlib.util
import json
import os
import re
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from isgrille.delivery.room_site import PARTICIPANT_COOKIE, TRAINER_COOKIE

from ..browser.hub import _free_port, stop_server

pytestmark = pytest.mark.timeout(300)

ROOT = Path(__file__).resolve().parents[2]
CODE = "atelier42"
REAL_APP = all(importlib.util.find_spec(f"isgrille.delivery.{name}") for name in ("room_participant", "room_trainer"))


class LiveRoom:
    """``python -m isgrille room --dir <tmp>/salle --port <free> --code atelier42 [options]``, until :meth:`stop`."""

    def __init__(self, base: Path, *options: str):
        self.folder = base / "salle"
        self.port = _free_port()
        self.log = (base / "room.log").open("w")
        env = {key: value for key, value in os.environ.items() if not key.startswith("SOLARA_")}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        if not REAL_APP:
            env["ISGRILLE_ROOM_APP"] = "tests.delivery.room_stub_app"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "isgrille",
                "room",
                "--dir",
                str(self.folder),
                "--port",
                str(self.port),
                "--code",
                CODE,
                *options,
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=base,
        )
        deadline = time.monotonic() + 180
        while True:
            try:
                if self.get("/")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"the room did not start: {Path(self.log.name).read_text(encoding='utf-8')[-3000:]}")
            time.sleep(0.3)
        self.output = Path(self.log.name).read_text(encoding="utf-8")
        self.printed = [line for line in self.output.splitlines() if line.startswith("http")]
        self.trainer_key = json.loads((self.folder / ".secret").read_text(encoding="utf-8"))["trainer_key"]

    def get(
        self, path: str, cookies: dict[str, str] | None = None, method: str = "GET"
    ) -> tuple[int, http.client.HTTPMessage, str]:
        """``(status, headers, text)`` for ``path`` sent as written, on 127.0.0.1."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
            connection.request(method, path, headers=headers)
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def join(self) -> dict[str, str]:
        """A new participant's cookies (the code given, as the QR code does)."""
        status, headers, _ = self.get(f"/?code={CODE}")
        assert status == 303 and headers["Location"] == "/"
        return cookies_of(headers)

    def stop(self) -> None:
        stop_server(self.process, self.log)


def cookies_of(headers: http.client.HTTPMessage) -> dict[str, str]:
    found = {}
    for header in headers.get_all("Set-Cookie") or []:
        found.update({name: morsel.value for name, morsel in SimpleCookie(header).items()})
    return found


@pytest.fixture
def room(tmp_path):
    server = LiveRoom(tmp_path)
    yield server
    server.stop()


def test_the_code_opens_the_room_and_the_key_the_trainer_s_page(room):
    participants, trainer = room.printed[:2]
    assert re.fullmatch(rf"http://[0-9.]+:{room.port}/\?code={CODE}", participants)
    assert trainer == f"http://127.0.0.1:{room.port}/formateur?cle={room.trainer_key}"
    assert room.trainer_key not in participants
    assert room.output.index(participants) < room.output.index(trainer)

    status, headers, text = room.get("/")  # no page without the code
    assert status == 200 and '<html lang="fr">' in text and "Code de la salle" in text
    assert not headers.get_all("Set-Cookie") and "solara" not in text.lower()
    status, headers, text = room.get("/?code=mauvais")
    assert status == 401 and "n’ouvre pas cette salle" in text and not headers.get_all("Set-Cookie")

    participant = room.join()
    assert set(participant) == {PARTICIPANT_COOKIE}
    status, _, text = room.get("/", participant)
    assert status == 200 and '<html lang="fr">' in text and "<title>Établi – Innovation sociale</title>" in text

    for path in ("/formateur", "/FORMATEUR", "/formateur/", "/%66ormateur", "/formateur?cle=mauvaise"):
        for cookies in (None, participant):
            status, headers, text = room.get(path, cookies)
            assert status == 403 and "réservée au formateur" in text, path
            assert TRAINER_COOKIE not in cookies_of(headers)
    status, headers, _ = room.get(urlsplit(trainer).path + "?" + urlsplit(trainer).query)
    assert status == 303 and headers["Location"] == "/formateur"  # the key leaves the address bar
    key_cookie = cookies_of(headers)
    assert set(key_cookie) == {TRAINER_COOKIE}
    status, _, text = room.get("/formateur", key_cookie)
    assert status == 200 and '<html lang="fr">' in text and "formateur</title>" in text


def test_the_server_serves_its_own_assets_only(room):
    participant = room.join()
    (room.folder / "abc").mkdir()
    (room.folder / "abc" / "mes_resultats.json").write_text('{"project": "SECRET-DU-PARTICIPANT"}', encoding="utf-8")
    for path in (
        "/readyz",
        "/resourcez",
        "/salle",
        "/.secret",
        "/mes_resultats.json",
        "/abc/mes_resultats.json",
        "/isgrille/delivery/room.py",
        "/isgrille/delivery/room_site.py",
        "/static/../isgrille/__init__.py",
        "/static/../../salle/.secret",
        "/%2e%2e/salle/.secret",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/assets/delivery/room.py",
        "/static/public/room.py",
        "/_solara/api/evict/x",
        "/_solara/cdn/../../../../salle/.secret",
        "/_solara/cdn/%2e%2e/%2e%2e/etc/passwd",
        "/jupyter/nbextensions/../../isgrille/delivery/room.py",
        "/api/kernels",
        "/notebooks",
        "/00_accueil.ipynb",
        "/favicon.ico",
    ):
        for cookies in (None, participant):
            status, headers, text = room.get(path, cookies)
            assert status in (403, 404), (path, status)
            assert '<html lang="fr">' in text, path  # our French page, never Solara's English
            assert "SECRET-DU-PARTICIPANT" not in text and room.trainer_key not in text and "cookie_secret" not in text
    assert room.get("/static/assets/style.css")[0] == 403  # Solara's own files: only inside the room
    status, headers, text = room.get("/", participant)
    sources = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", text)
    assert sources and not [url for url in sources if re.match(r"(https?:)?//", url)], (
        sources
    )  # nothing off the machine
    assert "cdn.jsdelivr" not in text and "solara.dev/static/public/success" not in text
    assert headers["X-Frame-Options"] == "DENY" and headers["Referrer-Policy"] == "no-referrer"
    for url in sources:
        if url.startswith("/"):
            assert room.get(url, participant)[0] == 200, url  # and every file the page asks for is here


def test_the_kernel_websocket_only_inside_the_room(room):
    base = f"ws://127.0.0.1:{room.port}/jupyter/api/kernels/{'a' * 32}/channels?session_id=essai"
    for cookie in ("", f"{PARTICIPANT_COOKIE}=faux.0123", f"{TRAINER_COOKIE}=formateur.0123"):
        with pytest.raises(InvalidStatus) as refused:
            connect(base, additional_headers={"Cookie": cookie} if cookie else {}, open_timeout=30).close()
        assert refused.value.response.status_code == 403
    participant = room.join()
    cookie = "; ".join(f"{k}={v}" for k, v in participant.items())
    with connect(base, additional_headers={"Cookie": cookie}, open_timeout=60) as socket:
        assert socket.protocol.state.name == "OPEN"


def test_a_participant_runs_no_code(room, tmp_path):
    """An ``execute_request`` sent on a participant's own kernel websocket runs nothing (Solara's virtual kernels
    take widget messages only): the marker file it would write never appears, and that session ends."""
    import uuid

    marker = tmp_path / "code-execute"
    participant = room.join()
    status, headers, _ = room.get("/", participant)  # the page: Solara's session cookie
    assert status == 200
    cookie = "; ".join(f"{k}={v}" for k, v in {**participant, **cookies_of(headers)}.items())
    url = f"ws://127.0.0.1:{room.port}/jupyter/api/kernels/{uuid.uuid4().hex}/channels?session_id={uuid.uuid4().hex}"
    request = {
        "header": {
            "msg_id": uuid.uuid4().hex,
            "msg_type": "execute_request",
            "session": uuid.uuid4().hex,
            "username": "",
            "version": "5.3",
            "date": "2026-12-02T00:00:00Z",
        },
        "parent_header": {},
        "metadata": {},
        "channel": "shell",
        "buffers": [],
        "content": {"code": f"open({str(marker)!r}, 'w').write('x')", "silent": False},
    }
    with connect(url, additional_headers={"Cookie": cookie}, open_timeout=60) as socket:
        socket.send(json.dumps(request))
        replies = []
        try:
            while True:  # until the server closes this session (it refuses what it does not know)
                replies.append(json.loads(socket.recv(timeout=60)))
        except ConnectionClosed:
            pass
    assert not marker.exists()
    assert not [
        r for r in replies if r.get("header", {}).get("msg_type") in ("execute_reply", "execute_result", "stream")
    ]


def test_a_full_room_says_so_and_keeps_those_in(tmp_path):
    room = LiveRoom(tmp_path, "--max", "2")
    try:
        first, second, third = room.join(), room.join(), room.join()
        assert room.get("/", first)[0] == 200 and room.get("/", second)[0] == 200
        status, headers, text = room.get("/", third)
        assert status == 503 and "La salle est complète" in text and '<html lang="fr">' in text
        assert headers["Retry-After"] == "60"
        assert room.get("/", first)[0] == 200 and room.get("/", second)[0] == 200  # those in come back
        assert room.get("/", third)[0] == 503
    finally:
        room.stop()
