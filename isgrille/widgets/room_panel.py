"""The room's panel on the trainer's screen: its address with a QR code, who joined, the live refresh.

:class:`Refresher` calls a function every few seconds on the kernel's own
asyncio loop (a task: nothing blocks, widgets update without a page reload;
stoppable); a call that fails is reported, in French, and the next one tries
again. :class:`RoomPanel` shows the room's address as text and as a QR code
(segno, an ``<img>`` with its alternative text) for phones, what was read and
when, the projects that joined and what each has done, the files refused and
why, and — outside a room — a button to add learners' files uploaded from the
browser (handed to the ``upload`` callback it is given). Every name a visitor
typed is escaped.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from urllib.parse import parse_qs, urlsplit

import ipywidgets as w

from ..analysis.room import RoomSnapshot, visitors
from ..content.typography import french_number
from .text import STYLE, escape, table_html

__all__ = ["Refresher", "RoomPanel", "plural", "qr_html"]


def plural(number: int, one: str, many: str | None = None) -> str:
    """``1 projet``, ``3 projets``.

    >>> plural(0, "réponse"), plural(2, "critère noté", "critères notés")
    ('0 réponse', '2 critères notés')
    """
    return f"{number} {one if number < 2 else many or one + 's'}"


def qr_html(url: str) -> str:
    """The room's address as a QR code (an SVG ``<img>`` with its alternative text), then as text with its code.

    >>> page = qr_html("http://10.0.0.2:8866/voila/render/00_accueil.ipynb?token=abc<1>")
    >>> 'alt="Code QR pour rejoindre la salle' in page, "abc&lt;1&gt;" in page, "<1>" in page
    (True, True, False)
    """
    import segno

    if not url:
        return ""
    code = (parse_qs(urlsplit(url).query).get("token") or [""])[0]
    qr = segno.make(url, error="m", micro=False)
    alt = f"Code QR pour rejoindre la salle\u00a0: {url}"
    said = f'<p>Code de la salle\u00a0: <strong style="font-size: 1.6em">{escape(code)}</strong></p>' if code else ""
    return (
        f'<div class="isg-card"><img alt="{escape(alt)}" src="{qr.svg_data_uri(scale=6, border=4)}" '
        f'style="width: 14em; max-width: 100%; height: auto; background: white">'
        f'<p>Pour rejoindre la salle, ouvrez\u00a0: <code style="word-break: break-all">{escape(url)}</code></p>'
        f"{said}</div>"
    )


class Refresher:
    """Calls ``tick`` every ``interval`` seconds on the running asyncio loop until :meth:`stop`.

    A tick that raises is handed to ``on_error`` (the loop goes on: the next
    tick tries again). ``sleep`` is there for the tests.
    """

    def __init__(
        self,
        tick: Callable[[], object],  # what it returns is not used
        interval: float = 5.0,
        on_error: Callable[[Exception], None] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ):
        self.tick, self.interval, self.on_error, self._sleep = tick, interval, on_error, sleep
        self._task: asyncio.Task | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> bool:
        """Start ticking on the running loop (the kernel's); False when there is none (a plain script)."""
        if self.running:
            return True
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return False
        self._task = loop.create_task(self._run())
        return True

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def tick_once(self) -> None:
        """One tick, its failure reported rather than raised."""
        try:
            self.tick()
        except Exception as exc:  # noqa: BLE001 — reported in French by on_error; the next tick tries again
            if self.on_error is not None:
                self.on_error(exc)

    async def _run(self) -> None:
        while True:
            await self._sleep(self.interval)
            self.tick_once()


def _when(stamp: float) -> str:
    return time.strftime("%H:%M:%S", time.localtime(stamp))


class RoomPanel(w.VBox):
    """``address`` (QR and text), ``status`` (last reading or failure), ``joined`` (the projects), ``problems``.

    ``refresh_button`` asks ``refresh()``; ``auto_button`` stops or restarts
    the automatic refresh (``toggle_auto() -> bool``, True when now running);
    ``upload`` (outside a room) hands each file to ``upload(name, content) ->
    message``.
    """

    def __init__(
        self,
        url: str,
        where: str,
        refresh: Callable[[], None],
        toggle_auto: Callable[[], bool],
        upload: Callable[[str, bytes], str] | None = None,
    ):
        self._refresh, self._toggle, self._upload = refresh, toggle_auto, upload
        self.address = w.HTML(qr_html(url) if url else "")
        self.where = w.HTML(f"<p>Lecture\u00a0: {escape(where)}</p>")
        self.status = w.HTML('<p role="status">Pas encore lu.</p>')
        self.refresh_button = w.Button(
            description="Actualiser maintenant",
            icon="refresh",
            tooltip="Relire les fichiers de la salle",
            layout=w.Layout(width="auto"),
        )
        self.refresh_button.on_click(lambda _: self._refresh())
        self.auto_button = w.Button(
            description="Arrêter la mise à jour automatique",
            icon="pause",
            tooltip="Arrêter ou reprendre la relecture toutes les quelques secondes",
            layout=w.Layout(width="auto"),
        )
        self.auto_button.on_click(lambda _: self.show_auto(self._toggle()))
        self.joined = w.HTML()
        self.problems = w.HTML()
        self.upload = w.FileUpload(accept=".json", multiple=True, description="Ajouter des fichiers")
        self.upload_message = w.HTML()
        self.upload.observe(lambda change: self._uploaded(change["new"]), names="value")
        extra = [w.HBox([self.upload]), self.upload_message] if upload is not None else []
        super().__init__(
            [
                w.HTML(STYLE),
                self.address,
                self.where,
                self.status,
                w.HBox([self.refresh_button, self.auto_button], layout=w.Layout(flex_flow="row wrap")),
                *extra,
                self.joined,
                self.problems,
            ]
        )

    def show_auto(self, running: bool) -> None:
        """Say whether the automatic refresh runs."""
        self.auto_button.description = (
            "Arrêter la mise à jour automatique" if running else "Reprendre la mise à jour automatique"
        )
        self.auto_button.icon = "pause" if running else "play"

    def show_status(self, text: str, failed: bool = False) -> None:
        css = ' class="isg-notice"' if failed else ""
        self.status.value = f'<p role="status"{css}>{escape(text)}</p>'

    def show(self, snapshot: RoomSnapshot) -> None:
        """The projects that joined and the files refused, from a reading of the room."""
        rows = visitors(snapshot.cohort)
        self.show_status(
            f"Lu à {_when(snapshot.read_at)}\u00a0: {plural(len(snapshot.files), 'fichier')}, "
            f"{plural(len(rows), 'projet')} ({french_number(snapshot.seconds, 2)}\u00a0s)."
        )
        if not rows:
            self.joined.value = (
                "<p>Personne n'a encore rejoint la salle\u00a0: les projets apparaîtront ici dès que "
                "les participants auront nommé leur projet ou répondu au quiz.</p>"
            )
        else:
            self.joined.value = table_html(
                ["Projet", "Apprenant", "Critères notés", "Réponses au quiz", "Évaluations"],
                [
                    (v.label, v.learner or "—", f"{v.rated} / {v.criteria}", v.answered, ", ".join(v.assessors) or "—")
                    for v in rows
                ],
                caption=f"Qui a rejoint la salle ({plural(len(rows), 'projet')})",
            )
        self.problems.value = _problems_html(snapshot.all_problems)

    def _uploaded(self, files: Sequence) -> None:
        if not files or self._upload is None:
            return
        messages = [self._upload(f["name"], bytes(memoryview(f["content"]))) for f in files]
        self.upload_message.value = "<ul>" + "".join(f"<li>{escape(m)}</li>" for m in messages) + "</ul>"
        self.upload.value = ()
        self._refresh()


def _problems_html(problems: Sequence) -> str:
    if not problems:
        return ""
    items = "".join(f"<li>{escape(str(problem))}</li>" for problem in list(problems)[:50])
    return (
        f'<div class="isg-notice"><p>Écarté{"s" if len(problems) > 1 else ""} de la lecture '
        f"({plural(len(problems), 'problème')}\u202f; le reste est lu)\u00a0:</p><ul>{items}</ul></div>"
    )
