"""Live slides: the notebooks as reveal.js slides through Voilà, widgets live, fully offline."""

from __future__ import annotations

import os

import pytest

from isgrille.delivery.present import vendor_missing

from .conftest import _require_chromium, stop_server
from .test_voila import TIMEOUT, assert_clean, assert_local_only, start_voila

# One rerun: a timeout of a few seconds' slack was seen once in many runs on this shared 2-core machine.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(600), pytest.mark.flaky(reruns=1)]


@pytest.fixture(scope="module")
def slides(tmp_path_factory):
    _require_chromium()
    missing = vendor_missing()
    if missing:
        message = f"reveal.js/jQuery not vendored ({missing[0]}): run 'npm ci --prefix notebooks/_vendor'"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    url, process, log = start_voila(tmp_path_factory.mktemp("slides"), slides=True)
    yield url
    stop_server(process, log)


def test_quiz_as_slides_offline(page, slides):
    page.goto(f"{slides}/voila/render/01_integrer_le_concept.ipynb", timeout=TIMEOUT)
    page.wait_for_selector(".reveal.ready .slides section.present", state="attached", timeout=TIMEOUT)
    assert page.locator(".reveal .slides > section").count() >= 5
    # Walk to the slide holding the quiz (arrow key, as a trainer would), then answer it. The quiz is drawn
    # first (a loaded machine renders the widgets late), and each key press waits for the slide to change.
    page.locator(".reveal button.jupyter-button", has_text="VRAI").first.wait_for(state="attached", timeout=TIMEOUT)
    for _ in range(30):
        if page.locator(".reveal section.present button.jupyter-button", has_text="VRAI").count():
            break
        before = page.evaluate("location.hash")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("before => location.hash !== before", arg=before, timeout=TIMEOUT)
    # The trainer's note of this slide is a reveal.js speaker note: in the page, never on the projected slide.
    notes = page.locator(".reveal section.present aside.notes")
    assert notes.count() >= 1 and "Notes du formateur" in notes.first.text_content()
    assert not notes.first.is_visible()
    assert "Notes du formateur" not in page.inner_text(".reveal section.present")
    # A slide taller than the screen scrolls (Voilà's reveal « scroll »), so nothing on it is out of reach.
    present = page.locator(".reveal section.present").first
    if present.evaluate("s => s.scrollHeight > document.querySelector('.reveal').clientHeight"):
        assert present.evaluate("s => getComputedStyle(s).overflowY") == "scroll"
    page.locator(".reveal section.present button.jupyter-button", has_text="VRAI").first.click(timeout=TIMEOUT)
    page.locator(".reveal section.present .widget-html-content", has_text="Bonne réponse").wait_for(timeout=30_000)
    assert_clean(page, "01 (slides)", scope=".reveal section.present", widgets=0)
    # reveal.js and its theme came from the local server.
    assert any(u.endswith("/reveal.js/dist/reveal.css") for u in page.requests)
    assert_local_only(page)
