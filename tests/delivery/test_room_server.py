"""The Voilà room served for real: ``python -m isgrille room --moteur voila`` on a free port, reached on 127.0.0.1 only.

It listens on every interface, but the tests never send anything elsewhere.
Each visitor is a :class:`~.room_client.Visitor` (own cookies, the kernel's
websocket in Jupyter's protocol). Marked ``browser`` like the other server
tests (slow: real kernels).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from isgrille.content.loading import load_grid
from isgrille.results.store import read_results

from ..browser.hub import _free_port, stop_server
from .room_client import Visitor, find

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]

ROOT = Path(__file__).resolve().parents[2]
CODE = "atelier42"


class Room:
    """A room started by the command line in its own folder: ``base``, ``folder`` (salle/), ``trainer_key``."""

    def __init__(self, base: Path, *options: str):
        self.notebooks = base / "atelier"
        shutil.copytree(ROOT / "notebooks", self.notebooks, ignore=shutil.ignore_patterns("_vendor", "resultats", ".*"))
        shutil.copy(self.notebooks / "00_accueil.ipynb", self.notebooks / "05_salle.ipynb")  # the trainer's, stand-in
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = (base / "room.log").open("w")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "isgrille",
                "room",
                "--notebooks",
                str(self.notebooks),
                "--port",
                str(self.port),
                "--code",
                CODE,
                "--host",
                "127.0.0.1",
                "--moteur",
                "voila",
                *options,
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=base,
        )
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(self.base + "/voila/static/", timeout=2)
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(f"the room did not start: see {self.log.name}") from None
                time.sleep(0.5)
        self.folder = self.notebooks / "salle"
        self.trainer_key = json.loads((self.folder / ".secret").read_text(encoding="utf-8"))["trainer_key"]
        self.printed = [
            line for line in Path(self.log.name).read_text(encoding="utf-8").splitlines() if line.startswith("http")
        ]

    def stop(self) -> None:
        stop_server(self.process, self.log)


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    server = Room(tmp_path_factory.mktemp("room"))
    yield server
    server.stop()


def run(coroutine):
    """Run ``coroutine`` to its end on an event loop of its own, in a thread of its own: the browser
    tests' Playwright keeps a loop running in the main thread for the whole session."""
    with concurrent.futures.ThreadPoolExecutor(1) as worker:
        return worker.submit(asyncio.run, coroutine).result()


def test_the_command_prints_the_room_then_the_trainer(room):
    assert room.printed[0] == f"{room.base}/voila/render/00_accueil.ipynb?token={CODE}"
    assert room.printed[1] == f"{room.base}/voila/render/05_salle.ipynb?token={room.trainer_key}"
    assert room.trainer_key not in room.printed[0]


def test_without_the_code_nothing(room):
    async def scenario():
        stranger = Visitor(room.base)
        for path in ("/voila/render/00_accueil.ipynb", "/voila/render/00_accueil.ipynb?token=mauvais", "/voila/tree"):
            response = await stranger.request(path, follow=False)
            assert response.code == 302 and response.headers["Location"].startswith("/login"), path
        for path in ("/voila/api/contents", "/api/kernels"):
            assert (await stranger.request(path)).code in (403, 404), path
        login = await stranger.request("/login")
        xsrf = stranger.cookies["_xsrf"]
        wrong = await stranger.request("/login", "POST", f"_xsrf={xsrf}&password=mauvais", follow=False)
        assert wrong.code == 401
        assert "isgrille-salle" not in " ".join(stranger.cookies) and b"Changer" not in login.body

    run(scenario())


def test_files_are_never_given(room):
    async def scenario():
        visitor = Visitor(room.base)
        kernel = await visitor.open("00_accueil.ipynb", f"?token={CODE}")
        kernel.close()
        assert visitor.cookies.get(f"isgrille-salle-{room.port}")
        for path in (
            "/tree",
            "/files/00_accueil.ipynb",
            "/api/contents",
            "/api/contents/00_accueil.ipynb",
            "/api/sessions",
            "/voila/api/contents/salle",
            "/voila/tree/salle",
        ):
            response = await visitor.request(path, follow=False)
            assert response.code in (302, 403, 404), path
        listing = (await visitor.request("/voila/api/contents")).body.decode()
        assert '"salle"' not in listing and "_vendor" not in listing
        for path in (
            "salle/.secret",
            "salle/.voila/voila.py",
            "00_accueil.ipynb",
            "x.json",
            "a.py",
            "salle/abc/mes_resultats.json",
            "../../etc/passwd",
        ):
            assert (await visitor.request(f"/voila/files/{path}")).code in (403, 404), path

    run(scenario())


def test_the_trainer_view_is_the_trainers(room):
    async def scenario():
        visitor = Visitor(room.base)
        await visitor.request(f"/voila/render/01_integrer_le_concept.ipynb?token={CODE}")
        for path in (
            "/voila/render/05_salle.ipynb",
            "/voila/render/05_SALLE.ipynb",
            "/voila/render/%305_salle.ipynb",
            f"/voila/render/05_salle.ipynb?token={CODE}",
        ):
            response = await visitor.request(path, follow=False)  # not /login: it would send them back, in a loop
            assert response.code == 403 and "réservée au formateur" in response.body.decode(), path
            assert "kernelId" not in response.body.decode()
        stranger = await Visitor(room.base).request("/voila/render/05_salle.ipynb", follow=False)
        assert stranger.code == 302 and stranger.headers["Location"].startswith("/login")
        trainer = Visitor(room.base)
        first = await trainer.request(f"/voila/render/05_salle.ipynb?token={room.trainer_key}", follow=False)
        assert first.code == 302 and first.headers["Location"] == "/voila/render/05_salle.ipynb"  # key out of the bar
        assert (await trainer.request(first.headers["Location"])).code == 200

    run(scenario())


def test_visitors_have_their_own_files_and_run_no_code(room, tmp_path):
    grid = load_grid()
    marker = tmp_path / "MARQUEUR"

    async def visit(name: str) -> Visitor:
        visitor = Visitor(room.base)
        kernel = await visitor.open("00_accueil.ipynb", f"?token={CODE}")
        project = find(await kernel.widgets(), "TextModel", description="Mon projet\u00a0:")
        await kernel.set_value(project, name)
        kernel.send(
            "execute_request",
            {
                "code": f"open({str(marker)!r}, 'w').write('exécuté')",
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
        )
        await kernel.idle()  # the kernel handles its messages in order: an execute would be done by now
        kernel.close()
        return visitor

    async def scenario():
        one, _ = await asyncio.gather(visit("Projet <b>Un</b>"), visit("Projet Deux"))
        files = sorted(room.folder.glob("*/mes_resultats.json"))
        names = {read_results(path, grid).project: path for path in files}
        assert {"Projet <b>Un</b>", "Projet Deux"} <= set(names)
        assert names["Projet <b>Un</b>"].parent != names["Projet Deux"].parent
        assert all(re.fullmatch("[a-z0-9]{8,32}", path.parent.name) for path in files)
        assert not marker.exists()
        # the first visitor comes back with the same cookie, on another notebook: same file
        kernel = await one.open("01_integrer_le_concept.ipynb")
        states = await kernel.widgets()
        assert find(states, "TextModel", description="Mon projet\u00a0:", value="Projet <b>Un</b>")
        kernel.close()

    run(scenario())


def test_the_list_of_notebooks_leads_to_the_welcome_page(room):
    """Voilà's list of notebooks loads a style sheet from the internet: never served, to visitors or trainer."""

    async def scenario():
        for key in (CODE, room.trainer_key):
            someone = Visitor(room.base)
            await someone.request(f"/voila/render/00_accueil.ipynb?token={key}", follow=False)  # the cookie only
            for path in ("/", "/voila/tree", "/voila/tree/", "/voila/tree/sous-dossier", f"/voila/tree?token={key}"):
                response = await someone.request(path, follow=False)
                assert response.code == 302, (key == CODE, path, response.code)
                assert response.headers["Location"] == "/voila/render/00_accueil.ipynb", path
        trainer_listing = await someone.request("/voila/tree/salle", follow=False)
        assert trainer_listing.headers["Location"] == "/voila/render/00_accueil.ipynb"

    run(scenario())


def test_a_pooled_room_gives_each_visitor_their_own_file(tmp_path):
    """``--pool 1``: the visitors' kernels were started before they came, and still know whose they are."""
    grid = load_grid()
    pooled = Room(tmp_path, "--pool", "1")
    try:

        async def visit(visitor: Visitor, name: str) -> str:
            kernel = await visitor.open("00_accueil.ipynb", f"?token={CODE}")
            await kernel.set_value(find(await kernel.widgets(), "TextModel", description="Mon projet\u00a0:"), name)
            kernel.close()
            return kernel.id

        async def scenario():
            one, two = Visitor(pooled.base), Visitor(pooled.base)
            kernels = await asyncio.gather(visit(one, "Projet Un"), visit(two, "Projet Deux"))
            names = {
                read_results(path, grid).project: path.parent.name
                for path in pooled.folder.glob("*/mes_resultats.json")
            }
            assert set(names) == {"Projet Un", "Projet Deux"} and len(set(names.values())) == 2
            kernel = await one.open("00_accueil.ipynb")  # back, on a kernel the pool started for no one
            assert find(await kernel.widgets(), "TextModel", description="Mon projet\u00a0:", value="Projet Un")
            kernel.close()
            return [*kernels, kernel.id]

        kernels = run(scenario())
        log = Path(pooled.log.name).read_text(encoding="utf-8")
        for kernel_id in kernels:
            assert f"Using pre-heated kernel: {kernel_id}" in log
    finally:
        pooled.stop()
