"""Every notebook and the command line run on a trainer's own content pack, unlike the shipped one (issue 17).

The pack is generated from the shipped one (``python -m isgrille pack``) and
then made as unlike ATIS's as the formats allow: fifty quiz statements
answered OUI / NON, a programme of two entries at other times, another
title and organisation, stages with no offer at all. Each notebook is
executed top to bottom in a real kernel with ``ISGRILLE_CONTENT`` and a
results file of this attempt's own, and shows the pack's text; ``validate``
accepts the pack as a whole.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from isgrille.content.loading import CONTENT_ENV
from isgrille.delivery.cli import main

from .packs import STATEMENTS, write_unlike_pack

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    return write_unlike_pack(tmp_path_factory.mktemp("pack") / "atelier_zebre")


def test_validate_accepts_the_generated_pack(pack, capsys):
    assert main(["validate", str(pack)]) == 0
    assert "dossier de contenu valide" in capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(path.stem for path in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")))
def test_every_notebook_runs_on_the_pack(pack, tmp_path, monkeypatch, name):
    monkeypatch.setenv(CONTENT_ENV, str(pack))
    monkeypatch.delenv("ISGRILLE_GRID", raising=False)
    monkeypatch.setenv("ISGRILLE_RESULTS", str(tmp_path / "resultats" / "mes_resultats.json"))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(NOTEBOOKS.parent),
                                                                    os.environ.get("PYTHONPATH")])))
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    NotebookClient(notebook, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    shown = "\n".join(output.get("data", {}).get("text/html", "") for cell in notebook.cells
                      for output in cell.get("outputs", []))
    states = notebook.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    shown += "\n".join(str(state["state"].get("value", "")) for state in states.get("state", {}).values())
    if name == "00_accueil":
        assert "Collectif Zèbre" in shown and "Le quiz du collectif" in shown
    if name == "01_integrer_le_concept":
        assert f"Affirmation 1 / {STATEMENTS}" in shown and "Affirmation d&#x27;essai numéro 1." in shown
        assert "VRAI" not in shown.replace("VRAI / FAUX", "")
