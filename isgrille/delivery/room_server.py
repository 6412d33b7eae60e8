"""The live room's one server process: Solara's routes behind the room's gate, run by uvicorn.

``python -m isgrille room`` opens the room (:func:`~.room_site.open_site`),
then calls :func:`serve`. Solara reads its settings from the environment
when it is first imported, so :func:`solara_environment` is applied before
(:func:`prepare`), and nothing here imports Solara at module level:

- production mode, no usage statistics, no « This website runs on Solara »
  banner, the plain loader, the workshop's title;
- the front end's files from ``solara-assets`` through Solara's proxy
  (``/_solara/cdn``), whose « CDN » is a dead local address
  (:data:`DEAD_CDN`): a file it lacks is never fetched from the internet;
- a session without a page ends after the room's idle time
  (``SOLARA_KERNEL_CULL_TIMEOUT``; its work is saved as typed); pages reload
  themselves after a restart (``SOLARA_THEME_FORCE_REFRESH``); Solara's
  session cookie is HttpOnly.

Solara's version check lives only in its ``solara run`` command
(``solara.__main__``, disabled there by ``--no-check-version``): the room
never runs that command, so no version check is made.

:func:`build_app` mounts Solara's routes in a Starlette app of the room's
own, with Solara's lifespan and middleware and :class:`~.room_gate.RoomGate`
outermost. :data:`APP_ENV` lets the tests serve a stand-in app (the shipped
app is :data:`ROOM_APP`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from . import room_pages
from .room_gate import RoomGate, page_title
from .room_site import RoomSite

__all__ = ["APP_ENV", "DEAD_CDN", "ROOM_APP", "build_app", "prepare", "serve", "solara_environment"]

log = logging.getLogger(__name__)

#: The Solara app the room serves.
ROOM_APP = "isgrille.delivery.room_app"
#: Tests only: another app module to serve instead of :data:`ROOM_APP`.
APP_ENV = "ISGRILLE_ROOM_APP"
#: Where Solara's proxy would fetch a front-end file it lacks: a port nothing listens on, on this machine.
DEAD_CDN = "http://127.0.0.1:9/"
#: Seconds between websocket pings (a phone gone to sleep or out of the room is noticed).
PING_SECONDS = 20.0


def solara_environment(room: RoomSite) -> dict[str, str]:
    """The environment Solara must find when it is imported, for ``room``."""
    workshop = page_title(room) or room_pages.DEFAULT_TITLE
    return {
        "SOLARA_APP": os.environ.get(APP_ENV) or ROOM_APP,
        "SOLARA_MODE": "production",
        "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
        "SOLARA_THEME_SHOW_BANNER": "False",
        "SOLARA_THEME_LOADER": "plain",
        "SOLARA_THEME_TITLE": workshop,
        "SOLARA_ASSETS_PROXY": "True",
        "SOLARA_ASSETS_CDN": DEAD_CDN,
        "SOLARA_KERNEL_CULL_TIMEOUT": f"{max(1, round(room.idle))}s",
        "SOLARA_THEME_FORCE_REFRESH": "True",
        "SOLARA_SESSION_HTTP_ONLY": "True",
    }


def prepare(room: RoomSite) -> None:
    """Put :func:`solara_environment` in this process's environment (and in Solara's settings, if already read).

    A process that imported Solara before (a test process, a second room
    opened in turn) gets the same settings applied to Solara's live
    settings objects, and the room's app in place of another.
    """
    import sys

    environment = solara_environment(room)
    os.environ.update(environment)
    if "solara.server.settings" in sys.modules:
        _apply(environment)


def _apply(environment: dict[str, str]) -> None:
    import sys

    import solara.settings
    from solara.server import settings

    settings.main.mode = environment["SOLARA_MODE"]
    settings.telemetry.mixpanel_enable = False
    settings.theme.show_banner = False
    settings.theme.loader = environment["SOLARA_THEME_LOADER"]
    settings.theme.title = environment["SOLARA_THEME_TITLE"]
    settings.theme.force_refresh = True
    settings.session.http_only = True
    settings.kernel.cull_timeout = environment["SOLARA_KERNEL_CULL_TIMEOUT"]
    solara.settings.assets.proxy = True
    solara.settings.assets.cdn = environment["SOLARA_ASSETS_CDN"]
    if "solara.server.app" in sys.modules:
        from solara.server import app

        current = app.apps.get("__default__")
        if current is None or current.fullname != environment["SOLARA_APP"]:
            if current is not None:
                current.close()
            app.apps["__default__"] = app.AppScript(environment["SOLARA_APP"])


def build_app(room: RoomSite) -> Any:
    """The room's ASGI app: Solara's routes, its lifespan and middleware, and the gate outermost."""
    prepare(room)
    import solara.server.starlette as solara_starlette
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.routing import Mount

    @asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        try:
            async with solara_starlette.lifespan(app):
                yield
        finally:
            room.hub.close()

    from solara.server import settings

    cdn = settings.assets.proxy_cache_dir
    return Starlette(
        routes=[Mount("/", routes=solara_starlette.routes)],
        lifespan=lifespan,
        middleware=[Middleware(RoomGate, room=lambda: room, cdn_folder=cdn), *solara_starlette.middleware],
    )


def serve(room: RoomSite, host: str, port: int) -> None:
    """Serve ``room`` on ``host:port`` until stopped (Ctrl+C, SIGTERM); the hub is closed at the end."""
    import warnings

    import uvicorn

    # Solara warns once that plain http gets a SameSite=Lax session cookie: that is what a room on a LAN has.
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https", category=UserWarning)
    app = build_app(room)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        loop="asyncio",
        ws_ping_interval=PING_SECONDS,
        ws_ping_timeout=PING_SECONDS,
        timeout_graceful_shutdown=5,
        server_header=False,
    )
    try:
        uvicorn.Server(config).run()
    finally:
        room.hub.close()
