"""Trainer app mode: the notebooks served by Voilà (isgrille template), checked in chromium.

Each notebook renders with no error output and no « Loading widget », its
widgets live, and no request leaves 127.0.0.1 (the room may have no network).
"""

from __future__ import annotations

import subprocess
import time
import urllib.request

import pytest

from isgrille.delivery.present import voila_command

from .conftest import _free_port, _require_chromium, assert_local_only, stop_server

# One rerun: a timeout of a few seconds' slack was seen once in many runs on this shared 2-core machine.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(600), pytest.mark.flaky(reruns=1)]

TIMEOUT = 120_000


def start_voila(base, slides: bool, argv=None, env=None, cwd=None, port=None):
    """Start Voilà (by default as ``present`` does) and wait until it answers: ``(url, process, log)``."""
    if argv is None:
        port = _free_port()
        argv, env = voila_command(slides=slides, port=port)
    env["ISGRILLE_RESULTS"] = str(base / "mes_resultats.json")
    log = (base / "voila.log").open("w")
    process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=cwd or base)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"Voilà did not start: see {log.name}") from None
            time.sleep(0.5)
    return url, process, log


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    _require_chromium()
    url, process, log = start_voila(tmp_path_factory.mktemp("voila"), slides=False)
    yield url
    stop_server(process, log)


def render(page, voila, notebook: str) -> None:
    page.goto(f"{voila}/voila/render/{notebook}", timeout=TIMEOUT)
    # Voilà replaces its spinner by the rendered cells once every cell has run.
    page.wait_for_selector("#rendered_cells", state="attached", timeout=TIMEOUT)
    page.wait_for_function(
        "!document.querySelector('#loading') || "
        "getComputedStyle(document.querySelector('#loading')).display === 'none'",
        timeout=TIMEOUT,
    )


def assert_clean(page, notebook: str, scope: str = "body", widgets: int = 1) -> None:
    """No error output, no widget left « Loading widget… » (within 60 s), no traceback in ``scope``.

    The wait is for a positive event — at least ``widgets`` widgets drawn and no placeholder left —
    because just after Voilà shows its cells there are neither widgets nor placeholders yet: waiting
    only for the placeholders' absence passed before they appeared (seen on a loaded machine).
    """
    page.wait_for_function(
        "([s, n]) => { const root = document.querySelector(s); "
        "return root.querySelectorAll('.jupyter-widgets').length >= n "
        "&& !root.innerText.includes('Loading widget'); }",
        arg=[scope, widgets],
        timeout=60_000,
    )
    errors = page.locator(scope).locator(
        "[data-mime-type='application/vnd.jupyter.stderr'], .jp-OutputArea-output.jp-mod-error,"
        " [data-mime-type='application/vnd.jupyter.error']"
    )
    assert errors.count() == 0, f"{notebook}: error output: {errors.first.inner_text()[:500]}"
    body = page.inner_text(scope)
    assert "Loading widget" not in body and "Error displaying widget" not in body, notebook
    assert "Traceback" not in body, notebook


@pytest.mark.parametrize(
    "notebook, expected",
    [
        ("00_accueil.ipynb", "Programme de l'après-midi"),
        ("01_integrer_le_concept.ipynb", "Affirmation 1 / 7"),
        ("02_caracteriser.ipynb", "Valeurs du profil"),
        ("03_ecosysteme.ipynb", "La Fabrique à initiatives"),
        ("04_booster.ipynb", "Fiche d'échange"),
    ],
)
def test_every_notebook_renders_clean_and_offline(page, voila, notebook, expected):
    render(page, voila, notebook)
    page.get_by_text(expected).first.wait_for(state="attached", timeout=TIMEOUT)
    body = page.inner_text("body")
    assert "from isgrille" not in body and "open_kit(" not in body, "code is shown"
    assert_clean(page, notebook)
    assert_local_only(page)


def test_quiz_works_in_app_mode(page, voila):
    render(page, voila, "01_integrer_le_concept.ipynb")
    page.locator("button.jupyter-button", has_text="VRAI").first.click(timeout=TIMEOUT)
    page.locator(".widget-html-content", has_text="Bonne réponse").wait_for(timeout=30_000)
    assert_local_only(page)


def test_app_mode_hides_the_trainer_notes(page, voila):
    render(page, voila, "01_integrer_le_concept.ipynb")
    page.get_by_text("Affirmation 1 / 7").first.wait_for(state="attached", timeout=TIMEOUT)
    assert "Notes du formateur" not in page.content()


@pytest.fixture(scope="module")
def plain_voila(tmp_path_factory):
    """Plain ``voila notebooks/01_…`` from the repository root, with the kit installed from its wheel."""
    from ..test_packaging import ROOT, build_wheel, clean_env, kit_venv

    _require_chromium()
    base = tmp_path_factory.mktemp("plain")
    python = kit_venv(build_wheel(base / "wheel"), base / "env")
    port = _free_port()
    argv = [
        str(python),
        "-m",
        "voila",
        "notebooks/01_integrer_le_concept.ipynb",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--Voila.port={port}",
    ]
    url, process, log = start_voila(base, False, argv=argv, env=clean_env(), cwd=ROOT, port=port)
    yield url
    stop_server(process, log)


def test_plain_voila_from_the_repository_uses_the_kit_template_offline(page, plain_voila):
    page.goto(plain_voila + "/", timeout=TIMEOUT)
    page.wait_for_selector("#rendered_cells", state="attached", timeout=TIMEOUT)
    page.get_by_text("Affirmation 1 / 7").first.wait_for(state="attached", timeout=TIMEOUT)
    assert_clean(page, "01 (voila)")
    assert "Notes du formateur" not in page.content()  # the kit's template, not Voilà's lab one
    page.locator("button.jupyter-button", has_text="VRAI").first.click(timeout=TIMEOUT)
    page.locator(".widget-html-content", has_text="Bonne réponse").wait_for(timeout=30_000)
    assert_local_only(page)
