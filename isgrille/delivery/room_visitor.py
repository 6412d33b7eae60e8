"""In a kernel the room started: which visitor this is, and their own results file.

The room (``python -m isgrille room``) starts each page's kernel with the
request's ``Cookie`` header (``HTTP_COOKIE``) and the room's variables:
:data:`ROOM_ENV` (the room folder), :data:`SECRET_ENV` (the hexadecimal key
Voilà signs its login cookies with) and :data:`COOKIE_ENV` (the login
cookie's name). The visitor's login cookie is checked with that key
(tornado's signed values): only the server can have made it, and it holds
the visitor's user name, random and one per browser. :func:`visitor_id`
turns that name into a short id (a keyed hash: it tells nothing of the
name), and the visitor's file is ``<room>/<id>/mes_resultats.json``. Every
notebook the visitor opens, and a tab reopened in the same browser, find the
same file; two browsers never share one. Nothing a visitor types chooses it.

A kernel in a room without a valid cookie gets no file (:class:`Seat` with
``path`` None and a French ``notice``): its work stays in memory, never in
another visitor's file.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..results.room_state import RESULTS_NAME

__all__ = [
    "COOKIE_ENV",
    "RESULTS_NAME",
    "ROOM_ENV",
    "SECRET_ENV",
    "URL_ENV",
    "Seat",
    "room_seat",
    "username_from_cookies",
    "visitor_id",
]

#: The room folder (absolute); set in every kernel the room starts.
ROOM_ENV = "ISGRILLE_ROOM"
#: The address to give the room (``http://<LAN address>:PORT/voila/render/00_accueil.ipynb?token=CODE``).
URL_ENV = "ISGRILLE_ROOM_URL"
#: The key (hexadecimal) the room's Voilà signs its login cookies with.
SECRET_ENV = "ISGRILLE_ROOM_SECRET"
#: The name of the room's login cookie.
COOKIE_ENV = "ISGRILLE_ROOM_COOKIE"
#: Days a login cookie stays valid (jupyter_server sets 30).
_COOKIE_DAYS = 31

NO_VISITOR = (
    "Vous êtes dans la salle de l'atelier, mais ce navigateur n'a pas été reconnu (ouvrez de nouveau "
    "le lien de la salle donné par le formateur, sans navigation privée)\u00a0: votre travail est gardé "
    "dans cette page seulement. Téléchargez vos résultats avec le bouton «\u00a0Télécharger mes résultats\u00a0» "
    "avant de la fermer."
)


@dataclass(frozen=True)
class Seat:
    """A visitor's place in the room: their results file, or None and a notice saying why."""

    path: Path | None
    visitor: str = ""
    notice: str = ""


def visitor_id(username: str, secret: bytes) -> str:
    """A short, stable id for a visitor: 20 hexadecimal characters of a keyed hash of their user name.

    >>> visitor_id("3f2a", bytes(32)) == visitor_id("3f2a", bytes(32)) != visitor_id("3f2b", bytes(32))
    True
    >>> len(visitor_id("3f2a", bytes(32)))
    20
    """
    return hmac.new(
        secret, b"isgrille-visitor:" + username.encode("utf-8", "surrogatepass"), hashlib.sha256
    ).hexdigest()[:20]


def username_from_cookies(header: str, secret: bytes, name: str) -> str | None:
    """The user name in the room's login cookie ``name`` of a ``Cookie`` header, if its signature holds."""
    from tornado.httputil import parse_cookie
    from tornado.web import decode_signed_value

    try:
        value = parse_cookie(header).get(name)
        if not value:
            return None
        signed = decode_signed_value(secret, name, value, max_age_days=_COOKIE_DAYS)
        user = json.loads(signed) if signed else None
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    username = user.get("username") if isinstance(user, dict) else None
    return username if isinstance(username, str) and username else None


def room_seat(env: Mapping[str, str] | None = None) -> Seat | None:
    """In a kernel of the room, the visitor's :class:`Seat`; None outside a room.

    A kernel the room pre-started (Voilà's pool) waits here for its visitor's
    request before reading the cookie.
    """
    env = os.environ if env is None else env
    room = env.get(ROOM_ENV, "")
    if not room:
        return None
    if env is os.environ and env.get("VOILA_PREHEAT") == "True":  # pragma: no cover (a pooled room: test_room_server)
        from voila.utils import wait_for_request

        wait_for_request()
    try:
        secret = bytes.fromhex(env.get(SECRET_ENV, ""))
    except ValueError:
        secret = b""
    username = username_from_cookies(env.get("HTTP_COOKIE", ""), secret, env.get(COOKIE_ENV, "")) if secret else None
    if username is None:
        return Seat(None, notice=NO_VISITOR)
    visitor = visitor_id(username, secret)
    return Seat(Path(room) / visitor / RESULTS_NAME, visitor)
