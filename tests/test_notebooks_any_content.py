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

from pathlib import Path

import pytest

from isgrille.delivery.cli import main

from .packs import NOTEBOOKS, STATEMENTS, run_with_pack, shown_html, write_unlike_pack


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    return write_unlike_pack(tmp_path_factory.mktemp("pack") / "atelier_zebre")


def test_validate_accepts_the_generated_pack(pack, capsys):
    assert main(["validate", str(pack)]) == 0
    assert "dossier de contenu valide" in capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(path.stem for path in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")))
def test_every_notebook_runs_on_the_pack(pack, tmp_path, monkeypatch, name):
    shown = shown_html(run_with_pack(name, pack, tmp_path, monkeypatch))
    if name == "00_accueil":
        assert "Collectif Zèbre" in shown and "Le quiz du collectif" in shown
    if name == "01_integrer_le_concept":
        assert f"Affirmation 1 / {STATEMENTS}" in shown and "Affirmation d&#x27;essai numéro 1." in shown
        assert "VRAI" not in shown.replace("VRAI / FAUX", "")
