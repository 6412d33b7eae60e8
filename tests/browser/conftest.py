"""Real-browser fixtures: a JupyterLab started by the test on 127.0.0.1, and Debian's chromium.

JupyterLab serves a copy of ``notebooks/`` from a temporary folder, so the
browser's runs (and JupyterLab's autosave) never touch the working tree; the
learner's results go to a temporary file too. Chromium is Debian's
(``apt-get install chromium``), driven by Playwright for Python; Playwright's
own browser download is never used. Without chromium these tests are skipped
with a message, except under CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .hub import _free_port, stop_server  # shared with the hub helper and the bench

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# Every cell stays in the page (no virtual scrolling), and no news pop-up over the notebook.
_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}


def _require_chromium() -> None:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install it with 'apt-get install chromium' to run the browser tests"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    pytest.importorskip("playwright", reason="pip install playwright (in the test extras)")


def on_loopback(url: str, port: int) -> str:
    """A printed address on 127.0.0.1 (a room listens everywhere; the tests never leave this computer)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    assert parts.scheme == "http" and parts.port == port, url
    return urlunsplit(parts._replace(netloc=f"127.0.0.1:{port}"))


def assert_local_only(page) -> None:
    """Fail on any request the page made outside 127.0.0.1 (the room may have no network)."""
    from urllib.parse import urlparse

    remote = sorted(
        {
            u
            for u in page.requests
            if urlparse(u).hostname not in ("127.0.0.1", None) and not u.startswith(("data:", "blob:"))
        }
    )
    assert not remote, f"requests outside 127.0.0.1: {remote}"


class Lab:
    """A running JupyterLab: ``url(path)`` gives an address with the token.

    The server serves ``root`` and sets no ``ISGRILLE_RESULTS``: a kernel saves
    beside its notebook (``resultats/mes_resultats.json``), so each test's
    own copy of the notebooks (:func:`workspace`) has its own results file.
    """

    def __init__(self, root: Path):
        self.root = root
        self.port, self.token = _free_port(), secrets.token_hex(16)
        self.log = (root.parent / "jupyterlab.log").open("w")
        settings = root.parent / "lab-settings"
        for name, value in _SETTINGS.items():
            path = settings / f"{name}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value), encoding="utf-8")
        env = {key: value for key, value in os.environ.items() if key != "ISGRILLE_RESULTS"}
        env["JUPYTER_NO_CONFIG"] = "1"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyterlab",
                "--no-browser",
                "--allow-root",
                "--ServerApp.ip=127.0.0.1",
                f"--ServerApp.port={self.port}",
                "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={self.token}",
                f"--ServerApp.root_dir={root}",
                "--LabApp.expose_app_in_browser=True",
                f"--LabApp.user_settings_dir={settings}",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=root,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab stopped: see {self.log.name}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/status?token={self.token}", timeout=2)
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"JupyterLab did not answer within 90 s: see {self.log.name}")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}?token={self.token}"

    def stop(self) -> None:
        stop_server(self.process, self.log)


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    _require_chromium()
    base = tmp_path_factory.mktemp("lab")
    root = base / "notebooks"
    root.mkdir()
    server = Lab(root)
    yield server
    server.stop()


class Workspace:
    """A fresh copy of the notebooks inside the lab's root, for one test attempt.

    ``folder`` is its path relative to the lab's root (for URLs); ``results``
    is the file its kernels save to. A rerun gets a new copy and so starts
    from no saved results, as the first attempt did.
    """

    def __init__(self, lab: Lab):
        self.folder = f"essai-{secrets.token_hex(4)}"
        self.path = lab.root / self.folder
        shutil.copytree(
            ROOT / "notebooks", self.path, ignore=shutil.ignore_patterns("resultats", ".ipynb_checkpoints", "_vendor")
        )
        self.results = self.path / "resultats" / "mes_resultats.json"


@pytest.fixture
def workspace(lab) -> Workspace:
    return Workspace(lab)


@pytest.fixture(scope="session")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page; every request it makes is recorded in ``page.requests``."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()
