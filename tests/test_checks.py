"""``make check``: ruff's lint and format checks and mypy pass on the tree, and each fails on what it is for.

The tree is copied (every file git knows, as it is in the working tree) so that errors can be planted without
touching the repository; the copy is checked with this environment's tools, as ``make check`` runs them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .make import make_env

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PLANTED = "isgrille/content/limits.py"  # any module of the strict core does


def _tools() -> None:
    missing = [tool for tool in ("ruff", "mypy") if not (BIN / tool).exists()]
    if missing and os.environ.get("CI"):
        pytest.fail(f"make check needs {', '.join(missing)}: install the check extra (make test does)")
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (pip install -e '.[check]')")


@pytest.fixture(scope="module")
def mypy_cache(tmp_path_factory):
    """One mypy cache for the module's runs: the first run checks everything, the others only what changed."""
    return tmp_path_factory.mktemp("mypy_cache")


@pytest.fixture
def tree(tmp_path):
    """A copy of the repository's files (those git tracks or would add), in a folder of the test's own."""
    _tools()
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.split(b"\0")
    copy = tmp_path / "tree"
    for name in filter(None, (item.decode() for item in listed)):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy / name)
    return copy


def make_check(tree: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    """``make check`` in ``tree`` with this environment's tools (the venv is not rebuilt)."""
    venv = BIN.parent
    return subprocess.run(
        ["make", "--no-print-directory", f"VENV={venv}", "-o", f"{venv}/.test", "check"],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=900,
        env=make_env(MYPY_CACHE_DIR=str(cache)),
    )


def plant(tree: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in the planted module; ``old`` empty: append ``new`` to it."""
    path = tree / PLANTED
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1) if old else text + new, encoding="utf-8")


def test_the_tree_passes_make_check(tree, mypy_cache):
    result = make_check(tree, mypy_cache)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "ruff check" in result.stdout and "ruff format --check" in result.stdout and "mypy" in result.stdout


def test_an_unused_import_fails_the_lint(tree, mypy_cache):
    plant(tree, "from __future__ import annotations\n", "from __future__ import annotations\n\nimport json\n")
    result = make_check(tree, mypy_cache)
    assert result.returncode != 0
    assert f"{PLANTED}:" in result.stdout and "F401" in result.stdout


def test_a_formatting_change_fails_the_format_check(tree, mypy_cache):
    plant(tree, "", "PLANTED = ( 1 )\n")
    result = make_check(tree, mypy_cache)
    assert result.returncode != 0
    assert "All checks passed!" in result.stdout  # the lint passed: the format check failed
    assert (
        PLANTED in result.stdout
        and "PLANTED = ( 1 )" in result.stdout
        and "1 file would be reformatted" in result.stdout
    )


def test_a_type_error_fails_the_type_check(tree, mypy_cache):
    plant(tree, "", '\n\ndef planted() -> int:\n    return "un"\n')
    result = make_check(tree, mypy_cache)
    assert result.returncode != 0
    assert f"{PLANTED}:" in result.stdout and "[return-value]" in result.stdout


def test_pre_commit_runs_the_same_tools_as_make_check():
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ncheck:", 1)[1].split("\n\n", 1)[0]
    commands = [line.strip().replace("$(BIN)/", "") for line in recipe.splitlines()[1:] if line.startswith("\t")]
    entries = [hook["entry"].replace(".venv/bin/", "").replace(" --force-exclude", "") for hook in hooks]
    assert [entry.split(" .")[0] for entry in entries] == [command.split(" .")[0] for command in commands]
