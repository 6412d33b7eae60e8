"""Tests of isgrille.delivery.room_gate: every rule of the room's gate, around a tiny fake of Solara.

The fake inner app (:class:`FakeSolara`) answers like Solara would (an
English page with ``<html>``, Solara's title and a viewport that forbids zoom;
assets; English errors; a kernel websocket) and records what reached it, so
each test says both what the visitor gets and whether Solara was asked at all.
"""

from __future__ import annotations

import asyncio
import gzip
import threading
import warnings
from http.cookies import SimpleCookie
from urllib.parse import unquote

import pytest
from starlette.websockets import WebSocketDisconnect

with warnings.catch_warnings():  # Starlette 1.x prefers httpx2 for its test client; httpx is what is installed
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from isgrille.delivery.room_gate import RoomGate, kind_of
from isgrille.delivery.room_site import (
    PARTICIPANT_COOKIE,
    TRAINER_COOKIE,
    TRAINER_ID,
    RoomSite,
    new_participant,
    sign,
    unsign,
)

SECRET = bytes(range(32))
CODE, KEY = "atelier42", "K" * 43
SOLARA_PAGE = (
    "<!DOCTYPE html>\n<html>\n<head>\n<title>Solara ☀️</title>\n"
    '<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no">\n'
    "</head>\n<body>page de Solara " + "x" * 2000 + "</body>\n</html>\n"
)


class FakeSolara:
    """An ASGI app standing for Solara's routes: records the scopes it is given."""

    def __init__(self):
        self.seen: list[dict] = []

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                await send({"type": message["type"] + ".complete"})
                if message["type"] == "lifespan.shutdown":
                    return
        self.seen.append(scope)
        if scope["type"] == "websocket":
            await receive()
            await send({"type": "websocket.accept"})
            await send({"type": "websocket.send", "text": "noyau"})
            await send({"type": "websocket.close", "code": 1000})
            return
        path = scope["path"]
        if path == "/static/boom":
            raise RuntimeError("boom")
        if path == "/static/missing":
            status, kind, body = 404, b"text/plain", b"Not Found"
        elif path in ("/", "/formateur"):
            status, kind, body = 200, b"text/html; charset=utf-8", SOLARA_PAGE.encode()
        else:
            status, kind, body = 200, b"application/javascript", b"console.log(1)"
        headers = [(b"content-type", kind), (b"set-cookie", b"solara-session-id=abc; Path=/; HttpOnly")]
        if b"gzip" in dict(scope["headers"]).get(b"accept-encoding", b""):
            body = gzip.compress(body)
            headers.append((b"content-encoding", b"gzip"))
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        half = len(body) // 2  # in two parts, as a streaming app would
        await send({"type": "http.response.body", "body": body[:half], "more_body": True})
        await send({"type": "http.response.body", "body": body[half:]})

    def paths(self) -> list[str]:
        return [scope["path"] for scope in self.seen]


@pytest.fixture
def room(tmp_path):
    return RoomSite(tmp_path / "salle", CODE, KEY, SECRET, maximum=2)


@pytest.fixture
def inner():
    return FakeSolara()


@pytest.fixture
def gate(room, inner, tmp_path):
    cdn = tmp_path / "cdn"
    (cdn / "paquet@1.0.0" / "dist").mkdir(parents=True)
    (cdn / "paquet@1.0.0" / "dist" / "app.js").write_text("1", encoding="utf-8")
    (cdn / "seul@2.0.0").mkdir()
    (cdn / "seul@2.0.0" / "__main.js").write_text("2", encoding="utf-8")
    return RoomGate(inner, room=lambda: room, cdn_folder=cdn)


@pytest.fixture
def client(gate):
    with TestClient(gate, follow_redirects=False, raise_server_exceptions=False) as test_client:
        yield test_client


def raw(gate, path: str, cookie: str = "") -> tuple[int, dict[bytes, bytes], str]:
    """``(status, headers, text)`` for ``path`` exactly as a browser may send it (an HTTP client would clean it:
    ``//x`` or ``/a/../b``); decoded as uvicorn decodes it."""
    messages = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        messages.append(message)

    scope = {
        "type": "http",
        "method": "GET",
        "path": unquote(path),
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [(b"cookie", cookie.encode())] if cookie else [],
        "root_path": "",
    }
    # A loop of its own in a thread of its own: the browser tests' Playwright keeps one running in this thread.
    worker = threading.Thread(target=asyncio.run, args=(gate(scope, receive, send),))
    worker.start()
    worker.join()
    start, body = messages[0], b"".join(m.get("body", b"") for m in messages[1:])
    return start["status"], dict(start["headers"]), body.decode("utf-8")


def ask(client, path: str, cookie: str = "", method: str = "GET", **headers):
    """One request with exactly these cookies (the client's own jar is emptied each time)."""
    client.cookies.clear()
    headers = {"Accept-Encoding": "identity", **({"Cookie": cookie} if cookie else {}), **headers}
    response = client.request(method, path, headers=headers)
    client.cookies.clear()
    return response


def participant_cookie(participant: str | None = None) -> str:
    return f"{PARTICIPANT_COOKIE}={sign(participant or new_participant(), SECRET)}"


TRAINER = f"{TRAINER_COOKIE}={sign(TRAINER_ID, SECRET)}"


def set_cookie(response, name: str):
    for header in response.headers.get_list("set-cookie"):
        cookie = SimpleCookie(header)
        if name in cookie:
            return cookie[name], header
    return None, ""


def assert_french_page(response, status: int, words: str):
    assert response.status_code == status
    text = response.text
    assert text.startswith("<!DOCTYPE html>") and '<html lang="fr">' in text and words in text
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer" and response.headers["x-frame-options"] == "DENY"
    assert int(response.headers["content-length"]) == len(response.content)


# --- participants ---------------------------------------------------------------------------------


def test_without_the_code_the_join_page_asks_for_it(client, inner):
    response = ask(client, "/")
    assert_french_page(response, 200, "Code de la salle")
    assert '<form method="get" action="/">' in response.text and '<label for="code">' in response.text
    assert not response.headers.get_list("set-cookie") and inner.seen == []


def test_a_wrong_code_is_refused_and_echoed_escaped(client, inner):
    response = ask(client, "/?code=%3Cscript%3Ealert(1)%3C/script%3E")
    assert_french_page(response, 401, "n’ouvre pas cette salle")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text and "<script>" not in response.text
    assert not response.headers.get_list("set-cookie") and inner.seen == []


def test_the_code_gives_a_signed_cookie_and_leaves_the_address(client, inner):
    response = ask(client, f"/?code={CODE}")
    assert response.status_code == 303 and response.headers["location"] == "/"
    morsel, header = set_cookie(response, PARTICIPANT_COOKIE)
    assert unsign(morsel.value, SECRET) and len(unsign(morsel.value, SECRET)) >= 16
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Path=/" in header
    assert morsel["max-age"] == str(30 * 86400)
    assert inner.seen == []


@pytest.mark.parametrize(
    "query, location",
    [
        (f"code={CODE}&etape=quiz", "/?etape=quiz"),
        (f"code=%20{CODE.upper()}%20", "/"),
        (f"etape=2&code={CODE}", "/?etape=2"),
    ],
)
def test_the_redirect_keeps_the_rest_of_the_address_on_this_server(client, query, location):
    response = ask(client, f"/?{query}")
    assert response.status_code == 303 and response.headers["location"] == location  # relative: never another host
    assert set_cookie(response, PARTICIPANT_COOKIE)[0] is not None


def test_a_participant_keeps_their_id_when_they_scan_the_code_again(client):
    cookie = participant_cookie("participant-numero-un")
    again, _ = set_cookie(ask(client, f"/?code={CODE}", cookie), PARTICIPANT_COOKIE)
    assert unsign(again.value, SECRET) == "participant-numero-un"
    wrong = ask(client, "/?code=mauvais", cookie)  # already in: the code only leaves the address
    assert wrong.status_code == 303 and wrong.headers["location"] == "/" and not wrong.headers.get_list("set-cookie")


def test_with_the_cookie_solara_s_page_in_french(client, inner, room):
    participant = "participant-numero-un"
    response = ask(client, "/", participant_cookie(participant))
    assert response.status_code == 200 and inner.paths() == ["/"]
    text = response.text
    assert '<html lang="fr">' in text and "<title>Établi – Innovation sociale</title>" in text
    assert "Solara ☀️" not in text and "user-scalable=no" not in text and "page de Solara" in text
    assert int(response.headers["content-length"]) == len(response.content)
    assert response.headers["x-frame-options"] == "DENY" and response.headers["cache-control"] == "no-store"
    assert set_cookie(response, "solara-session-id")[0].value == "abc"  # Solara's own cookie passes
    assert participant in room.hub.present()  # counted while their session connects


def test_the_page_is_compressed_after_the_rewrite(client, inner):
    response = ask(client, "/", participant_cookie(), **{"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip" and '<html lang="fr">' in response.text
    assert b"accept-encoding" not in dict(inner.seen[0]["headers"])  # Solara gave it plain, to be rewritten
    assert response.headers.get_list("vary") == ["Accept-Encoding"]


def test_head_gives_the_headers_only(client, inner):
    page = ask(client, "/", participant_cookie())
    response = ask(client, "/", participant_cookie(), method="HEAD")
    assert response.status_code == 200 and response.content == b""
    assert response.headers["content-length"] == page.headers["content-length"] == str(len(page.content))
    assert inner.seen[-1]["method"] == "GET"  # asked of Solara as a GET, to be rewritten
    assert ask(client, "/static/app.js", participant_cookie(), method="HEAD").content == b""


@pytest.mark.parametrize(
    "cookie",
    [
        f"{PARTICIPANT_COOKIE}=participant-numero-un",  # unsigned
        f"{PARTICIPANT_COOKIE}={sign('participant-numero-un', bytes(32))}",  # another room's secret
        f"{PARTICIPANT_COOKIE}={sign('participant-numero-un', SECRET)[:-1]}0",  # signature altered
        f"{PARTICIPANT_COOKIE}={sign('court', SECRET)}",  # not an id the server draws
        f"{PARTICIPANT_COOKIE}={sign('../../etc/passwd', SECRET)}",
        f"{TRAINER_COOKIE}={sign('participant-numero-un', SECRET)}",  # a signed value under the wrong name
    ],
)
def test_a_forged_cookie_is_no_entry(client, inner, cookie):
    assert_french_page(ask(client, "/", cookie), 200, "Code de la salle")
    assert ask(client, "/static/app.js", cookie).status_code == 403
    assert inner.seen == []


def test_a_full_room_turns_newcomers_away_and_keeps_those_in(client, inner, room):
    one, two, three = (participant_cookie(f"participant-numero-{n}") for n in ("un", "deux", "trois"))
    assert ask(client, "/", one).status_code == 200 and ask(client, "/", two).status_code == 200
    full = ask(client, "/", three)
    assert_french_page(full, 503, "La salle est complète")
    assert full.headers["retry-after"] == "60"
    assert ask(client, "/", one).status_code == 200 and ask(client, "/", two).status_code == 200
    assert len(inner.seen) == 4 and room.hub.present() == {"participant-numero-un", "participant-numero-deux"}


def test_a_participant_with_a_live_session_always_enters(client, room):
    class Context:
        closed_event = None

    room.hub.claim("participant-numero-un", Context())
    room.hub.seen("participant-numero-deux")
    room.hub.seen("participant-numero-trois")
    assert len(room.hub.present()) == 3  # over the cap of 2
    assert ask(client, "/", participant_cookie("participant-numero-un")).status_code == 200
    assert ask(client, "/", participant_cookie("participant-numero-quatre")).status_code == 503


# --- the trainer ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/formateur",
        "/FORMATEUR",
        "/formateur/",
        "/Formateur/x",
        "/formateur?cle=mauvaise",
        f"/formateur?cle={KEY[:-1]}",
        "/%2566ormateur",
        "/formateur?cle=",
    ],
)
def test_the_trainer_s_page_refuses_anyone_else(client, inner, path):
    for cookie in ("", participant_cookie()):
        response = ask(client, path, cookie)
        assert_french_page(response, 403, "réservée au formateur")
        assert not set_cookie(response, TRAINER_COOKIE)[0]
    assert inner.seen == []


@pytest.mark.parametrize("path", ["//formateur", "/%66ormateur", "/%2566ormateur/", "/formateur//", "/FORM%41TEUR"])
def test_every_spelling_of_the_trainer_s_page_is_refused(gate, inner, path):
    status, headers, text = raw(gate, path, participant_cookie())
    assert status == 403 and "réservée au formateur" in text and b"set-cookie" not in headers
    assert inner.seen == []
    status, headers, _ = raw(gate, path, TRAINER)
    if unquote(path) == "/formateur":
        assert status == 200 and inner.paths() == ["/formateur"]  # uvicorn decodes it: Solara sees /formateur
    else:
        assert status == 303 and headers[b"location"] == b"/formateur"


def test_the_key_gives_the_trainer_s_cookie_and_leaves_the_address(client, inner):
    response = ask(client, f"/formateur?cle={KEY}")
    assert response.status_code == 303 and response.headers["location"] == "/formateur"
    morsel, header = set_cookie(response, TRAINER_COOKIE)
    assert unsign(morsel.value, SECRET) == TRAINER_ID and "HttpOnly" in header and "SameSite=Lax" in header
    assert inner.seen == []
    page = ask(client, "/formateur", TRAINER)
    assert page.status_code == 200 and inner.paths() == ["/formateur"]
    assert "<title>Établi – Innovation sociale – formateur</title>" in page.text and '<html lang="fr">' in page.text


@pytest.mark.parametrize("path", ["/FORMATEUR", "/formateur/", f"/formateur?cle={KEY}x"])
def test_the_trainer_is_sent_to_the_one_address(client, inner, path):
    response = ask(client, path, TRAINER)
    assert response.status_code == 303 and response.headers["location"] == "/formateur" and inner.seen == []


def test_the_trainer_is_not_a_participant(client):
    assert_french_page(ask(client, "/", TRAINER), 200, "Code de la salle")


# --- assets, websockets, hidden paths -----------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/static/app.js",
        "/jupyter/nbextensions/jupyter-vuetify/extension.js",
        "/jupyter/api/kernels/abc",
        "/static/assets/style.css",
    ],
)
def test_assets_only_with_a_cookie(client, inner, path):
    assert_french_page(ask(client, path), 403, "Demande refusée")
    assert inner.seen == []
    for cookie in (participant_cookie(), TRAINER):
        response = ask(client, path, cookie)
        assert response.status_code == 200 and response.text == "console.log(1)"
        assert response.headers["x-content-type-options"] == "nosniff"
    assert inner.paths() == [path, path]


def test_only_front_end_files_that_exist_are_asked_of_the_proxy(client, gate, inner, tmp_path):
    cookie = participant_cookie()
    assert ask(client, "/_solara/cdn/paquet@1.0.0/dist/app.js", cookie).status_code == 200
    assert ask(client, "/_solara/cdn/seul@2.0.0", cookie).status_code == 200  # a bare package: its __main.js
    for path in ("/_solara/cdn/paquet@1.0.0", "/_solara/cdn/paquet@1.0.0/dist", "/_solara/cdn/absent@1.0.0/x.js"):
        assert_french_page(ask(client, path, cookie), 404, "Page introuvable")
    for path in ("/_solara/cdn/paquet@1.0.0/../../x.js", "/_solara/cdn/paquet@1.0.0/%2e%2e/dist/app.js"):
        assert raw(gate, path, cookie)[0] == 404
    assert (tmp_path / "cdn" / "paquet@1.0.0" / "dist").is_dir()  # Solara's proxy would delete a folder asked for
    assert inner.paths() == ["/_solara/cdn/paquet@1.0.0/dist/app.js", "/_solara/cdn/seul@2.0.0"]


@pytest.mark.parametrize(
    "path",
    [
        "/readyz",
        "/resourcez",
        "/_solara/api/evict/abc",
        "/salle",
        "/salle/x/mes_resultats.json",
        "/.secret",
        "/mes_resultats.json",
        "/isgrille/delivery/room.py",
        "/static/../x",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/.secret",
        "/favicon.ico",
        "/api/kernels",
        "/jupyter",
        "/index.html",
        "/etc/passwd",
        "/_SOLARA/api/evict/abc",
        "/%5Fsolara/api/evict/abc",
    ],
)
def test_other_addresses_are_a_french_404_even_in_the_room(client, gate, inner, path):
    for cookie in ("", participant_cookie(), TRAINER):
        assert_french_page(ask(client, path, cookie), 404, "Page introuvable")
        status, _, text = raw(gate, path, cookie)  # as sent, not cleaned by a client
        assert status == 404 and "Page introuvable" in text
    assert_french_page(ask(client, "/_solara/api/evict/abc", TRAINER, method="POST"), 404, "Page introuvable")
    assert inner.seen == []


@pytest.mark.parametrize(
    "path",
    [
        "/./formateur",
        "/static/./x.js",
        "/static/.hidden/x.js",
        "/jupyter/../formateur",
        "/static/..%2f..%2fsalle/.secret",
        "/static\\..\\x",
    ],
)
def test_dot_segments_as_sent_are_a_404(gate, inner, path):
    for cookie in ("", participant_cookie(), TRAINER):
        assert raw(gate, path, cookie)[0] == 404
    assert inner.seen == []


def test_pages_answer_get_only_and_the_close_beacon_post_only(client, inner):
    cookie = participant_cookie()
    for method, path in (
        ("POST", "/"),
        ("PUT", "/formateur"),
        ("DELETE", "/static/app.js"),
        ("GET", "/_solara/api/close/abc"),
        ("POST", "/static/app.js"),
    ):
        response = ask(client, path, cookie, method=method)
        assert_french_page(response, 405, "Demande refusée")
    assert inner.seen == []
    assert ask(client, "/_solara/api/close/abc?session_id=x", method="POST").status_code == 403
    assert ask(client, "/_solara/api/close/abc?session_id=x", cookie, method="POST").status_code == 200
    assert inner.paths() == ["/_solara/api/close/abc"]


def test_the_kernel_websocket_only_with_a_cookie(client, inner):
    path = "/jupyter/api/kernels/abc/channels?session_id=x"
    for cookie in ("", f"{PARTICIPANT_COOKIE}=faux.123", f"{TRAINER_COOKIE}={sign('x', SECRET)}"):
        with (
            pytest.raises(WebSocketDisconnect),
            client.websocket_connect(path, headers={"Cookie": cookie} if cookie else {}),
        ):
            pass
    with (  # another websocket path, even in the room
        pytest.raises(WebSocketDisconnect),
        client.websocket_connect("/autre/ws", headers={"Cookie": participant_cookie()}),
    ):
        pass
    assert inner.seen == []
    for cookie in (participant_cookie(), TRAINER):
        with client.websocket_connect(path, headers={"Cookie": cookie}) as ws:
            assert ws.receive_text() == "noyau"
    assert len(inner.seen) == 2


def test_solara_s_english_errors_become_french_pages(client):
    cookie = participant_cookie()
    missing = ask(client, "/static/missing", cookie)
    assert_french_page(missing, 404, "Page introuvable")
    assert "Not Found" not in missing.text
    failed = ask(client, "/static/boom", cookie)
    assert_french_page(failed, 500, "Erreur du serveur")
    assert "boom" not in failed.text and "Traceback" not in failed.text


@pytest.mark.parametrize(
    "path, kind",
    [
        ("/", "participant"),
        ("/formateur", "trainer"),
        ("/formateur/", "trainer-variant"),
        ("/FoRmAtEuR", "trainer-variant"),
        ("/_solara/api/close/k", "close"),
        ("/_solara/cdn/x", "asset"),
        ("/jupyter/api/kernels/k/channels", "asset"),
        ("/static/x.css", "asset"),
        ("/readyz", "hidden"),
        ("/static/..", "hidden"),
        ("/_solara/api/evict/k", "hidden"),
        ("//", "hidden"),
        ("/?", "hidden"),
        ("/LICENSE-CONTENT", "licence"),
        ("/license-content", "hidden"),
        ("/LICENSE-CONTENT/x", "hidden"),
    ],
)
def test_kinds_of_addresses(path, kind):
    assert kind_of(path) == kind


# --- LICENSE-CONTENT: the attribution's link, served by the room itself ----------------------------


@pytest.mark.parametrize("cookie", ["", "participant", "trainer"])
def test_the_content_licence_is_served_to_anyone_as_text(client, inner, cookie):
    """Public text: the join page's attribution links it too, so no cookie is needed (and none is given)."""
    from isgrille.delivery.kit_files import licence_file

    cookie = {"": "", "participant": participant_cookie(), "trainer": TRAINER}[cookie]
    response = ask(client, "/LICENSE-CONTENT", cookie)
    assert response.status_code == 200 and response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.content == licence_file().read_bytes()
    assert "CC BY-NC-SA 4.0" in response.text and "Établi" in response.text
    assert int(response.headers["content-length"]) == len(response.content)
    assert response.headers["x-content-type-options"] == "nosniff" and not response.headers.get_list("set-cookie")
    assert ask(client, "/LICENSE-CONTENT", cookie, method="HEAD").content == b""
    assert inner.seen == []  # the gate answers: Solara is never asked


def test_the_licence_reads_the_file_at_each_request(client, inner, monkeypatch, tmp_path):
    from isgrille.delivery import room_gate

    mine = tmp_path / "LICENSE-CONTENT"
    mine.write_text("Contenu\u00a0: CC BY-NC-SA 4.0, adapté.\n", encoding="utf-8")
    monkeypatch.setattr(room_gate, "licence_file", lambda: mine)
    assert ask(client, "/LICENSE-CONTENT").text == "Contenu\u00a0: CC BY-NC-SA 4.0, adapté.\n"
    mine.write_text("modifié\n", encoding="utf-8")  # a trainer's edit shows at once
    assert ask(client, "/LICENSE-CONTENT").text == "modifié\n"
    monkeypatch.setattr(room_gate, "licence_file", lambda: None)  # a kit without it: the French 404
    assert_french_page(ask(client, "/LICENSE-CONTENT"), 404, "introuvable")
    assert inner.seen == []


@pytest.mark.parametrize(
    "path",
    [
        "/license-content",
        "/LICENSE-CONTENT/",
        "/LICENSE-CONTENT/x",
        "/static/../LICENSE-CONTENT",
        "/LICENSE",
        "/LICENSE-CONTENT.txt",
    ],
)
def test_only_the_one_address_serves_the_licence(gate, inner, path):
    status, headers, text = raw(gate, path, participant_cookie())
    assert status in (403, 404) and headers[b"content-type"].startswith(b"text/html") and "CC BY-NC-SA" not in text
    assert inner.seen == []


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_the_licence_is_read_only(client, method):
    response = ask(client, "/LICENSE-CONTENT", method=method)
    assert response.status_code == 405 and response.headers["allow"] == "GET, HEAD"
