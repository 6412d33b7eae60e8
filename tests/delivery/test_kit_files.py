"""Tests of isgrille.delivery.kit_files: the workshop's files in a checkout, and ``init_workshop`` copying them.

The installed case (a wheel in a fresh virtual environment) is in tests/test_packaging.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import isgrille
from isgrille.content.errors import ContentError
from isgrille.delivery import kit_files
from isgrille.delivery.kit_files import (
    TEMPLATES,
    init_workshop,
    is_workshop,
    notebooks_dir,
    share_dir,
    workshop_files,
    workshop_notebooks,
)

REPO = Path(isgrille.__file__).resolve().parent.parent
NOTEBOOKS = sorted(path.name for path in (REPO / "notebooks").glob("*.ipynb"))


def test_a_checkout_uses_the_repository_folders():
    assert notebooks_dir() == REPO / "notebooks"
    assert share_dir() == REPO / "share" / "jupyter"
    assert [path.name for path in workshop_notebooks()] == NOTEBOOKS


def test_share_dir_falls_back_to_the_prefix_then_none(tmp_path, monkeypatch):
    monkeypatch.setattr(kit_files, "_CHECKOUT", tmp_path / "ailleurs")
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    assert share_dir() is None
    for name in TEMPLATES:
        folder = tmp_path / "share" / "jupyter" / "voila" / "templates" / name
        folder.mkdir(parents=True)
        (folder / "index.html.j2").write_text("{# x #}", encoding="utf-8")
    assert share_dir() == tmp_path / "share" / "jupyter"


def test_workshop_files_are_the_notebooks_and_the_npm_manifests_only():
    files = [str(path) for path in workshop_files()]
    assert files == [
        *NOTEBOOKS,
        str(Path("_vendor", "package.json")),
        str(Path("_vendor", "package-lock.json")),
        "LICENSE-CONTENT",
    ]
    assert not [name for name in files if "resultats" in name or "node_modules" in name]


def test_init_copies_the_workshop_into_a_new_folder(tmp_path):
    folder = tmp_path / "atelier" / "salle"
    result = init_workshop(folder)
    assert result.existing == () and result.written == tuple(folder / name for name in workshop_files())
    assert is_workshop(folder) and not is_workshop(tmp_path)
    for name in workshop_files():
        assert (folder / name).read_bytes() == (notebooks_dir() / name).read_bytes()
    assert not (folder / "resultats").exists()


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path):
    mine = tmp_path / "01_integrer_le_concept.ipynb"
    mine.write_text("mes notes", encoding="utf-8")
    result = init_workshop(tmp_path)
    assert result.written == () and result.existing == (mine,)
    assert mine.read_text(encoding="utf-8") == "mes notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == [mine.name]


def test_init_with_force_replaces_files(tmp_path):
    mine = tmp_path / "01_integrer_le_concept.ipynb"
    mine.write_text("mes notes", encoding="utf-8")
    result = init_workshop(tmp_path, force=True)
    assert mine in result.written and mine.read_bytes() == (notebooks_dir() / mine.name).read_bytes()


def test_init_with_force_never_replaces_a_folder(tmp_path):
    (tmp_path / "00_accueil.ipynb").mkdir()
    with pytest.raises(ContentError) as caught:
        init_workshop(tmp_path, force=True)
    assert str(caught.value).startswith(f"{tmp_path / '00_accueil.ipynb'}: ce n'est pas un fichier ordinaire")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["00_accueil.ipynb"]
