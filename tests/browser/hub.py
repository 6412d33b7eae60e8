"""A local JupyterHub for the class test and its benchmark, all on 127.0.0.1.

JupyterHub (pip) with ``configurable-http-proxy`` (npm, ``deploy/jupyterhub``),
the ``DummyAuthenticator`` (any password: tests only) and the
``SimpleLocalProcessSpawner``; each learner's home is a folder under ``base``
holding a copy of the notebooks, as nbgitpuller would put them. The kernels
run in this Python environment, where the kit is installed. ``docs/deploy.md``
explains the settings.
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

ROOT = Path(__file__).resolve().parents[2]


def stop_server(process: subprocess.Popen, log, timeout: float = 20) -> None:
    """Stop a server a test started (killed if it does not stop in time) and close its log."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    def __init__(self, base: Path, learners: list[str] = LEARNERS):
        self.base, self.port, self.token = base, _free_port(), secrets.token_hex(16)
        for name in learners:  # each home holds the notebooks, as nbgitpuller would
            shutil.copytree(
                ROOT / "notebooks",
                base / "homes" / name,
                ignore=shutil.ignore_patterns("_vendor", "resultats", ".ipynb_checkpoints"),
            )
        config = base / "jupyterhub_config.py"
        config.write_text(
            CONFIG.format(
                port=self.port,
                hub_port=_free_port(),
                proxy_api_port=_free_port(),
                proxy=str(PROXY),
                base=base,
                token=self.token,
            ),
            encoding="utf-8",
        )
        self.log = (base / "jupyterhub.log").open("w")
        env = {k: v for k, v in os.environ.items() if k != "ISGRILLE_RESULTS"}
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=base,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                self.api("GET", "")  # the version: needs no scope
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(f"JupyterHub did not start: see {self.log.name}") from None
                time.sleep(0.5)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def api(self, method: str, path: str, body: dict | None = None):
        request = urllib.request.Request(
            self.url(f"/hub/api{path}"),
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
            return json.loads(text) if text else None

    def stop(self) -> None:
        stop_server(self.process, self.log, timeout=60)

    def start_servers(self, names: list[str], timeout: float = 300) -> float:
        """Create the users, start their servers in parallel; seconds until all are ready."""
        self.api("POST", "/users", {"usernames": names})
        started = time.monotonic()
        with ThreadPoolExecutor(len(names)) as pool:
            list(pool.map(lambda name: self.api("POST", f"/users/{name}/server", {}), names))
        waiting = set(names)
        while waiting and time.monotonic() < started + timeout:
            for name in sorted(waiting):
                server = (self.api("GET", f"/users/{name}") or {}).get("servers", {}).get("", {})
                if server.get("ready"):
                    waiting.discard(name)
            time.sleep(0.5)
        if waiting:
            raise TimeoutError(f"not ready after {timeout:.0f} s: {sorted(waiting)}")
        return time.monotonic() - started
