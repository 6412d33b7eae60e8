"""Who may enter the room: the room code logs a visitor in, the trainer key logs the trainer in.

:class:`RoomIdentityProvider` is the identity provider the room's Voilà
runs with (``--Voila.identity_provider_class``). Voilà's token is the room
code: a visitor who brings it gets a login cookie of their own (a random
user name, one per browser, signed with the room's cookie secret). A second
key, :attr:`RoomIdentityProvider.trainer_token`, logs in the user
:data:`TRAINER`; only that user may open the trainer's notebooks
(``05_salle…``) and list the room folder: anyone else is sent to ``/login``,
and a visitor already in the room gets a page saying so (403; ``/login``
would send them back, in a loop).

Voilà's list of notebooks (``/`` and ``/voila/tree…``) loads a style sheet
from the internet, and a room may have none: it is never served, its
addresses lead to the welcome page (:attr:`RoomIdentityProvider.welcome_page`).

A page opened with a key in its address (``?token=…``) is answered with a
redirect to the same address without it, once the cookie is set: the key
leaves the address bar, and the page that is then rendered — its kernel
started with the request's ``Cookie`` header — already knows its visitor
(:mod:`~isgrille.delivery.room_visitor`).
"""

from __future__ import annotations

import hmac
import posixpath
from urllib.parse import parse_qsl, unquote, urlencode

from jupyter_server.auth.identity import PasswordIdentityProvider, User
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.websocket import WebSocketHandler
from traitlets import List, Unicode
from voila.treehandler import VoilaTreeHandler

from .kit_files import FIRST_NOTEBOOK

__all__ = ["TRAINER", "TRAINER_NOTEBOOKS", "TRAINER_ONLY", "RoomIdentityProvider", "is_trainer_path", "without_token"]

#: The user name of the trainer (a visitor's is a random hexadecimal string: they never meet).
TRAINER = "formateur"
#: The beginnings of the notebook names only the trainer may open.
TRAINER_NOTEBOOKS = ("05_salle",)
#: The page a visitor of the room gets on a trainer's page (no style sheet, nothing from elsewhere).
TRAINER_ONLY = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Réservé au formateur</title>'
    "</head><body><h1>Cette page est réservée au formateur</h1><p>Vous êtes bien dans la salle de "
    "l'atelier, mais cette page ne s'ouvre qu'avec la clé du formateur.</p>"
    "<p><a href=\"{welcome}\">Revenir à l'accueil de l'atelier</a></p></body></html>"
)


def is_trainer_path(
    path: str, names: tuple[str, ...] | list[str] = TRAINER_NOTEBOOKS, folders: tuple[str, ...] | list[str] = ()
) -> bool:
    """True when the request path names a trainer's notebook or is inside a trainer's folder, however spelt.

    The path is decoded and normalised; its last part is compared with
    ``names`` and each of its parts with ``folders``, without case (a
    case-insensitive file system would open ``05_SALLE.ipynb`` too).

    >>> is_trainer_path("/voila/render/05_salle.ipynb"), is_trainer_path("/voila/render/./%305_SALLE.ipynb/")
    (True, True)
    >>> is_trainer_path("/voila/api/contents/Salle/", folders=["salle"])
    True
    >>> is_trainer_path("/voila/render/01_integrer_le_concept.ipynb", folders=["salle"])
    False
    """
    parts = [part.casefold() for part in posixpath.normpath(unquote(path)).split("/")]
    return any(parts[-1].startswith(name.casefold()) for name in names) or any(
        folder.casefold() in parts for folder in folders
    )


def without_token(path: str, query: str) -> str:
    """The same address without its ``token`` argument, always on this server.

    >>> without_token("/voila/render/00_accueil.ipynb", "token=abc&x=1")
    '/voila/render/00_accueil.ipynb?x=1'
    >>> without_token("//ailleurs.example/x", "token=abc")
    '/ailleurs.example/x'
    """
    rest = [(key, value) for key, value in parse_qsl(query, keep_blank_values=True) if key != "token"]
    path = "/" + path.lstrip("/\\")  # never //host: a redirect elsewhere
    return path + (f"?{urlencode(rest)}" if rest else "")


class RoomIdentityProvider(PasswordIdentityProvider):
    """Voilà's token identity, plus a trainer key and trainer-only notebooks."""

    trainer_token = Unicode("", config=True, help="The key that logs the trainer in (never the room code).")
    trainer_notebooks = List(
        Unicode(),
        list(TRAINER_NOTEBOOKS),
        config=True,
        help="Beginnings of the notebook names only the trainer may open.",
    )
    trainer_folders = List(
        Unicode(), [], config=True, help="Folders (under the served one) only the trainer may list: the room folder."
    )
    welcome_page = Unicode(
        FIRST_NOTEBOOK, config=True, help="The notebook Voilà's list of notebooks (which needs the internet) leads to."
    )

    def _is_trainer_key(self, given: str | None) -> bool:
        return (
            bool(self.trainer_token)
            and bool(given)
            and hmac.compare_digest(str(given).encode("utf-8", "surrogatepass"), self.trainer_token.encode("utf-8"))
        )

    @staticmethod
    def _trainer() -> User:
        return User(username=TRAINER, name="Formateur", display_name="Formateur")

    async def get_user_token(self, handler: web.RequestHandler) -> User | None:
        """The trainer when the trainer key is given, else Voilà's check of the room code."""
        if self._is_trainer_key(self.get_token(handler)):
            return self._trainer()
        return await super().get_user_token(handler)

    def process_login_form(self, handler: web.RequestHandler) -> User | None:
        """The login page: the trainer key logs the trainer in, the room code a visitor."""
        if self._is_trainer_key(handler.get_argument("password", default="")):
            return self._trainer()
        return super().process_login_form(handler)

    async def _get_user(self, handler: web.RequestHandler) -> User | None:
        user = await super()._get_user(handler)
        if user is None:
            return None
        path = handler.request.path
        base_url: str = handler.settings.get("base_url", "/")  # JupyterHandler.base_url, which every handler has
        if user.username != TRAINER and is_trainer_path(path, self.trainer_notebooks, self.trainer_folders):
            if handler.request.method == "GET" and not isinstance(handler, WebSocketHandler) and "/api/" not in path:
                handler.set_status(403)
                handler.set_header("Content-Type", "text/html; charset=UTF-8")
                handler.finish(TRAINER_ONLY.format(welcome=url_path_join(base_url, "voila/render", self.welcome_page)))
                raise web.Finish()
            return None  # 403
        if isinstance(handler, VoilaTreeHandler):  # its page loads a style sheet from the internet
            handler.redirect(url_path_join(base_url, "voila/render", self.welcome_page))
            raise web.Finish()
        if (
            getattr(handler, "_token_authenticated", False)
            and handler.request.method == "GET"
            and not isinstance(handler, WebSocketHandler)
            and "/api/" not in path
        ):
            handler.redirect(without_token(path, handler.request.query))
            raise web.Finish()
        return user
