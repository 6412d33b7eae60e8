"""The Voilà room (``room --moteur voila``) in chromium: ten visitors and the trainer, on a room started by ``python -m isgrille room``.

The room is started as a trainer starts it (known code, a free port, its own
room folder per attempt) and reached on 127.0.0.1 only: the host of the two
printed addresses is replaced, never the LAN address. Ten browser contexts
are ten visitors (ten cookie jars); the pages of a step are opened together,
then driven one after the other while their kernels work side by side. The
waits are for events (a widget drawn, a results file saved as the page's
download link shows it), never fixed delays.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from isgrille.content.loading import load_grid, load_quiz
from isgrille.results.store import read_results

from .conftest import _free_port, _require_chromium, assert_local_only, on_loopback, stop_server
from .test_voila import assert_clean

# One rerun (a fresh room): ten kernels on a shared 2-core machine leave little slack.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(900), pytest.mark.flaky(reruns=1)]

ROOT = Path(__file__).resolve().parents[2]
CODE = "atelier42"
HOSTILE = "<img src=x onerror=window.__pwned=1>"
VISITORS = 10
TIMEOUT = 300_000
WELCOME, QUIZ, GRID, TRAINER = (
    "00_accueil.ipynb",
    "01_integrer_le_concept.ipynb",
    "02_caracteriser.ipynb",
    "05_salle.ipynb",
)

# The results the page's download link holds (a data: URI): what the kernel has saved.
SAVED = """() => { const a = document.querySelector('a[download="mes_resultats.json"]');
  if (!a) return null; const b64 = a.getAttribute('href').split(',')[1];
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(b64), c => c.charCodeAt(0)))); }"""
RATINGS = "r => (r.assessments || []).reduce((n, a) => n + Object.values(a.ratings || {}).filter(v => v).length, 0)"

# An execute_request over the kernel's websocket, opened with the page's own cookies; then a kernel_info_request,
# handled after it (a kernel handles its shell messages in order): the types of every message that came back.
EXECUTE = """async ([kernelId, code]) => {
  const id = () => Math.random().toString(16).slice(2) + Date.now().toString(16);
  const message = (type, content) => ({header: {msg_id: id(), msg_type: type, username: 'visiteur', session: 'essai',
    date: new Date().toISOString(), version: '5.3'}, parent_header: {}, metadata: {}, content, buffers: [],
    channel: 'shell'});
  const ws = new WebSocket(`ws://${location.host}/api/kernels/${kernelId}/channels?session_id=${id()}`);
  await new Promise((ok, ko) => { ws.onopen = ok; ws.onerror = () => ko(new Error('websocket refused')); });
  const info = message('kernel_info_request', {});
  return await new Promise((ok, ko) => {
    const types = [];
    setTimeout(() => ko(new Error('no kernel_info_reply: ' + types)), 120000);
    ws.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      const reply = JSON.parse(event.data);
      types.push(reply.header.msg_type);
      if (reply.parent_header.msg_id === info.header.msg_id && reply.header.msg_type === 'kernel_info_reply') {
        ws.close(); ok(types); }
    };
    ws.send(JSON.stringify(message('execute_request', {code, silent: false, store_history: true,
      user_expressions: {}, allow_stdin: false, stop_on_error: true})));
    ws.send(JSON.stringify(info));
  });
}"""


class LiveRoom:
    """``python -m isgrille room --code CODE --port PORT --dir FOLDER`` on a copy of the notebooks.

    ``room_url`` and ``trainer_url`` are the two printed addresses, on 127.0.0.1.
    """

    def __init__(self, base: Path):
        notebooks = base / "atelier"
        shutil.copytree(ROOT / "notebooks", notebooks, ignore=shutil.ignore_patterns("_vendor", "resultats", ".*"))
        self.folder = base / "salle"
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = (base / "room.log").open("w")
        env = {key: value for key, value in os.environ.items() if key != "ISGRILLE_RESULTS"}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "isgrille",
                "room",
                "--moteur",
                "voila",
                "--code",
                CODE,
                "--port",
                str(self.port),
                "--dir",
                str(self.folder),
                "--notebooks",
                str(notebooks),
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=base,
        )
        deadline = time.monotonic() + 90
        while True:
            printed = [
                line for line in Path(self.log.name).read_text(encoding="utf-8").splitlines() if line.startswith("http")
            ]
            try:
                if len(printed) >= 2:
                    urllib.request.urlopen(self.base + "/voila/static/", timeout=2)
                    break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"the room did not start: see {self.log.name}")
            time.sleep(0.5)
        self.room_url, self.trainer_url = (self.local(url) for url in printed[:2])

    def local(self, url: str) -> str:
        return on_loopback(url, self.port)

    def stop(self) -> None:
        stop_server(self.process, self.log)


@pytest.fixture
def room(tmp_path):
    _require_chromium()
    server = LiveRoom(tmp_path)
    yield server
    server.stop()


def new_page(context):
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    return page


def visitor_context(browser):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    context.set_default_timeout(TIMEOUT)
    return context


def ready(page, notebook: str) -> None:
    """Wait until Voilà has run every cell and the widgets are drawn, with no error shown."""
    page.wait_for_selector("#rendered_cells", state="attached")
    page.wait_for_function(
        "!document.querySelector('#loading') || getComputedStyle(document.querySelector('#loading')).display === 'none'"
    )
    assert_clean(page, notebook)
    assert page.evaluate("window.__pwned") is None, notebook


def saved(page, predicate: str) -> None:
    """Wait until the results the page offers to download (what its kernel saved) satisfy ``predicate``."""
    page.wait_for_function(f"() => {{ const r = ({SAVED})(); return r !== null && ({predicate})(r); }}")


def toggle(page, scope: str, choice: str):
    """The button ``choice`` of the toggle buttons in the card whose text holds ``scope``."""
    assert '"' not in scope + choice  # XPath's string literals have no escapes
    card = f'//*[normalize-space()="{scope}"]/ancestor::div[contains(@class, "widget-vbox")][1]'
    return page.locator(f'xpath={card}//button[normalize-space()="{choice}"]')


def table(page, caption: str) -> list[list[str]]:
    """The rows (cell texts) of the table whose caption begins with ``caption``."""
    return page.evaluate(
        """(caption) => { const t = [...document.querySelectorAll('table')].find(
        t => t.caption && t.caption.innerText.startsWith(caption));
      return t\u202f? [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.innerText.trim()))\u00a0: null; }""",
        caption,
    )


def votes(page) -> dict[str, int]:
    rows = table(page, "Votes de la salle")
    return {row[0].replace(" ✔ bonne réponse", ""): int(row[2]) for row in rows}


@contextmanager
def kept_on_failure(folder: Path, pages: list):
    """On failure, each page's screenshot and HTML in ``folder`` (what the browser showed)."""
    try:
        yield
    except BaseException:
        for i, page in enumerate(pages):
            try:
                page.screenshot(path=str(folder / f"page{i}.png"), full_page=True, timeout=30_000)
                (folder / f"page{i}.html").write_text(page.content(), encoding="utf-8")
            except Exception:  # noqa: BLE001 — a closed page: nothing to keep
                pass
        raise


def test_ten_visitors_and_the_trainer(room, browser, tmp_path):
    pages: list = []
    with kept_on_failure(tmp_path, pages):
        ten_visitors_and_the_trainer(room, browser, tmp_path, pages)


def ten_visitors_and_the_trainer(room, browser, tmp_path, pages: list) -> None:
    grid, quiz = load_grid(), load_quiz()
    choices = list(quiz.choices)
    names = [HOSTILE if i == 3 else f"Projet {i} «\u00a0l'Atelier\u00a0» & co" for i in range(VISITORS)]
    first = [choices[0] if i < 6 else choices[1] if i < 9 else choices[2] for i in range(VISITORS)]  # 6 / 3 / 1
    second = [choices[i % len(choices)] for i in range(VISITORS)]  # 4 / 3 / 3
    criteria = [criterion.label for criterion in grid.criteria[:3]]
    levels = [[(i + k) % len(grid.levels) for k in range(3)] for i in range(VISITORS)]
    contexts = [visitor_context(browser) for _ in range(VISITORS)]
    pages.extend(new_page(context) for context in contexts)

    def open_all(url: str) -> None:
        for page in pages:
            page.goto(url, wait_until="commit")

    # 00: each names its project in the session panel
    open_all(room.room_url)
    for i, page in enumerate(pages):
        ready(page, WELCOME)
        page.locator(".widget-text", has_text="Mon projet\u00a0:").locator("input").fill(names[i])
    for i, page in enumerate(pages):
        saved(page, f"r => r.project.name === {json.dumps(names[i])}")
        assert page.url == f"{room.base}/voila/render/{WELCOME}"  # the code left the address bar

    # 01: two statements
    open_all(f"{room.base}/voila/render/{QUIZ}")
    for i, page in enumerate(pages):
        ready(page, QUIZ)
        toggle(page, "Ma réponse\u00a0:", first[i]).click()
    for i, page in enumerate(pages):
        saved(page, "r => Object.keys(r.quiz).length === 1")
        page.get_by_role("button", name="Suivante").click()
        page.get_by_text("Affirmation 2 / 7").wait_for()
        toggle(page, "Ma réponse\u00a0:", second[i]).click()
    for page in pages:
        saved(page, "r => Object.keys(r.quiz).length === 2")

    # 02: three criteria
    open_all(f"{room.base}/voila/render/{GRID}")
    for i, page in enumerate(pages):
        ready(page, GRID)
        for label, level in zip(criteria, levels[i], strict=True):
            toggle(page, label, grid.levels[level]).click()
    for page in pages:
        saved(page, f"r => ({RATINGS})(r) === 3")

    files = sorted(room.folder.glob("*/mes_resultats.json"))
    assert len(files) == VISITORS and all(re.fullmatch("[a-z0-9]{8,32}", path.parent.name) for path in files)
    assert sorted(read_results(path, grid).project for path in files) == sorted(names)

    # A visitor's page sends an execute_request over its kernel's websocket: nothing runs.
    marker = tmp_path / "MARQUEUR"
    kernel_id = re.search(r'kernelId["\']?\s*[:=]\s*["\']([0-9a-f-]{36})', pages[0].content()).group(1)
    types = pages[0].evaluate(EXECUTE, [kernel_id, f"open({str(marker)!r}, 'w').write('exécuté')"])
    assert "kernel_info_reply" in types and "execute_reply" not in types and "execute_input" not in types, types
    assert not marker.exists()

    # A visitor on the trainer's view: a page saying it is the trainer's, nothing of the room.
    pages[1].goto(f"{room.base}/voila/render/{TRAINER}")
    pages[1].get_by_text("Cette page est réservée au formateur").wait_for()
    assert not pages[1].locator("#rendered_cells").count() and "Qui a rejoint" not in pages[1].content()

    # One visitor closes the page, opens the room again in the same browser: their work is there.
    pages[2].close()
    again = new_page(contexts[2])
    pages.append(again)
    again.goto(room.room_url, wait_until="commit")
    ready(again, WELCOME)
    assert again.locator(".widget-text", has_text="Mon projet\u00a0:").locator("input").input_value() == names[2]
    again.goto(f"{room.base}/voila/render/{QUIZ}")
    ready(again, QUIZ)
    again.get_by_text("(2 réponses sur 7)").wait_for()

    # The trainer's view: ten projects, their ratings, the votes once revealed, the hostile name as text.
    contexts.append(visitor_context(browser))
    trainer = new_page(contexts[-1])
    pages.append(trainer)
    trainer.goto(room.trainer_url, wait_until="commit")
    ready(trainer, TRAINER)
    assert urlsplit(trainer.url).query == ""  # the key left the address bar
    trainer.get_by_text(f"Qui a rejoint la salle ({VISITORS} projets)").wait_for()
    joined = {row[0]: row for row in table(trainer, "Qui a rejoint la salle")}
    assert sorted(joined) == sorted(names)
    assert all(row[2] == f"3 / {len(grid.criteria)}" and row[3] == "2" for row in joined.values()), joined
    matrix = {row[0]: row[1:] for row in table(trainer, "Carte des projets × critères")}
    assert matrix[HOSTILE][:3] == [str(level + 1) for level in levels[3]] and matrix[HOSTILE][3] == "—"
    trainer.get_by_text(f"{VISITORS} participants ont répondu").wait_for()
    assert table(trainer, "Votes de la salle") is None  # hidden until revealed
    trainer.get_by_role("button", name="Révéler").click()
    trainer.get_by_text(f"Votes de la salle ({VISITORS} réponses)").wait_for()
    assert votes(trainer) == {choice: first.count(choice) for choice in choices}
    trainer.locator(".widget-dropdown", has_text="Affirmation\u00a0:").locator("select").select_option(index=1)
    trainer.get_by_role("button", name="Révéler").click()
    trainer.wait_for_function(
        f"() => document.body.innerText.includes('Réponse attendue\u00a0: {quiz.items[1].answer}')"
    )
    assert votes(trainer) == {choice: second.count(choice) for choice in choices}
    assert trainer.evaluate(
        f"[...document.querySelectorAll('td, th')].some(c => c.textContent === {json.dumps(HOSTILE)})"
    )
    assert trainer.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0

    for page in [*pages[:2], *pages[3:]]:
        assert page.evaluate("window.__pwned") is None
        assert_local_only(page)
    for context in contexts:
        context.close()


def test_without_the_code_no_page(room, browser):
    context = visitor_context(browser)
    page = new_page(context)
    path = urlsplit(room.room_url).path
    for url in (f"{room.base}{path}", f"{room.base}{path}?token=mauvais", f"{room.base}/voila/tree", room.base + "/"):
        page.goto(url)
        assert urlsplit(page.url).path == "/login", url
        assert not page.locator("#rendered_cells").count() and "Programme" not in page.content(), url
    page.fill("input[type=password]", "mauvais")
    page.locator("[type=submit]").first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/login" and not page.locator("#rendered_cells").count()
    assert_local_only(page)
    context.close()


def test_no_page_of_the_room_needs_the_internet(room, browser):
    """Voilà's list of notebooks loads a style sheet from the internet: the room sends to its welcome page."""
    context = visitor_context(browser)
    page = new_page(context)
    for url in (room.room_url, f"{room.base}/voila/tree", f"{room.base}/"):
        page.goto(url, wait_until="commit")
        ready(page, url)
        assert urlsplit(page.url).path == f"/voila/render/{WELCOME}", url
        page.get_by_text("Programme de l'après-midi").first.wait_for(state="attached")
    assert_local_only(page)
    context.close()
