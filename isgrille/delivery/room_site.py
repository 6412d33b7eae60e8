"""The room this process serves: its folder, secrets, content, hub, and who a request or session is.

``python -m isgrille room`` opens one :class:`RoomSite` (:func:`open_site`)
before the server starts; the gate (:mod:`~.room_gate`), the participant app
and the trainer's page (:mod:`~.room_app`) find it with :func:`site`. What
it holds is the same for every participant — nothing per participant lives
here or in the environment: a participant's identity comes from their own
signed cookie, read in their session.

**Cookies.** A participant who brings the room code gets
:data:`PARTICIPANT_COOKIE`: a random id drawn by the server, signed with the
room's secret (:func:`sign`), one per browser; their results file is
``<room>/<folder>/mes_resultats.json``, ``folder`` a keyed hash of that id
(:func:`participant_folder`): nothing typed ever chooses it. The trainer key
gives :data:`TRAINER_COOKIE`, signed the same way. A restarted room keeps its
secret (:func:`~.room.room_secrets`), so cookies and files stay valid.

>>> secret = bytes(32)
>>> token = sign("abc123", secret)
>>> unsign(token, secret), unsign(token + "x", secret), unsign("abc123.", secret)
('abc123', None, None)
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..results.room_state import STEPS
from .room_hub import RoomHub
from .room_visitor import RESULTS_NAME, visitor_id

if TYPE_CHECKING:  # pragma: no cover
    from .kit import Kit

__all__ = [
    "COOKIE_DAYS",
    "LICENCE_PATH",
    "PARTICIPANT_COOKIE",
    "TRAINER_COOKIE",
    "TRAINER_ID",
    "RoomSite",
    "is_trainer",
    "new_participant",
    "open_site",
    "participant_folder",
    "participant_of",
    "session_cookies",
    "sign",
    "site",
    "unsign",
]

#: The participant's cookie (signed random id, one per browser).
PARTICIPANT_COOKIE = "isgrille-participant"
#: The trainer's cookie (signed, given for the trainer key).
TRAINER_COOKIE = "isgrille-formateur"
#: The value the trainer's cookie signs.
TRAINER_ID = "formateur"
LICENCE_PATH = "/LICENSE-CONTENT"  #: where the room serves LICENSE-CONTENT (public text), cited by its pages
#: Days the cookies last (a workshop, and the week after to fetch one's card).
COOKIE_DAYS = 30
_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")


def sign(value: str, secret: bytes) -> str:
    """``value.signature`` (HMAC-SHA256, URL-safe): only the server can make it."""
    mac = hmac.new(secret, b"isgrille-room:" + value.encode("utf-8"), hashlib.sha256).hexdigest()[:40]
    return f"{value}.{mac}"


def unsign(token: str | None, secret: bytes) -> str | None:
    """The value of a token made by :func:`sign` with ``secret``, or None (absent, forged, malformed)."""
    if not token or "." not in token or len(token) > 200:
        return None
    value, _, _mac = token.rpartition(".")
    if not value:
        return None
    return value if hmac.compare_digest(sign(value, secret), token) else None


def new_participant() -> str:
    """A new participant id: 22 random URL-safe characters."""
    return secrets.token_urlsafe(16)


def participant_of(cookies: Mapping[str, str] | None, secret: bytes) -> str | None:
    """The participant id of a request's or session's cookies, if its signature holds."""
    value = unsign((cookies or {}).get(PARTICIPANT_COOKIE), secret)
    return value if value is not None and _ID.fullmatch(value) else None


def is_trainer(cookies: Mapping[str, str] | None, secret: bytes) -> bool:
    """Whether the cookies carry the trainer's signed cookie."""
    return unsign((cookies or {}).get(TRAINER_COOKIE), secret) == TRAINER_ID


def participant_folder(participant: str, secret: bytes) -> str:
    """The participant's folder name in the room: a keyed hash of their id (20 hexadecimal characters)."""
    return visitor_id(participant, secret)


@dataclass
class RoomSite:
    """What the whole room shares: the folder, the secrets, the cap, the content and the hub."""

    folder: Path
    code: str
    trainer_key: str
    secret: bytes
    #: The participants' address (with the code) and the trainer's (with the key), as printed.
    url: str = ""
    trainer_url: str = ""
    maximum: int = 150
    #: Seconds a session without a page lives on (its work is saved as typed).
    idle: float = 600.0
    hub: RoomHub = field(init=False)
    _kit: Kit | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.folder = Path(self.folder)
        self.hub = RoomHub(self.folder)

    @property
    def kit(self) -> Kit:
        """The room's content (grid, quiz, concepts, workshop), loaded once; its store is in memory, unused."""
        if self._kit is None:
            from .kit import open_kit

            self._kit = open_kit(results_path=None)
        return self._kit

    def results_path(self, participant: str) -> Path:
        """``participant``'s own results file."""
        return self.folder / participant_folder(participant, self.secret) / RESULTS_NAME

    def steps(self) -> tuple[tuple[str, str], ...]:
        return STEPS


_SITE: RoomSite | None = None


def open_site(folder: str | Path, code: str, trainer_key: str, secret: bytes, **options: Any) -> RoomSite:
    """Open the room this process serves (replacing any earlier one: tests open several in turn)."""
    global _SITE
    if _SITE is not None:
        _SITE.hub.close()
    _SITE = RoomSite(Path(folder), code, trainer_key, secret, **options)
    return _SITE


def site() -> RoomSite:
    """The room this process serves; RuntimeError when none was opened."""
    if _SITE is None:
        raise RuntimeError("no room is open in this process (isgrille.delivery.room_site.open_site)")
    return _SITE


def session_cookies() -> Mapping[str, str]:
    """The cookies of the browser this Solara session serves, read while its page renders."""
    import solara.lab

    return solara.lab.cookies.value  # type: ignore[attr-defined]  # mypy takes it for the submodule
