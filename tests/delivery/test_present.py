"""Tests of isgrille.delivery.present: the Voilà command lines (app and slides) and the vendored files.

Nothing is started: the tests read the ``argv`` and environment that
``voila_command`` builds, and point ``VENDOR`` at a folder in ``tmp_path``.
"""

from __future__ import annotations

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
    assert argv[:4] == [sys.executable, "-m", "voila", str(REPO / "notebooks")]
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
    resources = json.loads(option(argv, "VoilaConfiguration.resources"))
    assert resources["reveal"]["url_prefix"] == "/voila/files/_vendor/node_modules/reveal.js"
    assert resources["reveal"]["theme"] == "white"
    assert option(argv, "VoilaExporter.jquery_url") == "/voila/files/_vendor/node_modules/jquery/dist/jquery.min.js"
    [allowed] = json.loads(option(argv, "VoilaConfiguration.file_allowlist"))
    for served in ("_vendor/node_modules/reveal.js/dist/reveal.js", "_vendor/node_modules/reveal.js/dist/reveal.css",
                   "_vendor/node_modules/reveal.js/dist/theme/fonts/source-sans-pro.woff2", "images/logo.png"):
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
    assert (option(argv, "MappingKernelManager.cull_idle_timeout"), option(argv, "MappingKernelManager.cull_interval")) == ("5", "1")


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
    assert vendor_missing(tmp_path) == [str(tmp_path / "_vendor" / "node_modules" / "reveal.js" / "dist" / "reveal.js"),
                                        str(tmp_path / "_vendor" / "node_modules" / "jquery" / "dist" / "jquery.min.js")]


def test_voila_waits_for_outputs_long_enough_everywhere_it_is_started():
    """nbclient's 4 s default dropped the quiz of visitors whose kernels started together (seen in the room test)."""
    import json

    from isgrille.delivery.present import IOPUB_TIMEOUT, ROOT, voila_argv

    assert IOPUB_TIMEOUT >= 30
    assert f"--VoilaExecutor.iopub_timeout={IOPUB_TIMEOUT}" in voila_argv(None, "127.0.0.1", 8866)
    for config in (ROOT / "voila.json", ROOT / ".jupyter" / "jupyter_server_config.json"):
        assert json.loads(config.read_text(encoding="utf-8"))["VoilaExecutor"] == {"iopub_timeout": IOPUB_TIMEOUT}
