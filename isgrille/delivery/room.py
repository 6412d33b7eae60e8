"""The live room: ``python -m isgrille room``, the workshop on the local network from one server process.

``python -m isgrille room`` checks its options, keeps the room's secrets in
the room folder, prints the two addresses — first the participants'
(``http://<LAN address>:PORT/?code=CODE``: the QR code, the room code),
then the trainer's (``http://127.0.0.1:PORT/formateur?cle=KEY``) — and then
serves, in this process, the participant app and the trainer's page with
Solara (:mod:`~.room_server`, behind :mod:`~.room_gate`). ``--moteur voila``
starts the room of before instead (:mod:`~.room_voila`), one Voilà kernel
per page, kept for comparison and as a fallback.

The room folder (default ``salle/`` beside the notebooks, or ``--dir``)
holds each participant's ``<id>/mes_resultats.json``, the room's state, and
``.secret`` (mode 0600): the cookie secret, the trainer key and the code,
kept so that a restarted room keeps its participants, its step and its
addresses.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import re
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path

from ..content.model import NB
from ..results.atomic import write_private
from .kit_files import FIRST_NOTEBOOK

__all__ = [
    "ALPHABET",
    "ROOM_FOLDER",
    "RoomSecrets",
    "add_room_command",
    "check_code",
    "lan_address",
    "new_code",
    "room_secrets",
    "room_urls",
    "run_room",
]

#: Letters and digits a visitor reads and types without doubt (no 0/o, 1/l/i).
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
#: The room folder's name beside the notebooks.
ROOM_FOLDER = "salle"
_CODE = re.compile(r"[A-Za-z0-9]{6,32}")
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
        raise ValueError(
            f"code de salle «\u00a0{code[:40]}\u00a0» refusé\u00a0: attendu 6 à 32 lettres sans accent ou chiffres, "
            "sans espace (par exemple atelier42)\u202f; sans --code, un code est tiré au hasard"
        )
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
    with contextlib.suppress(OSError, ValueError):
        kept = json.loads(path.read_text(encoding="utf-8"))
    kept = kept if isinstance(kept, dict) else {}

    def valid(key: str, pattern: str) -> str | None:
        value = kept.get(key)
        return value if isinstance(value, str) and re.fullmatch(pattern, value) else None

    chosen = RoomSecrets(
        code=code or valid("code", _CODE.pattern) or new_code(),
        trainer_key=valid("trainer_key", r"[A-Za-z0-9_-]{32,128}") or secrets.token_urlsafe(32),
        cookie_secret=valid("cookie_secret", r"[0-9a-f]{64}") or secrets.token_hex(32),
    )
    write_private(path, json.dumps(chosen.__dict__, indent=1) + "\n")
    return chosen


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
    """``(participants' address, trainer's address)``: the room with the code, the trainer's page with the key.

    >>> room_urls("192.168.1.20", 8866, RoomSecrets("abc234", "K" * 43, "0" * 64))[0]
    'http://192.168.1.20:8866/?code=abc234'
    """
    return f"http://{host}:{port}/?code={chosen.code}", f"http://{host}:{port}/formateur?cle={chosen.trainer_key}"


ROOM_HELP = f"""\
Ouvre la salle\u00a0: sert l'atelier sur le réseau local (toutes les interfaces), sans Internet, depuis un
seul serveur. Les participants entrent avec le code de la salle (QR{NB}code ou adresse affichée) et
suivent, sur leur téléphone, l'étape que le formateur ouvre\u202f; le formateur pilote la salle depuis sa
page, ouverte avec une clé à lui qui n'apparaît jamais dans l'adresse de la salle. Affiche l'adresse
à donner à la salle, puis celle du formateur. Chaque participant a son propre fichier de résultats
dans le dossier de la salle\u202f; une salle relancée avec le même dossier retrouve les participants,
leur travail et l'étape en cours. Arrêt{NB}: Ctrl+C. (--moteur voila{NB}: la salle d'avant, un noyau
Voilà par page, avec la vue du formateur 05_salle.)"""


def add_room_command(commands) -> None:
    """Register ``room`` on the command line's sub-commands."""
    room = commands.add_parser(
        "room",
        help="ouvrir la salle\u00a0: l'atelier sur le réseau local, un fichier par participant",
        description=ROOM_HELP,
    )
    room.set_defaults(run=run_room)
    room.add_argument("--port", type=int, default=8866, help="port (par défaut\u00a0: 8866)")
    room.add_argument(
        "--dir",
        type=Path,
        metavar="DOSSIER",
        help=f"dossier de la salle\u00a0: les résultats des participants (par défaut\u00a0: {ROOM_FOLDER}/ à côté des carnets)",
    )
    room.add_argument(
        "--notebooks",
        type=Path,
        metavar="CARNETS",
        help="dossier des carnets (par défaut\u00a0: ceux du dépôt, sinon le dossier courant s'il contient l'atelier)",
    )
    room.add_argument(
        "--code",
        help="code de la salle, 6 à 32 lettres ou chiffres (par défaut\u00a0: tiré au hasard, "
        "ou celui de la dernière séance de ce dossier)",
    )
    room.add_argument(
        "--host",
        metavar="ADRESSE",
        help="adresse à afficher pour la salle, si celle trouvée ne convient pas "
        "(réseau privé virtuel, plusieurs cartes réseau)",
    )
    room.add_argument(
        "--max",
        type=int,
        default=150,
        metavar="N",
        help=f"nombre maximal de participants en même temps{NB}; au-delà, une page "
        f"«{NB}salle complète{NB}» (par défaut{NB}: 150)",
    )
    room.add_argument(
        "--idle",
        type=float,
        default=10,
        metavar="MINUTES",
        help=f"une session sans page ouverte se termine après ce temps, son travail déjà enregistré "
        f"(par défaut{NB}: 10)",
    )
    room.add_argument(
        "--moteur",
        choices=("solara", "voila"),
        default="solara",
        help=f"serveur de la salle{NB}: solara (par défaut, une seule application) ou voila "
        "(la salle d'avant, un noyau par page)",
    )
    room.add_argument(
        "--pool",
        type=int,
        default=0,
        metavar="N",
        help=f"avec --moteur voila{NB}: noyaux préparés d'avance par carnet (par défaut{NB}: 0{NB}; "
        f"chaque noyau occupe environ 110{NB}Mo)",
    )


def _check(args) -> str | None:
    """The code given (checked), or ValueError in French naming the option at fault."""
    code = check_code(args.code) if args.code is not None else None
    if not 0 < args.port < 65536:
        raise ValueError("--port attend un port entre 1 et 65535")
    if args.pool < 0:
        raise ValueError("--pool attend un nombre positif ou nul")
    if not 1 <= args.max <= 100_000:
        raise ValueError("--max attend un nombre de participants d'au moins 1")
    if not 0 < args.idle <= 24 * 60:
        raise ValueError("--idle attend un nombre de minutes supérieur à 0 (au plus 1440)")
    return code


def run_room(args) -> int:
    """``python -m isgrille room``: check, keep the secrets, print the addresses, then serve the room."""
    import sys

    from .present import workshop_folder

    err = sys.stderr
    voila = args.moteur == "voila"  # Solara needs the notebooks only to find the default room folder
    notebooks = workshop_folder(args.notebooks) if voila or args.dir is None else None
    if notebooks is None and (voila or args.dir is None):
        where = args.notebooks if args.notebooks is not None else Path.cwd()
        print(
            f"{where}: l'atelier n'y est pas (attendu\u00a0: un dossier qui contient {FIRST_NOTEBOOK})\u202f; "
            "lancez d'abord «\u00a0python -m isgrille init atelier\u00a0»",
            file=err,
        )
        return 1
    try:
        code = _check(args)
    except ValueError as exc:
        print(f"python -m isgrille room\u00a0: {exc}", file=err)
        return 2
    with socket.socket() as sock:  # the server would only say so in English, after a while
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server: a closed room's port is free
        try:
            sock.bind(("0.0.0.0", args.port))
        except OSError:
            print(
                f"le port {args.port} est déjà pris (une autre salle ou un autre serveur\u202f?)\u00a0: "
                "choisissez-en un autre avec --port",
                file=err,
            )
            return 1
    if args.dir is not None:
        room = args.dir.resolve()
    else:
        assert notebooks is not None  # found above when the room folder is the default one, else returned
        room = (notebooks / ROOM_FOLDER).resolve()
    chosen = room_secrets(room, code)
    host = args.host or lan_address()
    if voila:
        from .room_voila import run_voila_room

        assert notebooks is not None  # found above for Voilà, which serves them, else returned
        return run_voila_room(args, notebooks, room, chosen, host)
    return _run_solara(args, room, chosen, host)


def _run_solara(args, room: Path, chosen: RoomSecrets, host: str | None) -> int:
    """Print the addresses (before anything the server prints), open the room, serve it until Ctrl+C."""
    url, _ = room_urls(host or "127.0.0.1", args.port, chosen)
    _, trainer_url = room_urls("127.0.0.1", args.port, chosen)
    print(
        f"Salle ouverte (code{NB}: {chosen.code}). Adresse à donner à la salle (QR{NB}code sur la page du "
        f"formateur){NB}:\n{url}"
    )
    print(
        f"Votre page de formateur (sur cet ordinateur{NB}; ne la montrez pas, elle contient votre clé){NB}:\n"
        f"{trainer_url}"
    )
    if host is None:
        print(
            f"Aucune adresse sur le réseau local n'a été trouvée{NB}: les autres appareils ne pourront pas "
            "entrer. Branchez-vous au réseau de la salle, ou donnez l'adresse à afficher avec --host."
        )
    print(
        f"Jusqu'à {args.max} participants{NB}; une session sans page se termine après "
        f"{_minutes(args.idle)}. Les résultats de chaque participant vont dans "
        f"{room}/<participant>/mes_resultats.json. Arrêt de la salle{NB}: Ctrl+C.",
        flush=True,
    )
    from .room_server import serve  # imported once the addresses are out: the widgets take a moment
    from .room_site import open_site

    site = open_site(
        room,
        chosen.code,
        chosen.trainer_key,
        bytes.fromhex(chosen.cookie_secret),
        url=url,
        trainer_url=trainer_url,
        maximum=args.max,
        idle=args.idle * 60,
    )
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn handles the signal itself
        serve(site, "0.0.0.0", args.port)
    return 0


def _minutes(minutes: float) -> str:
    """« 10 minutes », « 1,5 minute » (French decimal comma)."""
    text = f"{minutes:g}".replace(".", ",")
    return f"{text}{NB}minute{'s' if minutes >= 2 else ''}"
