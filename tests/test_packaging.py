"""Packaging: the wheel ships the content, environment.yml matches pyproject, Binder builds with conda."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .test_pins import binder

ROOT = Path(__file__).resolve().parent.parent


def test_environment_yml_matches_pyproject():
    """Binder installs every package pyproject asks for (kit and lab), pinned inside pyproject's range.

    environment.yml is written from the lock (tests/test_pins.py checks every package and version against it);
    here, the view from pyproject: conda-forge's names, PyPI-only packages in the pip section, by name.
    """
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(line) for line in project["dependencies"] + project["optional-dependencies"]["lab"]]
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
    listed = [d for d in env["dependencies"] if isinstance(d, str)]
    sections = [d for d in env["dependencies"] if isinstance(d, dict)]
    assert all(set(d) == {"pip"} for d in sections), "only a pip section besides conda's packages"
    from_pip = [spec for d in sections for spec in d["pip"]]  # on PyPI only (the French language pack…)
    assert not any(re.search(r"[/\\]|^\.|^-e", spec) for spec in from_pip), "pip installs by name, never a path"
    assert listed[:2] == ["python=3.11", "pip"]
    assert [spec for spec in listed[2:] + from_pip if spec.count("==") != 1] == [], "exact pins only"
    pinned = dict(spec.split("==") for spec in listed[2:] + from_pip)
    assert len(pinned) == len(listed) - 2 + len(from_pip), "one exact pin per package"
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        spelled = binder.PIP_ONLY[name] if name in binder.PIP_ONLY else binder.conda_name(name)
        assert spelled in pinned, f"{requirement.name} is not in environment.yml (as {spelled})"
        assert requirement.specifier.contains(pinned[spelled], prereleases=True), f"{spelled}=={pinned[spelled]}"
        assert (f"{spelled}=={pinned[spelled]}" in from_pip) == (name in binder.PIP_ONLY)
    assert "jupyterlab-language-pack-fr-FR" in {spec.split("==")[0] for spec in from_pip}


def test_postbuild_installs_the_package():
    text = (ROOT / "postBuild").read_text(encoding="utf-8").splitlines()
    commands = [line for line in text if line.strip() and not line.startswith("#")]
    assert commands[0] == "set -e"
    assert "pip install --no-deps -e ." in commands
    assert os.access(ROOT / "postBuild", os.X_OK)


def build_wheel(out: Path) -> Path:
    """Build the kit's wheel from the repository into ``out``."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (found,) = out.glob("isgrille-*.whl")
    return found


def kit_venv(wheel: Path, folder: Path) -> Path:
    """A fresh virtual environment with the wheel installed (not editable); its python.

    The lab extras (Voilà, ipykernel…) are not downloaded: a ``.pth`` file
    lets the new environment see this one's packages, after its own.
    """
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=300)
    python = folder / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    own = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(own) / "zz_outer_env.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    _link_missing(Path(sys.prefix) / "share" / "jupyter", folder / "share" / "jupyter")  # as if installed here too
    return python


def _link_missing(source: Path, target: Path) -> None:
    """Link into ``target`` what ``source`` holds and ``target`` lacks (Voilà's own templates, the kernel spec)."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in source.iterdir():
        if not (target / entry.name).exists():
            (target / entry.name).symlink_to(entry)
        elif entry.is_dir() and not (target / entry.name).is_symlink():
            _link_missing(entry, target / entry.name)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without PYTHONPATH or JUPYTER_PATH: only what is installed is found."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "JUPYTER_PATH", "ISGRILLE_RESULTS")}
    return {**env, **extra}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


def test_wheel_holds_the_content(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for expected in (
        "isgrille/_data/grid.yaml",
        "isgrille/_data/quiz.yaml",
        "isgrille/_data/schema/grid.schema.json",
        "isgrille/_data/examples/cohort_fictional.csv",
        "isgrille/_data/grids/questions_cles.yaml",
        "isgrille/_data/examples/questions_cles/results_fictional.json",
        "isgrille/_data/examples/questions_cles/cohort_fictional.csv",
    ):
        assert expected in names


def test_non_editable_install_finds_the_content(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    code = (
        "import isgrille, pathlib; "
        "print(pathlib.Path(isgrille.__file__).parent); print(isgrille.data_dir()); "
        "print(len(isgrille.load_grid().criteria), len(isgrille.load_quiz().items)); "
        "from isgrille.content.loading import grid_source; "
        "print(grid_source('questions_cles'), len(isgrille.load_grid(grid_source('questions_cles')).criteria))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    )
    package, data, counts, key_questions = result.stdout.splitlines()
    assert Path(package) == target / "isgrille"
    assert Path(data) == target / "isgrille" / "_data"
    assert counts == "12 7"
    assert key_questions == f"{target / 'isgrille' / '_data' / 'grids' / 'questions_cles.yaml'} 7"


def test_wheel_holds_every_notebook_and_installs_the_templates(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    notebooks = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert (
        sorted(n.split("/")[-1] for n in names if n.startswith("isgrille/_notebooks/") and n.endswith(".ipynb"))
        == notebooks
    )
    assert "isgrille/_notebooks/_vendor/package-lock.json" in names
    # no learner's results from the notebooks folder (the fictional class in _data/examples is content)
    assert not [n for n in names if "node_modules" in n or (n.startswith("isgrille/_notebooks/") and "resultats" in n)]
    assert "isgrille/_data/examples/classe_fictive/apprenant1/resultats/mes_resultats.json" in names
    for template in ("isgrille", "isgrille-slides"):
        assert f"isgrille-0.1.0.data/data/share/jupyter/voila/templates/{template}/index.html.j2" in names


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    return kit_venv(wheel, tmp_path_factory.mktemp("venv") / "env")


def test_an_installed_kit_inits_a_folder_and_presents_it(venv, tmp_path):
    folder = tmp_path / "salle"
    result = subprocess.run(
        [str(venv), "-m", "isgrille", "init", str(folder)],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.glob("*.ipynb")) == sorted(
        p.name for p in (ROOT / "notebooks").glob("*.ipynb")
    )
    assert result.stdout.splitlines()[-1].startswith(f"Ensuite\u00a0: cd {folder} && python -m isgrille present")
    code = (
        "import json, isgrille, pathlib\n"
        "from isgrille.delivery.present import voila_command, workshop_folder\n"
        "from voila.paths import collect_template_paths\n"
        "argv, env = voila_command(notebooks=workshop_folder())\n"
        "print(json.dumps({'package': isgrille.__file__, 'argv': argv,\n"
        "                  'paths': collect_template_paths(['voila', 'nbconvert'], 'isgrille')}))\n"
    )
    shown = subprocess.run(
        [str(venv), "-c", code], cwd=folder, env=clean_env(), capture_output=True, text=True, timeout=120, check=True
    )
    found = json.loads(shown.stdout)
    prefix = venv.parent.parent
    assert Path(found["package"]).is_relative_to(prefix)
    assert found["argv"][3] == str(folder) and "--template=isgrille" in found["argv"]
    assert str(prefix / "share" / "jupyter" / "voila" / "templates" / "isgrille") in found["paths"]  # no JUPYTER_PATH


def test_an_installed_kit_outside_the_workshop_says_to_run_init(venv, tmp_path):
    result = subprocess.run(
        [str(venv), "-m", "isgrille", "present"],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.strip() == (
        f"{tmp_path}: l'atelier n'y est pas (attendu\u00a0: un dossier qui contient "
        "00_accueil.ipynb)\u202f; lancez d'abord «\u00a0python -m isgrille init atelier\u00a0»"
    )


def test_voila_and_binder_default_to_the_kit_template():
    assert json.loads((ROOT / "voila.json").read_text(encoding="utf-8"))["VoilaConfiguration"] == {
        "template": "isgrille"
    }
    server = json.loads((ROOT / ".jupyter" / "jupyter_server_config.json").read_text(encoding="utf-8"))
    assert server["VoilaConfiguration"]["template"] == "isgrille"
    assert "jupyter_server_config.json" in (ROOT / "postBuild").read_text(encoding="utf-8")


def test_repo2docker_picks_conda_and_runs_postbuild(tmp_path):
    exe = shutil.which("jupyter-repo2docker", path=str(Path(sys.executable).parent)) or shutil.which(
        "jupyter-repo2docker"
    )
    if exe is None:
        pytest.skip("jupyter-repo2docker is not installed (pip install '.[test]')")
    result = subprocess.run([exe, "--no-build", "--debug", str(ROOT)], capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-2000:]
    assert "Building conda environment for python=3.11" in output
    assert "RUN ./postBuild" in output
