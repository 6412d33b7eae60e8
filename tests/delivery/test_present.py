"""Tests of isgrille.delivery.present: the Voilà command lines (app and slides) and the vendored files.

Most tests start nothing: they read the ``argv`` and environment that
``voila_command`` builds, and point ``VENDOR`` at a folder in ``tmp_path``.
The last ones start the real server on 127.0.0.1 and follow the link to
LICENSE-CONTENT from a rendered page.
"""

from __future__ import annotations

import ast
import json
import os
import re
import sys
from pathlib import Path

import pytest

import isgrille
from isgrille.delivery import present
from isgrille.delivery.present import vendor_missing, voila_command

#: The repository, found from the package (not from the module under test).
REPO = Path(isgrille.__file__).resolve().parent.parent
SHARE = REPO / "share" / "jupyter"


def option(argv: list[str], name: str) -> str:
    """The value of ``--name=value`` in argv (exactly one such option)."""
    [value] = [arg.split("=", 1)[1] for arg in argv if arg.startswith(f"--{name}=")]
    return value


@pytest.mark.parametrize("slides, template", [(False, "isgrille"), (True, "isgrille-slides")])
def test_voila_serves_the_notebooks_on_localhost(slides, template):
    argv, _ = voila_command(slides=slides, port=9123)
    assert argv[:4] == [sys.executable, "-m", "isgrille.delivery.present", str(REPO / "notebooks")]  # Voilà + licence
    assert "--no-browser" in argv
    assert option(argv, "Voila.ip") == "127.0.0.1"
    assert option(argv, "Voila.port") == "9123"
    assert option(argv, "template") == template
    assert (SHARE / "voila" / "templates" / template).is_dir()


def test_the_app_takes_no_slide_resources():
    argv, _ = voila_command(slides=False)
    assert option(argv, "Voila.port") == "8866"
    assert not [arg for arg in argv if "reveal" in arg or "jquery" in arg or "_vendor" in arg]


def test_the_slides_take_reveal_and_jquery_from_the_vendor_folder():
    argv, _ = voila_command(slides=True, port=8870)
    resources = ast.literal_eval(option(argv, "VoilaConfiguration.resources"))
    assert resources["reveal"]["url_prefix"] == "/voila/files/_vendor/node_modules/reveal.js"
    assert resources["reveal"]["theme"] == "white" and resources["reveal"]["scroll"] is True
    assert option(argv, "VoilaExporter.jquery_url") == "/voila/files/_vendor/node_modules/jquery/dist/jquery.min.js"
    [allowed] = json.loads(option(argv, "VoilaConfiguration.file_allowlist"))
    for served in (
        "_vendor/node_modules/reveal.js/dist/reveal.js",
        "_vendor/node_modules/reveal.js/dist/reveal.css",
        "_vendor/node_modules/reveal.js/dist/theme/fonts/source-sans-pro.woff2",
        "images/logo.png",
    ):
        assert re.fullmatch(allowed, served), served
    for kept in ("00_accueil.ipynb", "resultats/mes_resultats.json", "data/grid.yaml"):
        assert not re.fullmatch(allowed, kept), kept
    assert "http" not in " ".join(argv)  # offline: no CDN


def test_another_notebooks_folder(tmp_path):
    argv, _ = voila_command(notebooks=tmp_path)
    assert argv[3] == str(tmp_path)


def test_jupyter_path_puts_the_kit_templates_first_and_keeps_the_existing_one(monkeypatch, tmp_path):
    monkeypatch.setenv("JUPYTER_PATH", os.pathsep.join([str(tmp_path / "a"), str(tmp_path / "b")]))
    monkeypatch.setenv("ISGRILLE_TEST_MARK", "gardé")
    _, env = voila_command()
    assert env["JUPYTER_PATH"].split(os.pathsep) == [str(SHARE), str(tmp_path / "a"), str(tmp_path / "b")]
    assert env["ISGRILLE_TEST_MARK"] == "gardé"  # the rest of the environment is passed on
    assert os.environ["JUPYTER_PATH"] == os.pathsep.join([str(tmp_path / "a"), str(tmp_path / "b")])


@pytest.mark.parametrize("value", [None, ""])
def test_jupyter_path_without_an_existing_one(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("JUPYTER_PATH", raising=False)
    else:
        monkeypatch.setenv("JUPYTER_PATH", value)
    _, env = voila_command(slides=True)
    assert env["JUPYTER_PATH"] == str(SHARE)


# --- vendor_missing ------------------------------------------------------------------


@pytest.fixture
def vendor(tmp_path, monkeypatch):
    folder = tmp_path / "node_modules"
    monkeypatch.setattr(present, "VENDOR", folder)
    return folder


REVEAL = Path("reveal.js") / "dist" / "reveal.js"
JQUERY = Path("jquery") / "dist" / "jquery.min.js"


def test_vendor_missing_lists_both_files_when_the_folder_is_absent(vendor):
    assert not vendor.exists()
    assert vendor_missing() == [str(vendor / REVEAL), str(vendor / JQUERY)]


@pytest.mark.parametrize("installed, missing", [([REVEAL], [JQUERY]), ([JQUERY], [REVEAL]), ([REVEAL, JQUERY], [])])
def test_vendor_missing_lists_what_is_not_installed(vendor, installed, missing):
    for relative in installed:
        (vendor / relative).parent.mkdir(parents=True, exist_ok=True)
        (vendor / relative).write_text("// vendored", encoding="utf-8")
    assert vendor_missing() == [str(vendor / relative) for relative in missing]


# --- idle kernels, and which folder to serve -------------------------------------------


@pytest.mark.parametrize("slides", [False, True])
def test_idle_kernels_are_culled(slides):
    argv, _ = voila_command(slides=slides)
    assert option(argv, "MappingKernelManager.cull_idle_timeout") == str(present.CULL_IDLE) == "600"
    assert option(argv, "MappingKernelManager.cull_interval") == "60"
    assert option(argv, "MappingKernelManager.cull_connected") == "False"  # an open page keeps its kernel


def test_a_shorter_cull_for_tests():
    argv, _ = voila_command(cull_idle=5, cull_interval=1)
    assert (
        option(argv, "MappingKernelManager.cull_idle_timeout"),
        option(argv, "MappingKernelManager.cull_interval"),
    ) == ("5", "1")


def test_workshop_folder_in_a_checkout(tmp_path):
    assert present.workshop_folder() == REPO / "notebooks"
    assert present.workshop_folder(cwd=tmp_path) == REPO / "notebooks"


def test_workshop_folder_asked_for(tmp_path):
    assert present.workshop_folder(tmp_path) is None
    (tmp_path / "00_accueil.ipynb").write_text("{}", encoding="utf-8")
    assert present.workshop_folder(tmp_path) == tmp_path


def test_workshop_folder_of_an_installed_kit_is_the_current_one(tmp_path, monkeypatch):
    monkeypatch.setattr(present, "notebooks_dir", lambda: tmp_path / "site-packages" / "isgrille" / "_notebooks")
    assert present.workshop_folder(cwd=tmp_path) is None
    (tmp_path / "00_accueil.ipynb").write_text("{}", encoding="utf-8")
    assert present.workshop_folder(cwd=tmp_path) == tmp_path


def test_the_slides_of_another_folder_take_its_vendor(tmp_path):
    assert vendor_missing(tmp_path) == [
        str(tmp_path / "_vendor" / "node_modules" / "reveal.js" / "dist" / "reveal.js"),
        str(tmp_path / "_vendor" / "node_modules" / "jquery" / "dist" / "jquery.min.js"),
    ]


def test_voila_waits_for_outputs_long_enough_everywhere_it_is_started():
    """nbclient's 4 s default dropped the quiz of visitors whose kernels started together (seen in the room test)."""
    import json

    from isgrille.delivery.present import IOPUB_TIMEOUT, ROOT, voila_argv

    assert IOPUB_TIMEOUT >= 30
    assert f"--VoilaExecutor.iopub_timeout={IOPUB_TIMEOUT}" in voila_argv(None, "127.0.0.1", 8866)
    for config in (ROOT / "voila.json", ROOT / ".jupyter" / "jupyter_server_config.json"):
        assert json.loads(config.read_text(encoding="utf-8"))["VoilaExecutor"] == {"iopub_timeout": IOPUB_TIMEOUT}


# --- LICENSE-CONTENT, served where the page is ------------------------------------------------------


def test_the_licence_served_is_the_folder_s_own_else_the_kit_s(tmp_path):
    from isgrille.delivery.kit_files import licence_file

    assert present.licence_for(REPO / "notebooks").resolve() == licence_file() == REPO / "LICENSE-CONTENT"
    assert present.licence_for(tmp_path) == REPO / "LICENSE-CONTENT"
    (tmp_path / "LICENSE-CONTENT").write_text("copie de l'atelier\n", encoding="utf-8")
    assert present.licence_for(tmp_path) == tmp_path / "LICENSE-CONTENT"
    assert present.LICENCE_URL == "/voila/render/LICENSE-CONTENT"


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    """``present``'s Voilà, started as trainers start it (``voila_command``), on a free port of 127.0.0.1."""

    def __init__(self, folder: Path, log: Path):
        import subprocess
        import time
        import urllib.request

        self.port = _free_port()
        argv, env = voila_command(port=self.port, notebooks=folder)
        self.log = log.open("w")
        self.process = subprocess.Popen(argv, env=env, cwd=folder, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert self.process.poll() is None, log.read_text(encoding="utf-8")
            try:
                urllib.request.urlopen(self.url("/voila/tree"), timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        raise AssertionError(f"Voilà did not answer within 90 s: {log}")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, url: str):
        import urllib.error
        import urllib.request

        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def stop(self) -> None:
        import subprocess

        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


LINK = "Attribution et liste des modifications"
#: The link every notebook's attribution gives (checked below): the file beside the notebook.
NOTEBOOK_HREF = "LICENSE-CONTENT"


def test_every_notebook_links_the_licence_beside_it():
    notebooks = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert notebooks and all(f'href=\\"{NOTEBOOK_HREF}\\"' in path.read_text(encoding="utf-8") for path in notebooks)
    assert (REPO / "notebooks" / NOTEBOOK_HREF).read_bytes() == (REPO / "LICENSE-CONTENT").read_bytes()


def _page_linking_the_licence(folder: Path) -> None:
    """A notebook whose only cell links LICENSE-CONTENT as the attribution does from a page of ``present``."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell(f'<a class="isg-licence" href="{NOTEBOOK_HREF}">{LINK}</a>')]
    nbformat.write(notebook, folder / "lien.ipynb")


@pytest.mark.timeout(240)
@pytest.mark.parametrize("copy", [False, True], ids=["checkout", "init"])
def test_a_page_s_link_to_the_licence_opens_offline(tmp_path, copy):
    """The real server: a rendered page's relative link resolves to LICENSE-CONTENT, on 127.0.0.1."""
    import html.parser
    from urllib.parse import urljoin

    from isgrille.delivery.kit_files import init_workshop

    folder = tmp_path / "atelier"
    if copy:  # python -m isgrille init: the folder's own copy, which a trainer may have edited
        init_workshop(folder)
        (folder / "LICENSE-CONTENT").write_text("Copie de l'atelier\u00a0: CC BY-NC-SA 4.0\n", encoding="utf-8")
        expected = (folder / "LICENSE-CONTENT").read_bytes()
    else:  # the checkout: the notebooks folder holds no copy, the repository's is served
        folder.mkdir()
        (folder / "00_accueil.ipynb").write_text("{}", encoding="utf-8")
        expected = (REPO / "LICENSE-CONTENT").read_bytes()
    _page_linking_the_licence(folder)
    server = Served(folder, tmp_path / "voila.log")
    try:
        page = server.url("/voila/render/lien.ipynb")
        status, _, body = server.get(page)
        assert status == 200, body[-2000:]

        class Links(html.parser.HTMLParser):
            def __init__(self) -> None:
                super().__init__()
                self.found: list[str] = []

            def handle_starttag(self, tag, attrs):
                attrs = dict(attrs)
                if tag == "a" and attrs.get("class") == "isg-licence":
                    self.found.append(attrs["href"])

        links = Links()
        links.feed(body.decode("utf-8"))
        [href] = links.found
        target = urljoin(page, href)
        assert target == server.url(present.LICENCE_URL)
        status, headers, text = server.get(target)
        assert (status, headers["Content-Type"]) == (200, "text/plain; charset=utf-8")
        assert text == expected and b"CC BY-NC-SA 4.0" in text
        assert server.get(server.url("/voila/files/LICENSE"))[0] == 403  # nothing else is opened by it
        assert server.get(server.url("/voila/files/lien.ipynb"))[0] == 403
    finally:
        server.stop()
