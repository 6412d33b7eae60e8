"""The live room on Solara in chromium: three phones and the trainer, on ``python -m isgrille room``.

Each test starts the room as a trainer does (``--dir`` its own temporary
folder, a free port, a fresh random code) and reaches it on 127.0.0.1 only:
the host of the printed addresses is replaced, never the LAN address. Phones
are chromium contexts at 390×844 with touch (one cookie jar each), the trainer
a context at 1280×720. The phones are never touched to follow the trainer: the
trainer clicks a step and the test waits for each phone's step bar to mark it
current (``aria-current="step"``). On every step: nothing past the screen's
edge, cut or ellipsised, no control under 24 px, answers and ratings at least
44 px (:data:`FIT`), and axe-core's WCAG 2.1 AA rules find nothing. Waits are
for events and selectors; the memory check waits for the server's RSS to settle.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from isgrille.delivery.room import new_code

from .conftest import _free_port, _require_chromium, assert_local_only, on_loopback, stop_server
from .test_accessibility import axe_violations, report

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "<img src=x onerror=window.__pwned=1>"
TIMEOUT = 120_000
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "device_scale_factor": 2}
PROJECTOR = {"viewport": {"width": 1280, "height": 720}}
SCREENSHOTS = Path(os.environ.get("ISGRILLE_SCREENSHOTS", "/tmp/isgrille-room-app-screens"))
STEP_LABELS = ["Accueil", "Quiz", "Dimensions", "Grille", "Axes", "Pitch", "Booster", "Fiche"]

# Everything visible that breaks a phone's screen, as {kind, what, size}: past the right edge, a page that scrolls
# sideways, a text cut (ellipsis, or hidden overflow), a control under 24 px, an answer or rating under 44 px.
FIT = """() => {
  const width = document.documentElement.clientWidth, found = [];
  const what = e => (e.tagName.toLowerCase() + (e.id\u202f? '#' + e.id\u00a0: '') + '.' + [...e.classList].join('.')).slice(0, 120)
    + ' «' + (e.innerText || e.value || '').trim().slice(0, 60) + '»';
  const shown = e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && parseFloat(s.opacity) > 0; };
  const size = r => `${Math.round(r.width)}×${Math.round(r.height)}`;
  if (document.documentElement.scrollWidth > width + 1)
    found.push({kind: 'horizontal scroll', what: 'document', size: `${document.documentElement.scrollWidth} > ${width}`});
  for (const e of document.body.querySelectorAll('*')) {
    if (!shown(e) || e.closest('[aria-hidden="true"]')) continue;
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    const text = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (r.right > width + 1) found.push({kind: 'past the edge', what: what(e), size: `right ${Math.round(r.right)} > ${width}`});
    if (e.scrollWidth > e.clientWidth + 1 && (s.textOverflow === 'ellipsis' || (text && /hidden|clip/.test(s.overflowX))))
      found.push({kind: s.textOverflow === 'ellipsis'\u202f? 'ellipsised'\u00a0: 'cut', what: what(e), size: `${e.scrollWidth} > ${e.clientWidth}`});
  }
  const controls = 'button, input:not([type=hidden]), select, textarea, [role=button], a[href]';
  for (let e of document.querySelectorAll(controls)) {
    if (['checkbox', 'radio'].includes(e.type) && e.closest('label')) e = e.closest('label');
    if (!shown(e)) continue;
    const r = e.getBoundingClientRect(), inline = e.tagName === 'A' && getComputedStyle(e).display === 'inline';
    const least = e.closest('.isg-choices')\u202f? 44\u00a0: 24;
    if (!inline && (r.width < least - 0.5 || r.height < least - 0.5))
      found.push({kind: `control under ${least} px`, what: what(e), size: size(r)});
  }
  return found;
}"""


class Room:
    """``python -m isgrille room --dir FOLDER --port PORT --code CODE``; ``restart()`` stops and starts it again."""

    def __init__(self, base: Path):
        self.base, self.folder = base, base / "salle"
        self.port, self.code = _free_port(), new_code(10)
        self.url = self.trainer_url = ""
        self.starts = 0
        self.start()

    def start(self) -> None:
        self.starts += 1
        self.log = (self.base / f"room-{self.starts}.log").open("w")
        env = {key: value for key, value in os.environ.items() if key != "ISGRILLE_RESULTS"}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "isgrille",
                "room",
                "--dir",
                str(self.folder),
                "--port",
                str(self.port),
                "--code",
                self.code,
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=self.base,
        )
        deadline = time.monotonic() + 90
        while True:
            printed = [
                line.strip()
                for line in Path(self.log.name).read_text(encoding="utf-8").splitlines()
                if line.startswith("http")
            ]
            if len(printed) >= 2 and self.answers():
                break
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"the room did not start: see {self.log.name}")
            time.sleep(0.2)
        self.url, self.trainer_url = (self.local(url) for url in printed[:2])
        assert f"code={self.code}" in self.url and "cle=" not in self.url, self.url

    def answers(self) -> bool:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=2)
        except urllib.error.HTTPError:
            return True
        except OSError:
            return False
        return True

    def local(self, url: str) -> str:
        return on_loopback(url, self.port)

    def restart(self) -> None:
        stop_server(self.process, self.log)
        self.start()

    def stop(self) -> None:
        stop_server(self.process, self.log)

    def rss(self) -> int:
        """The server's resident memory (bytes), from /proc."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) * 1024

    def settled_rss(self, limit: float = 120.0) -> int:
        """The RSS once closed sessions are gone: six readings half a second apart within 1 MB (at most ``limit`` s)."""
        samples, deadline = [], time.monotonic() + limit
        while time.monotonic() < deadline:
            samples.append(self.rss())
            if len(samples) >= 6 and max(samples[-6:]) - min(samples[-6:]) < 2**20:
                break
            time.sleep(0.5)
        return samples[-1]

    def results(self) -> dict[str, dict]:
        """Each participant's results file in the room folder, by folder id."""
        return {
            path.parent.name: json.loads(path.read_text(encoding="utf-8"))
            for path in self.folder.glob("*/mes_resultats.json")
        }


@pytest.fixture
def room(tmp_path):
    _require_chromium()
    server = Room(tmp_path)
    yield server
    server.stop()


@pytest.fixture
def devices(browser):
    """Opens pages, each in its own context (its own cookies); every context is closed after the test."""
    contexts = []

    def open_page(url: str, options: dict):
        context = browser.new_context(**options)
        contexts.append(context)
        return _recorded(context, url)

    yield open_page
    for context in contexts:
        context.close()


def _recorded(context, url: str):
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.goto(url, timeout=TIMEOUT)
    return page


def current(page, label: str):
    """The step bar's button marking ``label`` as the step shown."""
    return page.locator('[aria-current="step"]').filter(has_text=re.compile(rf"^\s*{label}\s*$"))


def wait_step(page, label: str, timeout: int = TIMEOUT) -> None:
    current(page, label).wait_for(state="visible", timeout=timeout)
    page.locator(".isg-step-body").first.wait_for(state="visible", timeout=timeout)


def trainer_opens(trainer, label: str) -> None:
    trainer.get_by_role("button", name=label, exact=True).first.click(timeout=TIMEOUT)


def shot(page, name: str) -> str:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return str(path)


def assert_fits(page, name: str) -> None:
    width = page.viewport_size["width"]  # the page's layout is the screen's width (its viewport meta holds)
    assert page.evaluate("document.documentElement.clientWidth") == width, f"{name}: laid out wider than {width} px"
    problems = page.evaluate(FIT)
    assert not problems, f"{name} ({shot(page, name)}): {json.dumps(problems[:12], ensure_ascii=False, indent=1)}"


def assert_accessible(page, name: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{name} ({shot(page, name)}): {report(violations)}"


def phones_and_trainer(open_page, room: Room, phones: int = 3):
    trainer = open_page(room.trainer_url, PROJECTOR)
    trainer.get_by_role("button", name="Quiz", exact=True).first.wait_for(timeout=TIMEOUT)
    pages = [open_page(room.url, PHONE) for _ in range(phones)]
    for page in pages:
        wait_step(page, "Accueil")
    return trainer, pages


def test_phones_follow_the_trainer_and_every_step_fits_a_phone(devices, room):
    trainer, phones = phones_and_trainer(devices, room)
    for label in ("Quiz", "Grille"):  # the phones are not touched: the trainer moves them
        trainer_opens(trainer, label)
        for index, phone in enumerate(phones):
            wait_step(phone, label)
            assert_fits(phone, f"phone{index}-{label}")
    for label in STEP_LABELS:  # every step, on one phone: fits, and WCAG 2.1 AA
        trainer_opens(trainer, label)
        wait_step(phones[0], label)
        phones[0].wait_for_load_state("networkidle", timeout=TIMEOUT)
        assert_fits(phones[0], f"phone0-{label}")
        assert_accessible(phones[0], f"phone0-{label}-axe")
        for width in (360, 414):  # the narrowest and the widest of the common phones
            phones[0].set_viewport_size({"width": width, "height": 844})
            phones[0].wait_for_function("w => document.documentElement.clientWidth === w", arg=width)
            assert_fits(phones[0], f"phone0-{label}-{width}px")
        phones[0].set_viewport_size({"width": PHONE["viewport"]["width"], "height": PHONE["viewport"]["height"]})
        trainer.locator('[aria-pressed="true"]').filter(has_text=label).wait_for(timeout=TIMEOUT)
        assert_accessible(trainer, f"trainer-{label}-axe")  # the projector's view of each step, at 1280×720
    for page in [trainer, *phones]:
        assert_local_only(page)


def test_a_phone_answers_and_rates_in_its_own_file_and_finds_its_work_again(devices, room):
    trainer, (phone, other, third) = phones_and_trainer(devices, room)
    trainer_opens(trainer, "Quiz")
    wait_step(phone, "Quiz")
    phone.locator(".isg-phone-quiz .isg-choices button").first.click()
    phone.locator(".isg-phone-quiz .isg-choices button.mod-active").wait_for(timeout=TIMEOUT)
    trainer_opens(trainer, "Grille")
    wait_step(phone, "Grille")
    phone.locator(".isg-rating-cards .isg-choices").first.locator("button").first.click()
    phone.locator(".isg-rating-cards .isg-choices button.mod-active").first.wait_for(timeout=TIMEOUT)

    def holding() -> dict[str, tuple[bool, bool]]:
        return {
            folder: (
                bool(data.get("quiz")),
                any(level for entry in data.get("assessments") or [] for level in entry["ratings"].values()),
            )
            for folder, data in room.results().items()
        }

    deadline = time.monotonic() + 30
    while (True, True) not in holding().values() and time.monotonic() < deadline:
        time.sleep(0.2)  # the file is written as the click is handled: poll it, bounded
    held = holding()
    assert sum(1 for value in held.values() if value == (True, True)) == 1, held
    assert all(value == (False, False) for value in held.values() if value != (True, True)), held

    phone.reload(timeout=TIMEOUT)
    wait_step(phone, "Grille")
    phone.locator(".isg-rating-cards .isg-choices button.mod-active").first.wait_for(timeout=TIMEOUT)
    trainer_opens(trainer, "Quiz")
    wait_step(phone, "Quiz")
    phone.locator(".isg-phone-quiz .isg-choices button.mod-active").wait_for(timeout=TIMEOUT)
    assert len(room.results()) <= 3  # a reload never makes a second participant
    for page in [trainer, phone, other, third]:
        assert_local_only(page)


def test_a_hostile_project_name_is_text_on_the_trainers_page(devices, room):
    trainer, (phone,) = phones_and_trainer(devices, room, phones=1)
    field = phone.locator(".isg-phone-welcome input[type=text]")
    field.fill(HOSTILE)
    field.press("Enter")
    trainer.get_by_text(HOSTILE, exact=False).first.wait_for(timeout=TIMEOUT)  # the room is re-read every 2 s
    assert trainer.locator("img[src=x]").count() == 0
    assert trainer.evaluate("typeof window.__pwned") == "undefined"
    assert phone.evaluate("typeof window.__pwned") == "undefined"
    trainer.wait_for_load_state("networkidle", timeout=TIMEOUT)
    assert_fits_projector = trainer.evaluate(FIT)
    assert not [p for p in assert_fits_projector if p["kind"] in ("horizontal scroll", "past the edge")], (
        f"{shot(trainer, 'trainer-fit')}: {assert_fits_projector[:8]}"
    )
    assert_accessible(trainer, "trainer-axe")
    for page in [trainer, phone]:
        assert_local_only(page)


def test_no_page_without_the_code_and_the_trainers_page_only_with_the_key(devices, room):
    base = f"http://127.0.0.1:{room.port}"
    stranger = devices(base + "/", PHONE)
    assert stranger.locator("html").get_attribute("lang") == "fr"
    stranger.locator("input[name=code]").wait_for(timeout=TIMEOUT)
    assert stranger.locator(".v-application, .jupyter-widgets").count() == 0
    assert stranger.evaluate("typeof window.solara") == "undefined"
    assert_fits(stranger, "join-page")
    assert_accessible(stranger, "join-page-axe")
    wrong = devices(base + "/?code=pasleboncode", PHONE)
    assert "code" in wrong.locator("body").inner_text().lower()
    assert wrong.locator(".v-application").count() == 0
    for path in ("/formateur", "/formateur?cle=pas-la-cle", "/Formateur"):
        response = stranger.goto(base + path, timeout=TIMEOUT)
        assert response.status == 403, (path, response.status)
        text = stranger.locator("body").inner_text()
        assert "réservée au formateur" in text, text
        assert stranger.locator("html").get_attribute("lang") == "fr"
        assert stranger.locator(".v-application").count() == 0
    phone = devices(room.url, PHONE)  # a participant's cookie is not the trainer's
    wait_step(phone, "Accueil")
    response = phone.goto(base + "/formateur", timeout=TIMEOUT)
    assert response.status == 403
    assert room.trainer_url.split("cle=")[1] not in room.url
    for page in [stranger, wrong, phone]:
        assert_local_only(page)


def test_after_a_restart_the_phones_come_back_by_themselves_with_their_work(devices, room):
    from playwright.sync_api import Error as PlaywrightError  # a timeout too (its TimeoutError is one)

    trainer, phones = phones_and_trainer(devices, room)
    trainer_opens(trainer, "Quiz")
    for phone in phones:
        wait_step(phone, "Quiz")
        phone.locator(".isg-phone-quiz .isg-choices button").first.click()
        phone.locator(".isg-phone-quiz .isg-choices button.mod-active").wait_for(timeout=TIMEOUT)
    room.restart()
    # Untouched, each phone reloads itself and comes back. How fast is not a test's business (the 15 s
    # held in every run while this test still asserted them); a busy machine only waits longer here.
    for index, phone in enumerate(phones):
        try:
            current(phone, "Quiz").wait_for(state="visible", timeout=TIMEOUT)
            phone.locator(".isg-phone-quiz .isg-choices button.mod-active").wait_for(timeout=TIMEOUT)
        except PlaywrightError as exc:
            raise AssertionError(
                f"phone {index} not back on «\u00a0Quiz\u00a0» with its answer "
                f"({shot(phone, f'restart-phone{index}')}): {exc}"
            ) from None
    try:  # the trainer's page comes back too, on the step it had opened
        trainer.locator('[aria-pressed="true"]').filter(has_text="Quiz").wait_for(timeout=30_000)
    except PlaywrightError as exc:
        raise AssertionError(
            f"the trainer's page is not back on «\u00a0Quiz\u00a0» ({shot(trainer, 'restart-trainer')}): {exc}"
        ) from None
    for page in [trainer, *phones]:
        assert_local_only(page)


def test_thirty_reloads_of_a_phone_stay_bounded(devices, room):
    trainer, (phone,) = phones_and_trainer(devices, room, phones=1)
    trainer_opens(trainer, "Grille")
    wait_step(phone, "Grille")
    before = room.settled_rss()
    for _ in range(30):
        phone.reload(timeout=TIMEOUT)
        wait_step(phone, "Grille")
    after = room.settled_rss()
    assert after - before < 20 * 2**20, f"30 reloads: {before / 2**20:.0f} MB → {after / 2**20:.0f} MB"
    assert len(room.results()) <= 1
    for page in [trainer, phone]:
        assert_local_only(page)
