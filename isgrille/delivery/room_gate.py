"""The live room's gate: an ASGI middleware in front of Solara that lets in the room code and the trainer key.

:class:`RoomGate` stands outermost in the room's server (:mod:`~.room_server`)
and decides every request before Solara sees it:

===============================  ==============================================================
request                          answer
===============================  ==============================================================
``/?code=CODE`` (right code)     the participant's signed cookie, then 303 to ``/`` without the code
``/`` with that cookie           Solara's participant page (while the room is under its cap:
                                 503 « salle complète » otherwise; a live session always enters)
``/`` without it                 the French join page (200; 401 after a wrong code)
``/formateur?cle=KEY``           the trainer's signed cookie, then 303 to ``/formateur`` without it
``/formateur`` (any spelling)    Solara's trainer page with the trainer's cookie, else a French 403
``/jupyter/…`` ``/_solara/…``    Solara's assets and kernel websocket, with either cookie only
``/static/…``                    (403 otherwise; a websocket is closed before it is accepted)
``/LICENSE-CONTENT``             the content's licence and list of changes (text/plain), to anyone
anything else                    a French 404 (``/readyz``, ``/resourcez``, ``/_solara/api/evict``…)
===============================  ==============================================================

Pages answer GET and HEAD only; POST only ``/_solara/api/close/…`` (a closed tab's beacon). Solara's page
is rewritten on its way out (:func:`~.room_pages.rewrite_page`: ``<html lang="fr">``, a French title), every
page gets the security headers (:data:`SECURITY_HEADERS`), and an error Solara answers in English (a missing
file, a failure) is replaced by the French page. Codes and keys are compared in constant time.
"""

from __future__ import annotations

import gzip
import hmac
import logging
import re
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode

from starlette.requests import cookie_parser

from . import room_pages
from .kit_files import licence_file
from .room_pages import page_title, rewrite_page
from .room_site import (
    COOKIE_DAYS,
    LICENCE_PATH,
    PARTICIPANT_COOKIE,
    TRAINER_COOKIE,
    TRAINER_ID,
    RoomSite,
    is_trainer,
    new_participant,
    participant_of,
    sign,
    site,
)

__all__ = ["LICENCE_PATH", "SECURITY_HEADERS", "RoomGate", "kind_of"]

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Headers on every page the room serves (its own and Solara's).
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
)
TRAINER_PATH = "/formateur"
_ASSETS = ("/jupyter/", "/_solara/", "/static/")
_CLOSE = "/_solara/api/close/"
_CDN, _KERNELS = "/_solara/cdn/", "/jupyter/api/kernels/"
_NEVER, _READ = ("/_solara/api/evict/",), ("GET", "HEAD")
_HTML, _TEXT = b"text/html; charset=utf-8", b"text/plain; charset=utf-8"


def _canonical(path: str) -> str:
    """``path`` decoded until stable, lower case, without repeated or trailing slashes."""
    for _ in range(4):
        decoded = unquote(path)
        if decoded == path:
            break
        path = decoded
    return re.sub(r"/+", "/", path.replace("\\", "/")).lower().rstrip("/") or "/"


def kind_of(path: str) -> str:
    """What a path is: ``participant``, ``trainer``, ``trainer-variant``, ``close``, ``asset``, ``licence``, ``hidden``.

    >>> [kind_of(p) for p in ("/", "/formateur", "/%66ormateur/", "/static/x.js", "/readyz", "/static/../x")]
    ['participant', 'trainer', 'trainer-variant', 'asset', 'hidden', 'hidden']
    """
    if path == "/":
        return "participant"
    if path == LICENCE_PATH:
        return "licence"
    canonical = _canonical(path)
    if canonical == TRAINER_PATH or canonical.startswith(TRAINER_PATH + "/"):
        return "trainer" if path == TRAINER_PATH else "trainer-variant"
    segments = canonical.split("/")[1:]
    if any(segment.startswith(".") for segment in segments) or path.startswith(_NEVER) or canonical.startswith(_NEVER):
        return "hidden"
    if path.startswith(_CLOSE):
        return "close"
    return "asset" if path.startswith(_ASSETS) else "hidden"


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def _cookie(name: str, value: str) -> bytes:
    return (f"{name}={value}; Path=/; Max-Age={COOKIE_DAYS * 86400}; HttpOnly; SameSite=Lax").encode("latin-1")


class RoomGate:
    """The room's gate around ``app`` (Solara's routes); ``room`` finds the room served (default :func:`site`)."""

    def __init__(self, app: ASGIApp, room: Callable[[], RoomSite] = site, cdn_folder: Path | None = None) -> None:
        self.app = app
        self.room = room
        #: The front end's files (Solara's proxy cache): a file missing there is a 404 at once, never fetched.
        self.cdn_folder = cdn_folder.resolve() if cdn_folder is not None else None
        self._titles: dict[int, str] = {}

    def workshop(self, room: RoomSite) -> str:
        if id(room) not in self._titles:
            self._titles[id(room)] = page_title(room)
        return self._titles[id(room)]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
        elif scope["type"] != "http":
            await self.app(scope, receive, send)
        else:
            started = False

            async def watched(message: Message) -> None:
                nonlocal started
                started = started or message["type"] == "http.response.start"
                await send(message)

            try:
                await self._http(scope, receive, watched)
            except Exception:
                log.exception("the room failed on %s", scope.get("path"))
                if started:
                    raise
                await self._page(scope, send, 500, room_pages.error_page(self._safe_workshop()))

    def _safe_workshop(self) -> str:
        try:
            return self.workshop(self.room())
        except Exception:  # noqa: BLE001 — the gate's page never fails for want of a workshop title
            return ""

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        room = self.room()
        cookies = _cookies(scope)
        if (
            scope["path"].startswith(_KERNELS)
            and kind_of(scope["path"]) == "asset"
            and (participant_of(cookies, room.secret) is not None or is_trainer(cookies, room.secret))
        ):
            await self.app(scope, receive, send)
        else:
            await send({"type": "websocket.close", "code": 1008})  # before accept: the handshake is refused (403)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        room = self.room()
        workshop = self.workshop(room)
        path, method = scope["path"], scope["method"]
        kind = kind_of(path)
        if kind == "hidden":
            return await self._page(scope, send, 404, room_pages.not_found_page(workshop))
        if method not in (("POST",) if kind == "close" else _READ):
            return await self._page(
                scope,
                send,
                405,
                room_pages.refused_page(workshop),
                [(b"allow", b"POST" if kind == "close" else b"GET, HEAD")],
            )
        if kind == "licence":  # to anyone, cookie or not: read at each request (a trainer's edit shows at once)
            if (licence := licence_file()) is not None and licence.is_file():
                return await self._page(scope, send, 200, licence.read_text(encoding="utf-8"), kind=_TEXT)
            return await self._page(scope, send, 404, room_pages.not_found_page(workshop))
        cookies = _cookies(scope)
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        if kind == "participant":
            return await self._participant(scope, receive, send, room, cookies, query)
        if kind in ("trainer", "trainer-variant"):
            return await self._trainer(scope, receive, send, room, cookies, query, kind)
        if participant_of(cookies, room.secret) is None and not is_trainer(cookies, room.secret):
            return await self._page(scope, send, 403, room_pages.refused_page(workshop))
        if path.startswith(_CDN) and self.cdn_folder is not None and not _within(self.cdn_folder, path[len(_CDN) :]):
            return await self._page(scope, send, 404, room_pages.not_found_page(workshop))
        await self._inner(scope, receive, send, title=None)

    async def _participant(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        room: RoomSite,
        cookies: dict[str, str],
        query: list[tuple[str, str]],
    ) -> None:
        workshop = self.workshop(room)
        participant = participant_of(cookies, room.secret)
        codes = [value for name, value in query if name == "code"]
        if codes:
            rest = [(name, value) for name, value in query if name != "code"]
            location = ("/?" + urlencode(rest) if rest else "/").encode("latin-1")
            if _same(codes[0].strip().lower(), room.code.lower()):  # a phone may capitalise the first letter
                token = sign(participant or new_participant(), room.secret)
                return await self._redirect(send, location, _cookie(PARTICIPANT_COOKIE, token))
            if participant is not None:  # already in: the code has no business in the address
                return await self._redirect(send, location)
            return await self._page(scope, send, 401, room_pages.join_page(workshop, wrong=codes[0]))
        if participant is None:
            return await self._page(scope, send, 200, room_pages.join_page(workshop))
        if not room.hub.admits(participant, room.maximum):
            return await self._page(scope, send, 503, room_pages.full_page(workshop), [(b"retry-after", b"60")])
        room.hub.seen(participant)
        await self._inner(scope, receive, send, title=workshop or room_pages.DEFAULT_TITLE)

    async def _trainer(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        room: RoomSite,
        cookies: dict[str, str],
        query: list[tuple[str, str]],
        kind: str,
    ) -> None:
        keys = [value for name, value in query if name == "cle"]
        if keys and _same(keys[0], room.trainer_key):
            cookie = _cookie(TRAINER_COOKIE, sign(TRAINER_ID, room.secret))
            return await self._redirect(send, TRAINER_PATH.encode(), cookie)
        if not is_trainer(cookies, room.secret):
            return await self._page(scope, send, 403, room_pages.trainer_only_page(self.workshop(room)))
        if keys or kind != "trainer":
            return await self._redirect(send, TRAINER_PATH.encode())
        workshop = self.workshop(room) or room_pages.DEFAULT_TITLE
        await self._inner(scope, receive, send, title=f"{workshop} – formateur")

    async def _redirect(self, send: Send, location: bytes, cookie: bytes | None = None) -> None:
        headers = [(b"location", location), (b"content-length", b"0"), *SECURITY_HEADERS]
        if cookie is not None:
            headers.append((b"set-cookie", cookie))
        await send({"type": "http.response.start", "status": 303, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    async def _page(
        self,
        scope: Scope,
        send: Send,
        status: int,
        html: str,
        extra: list[tuple[bytes, bytes]] | None = None,
        kind: bytes = _HTML,
    ) -> None:
        body = html.encode("utf-8")
        headers = [
            (b"content-type", kind),
            (b"content-length", str(len(body)).encode()),
            *SECURITY_HEADERS,
            *(extra or []),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})

    async def _inner(self, scope: Scope, receive: Receive, send: Send, title: str | None) -> None:
        """Pass to Solara; a page (``title`` given) is rewritten, an English error replaced by a French page."""
        accepts_gzip = b"gzip" in dict(scope.get("headers", [])).get(b"accept-encoding", b"")
        inner = scope
        if title is not None:  # Solara's own gzip would hide the page from the rewrite: we compress it ourselves;
            # a HEAD is asked as a GET, so that its length is the rewritten page's
            inner = dict(
                scope, method="GET", headers=[(k, v) for k, v in scope.get("headers", []) if k != b"accept-encoding"]
            )
        start: Message | None = None
        chunks: list[bytes] = []
        passing = False

        async def relay(message: Message) -> None:
            nonlocal start, passing
            if passing:
                return await send(message)
            if message["type"] == "http.response.start":
                start = message
                if title is None and message["status"] < 400:  # an asset: streamed as it comes
                    passing = True
                    headers = [*message.get("headers", []), (b"x-content-type-options", b"nosniff")]
                    await send({**message, "headers": headers})
                return None
            if message["type"] != "http.response.body":
                return await send(message)
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                await self._finish(scope, send, start, b"".join(chunks), title, accepts_gzip)
            return None

        await self.app(inner, receive, relay)

    async def _finish(
        self, scope: Scope, send: Send, start: Message | None, body: bytes, title: str | None, accepts_gzip: bool
    ) -> None:
        status = start["status"] if start else 500
        workshop = self._safe_workshop()
        if status >= 400:
            html = (
                room_pages.not_found_page(workshop)
                if status in (404, 410)
                else (room_pages.refused_page(workshop) if status < 500 else room_pages.error_page(workshop))
            )
            return await self._page(scope, send, status, html)
        head = scope["method"] == "HEAD"
        dropped = (b"content-length", b"content-encoding", b"cache-control")
        headers = [(k, v) for k, v in (start or {}).get("headers", []) if k.lower() not in dropped]
        kind = dict(headers).get(b"content-type", b"")
        if title is not None and kind.startswith(b"text/html") and status == 200 and body:
            body = rewrite_page(body.decode("utf-8"), title).encode("utf-8")
            if accepts_gzip and len(body) > 1000:
                body = gzip.compress(body, compresslevel=6)
                headers = [(k, v) for k, v in headers if k.lower() != b"vary"]
                headers += [(b"content-encoding", b"gzip"), (b"vary", b"Accept-Encoding")]
        headers += [(b"content-length", str(len(body)).encode()), *SECURITY_HEADERS]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if head else body})


def _within(folder: Path, relative: str) -> bool:
    """Whether ``folder/relative`` is a file inside ``folder`` (a bare package name: its ``__main.js``, as Solara),
    never a folder: Solara's proxy deletes a folder asked for as a file."""
    relative = relative.replace("\\", "/")
    try:
        target = (folder / (relative if "/" in relative else f"{relative}/__main.js")).resolve()
        return target.is_relative_to(folder) and target.is_file()
    except (OSError, ValueError):
        return False


def _cookies(scope: Scope) -> dict[str, str]:
    found = [value.decode("latin-1") for name, value in scope.get("headers", []) if name == b"cookie"]
    return cookie_parser("; ".join(found)) if found else {}
