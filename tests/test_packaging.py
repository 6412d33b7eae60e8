"""Packaging: the wheel ships the content, environment.yml matches pyproject, Binder builds with conda."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def _names(requirements: list[str]) -> dict[str, str]:
    """Package name (normalised) -> version constraint."""
    result = {}
    for requirement in requirements:
        match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
        result[match.group(1).lower().replace("_", "-")] = match.group(2).replace(" ", "")
    return result


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = _names(project["dependencies"] + project["optional-dependencies"]["lab"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
    listed = [d for d in env["dependencies"] if isinstance(d, str)]
    conda = _names([d for d in listed if not d.startswith(("python", "pip"))])
    assert conda == wanted
    assert "python=3.11" in listed
    assert not any(isinstance(d, dict) for d in env["dependencies"]), "no pip section with local paths"


def test_postbuild_installs_the_package():
    text = (ROOT / "postBuild").read_text(encoding="utf-8").splitlines()
    commands = [line for line in text if line.strip() and not line.startswith("#")]
    assert commands[0] == "set -e"
    assert "pip install --no-deps -e ." in commands
    assert os.access(ROOT / "postBuild", os.X_OK)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=600,
    )
    (found,) = out.glob("isgrille-*.whl")
    return found


def test_wheel_holds_the_content(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for expected in ("isgrille/_data/grid.yaml", "isgrille/_data/quiz.yaml",
                     "isgrille/_data/schema/grid.schema.json",
                     "isgrille/_data/examples/cohort_fictional.csv"):
        assert expected in names


def test_non_editable_install_finds_the_content(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True, capture_output=True, timeout=600,
    )
    code = (
        "import isgrille, pathlib; "
        "print(pathlib.Path(isgrille.__file__).parent); print(isgrille.data_dir()); "
        "print(len(isgrille.load_grid().criteria), len(isgrille.load_quiz().items))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                            capture_output=True, text=True, check=True)
    package, data, counts = result.stdout.splitlines()
    assert Path(package) == target / "isgrille"
    assert Path(data) == target / "isgrille" / "_data"
    assert counts == "12 7"


def test_repo2docker_picks_conda_and_runs_postbuild(tmp_path):
    exe = shutil.which("jupyter-repo2docker", path=str(Path(sys.executable).parent)) or shutil.which("jupyter-repo2docker")
    if exe is None:
        pytest.skip("jupyter-repo2docker is not installed (pip install '.[test]')")
    result = subprocess.run([exe, "--no-build", "--debug", str(ROOT)], capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-2000:]
    assert "Building conda environment for python=3.11" in output
    assert "RUN ./postBuild" in output
