"""The live room's own French pages: join with the code, wrong code, full room, trainer only, not found, error.

The gate (:mod:`~.room_gate`) answers with these wherever Solara's page is
not given: each is one self-contained HTML document (``<html lang="fr">``, a
French title, inline CSS only, nothing loaded from elsewhere), readable on a
390 px phone (16 px text, 44 px controls) and at WCAG 2.1 AA (a label for
the code field, contrast at least 4.5:1, a visible focus). Every value a
page echoes (a mistyped code, the workshop's title) is escaped.
Solara's own page is made French on its way out (:func:`rewrite_page`).

>>> page = join_page("Atelier", wrong="<b>x</b>")
>>> '<html lang="fr">' in page, "&lt;b&gt;x&lt;/b&gt;" in page, "<b>x</b>" in page
(True, True, False)
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from ..content.model import NB, plain_text
from ..widgets.text import escape

if TYPE_CHECKING:  # pragma: no cover
    from .room_site import RoomSite

__all__ = [
    "DEFAULT_TITLE",
    "PROGRESS_NAME",
    "error_page",
    "full_page",
    "join_page",
    "not_found_page",
    "page",
    "page_title",
    "refused_page",
    "rewrite_page",
    "trainer_only_page",
]

log = logging.getLogger(__name__)

#: The title when the workshop has none.
DEFAULT_TITLE = "Atelier\u00a0– salle"
_HTML_OPEN = re.compile(r"<html\b[^>]*>", re.I)
_TITLE = re.compile(r"<title>.*?</title>", re.I | re.S)
_VIEWPORT = re.compile(r"<meta\s+name=[\"']viewport[\"'][^>]*>", re.I)
#: A phone may zoom (WCAG 1.4.4): Solara's page forbids it (``user-scalable=no, maximum-scale=1``).
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'
#: Solara's page says these in English (a lost connection, a restart): said in French instead.
SOLARA_FRENCH = (
    (
        re.compile(r"App is disconnected, and may not function properly\.\s*Please refresh the page\."),
        f"La salle est déconnectée{NB}: rechargez la page (votre travail est enregistré).",
    ),
    (
        re.compile(r"Could not restore session\.\s*Please refresh( the page)?\."),
        f"La session n’a pas pu reprendre{NB}: rechargez la page (votre travail est enregistré).",
    ),
    (
        re.compile(r"Could not restore session\.\s*Will refresh in"),
        f"La session n’a pas pu reprendre{NB}: rechargement dans",
    ),
    (re.compile(r"\bseconds\.(?=\s*\n\s*\{% endraw)"), "secondes."),
    (re.compile(r"Server\s+disconnected\."), "Connexion perdue, reconnexion…"),
    (re.compile(r"Restoring session…"), "Reprise de la session…"),
    (re.compile(r"Please refresh the page"), "Rechargez la page"),
    (re.compile(r"Refresh now"), "Recharger maintenant"),
)
#: Solara's progress bars and circles (loading, the server busy a while, a lost connection) have no accessible name
#: (WCAG 4.1.2, axe's aria-progressbar-name): each gets one, in French.
_PROGRESS = re.compile(r"<(v-progress-(?:linear|circular))\b(?![^>]*\baria-label=)")
PROGRESS_NAME = "Chargement en cours"
#: Solara's loader writes « Loading app » from its script: the room's style sheet shows French instead.
LOADER_CSS = (
    "<style>#loader-container h1 { font-size: 0; } #loader-container h1::after "
    '{ content: "Chargement de la salle…"; font-size: 24px; }</style>'
)

_CSS = """
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 16px; line-height: 1.5;
  color: #1f1f1f; background: #f4f4f4; overflow-wrap: anywhere; }
main { max-width: 32rem; margin: 0 auto; padding: 1.5rem 1rem 2rem; }
.card { background: #fff; border: 1px solid #767676; border-radius: 8px; padding: 1.25rem 1rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 0.75rem; }
p { margin: 0 0 1rem; }
.workshop { font-size: 1rem; color: #4a4a4a; margin: 0 0 0.5rem; }
label { display: block; font-weight: 700; margin-bottom: 0.4rem; }
input[type=text] { display: block; width: 100%; min-height: 48px; font-size: 1.25rem; padding: 0.5rem 0.75rem;
  border: 2px solid #555; border-radius: 6px; color: #1f1f1f; background: #fff; letter-spacing: 0.08em; }
button, .button { display: inline-block; width: 100%; min-height: 48px; margin-top: 1rem; font-size: 1.125rem;
  font-weight: 700; padding: 0.6rem 1rem; border: 0; border-radius: 6px; color: #fff; background: #1a56c4;
  text-align: center; text-decoration: none; cursor: pointer; font-family: inherit; }
input:focus-visible, button:focus-visible, a:focus-visible { outline: 3px solid #1a56c4; outline-offset: 2px;
  box-shadow: 0 0 0 5px #fff; }
.error { border-left: 6px solid #8c1c13; background: #fdecea; color: #5c120c; padding: 0.6rem 0.8rem;
  margin: 0 0 1rem; }
.hint { color: #4a4a4a; font-size: 1rem; }
"""


def page(title: str, heading: str, body: str, workshop: str = "") -> str:
    """A whole French page: ``title`` and ``heading`` are plain text (escaped), ``body`` is HTML made here."""
    above = f'<p class="workshop">{escape(workshop)}</p>' if workshop else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f"{VIEWPORT}\n"
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f'<body>\n<main>\n<div class="card">\n{above}<h1>{escape(heading)}</h1>\n{body}\n</div>\n</main>\n'
        "</body>\n</html>\n"
    )


def _title(what: str, workshop: str) -> str:
    return f"{what} – {workshop or DEFAULT_TITLE}"


def join_page(workshop: str = "", wrong: str | None = None) -> str:
    """The page asking for the room code (a form sent by GET to ``/``); ``wrong``: the code just refused."""
    error = ""
    if wrong is not None:
        shown = wrong.strip()[:40]
        error = (
            f'<p class="error" role="alert" id="erreur">Le code «{NB}{escape(shown)}{NB}» n’ouvre pas cette '
            f"salle. Vérifiez-le au tableau et recommencez.</p>\n"
            if shown
            else '<p class="error" role="alert" id="erreur">Entrez le code de la salle pour entrer.</p>\n'
        )
    described = ' aria-describedby="erreur"' if error else ""
    form = (
        '<form method="get" action="/">\n'
        '<label for="code">Code de la salle</label>\n'
        f'<input type="text" id="code" name="code" required autocomplete="off" autocapitalize="none" '
        f'spellcheck="false" inputmode="text" maxlength="32"{described}>\n'
        '<button type="submit">Entrer dans la salle</button>\n</form>\n'
    )
    body = (
        f"{error}<p>Pour rejoindre l’atelier, entrez le code affiché par le formateur (ou scannez le QR{NB}code "
        "projeté).</p>\n" + form
    )
    return page(_title("Entrer dans la salle", workshop), "Entrer dans la salle", body, workshop)


def full_page(workshop: str = "") -> str:
    """The room has reached its cap (``--max``)."""
    body = (
        f"<p>La salle est complète{NB}: le nombre maximal de participants est atteint.</p>\n"
        '<p class="hint">Réessayez dans quelques minutes, ou demandez au formateur d’ouvrir plus de places '
        f"(option --max).</p>\n"
        '<a class="button" href="/">Réessayer</a>\n'
    )
    return page(_title("Salle complète", workshop), "Salle complète", body, workshop)


def trainer_only_page(workshop: str = "") -> str:
    """Someone without the trainer key on the trainer's page."""
    body = (
        "<p>Cette page est réservée au formateur. Elle s’ouvre avec l’adresse que le formateur a reçue au "
        "lancement de la salle.</p>\n"
        '<a class="button" href="/">Aller à la salle des participants</a>\n'
    )
    return page(_title("Réservée au formateur", workshop), "Page réservée au formateur", body, workshop)


def not_found_page(workshop: str = "") -> str:
    """Any address the room does not serve."""
    body = '<p>Cette adresse n’existe pas dans la salle.</p>\n<a class="button" href="/">Aller à la salle</a>\n'
    return page(_title("Page introuvable", workshop), "Page introuvable", body, workshop)


def refused_page(workshop: str = "") -> str:
    """A request the room does not accept: a file asked for before entering, a method other than GET."""
    body = (
        "<p>Cette demande n’est pas acceptée par la salle. Entrez d’abord dans la salle avec son code.</p>\n"
        '<a class="button" href="/">Aller à la salle</a>\n'
    )
    return page(_title("Demande refusée", workshop), "Demande refusée", body, workshop)


def error_page(workshop: str = "") -> str:
    """The server failed on this request; the work typed so far is saved."""
    body = (
        f"<p>Le serveur de la salle a rencontré une erreur. Votre travail déjà saisi est enregistré{NB}: "
        "rechargez la page dans un instant.</p>\n"
        '<a class="button" href="/">Recharger</a>\n'
    )
    return page(_title("Erreur du serveur", workshop), "Erreur du serveur", body, workshop)


def rewrite_page(html: str, title: str) -> str:
    """Solara's page in French: ``<html lang="fr">``, ``title`` (plain text, escaped), a zoomable viewport.

    >>> rewrite_page('<!DOCTYPE html>\\n<html>\\n<head><title>Solara ☀️</title>', "Atelier <1>")
    '<!DOCTYPE html>\\n<html lang="fr">\\n<head><title>Atelier &lt;1&gt;</title>'
    """
    html = _HTML_OPEN.sub('<html lang="fr">', html, count=1)
    html = _VIEWPORT.sub(VIEWPORT, html, count=1)
    for english, french in SOLARA_FRENCH:
        html = english.sub(french, html)
    html = _PROGRESS.sub(rf'<\1 aria-label="{PROGRESS_NAME}"', html)
    html = html.replace("</head>", LOADER_CSS + "</head>", 1)
    return _TITLE.sub(lambda _m: f"<title>{escape(title)}</title>", html, count=1)


def page_title(room: RoomSite | None) -> str:
    """The workshop's title (plain text), or "" when the room's content cannot tell it."""
    try:
        return plain_text(room.kit.workshop.title) if room is not None else ""
    except Exception:  # a broken content file never stops the gate
        log.exception("the workshop's title could not be read")
        return ""
