"""A whole class on JupyterHub: 10 learners started in parallel, 3 answer the quiz in a browser,
the trainer collects their results.

Everything runs on 127.0.0.1 and is started by the test: JupyterHub (pip)
with ``configurable-http-proxy`` (npm, ``deploy/jupyterhub``), the
``DummyAuthenticator`` and the ``SimpleLocalProcessSpawner``; each learner's
home is a temporary folder holding a copy of the notebooks (as nbgitpuller
would put them), and the kernel runs in this environment, where the kit is
installed.
"""

from __future__ import annotations

import os

import pytest

from isgrille import load_grid
from isgrille.results.collect import collect_results

from .conftest import _require_chromium
from .hub import LEARNERS, PROXY, Hub
from .test_notebooks_in_lab import TIMEOUT, run_all_when_idle

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    _require_chromium()
    if not PROXY.exists():
        message = f"{PROXY} missing: run 'npm ci --prefix deploy/jupyterhub'"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    pytest.importorskip("jupyterhub")
    server = Hub(tmp_path_factory.mktemp("hub"))
    yield server
    server.stop()


def test_a_class_of_ten(hub, browser):
    ready_in = hub.start_servers(LEARNERS)
    print(f"\n10 learners ready in {ready_in:.1f} s")

    for name in LEARNERS[:3]:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(hub.url("/hub/login"), timeout=TIMEOUT)
        page.fill("input[name=username]", name)
        page.fill("input[name=password]", "motdepasse")
        page.click("input[type=submit], button[type=submit]")
        page.wait_for_url(f"**/user/{name}/**", timeout=TIMEOUT)
        page.goto(hub.url(f"/user/{name}/lab/workspaces/quiz/tree/01_integrer_le_concept.ipynb?reset"), timeout=TIMEOUT)
        run_all_when_idle(page, "01_integrer_le_concept.ipynb")
        page.locator("button.jupyter-button", has_text="FAUX").first.click(timeout=TIMEOUT)
        page.locator(".widget-html-content", has_text="Pas tout à fait").wait_for(timeout=60_000)
        context.close()

    # The trainer collects every learner's file from the homes.
    found, problems = collect_results(hub.base / "homes", load_grid(), "*/resultats/mes_resultats.json")
    assert problems == []
    owners = sorted(path.parts[-3] for path in found)
    assert owners == LEARNERS[:3]
    assert all(r.quiz == {"reponses_nouvelles": "FAUX"} for r in found.values())
