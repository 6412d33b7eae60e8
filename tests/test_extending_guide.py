"""The guide for analysts (docs/extending.md) and its example use only the kit's public, documented API (issue 17).

Every ``isgrille.NAME`` the guide or its example notebook names is exported
(``__all__`` of its module) and has a docstring; the guide's example notebook
and quiz file exist (nbval runs the notebook with the others), and the quiz
file is valid content.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest

from isgrille.delivery.validate import validate_file

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "extending.md"
EXAMPLE = ROOT / "notebooks" / "exemples" / "nouvel_exercice.ipynb"


def _texts() -> str:
    cells = json.loads(EXAMPLE.read_text(encoding="utf-8"))["cells"]
    return GUIDE.read_text(encoding="utf-8") + "\n".join("".join(cell["source"]) for cell in cells)


def _named() -> list[tuple[str, str]]:
    """Each (module, name) the guide and the example use: ``isgrille.a.b.name`` or ``from isgrille.a import name``."""
    text = _texts()
    found = set()
    for dotted in re.findall(r"\bisgrille(?:\.[a-z_]+)*\.[A-Za-z_]+\b", text):
        parts = dotted.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            module = ".".join(parts[:cut])
            try:
                importlib.import_module(module)
            except ImportError:
                continue
            found.add((module, parts[cut]))
            break
    for module, names in re.findall(r"from (isgrille(?:\.[a-z_]+)*) import ([\w, ]+)", text):
        found |= {(module, name.strip()) for name in names.split(",")}
    return sorted(found)


def test_the_guide_and_its_example_exist():
    assert GUIDE.is_file() and EXAMPLE.is_file()
    assert "nouvel_exercice.ipynb" in GUIDE.read_text(encoding="utf-8")
    assert validate_file(EXAMPLE.parent / "mon_quiz.yaml") == "quiz"


@pytest.mark.parametrize(("module", "name"), _named())
def test_every_name_used_is_public_and_documented(module, name):
    imported = importlib.import_module(module)
    item = getattr(imported, name)
    if isinstance(item, type(importlib)):  # a module named by its package
        assert item.__doc__
        return
    assert name in getattr(imported, "__all__", ()), f"{module}.{name} is not in __all__"
    assert getattr(item, "__doc__", None), f"{module}.{name} has no docstring"
