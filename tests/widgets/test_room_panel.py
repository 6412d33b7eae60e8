"""The room's panel: address and QR code, who joined (escaped), problems, the refresh that survives a failure."""

from __future__ import annotations

import asyncio
import concurrent.futures
from datetime import UTC, datetime

from isgrille.widgets.room_panel import Refresher, RoomPanel, qr_html

from ..rooms import HOSTILE
from .reading import table_rows, text_of
from .room_fixtures import room, snapshot  # noqa: F401


def in_own_thread(function, *args):
    """``function(*args)`` in a thread with no event loop: the browser tests' Playwright keeps one
    running in the main thread for the whole session."""
    with concurrent.futures.ThreadPoolExecutor(1) as worker:
        return worker.submit(function, *args).result()


URL = "http://192.168.1.20:8866/voila/render/00_accueil.ipynb?token=k7m2p9"


def test_the_address_is_a_qr_image_with_its_alt_text_and_the_url_and_code_as_text():
    page = qr_html(URL)
    assert f'alt="Code QR pour rejoindre la salle\u00a0: {URL}"' in page
    assert 'src="data:image/svg+xml' in page
    assert URL in text_of(page) and "Code de la salle\u00a0: k7m2p9" in text_of(page)
    assert qr_html("") == ""


def test_the_panel_lists_who_joined_escaped_and_the_broken_file(snapshot):  # noqa: F811
    panel = RoomPanel(URL, "la salle", lambda: None, lambda: True)
    panel.show(snapshot)
    rows = table_rows(panel.joined.value)
    assert rows[0] == ["Projet", "Apprenant", "Critères notés", "Réponses au quiz", "Évaluations"]
    assert ["Recyclerie", "Ana", "3 / 12", "2", "autoévaluation, formateur"] in rows
    assert HOSTILE not in panel.joined.value and "&lt;img src=x onerror=alert(1)&gt;" in panel.joined.value
    assert [HOSTILE, HOSTILE, "12 / 12", "1", "autoévaluation"] in rows
    assert "dddddddd4" in panel.problems.value and "4 fichiers, 3 projets" in panel.status.value


def test_the_buttons_call_back_and_say_whether_the_refresh_runs():
    calls, running = [], [True]

    def toggle():
        running[0] = not running[0]
        return running[0]

    panel = RoomPanel(
        "", "un dossier", lambda: calls.append("refresh"), toggle, upload=lambda n, c: f"{n}\u00a0: ajouté"
    )
    panel.refresh_button.click()
    panel.auto_button.click()
    assert calls == ["refresh"] and panel.auto_button.description == "Reprendre la mise à jour automatique"
    panel.auto_button.click()
    assert panel.auto_button.description == "Arrêter la mise à jour automatique"
    panel.upload.value = (
        {
            "name": "<b>.json",
            "content": memoryview(b"{}"),
            "size": 2,
            "type": "",
            "last_modified": datetime.now(UTC),
        },
    )
    assert "&lt;b&gt;.json\u00a0: ajouté" in panel.upload_message.value and calls == ["refresh", "refresh"]


def test_the_refresher_ticks_on_the_loop_reports_a_failure_and_goes_on_until_stopped():
    ticks, errors = [], []

    def tick():
        ticks.append(1)
        if len(ticks) == 2:
            raise OSError("disque débranché")

    async def main():
        refresher = Refresher(tick, 0, on_error=errors.append)
        assert refresher.start() and refresher.running
        while len(ticks) < 4:
            await asyncio.sleep(0)
        refresher.stop()
        assert not refresher.running

    in_own_thread(asyncio.run, main())
    assert len(ticks) >= 4 and [str(e) for e in errors] == ["disque débranché"]


def test_without_a_running_loop_the_refresher_does_not_start():
    assert in_own_thread(Refresher(lambda: None).start) is False
