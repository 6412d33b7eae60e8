"""The live room on Voilà, as before issue 15: ``python -m isgrille room --moteur voila``.

Kept for comparison (``bench/``) and as a fallback; the room's default
engine is Solara (:mod:`~.room_server`). Voilà listens on every interface
with the offline app template and culled idle kernels (as ``present``:
:func:`~.present.voila_argv`); its token is the **room code**, and
:mod:`~.room_auth` adds the **trainer key**, the only way into the trainer's
notebook (:data:`TRAINER_NOTEBOOK`). Visitors cannot run code (Voilà drops
``execute_request``), list or read files: ``/voila/files`` serves only
images, style sheets and fonts, never the room folder, a hidden file or a
``.json``/``.ipynb``/``.py``. Each page is a kernel of its own (about
110 Mo), whose visitor's file is found by :mod:`~.room_visitor`.

Voilà reads the secrets from ``<room>/.voila/voila.py`` (mode 0600), never
from its command line, which other users of the computer could read.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Protocol

from ..results.atomic import write_private
from .kit_files import FIRST_NOTEBOOK
from .present import voila_argv, voila_env
from .room_visitor import COOKIE_ENV, ROOM_ENV, SECRET_ENV, URL_ENV

__all__ = [
    "PREHEAT_DENIED",
    "ROOM_CULL_IDLE",
    "ROOM_CULL_INTERVAL",
    "TRAINER_NOTEBOOK",
    "room_command",
    "room_urls",
    "run_voila_room",
    "write_voila_config",
]


class RoomSecrets(Protocol):
    """The room's secrets (:class:`~.room.RoomSecrets`; the room imports this module, never the reverse)."""

    @property
    def code(self) -> str: ...
    @property
    def trainer_key(self) -> str: ...
    @property
    def cookie_secret(self) -> str: ...


#: The trainer's view of the room, opened with the trainer key only.
TRAINER_NOTEBOOK = "05_salle.ipynb"
_ALLOWED = r".*\.(png|jpe?g|gif|svg|css|woff2?)"
#: Notebooks a pool never pre-starts kernels for (regular expressions): the trainer's, the analyst's, the kit's folders.
PREHEAT_DENIED = ["_vendor/", "salle/", "05_", "06_"]  # salle/: the default room folder (room.ROOM_FOLDER)


def write_voila_config(room: Path, chosen: RoomSecrets, notebooks: Path) -> Path:
    """Write ``<room>/.voila/voila.py`` (0600): the secrets Voilà reads; return its folder.

    It also holds the settings its command line cannot give (lists of
    classes Voilà does not know): the kit's folders and the room folder
    (when it is inside ``notebooks``) are hidden from Voilà's listings, the
    room folder is the trainer's only, and a pool pre-starts kernels only for
    the visitors' notebooks.
    """
    folder = room / ".voila"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    inside = _inside(notebooks, room)
    hidden = ["__pycache__", "*.pyc", ".*", "_vendor", "resultats", *([inside] if inside and "/" not in inside else [])]
    write_private(
        folder / "voila.py",
        (
            "# Written by python -m isgrille room at each start: the room's secrets. Keep private.\n"
            f"c.Voila.token = {chosen.code!r}\n"
            f"c.Voila.cookie_secret = bytes.fromhex({chosen.cookie_secret!r})\n"
            f"c.RoomIdentityProvider.trainer_token = {chosen.trainer_key!r}\n"
            f"c.FileContentsManager.hide_globs = {hidden!r}\n"
            f"c.RoomIdentityProvider.trainer_folders = {[inside] if inside else []!r}\n"
            f"c.VoilaKernelManager.preheat_denylist = {PREHEAT_DENIED!r}\n"
        ),
    )
    return folder


def _inside(notebooks: Path, room: Path) -> str:
    """The room folder relative to the served one (POSIX), or "" when it is outside."""
    try:
        return room.resolve().relative_to(notebooks.resolve()).as_posix()
    except ValueError:
        return ""


def room_urls(host: str, port: int, chosen: RoomSecrets) -> tuple[str, str]:
    """``(room address, trainer address)``: the welcome page with the code, the trainer's view with the key.

    >>> from types import SimpleNamespace
    >>> room_urls("192.168.1.20", 8866, SimpleNamespace(code="abc234", trainer_key="K" * 43))[0]
    'http://192.168.1.20:8866/voila/render/00_accueil.ipynb?token=abc234'
    """
    base = f"http://{host}:{port}/voila/render"
    return f"{base}/{FIRST_NOTEBOOK}?token={chosen.code}", f"{base}/{TRAINER_NOTEBOOK}?token={chosen.trainer_key}"


#: A room's kernel without a page is shut down after 2 minutes (checked every 30 s): a page left does not
#: shut its kernel down itself (Voilà's request lacks the room's xsrf token), and thirty visitors going through
#: five notebooks would otherwise hold some 150 kernels of 110 Mo for 10 minutes. A page open keeps its kernel.
ROOM_CULL_IDLE, ROOM_CULL_INTERVAL = 120, 30


def room_command(
    notebooks: Path,
    room: Path,
    port: int,
    chosen: RoomSecrets,
    room_url: str,
    pool: int = 0,
    cull_idle: int = ROOM_CULL_IDLE,
    cull_interval: int = ROOM_CULL_INTERVAL,
) -> tuple[list[str], dict[str, str]]:
    """``(argv, env)`` to start the room's Voilà on all interfaces, serving ``notebooks``.

    The secrets are read from :func:`write_voila_config`'s file, never given
    on the command line. ``pool``: kernels pre-started per notebook (0: none).
    """
    folder = room / ".voila"
    inside = _inside(notebooks, room)
    denied = [*([f"{re.escape(inside)}/.*"] if inside else []), r"(.*/)?\..*", r".*\.(ipynb|py|json)"]
    argv = [
        *voila_argv(notebooks, "0.0.0.0", port, "isgrille", cull_idle, cull_interval),
        f"--Voila.config_file_paths={json.dumps([str(folder)])}",
        "--Voila.identity_provider_class=isgrille.delivery.room_auth.RoomIdentityProvider",
        "--RoomIdentityProvider.allow_password_change=False",
        f"--RoomIdentityProvider.cookie_name=isgrille-salle-{port}",
        f"--VoilaConfiguration.file_allowlist={json.dumps([_ALLOWED])}",
        f"--VoilaConfiguration.file_denylist={json.dumps(denied)}",
        "--VoilaConfiguration.http_header_envs=Cookie",
    ]
    if pool > 0:
        argv += ["--VoilaConfiguration.preheat_kernel=True", f"--VoilaConfiguration.default_pool_size={pool}"]
    env = {key: value for key, value in voila_env().items() if key != "ISGRILLE_RESULTS"}
    env.update(
        {
            ROOM_ENV: str(room.resolve()),
            URL_ENV: room_url,
            SECRET_ENV: chosen.cookie_secret,
            COOKIE_ENV: f"isgrille-salle-{port}",
        }
    )
    return argv, env


def run_voila_room(args, notebooks: Path, room: Path, chosen: RoomSecrets, host: str | None) -> int:
    """Print the Voilà room's addresses, then become Voilà (the checks are done: :func:`~.room.run_room`)."""
    write_voila_config(room, chosen, notebooks)
    room_url, _ = room_urls(host or "127.0.0.1", args.port, chosen)
    _, trainer_url = room_urls("127.0.0.1", args.port, chosen)
    argv, env = room_command(notebooks, room, args.port, chosen, room_url, args.pool)
    print(f"Salle ouverte (code\u00a0: {chosen.code}). Adresse à donner à la salle\u00a0:\n{room_url}")
    print(
        f"Votre vue de la salle (formateur, sur cet ordinateur\u202f; ne la montrez pas, elle contient votre clé)\u00a0:\n{trainer_url}"
    )
    if host is None:
        print(
            "Aucune adresse sur le réseau local n'a été trouvée\u00a0: les autres appareils ne pourront pas entrer. "
            "Branchez-vous au réseau de la salle, ou donnez l'adresse à afficher avec --host."
        )
    if not (notebooks / TRAINER_NOTEBOOK).exists():
        print(f"(la vue du formateur {TRAINER_NOTEBOOK} manque dans {notebooks})")
    print(
        f"Les résultats de chaque participant vont dans {room}/<participant>/mes_resultats.json. "
        "Arrêt de la salle\u00a0: Ctrl+C.",
        flush=True,
    )
    os.execvpe(argv[0], argv, env)
    return 0  # pragma: no cover
