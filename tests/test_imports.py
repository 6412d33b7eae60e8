"""The core stays light: importing isgrille pulls in neither matplotlib, ipywidgets, pandas nor pydantic."""

from __future__ import annotations

import subprocess
import sys

import isgrille

HEAVY = ("matplotlib", "ipywidgets", "pandas", "pydantic", "yaml")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {name.split(".")[0] for name in out.split()}


def test_import_is_light():
    loaded = _modules_after("import isgrille")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_loading_does_not_pull_plotting_or_widgets():
    loaded = _modules_after("import isgrille; isgrille.load_grid(); isgrille.load_quiz()")
    assert "pydantic" in loaded  # validation happened
    assert not loaded & {"matplotlib", "ipywidgets", "pandas"}


def test_public_face():
    for name in isgrille.__all__:
        assert hasattr(isgrille, name), name
    assert {
        "load_grid",
        "load_quiz",
        "score_assessment",
        "find_improvement_axes",
        "compare_assessments",
        "score_quiz",
    } <= set(isgrille.__all__)
