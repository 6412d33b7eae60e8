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

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from isgrille import load_grid
from isgrille.results import collect_results

from .conftest import ROOT, _free_port, _require_chromium
from .test_notebooks_in_lab import TIMEOUT

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]

PROXY = ROOT / "deploy" / "jupyterhub" / "node_modules" / ".bin" / "configurable-http-proxy"
LEARNERS = [f"apprenant{i:02d}" for i in range(1, 11)]

CONFIG = """
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.db_url = "sqlite:///{base}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{base}/cookie_secret"
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{base}/homes/{{username}}"
c.Spawner.args = ["--allow-root", "--LabApp.expose_app_in_browser=True"]
c.Spawner.default_url = "/lab"
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 180
c.Spawner.environment = {{"ISGRILLE_RESULTS": ""}}  # each learner saves in their home: resultats/
c.JupyterHub.services = [{{"name": "formateur", "api_token": "{token}"}}]
c.JupyterHub.load_roles = [{{"name": "formateur", "services": ["formateur"],
                             "scopes": ["admin:users", "admin:servers", "list:users", "read:users"]}}]
"""


class Hub:
    def __init__(self, base: Path):
        self.base, self.port, self.token = base, _free_port(), secrets.token_hex(16)
        for name in LEARNERS:  # each home holds the notebooks, as nbgitpuller would
            shutil.copytree(ROOT / "notebooks", base / "homes" / name,
                            ignore=shutil.ignore_patterns("_vendor", "resultats", ".ipynb_checkpoints"))
        config = base / "jupyterhub_config.py"
        config.write_text(CONFIG.format(port=self.port, hub_port=_free_port(), proxy_api_port=_free_port(),
                                        proxy=str(PROXY), base=base, token=self.token), encoding="utf-8")
        self.log = (base / "jupyterhub.log").open("w")
        env = {k: v for k, v in os.environ.items() if k != "ISGRILLE_RESULTS"}
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        self.process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)],
                                        cwd=base, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + 120
        while True:
            try:
                self.api("GET", "")  # the version: needs no scope
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(f"JupyterHub did not start: see {self.log.name}")
                time.sleep(0.5)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def api(self, method: str, path: str, body: dict | None = None):
        request = urllib.request.Request(
            self.url(f"/hub/api{path}"), method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
            return json.loads(text) if text else None

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


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
    hub.api("POST", "/users", {"usernames": LEARNERS})
    started = time.monotonic()
    with ThreadPoolExecutor(len(LEARNERS)) as pool:
        list(pool.map(lambda name: hub.api("POST", f"/users/{name}/server", {}), LEARNERS))
    deadline = started + 300
    waiting = set(LEARNERS)
    while waiting and time.monotonic() < deadline:
        for name in sorted(waiting):
            server = (hub.api("GET", f"/users/{name}") or {}).get("servers", {}).get("", {})
            if server.get("ready"):
                waiting.discard(name)
        time.sleep(1)
    ready_in = time.monotonic() - started
    assert not waiting, f"not ready after {ready_in:.0f} s: {sorted(waiting)}"
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
        page.wait_for_function("window.jupyterapp && window.jupyterapp.shell.currentWidget "
                               "&& window.jupyterapp.shell.currentWidget.sessionContext "
                               "&& window.jupyterapp.shell.currentWidget.sessionContext.session "
                               "&& window.jupyterapp.shell.currentWidget.sessionContext.session.kernel "
                               "&& window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'",
                               timeout=TIMEOUT)
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        page.locator("button.jupyter-button", has_text="FAUX").first.click(timeout=TIMEOUT)
        page.locator(".widget-html-content", has_text="Pas tout à fait").wait_for(timeout=60_000)
        context.close()

    # The trainer collects every learner's file from the homes.
    found, problems = collect_results(hub.base / "homes", load_grid(), "*/resultats/mes_resultats.json")
    assert problems == []
    owners = sorted(path.parts[-3] for path in found)
    assert owners == LEARNERS[:3]
    assert all(r.quiz == {"reponses_nouvelles": "FAUX"} for r in found.values())
