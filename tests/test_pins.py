"""The lock (requirements/): exact pins inside pyproject's ranges, installed by make, and Binder's copy of them.

requirements/all.txt pins everything make test installs (kit, lab, test, check); requirements/lab.txt the kit and
the lab at the same versions; environment.yml is written from lab.txt by requirements/binder.py under conda-forge's
names. Each check is also run on a planted mistake, so that a green run means something.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import shutil
import subprocess
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .make import make_env

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "all.txt"
LAB_LOCK = ROOT / "requirements" / "lab.txt"
ENVIRONMENT = ROOT / "environment.yml"


def _load_binder() -> ModuleType:
    """requirements/binder.py, which is a script beside the lock rather than a module of the kit."""
    spec = importlib.util.spec_from_file_location("isgrille_lock_binder", ROOT / "requirements" / "binder.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


binder = _load_binder()


def requirements(*extras: str) -> list[Requirement]:
    """pyproject's own requirements (the kit's) and those of the extras named, as written there."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = project["dependencies"] + [line for extra in extras for line in project["optional-dependencies"][extra]]
    return [Requirement(line) for line in lines]


def outside_ranges(wanted: list[Requirement], pins: dict[str, str]) -> list[str]:
    """Each requirement the pins leave out or pin outside its range."""
    problems = []
    for requirement in wanted:
        version = pins.get(canonicalize_name(requirement.name))
        if version is None:
            problems.append(f"{requirement.name}: not in the lock")
        elif not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{requirement.name}=={version}: outside {requirement}")
    return problems


# --- environment.yml and the lock --------------------------------------------------------------------------------


def test_environment_yml_agrees_with_the_lock():
    pins = binder.read_lock(LAB_LOCK)
    assert len(pins) > 100, "the lab lock holds the transitive packages too"
    assert binder.disagreements(ENVIRONMENT, LAB_LOCK) == []
    assert binder.main(["--check"]) == 0


def test_environment_yml_is_what_the_generator_writes():
    """A hand edit, or a lock refreshed without rewriting environment.yml, fails here: run make lock."""
    assert ENVIRONMENT.read_text(encoding="utf-8") == binder.environment_yml(binder.read_lock(LAB_LOCK))


def test_environment_yml_keeps_what_binder_needs():
    text = ENVIRONMENT.read_text(encoding="utf-8")
    assert text.startswith("# Binder / conda environment: GENERATED from requirements/lab.txt")
    assert "make lock" in text.splitlines()[1]
    assert "\n  - conda-forge\n" in text and "\n  - python=3.11\n  - pip\n" in text


def _planted(pins: dict[str, str]) -> dict[str, tuple[str, str, str]]:
    """What is changed in environment.yml, replaced by what, and the package the check must name."""
    language_pack = f"      - jupyterlab-language-pack-fr-FR=={pins['jupyterlab-language-pack-fr-fr']}\n"
    return {
        "other version": (f"  - pandas=={pins['pandas']}\n", "  - pandas==0.0.1\n", "pandas"),
        "package missing": (f"  - jupyter_server=={pins['jupyter-server']}\n", "", "jupyter-server"),
        "a range, not a pin": (f"  - numpy=={pins['numpy']}\n", "  - numpy>=2\n", "numpy"),
        "PyPI's name": (
            f"  - matplotlib-base=={pins['matplotlib']}\n",
            f"  - matplotlib=={pins['matplotlib']}\n",
            "matplotlib",
        ),
        "pip: other version": (language_pack, "      - jupyterlab-language-pack-fr-FR==4.0.post0\n", "language-pack"),
        "pip: package missing": (f"      - solara-assets=={pins['solara-assets']}\n", "", "solara-assets"),
        "PyPI-only from conda": (
            f"      - solara-assets=={pins['solara-assets']}\n",
            f"      - solara-assets=={pins['solara-assets']}\n  - solara-assets=={pins['solara-assets']}\n",
            "solara-assets",
        ),
        "extra package": ("  - pip\n", "  - pip\n  - requests-oauthlib==2.0.0\n", "requests-oauthlib"),
        "pip: extra package": ("  - pip:\n", "  - pip:\n      - black==24.1.0\n", "black"),
    }


@pytest.mark.parametrize("case", list(_planted(binder.read_lock(LAB_LOCK))))
def test_a_planted_disagreement_is_named(case, tmp_path):
    pins = binder.read_lock(LAB_LOCK)
    old, new, package = _planted(pins)[case]
    text = binder.environment_yml(pins)
    assert text.count(old) == 1
    copy = tmp_path / "environment.yml"
    copy.write_text(text.replace(old, new), encoding="utf-8")
    problems = binder.disagreements(copy, LAB_LOCK)
    assert problems, f"{case}: not reported"
    assert all(package in problem for problem in problems), problems


def test_a_lock_moved_alone_is_reported(tmp_path):
    """A lock refreshed by hand, environment.yml left behind: the check names the package."""
    version = binder.read_lock(LAB_LOCK)["voila"]
    lock = tmp_path / "lab.txt"
    lock.write_text(
        LAB_LOCK.read_text(encoding="utf-8").replace(f"\nvoila=={version}\n", "\nvoila==0.5.0\n"), encoding="utf-8"
    )
    environment = tmp_path / "environment.yml"
    environment.write_text(binder.environment_yml(binder.read_lock(LAB_LOCK)), encoding="utf-8")
    assert binder.disagreements(environment, lock) == [f"voila: environment.yml has =={version}, the lock ==0.5.0"]


def test_a_lock_line_that_is_not_an_exact_pin_is_refused(tmp_path):
    lock = tmp_path / "lab.txt"
    lock.write_text("pandas>=2.1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not an exact pin"):
        binder.read_lock(lock)


# --- the lock and pyproject --------------------------------------------------------------------------------------


def test_the_lock_pins_every_requirement_inside_its_range():
    assert outside_ranges(requirements("lab", "test", "check"), binder.read_lock(LOCK)) == []
    assert outside_ranges(requirements("lab"), binder.read_lock(LAB_LOCK)) == []


def test_a_pin_outside_its_range_is_reported():
    pins = {**binder.read_lock(LOCK), "pandas": "1.5.3"}
    del pins["segno"]
    assert outside_ranges(requirements("lab"), pins) == ["pandas==1.5.3: outside pandas>=2.1", "segno: not in the lock"]


def test_both_locks_pin_the_same_versions():
    lab, everything = binder.read_lock(LAB_LOCK), binder.read_lock(LOCK)
    assert {name: everything.get(name) for name in lab} == lab
    # and lab.txt is all the kit and the lab need: nothing of the test or check extras alone
    assert "pytest" not in lab and "ruff" not in lab and "jupyterhub" not in lab


@pytest.mark.parametrize("lock", [LOCK, LAB_LOCK], ids=["all", "lab"])
def test_a_lock_says_how_to_refresh_it(lock):
    head = lock.read_text(encoding="utf-8").splitlines()[:2]
    assert head == ["# This file was autogenerated by uv via the following command:", "#    make lock"]


def test_the_running_environment_has_the_locked_versions():
    """make test and CI install from the lock: the suite tests the versions pinned (else: make test reinstalls)."""
    pins = binder.read_lock(LOCK)
    installed = {
        requirement.name: importlib.metadata.version(requirement.name)
        for requirement in requirements("lab", "test", "check")
    }
    assert installed == {name: pins[canonicalize_name(name)] for name in installed}


# --- make installs from the lock ---------------------------------------------------------------------------------


def _make_dry_run(venv: Path, *targets: str) -> str:
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed (.ci/run installs it)")
    result = subprocess.run(
        [make, "-n", f"VENV={venv}", *targets],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env=make_env(),
    )
    return result.stdout


def _fake_venv(tmp_path: Path, age: float) -> Path:
    """A virtual environment make believes installed ``age`` seconds away from the lock's time."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    stamp = max(LOCK.stat().st_mtime, LAB_LOCK.stat().st_mtime, (ROOT / "pyproject.toml").stat().st_mtime)
    for path in (venv / "bin" / "python", venv / "bin" / "uv", venv / ".lab", venv / ".test"):
        path.touch()
        os.utime(path, (stamp + age, stamp + age))
    return venv


def test_make_test_and_make_lab_install_from_the_lock(tmp_path):
    venv = _fake_venv(tmp_path, age=-3600)  # installed before the lock changed
    commands = _make_dry_run(venv, f"{venv}/.test", f"{venv}/.lab").splitlines()
    assert f'{venv}/bin/python -m pip install --quiet -c requirements/all.txt -e ".[lab,test,check]"' in commands
    assert f'{venv}/bin/python -m pip install --quiet -c requirements/lab.txt -e ".[lab]"' in commands


def test_make_does_not_reinstall_when_the_lock_is_unchanged(tmp_path):
    venv = _fake_venv(tmp_path, age=3600)  # installed after the lock's last change
    assert "pip install" not in _make_dry_run(venv, f"{venv}/.test", f"{venv}/.lab")


def test_make_lock_recompiles_newer_versions_then_environment_yml(tmp_path):
    venv = _fake_venv(tmp_path, age=0)
    commands = _make_dry_run(venv, "lock").splitlines()
    assert len(commands) == 3
    everything, lab, environment = commands
    assert (
        "uv pip compile" in everything and "--upgrade" in everything and everything.endswith("-o requirements/all.txt")
    )
    assert all(f"--extra {extra}" in everything for extra in ("lab", "test", "check"))
    assert "-c requirements/all.txt" in lab and lab.endswith("-o requirements/lab.txt") and "--extra test" not in lab
    assert environment == f"{venv}/bin/python requirements/binder.py"
