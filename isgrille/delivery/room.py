"""The live room: the workshop served by Voilà on the local network, one results file per visitor.

``python -m isgrille room`` builds here what it starts, so the tests check
what trainers run. Voilà listens on every interface with the offline app
template and culled idle kernels (as ``present``: :func:`~.present.voila_argv`);
its token is the **room code** (:func:`new_code`, or :func:`check_code` for
one given), and :mod:`~.room_auth` adds the **trainer key**, the only way
into the trainer's notebook (:data:`TRAINER_NOTEBOOK`). Visitors cannot run
code (Voilà drops ``execute_request``), list or read files: ``/voila/files``
serves only images, style sheets and fonts, never the room folder, a hidden
file or a ``.json``/``.ipynb``/``.py``.

The room folder (default ``salle/`` beside the notebooks) holds each
visitor's ``<id>/mes_resultats.json`` (:mod:`~.room_visitor`) and
``.secret`` (mode 0600): the cookie secret, the trainer key and the code,
kept so that a restarted room keeps its visitors and its addresses. Voilà
reads the secrets from ``.voila/voila.py`` there (mode 0600), never
from its command line, which other users of the computer could read.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path

from .kit_files import FIRST_NOTEBOOK
from .present import voila_argv, voila_env
from .room_visitor import COOKIE_ENV, ROOM_ENV, SECRET_ENV, URL_ENV

__all__ = ["ALPHABET", "ROOM_FOLDER", "TRAINER_NOTEBOOK", "RoomSecrets", "check_code", "lan_address", "new_code",
           "room_command", "room_secrets", "room_urls", "write_voila_config"]

#: Letters and digits a visitor reads and types without doubt (no 0/o, 1/l/i).
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
#: The room folder's name beside the notebooks.
ROOM_FOLDER = "salle"
#: The trainer's view of the room, opened with the trainer key only.
TRAINER_NOTEBOOK = "05_salle.ipynb"
_CODE = re.compile(r"[A-Za-z0-9]{6,32}")
_ALLOWED = r".*\.(png|jpe?g|gif|svg|css|woff2?)"
#: Notebooks a pool never pre-starts kernels for (regular expressions): the trainer's, the analyst's, the kit's folders.
PREHEAT_DENIED = ["_vendor/", f"{ROOM_FOLDER}/", "05_", "06_"]
# TEST-NET-1 (RFC 5737): never assigned; a UDP "connect" to it only asks the routing table, sends nothing.
_PROBE = ("192.0.2.1", 9)


def new_code(length: int = 8) -> str:
    """A room code: ``length`` characters of :data:`ALPHABET`, drawn by ``secrets``.

    >>> code = new_code()
    >>> len(code), set(code) <= set(ALPHABET)
    (8, True)
    """
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def check_code(code: str) -> str:
    """The code given with ``--code``, or ValueError in French saying what is expected.

    >>> check_code("atelier42")
    'atelier42'
    """
    if not _CODE.fullmatch(code):
        raise ValueError(f"code de salle « {code[:40]} » refusé : attendu 6 à 32 lettres sans accent ou chiffres, "
                         "sans espace (par exemple atelier42) ; sans --code, un code est tiré au hasard")
    return code


@dataclass(frozen=True)
class RoomSecrets:
    """The room code (visitors), the trainer key and the cookie secret (hexadecimal)."""

    code: str
    trainer_key: str
    cookie_secret: str


def room_secrets(room: Path, code: str | None = None) -> RoomSecrets:
    """The room's secrets, kept in ``<room>/.secret`` (mode 0600; the folder is created).

    A restarted room keeps its cookie secret (its visitors stay logged in),
    its trainer key and its code; ``code`` replaces the code.
    """
    room.mkdir(parents=True, exist_ok=True)
    path = room / ".secret"
    kept: dict = {}
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    kept = kept if isinstance(kept, dict) else {}

    def valid(key: str, pattern: str) -> str | None:
        value = kept.get(key)
        return value if isinstance(value, str) and re.fullmatch(pattern, value) else None

    chosen = RoomSecrets(
        code=code or valid("code", _CODE.pattern) or new_code(),
        trainer_key=valid("trainer_key", r"[A-Za-z0-9_-]{32,128}") or secrets.token_urlsafe(32),
        cookie_secret=valid("cookie_secret", r"[0-9a-f]{64}") or secrets.token_hex(32),
    )
    _write_private(path, json.dumps(chosen.__dict__, indent=1) + "\n")
    return chosen


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` readable by this user only (0600), whatever the umask."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


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
    os.chmod(folder, 0o700)
    inside = _inside(notebooks, room)
    hidden = ["__pycache__", "*.pyc", ".*", "_vendor", "resultats", *([inside] if inside and "/" not in inside else [])]
    _write_private(folder / "voila.py", (
        "# Written by python -m isgrille room at each start: the room's secrets. Keep private.\n"
        f"c.Voila.token = {chosen.code!r}\n"
        f"c.Voila.cookie_secret = bytes.fromhex({chosen.cookie_secret!r})\n"
        f"c.RoomIdentityProvider.trainer_token = {chosen.trainer_key!r}\n"
        f"c.FileContentsManager.hide_globs = {hidden!r}\n"
        f"c.RoomIdentityProvider.trainer_folders = {[inside] if inside else []!r}\n"
        f"c.VoilaKernelManager.preheat_denylist = {PREHEAT_DENIED!r}\n"))
    return folder


def _inside(notebooks: Path, room: Path) -> str:
    """The room folder relative to the served one (POSIX), or "" when it is outside."""
    try:
        return room.resolve().relative_to(notebooks.resolve()).as_posix()
    except ValueError:
        return ""


def lan_address() -> str | None:
    """This computer's IPv4 address on the local network, or None (no network, loopback only).

    Asks the routing table which source address a datagram would leave from;
    none is sent.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(_PROBE)
            address = sock.getsockname()[0]
        except OSError:  # no route
            return None
    ip = ipaddress.ip_address(address)
    return None if ip.is_loopback or ip.is_unspecified or ip.is_link_local else address


def room_urls(host: str, port: int, chosen: RoomSecrets) -> tuple[str, str]:
    """``(room address, trainer address)``: the welcome page with the code, the trainer's view with the key.

    >>> room_urls("192.168.1.20", 8866, RoomSecrets("abc234", "K" * 43, "0" * 64))[0]
    'http://192.168.1.20:8866/voila/render/00_accueil.ipynb?token=abc234'
    """
    base = f"http://{host}:{port}/voila/render"
    return f"{base}/{FIRST_NOTEBOOK}?token={chosen.code}", f"{base}/{TRAINER_NOTEBOOK}?token={chosen.trainer_key}"


#: A room's kernel without a page is shut down after 2 minutes (checked every 30 s): a page left does not
#: shut its kernel down itself (Voilà's request lacks the room's xsrf token), and thirty visitors going through
#: five notebooks would otherwise hold some 150 kernels of 110 Mo for 10 minutes. A page open keeps its kernel.
ROOM_CULL_IDLE, ROOM_CULL_INTERVAL = 120, 30


def room_command(notebooks: Path, room: Path, port: int, chosen: RoomSecrets, room_url: str, pool: int = 0,
                 cull_idle: int = ROOM_CULL_IDLE, cull_interval: int = ROOM_CULL_INTERVAL
                 ) -> tuple[list[str], dict[str, str]]:
    """``(argv, env)`` to start the room's Voilà on all interfaces, serving ``notebooks``.

    The secrets are read from :func:`write_voila_config`'s file, never given
    on the command line. ``pool``: kernels pre-started per notebook (0: none).
    """
    folder = room / ".voila"
    inside = _inside(notebooks, room)
    denied = [*([f"{re.escape(inside)}/.*"] if inside else []), r"(.*/)?\..*", r".*\.(ipynb|py|json)"]
    argv = voila_argv(notebooks, "0.0.0.0", port, "isgrille", cull_idle, cull_interval) + [
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
    env.update({ROOM_ENV: str(room.resolve()), URL_ENV: room_url, SECRET_ENV: chosen.cookie_secret,
                COOKIE_ENV: f"isgrille-salle-{port}"})
    return argv, env


ROOM_HELP = f"""\
Sert l'atelier sur le réseau local (toutes les interfaces) avec Voilà, code masqué, sans Internet.
Les participants entrent avec le code de la salle ; le formateur ouvre sa vue de la salle
({TRAINER_NOTEBOOK}) avec une clé à lui, qui n'apparaît jamais dans l'adresse de la salle.
Affiche l'adresse à donner à la salle, puis celle du formateur. Chaque navigateur a son propre
fichier de résultats dans le dossier de la salle ; les participants ne peuvent ni exécuter de code,
ni lire de fichiers, ni ouvrir la vue du formateur. Un noyau dont la page est fermée est arrêté
après 2 minutes. Arrêt : Ctrl+C."""


def add_room_command(commands) -> None:
    """Register ``room`` on the command line's sub-commands."""
    room = commands.add_parser("room", help="ouvrir la salle : l'atelier sur le réseau local, un fichier par participant",
                               description=ROOM_HELP)
    room.set_defaults(run=run_room)
    room.add_argument("--port", type=int, default=8866, help="port (par défaut : 8866)")
    room.add_argument("--dir", type=Path, metavar="DOSSIER",
                      help=f"dossier de la salle : les résultats des participants (par défaut : {ROOM_FOLDER}/ à côté des carnets)")
    room.add_argument("--notebooks", type=Path, metavar="CARNETS",
                      help="dossier des carnets (par défaut : ceux du dépôt, sinon le dossier courant s'il contient l'atelier)")
    room.add_argument("--code", help="code de la salle, 6 à 32 lettres ou chiffres (par défaut : tiré au hasard, "
                      "ou celui de la dernière séance de ce dossier)")
    room.add_argument("--host", metavar="ADRESSE", help="adresse à afficher pour la salle, si celle trouvée ne convient pas "
                      "(réseau privé virtuel, plusieurs cartes réseau)")
    room.add_argument("--pool", type=int, default=0, metavar="N",
                      help="noyaux préparés d'avance par carnet, pour que les premiers n'attendent pas "
                      "(par défaut : 0 ; chaque noyau occupe environ 110 Mo)")


def run_room(args) -> int:
    """``python -m isgrille room``: check, print the addresses, then become Voilà."""
    import sys

    from .present import workshop_folder

    err = sys.stderr
    notebooks = workshop_folder(args.notebooks)
    if notebooks is None:
        where = args.notebooks if args.notebooks is not None else Path.cwd()
        print(f"{where}: l'atelier n'y est pas (attendu : un dossier qui contient {FIRST_NOTEBOOK}) ; "
              "lancez d'abord « python -m isgrille init atelier »", file=err)
        return 1
    try:
        code = check_code(args.code) if args.code is not None else None
        if args.pool < 0 or not 0 < args.port < 65536:
            raise ValueError("--pool attend un nombre positif ou nul et --port un port entre 1 et 65535")
    except ValueError as exc:
        print(f"python -m isgrille room : {exc}", file=err)
        return 2
    with socket.socket() as sock:  # Voilà would only say so in English, after a while
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Voilà: a closed room's port is free
        try:
            sock.bind(("0.0.0.0", args.port))
        except OSError:
            print(f"le port {args.port} est déjà pris (une autre salle ou un autre serveur ?) : "
                  "choisissez-en un autre avec --port", file=err)
            return 1
    room = (args.dir if args.dir is not None else notebooks / ROOM_FOLDER).resolve()
    chosen = room_secrets(room, code)
    write_voila_config(room, chosen, notebooks)
    host = args.host or lan_address()
    room_url, _ = room_urls(host or "127.0.0.1", args.port, chosen)
    _, trainer_url = room_urls("127.0.0.1", args.port, chosen)
    argv, env = room_command(notebooks, room, args.port, chosen, room_url, args.pool)
    print(f"Salle ouverte (code : {chosen.code}). Adresse à donner à la salle :\n{room_url}")
    print(f"Votre vue de la salle (formateur, sur cet ordinateur ; ne la montrez pas, elle contient votre clé) :\n{trainer_url}")
    if host is None:
        print("Aucune adresse sur le réseau local n'a été trouvée : les autres appareils ne pourront pas entrer. "
              "Branchez-vous au réseau de la salle, ou donnez l'adresse à afficher avec --host.")
    if not (notebooks / TRAINER_NOTEBOOK).exists():
        print(f"(la vue du formateur {TRAINER_NOTEBOOK} manque dans {notebooks})")
    print(f"Les résultats de chaque participant vont dans {room}/<participant>/mes_resultats.json. "
          "Arrêt de la salle : Ctrl+C.", flush=True)
    os.execvpe(argv[0], argv, env)
    return 0  # pragma: no cover
