"""Binder's environment.yml, written from the lock (requirements/lab.txt), and the check that both agree.

``python requirements/binder.py`` rewrites environment.yml (``make lock`` runs it after compiling the lock);
``python requirements/binder.py --check`` lists every disagreement and exits 1 if there is one
(tests/test_pins.py runs the same check). The lock is PyPI's view; conda-forge spells some names differently
(CONDA_NAMES) and lacks a few packages, which environment.yml's pip section installs from PyPI (PIP_ONLY).
Generating needs only the standard library, so ``make lock`` works in a bare virtual environment.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: What Binder installs: the kit's and the lab's packages, transitive ones included.
LAB_LOCK = ROOT / "requirements" / "lab.txt"
ENVIRONMENT = ROOT / "environment.yml"

#: PyPI name (normalised) -> conda-forge name, where they differ; every other package has its PyPI name.
CONDA_NAMES = {
    # conda-forge kept the underscores of the original names
    "et-xmlfile": "et_xmlfile",
    "ipython-pygments-lexers": "ipython_pygments_lexers",
    "jupyter-client": "jupyter_client",
    "jupyter-core": "jupyter_core",
    "jupyter-events": "jupyter_events",
    "jupyter-server": "jupyter_server",
    "jupyter-server-terminals": "jupyter_server_terminals",
    "jupyterlab-pygments": "jupyterlab_pygments",
    "jupyterlab-server": "jupyterlab_server",
    "jupyterlab-widgets": "jupyterlab_widgets",
    "prometheus-client": "prometheus_client",
    "pure-eval": "pure_eval",
    "stack-data": "stack_data",
    "typing-extensions": "typing_extensions",  # conda-forge's typing-extensions is a metapackage around it
    # another name on conda-forge
    "fastjsonschema": "python-fastjsonschema",
    "tzdata": "python-tzdata",  # conda-forge's tzdata is the system's time zone database (versions like 2025b)
    # the library alone, as pip installs it: matplotlib on conda-forge adds the Qt back end,
    # nbconvert adds pandoc; neither is what the lock tested, nor needed on Binder
    "matplotlib": "matplotlib-base",
    "nbconvert": "nbconvert-core",
}

#: Installed by pip from PyPI (environment.yml's pip section), with the spelling written there, and why.
PIP_ONLY = {
    # JupyterLab's language packs are published on PyPI only.
    "jupyterlab-language-pack-fr-fr": "jupyterlab-language-pack-fr-FR",
    # conda-forge builds solara-assets from the solara feedstock, always at solara's own version (solara
    # constrains solara-assets to its version); the lock's solara-assets lags solara (PyPI releases it
    # separately), a pairing conda-forge does not have. pip puts PyPI's beside conda's solara.
    "solara-assets": "solara-assets",
    # ipykernel's asyncio helper: no conda-forge package of it was found.
    "nest-asyncio2": "nest-asyncio2",
}

#: Nothing of the lock is left out: it is resolved for Linux (no Windows- or macOS-only package), and conda
#: brings python and pip itself, which are not in the lock. Add here, with the reason, what conda must provide.
EXCLUDED: dict[str, str] = {}

HEADER = """\
# Binder / conda environment: GENERATED from requirements/lab.txt by requirements/binder.py. Do not edit by hand.
# Refresh with `make lock` (recompiles the lock from pyproject.toml, then rewrites this file), then run make test.
# Exact versions, the ones make test tested: the kit's and the lab's packages, transitive ones included, under
# their conda-forge names; the pip section holds what conda-forge lacks. tests/test_pins.py checks that this file
# and the lock agree. postBuild then installs the kit itself (pip install --no-deps -e .).
name: isgrille
channels:
  - conda-forge
dependencies:
  - python=3.11
  - pip
"""

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#\\]+)\s*(?:\\)?$")


def normalise(name: str) -> str:
    """A package name as PyPI compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_lock(path: Path = LAB_LOCK) -> dict[str, str]:
    """The lock's pins: normalised name -> version. Anything but ``name==version`` is an error."""
    pins: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        match = _PIN.match(text)
        if match is None:
            raise ValueError(f"{path}:{number}: not an exact pin: {text!r}")
        pins[normalise(match.group(1))] = match.group(2)
    return pins


def conda_name(name: str) -> str:
    return CONDA_NAMES.get(name, name)


def environment_yml(pins: dict[str, str]) -> str:
    """environment.yml's text for the lock's pins."""
    kept = {name: version for name, version in pins.items() if name not in EXCLUDED}
    conda = sorted((conda_name(name), version) for name, version in kept.items() if name not in PIP_ONLY)
    pip = sorted((PIP_ONLY[name], version) for name, version in kept.items() if name in PIP_ONLY)
    lines = [f"  - {name}=={version}" for name, version in conda]
    if pip:
        lines += ["  - pip:", *(f"      - {name}=={version}" for name, version in pip)]
    return HEADER + "\n".join(lines) + "\n"


def _split(spec: str) -> tuple[str, str]:
    """``"pandas==3.1.1"`` -> ``("pandas", "==3.1.1")``: the name and its version constraint as written."""
    match = re.match(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*?)\s*$", spec)
    if match is None:
        raise ValueError(f"environment.yml: not a package: {spec!r}")
    return match.group(1), match.group(2).replace(" ", "")


def disagreements(environment: Path = ENVIRONMENT, lock: Path = LAB_LOCK) -> list[str]:
    """Every way environment.yml and the lock differ, one sentence each naming the package; [] when they agree."""
    import yaml  # only the check needs it (tests, --check); make lock only writes

    pins = {name: version for name, version in read_lock(lock).items() if name not in EXCLUDED}
    env = yaml.safe_load(environment.read_text(encoding="utf-8"))
    problems: list[str] = []
    conda: dict[str, str] = {}  # name -> constraint as written ("==3.1.1")
    pip: dict[str, str] = {}
    for entry in env.get("dependencies", []):
        if isinstance(entry, dict):
            for spec in entry.get("pip", []):
                name, version = _split(spec)
                pip[normalise(name)] = version
        elif re.match(r"^(python|pip)\b(?!-)", entry):
            continue  # conda's own: python=3.11 and pip, not pinned by the lock
        else:
            name, version = _split(entry)
            conda[name.lower()] = version
    by_conda_name = {conda_name(name): name for name in pins if name not in PIP_ONLY}
    for name, version in pins.items():
        section, key, where = (
            (pip, name, "pip section") if name in PIP_ONLY else (conda, conda_name(name), "conda packages")
        )
        found = section.get(key)
        if found is None:
            alias = f" (as {key})" if key != name else ""
            problems.append(f"{name}=={version} is in the lock but not in environment.yml's {where}{alias}")
        elif found != f"=={version}":
            problems.append(f"{name}: environment.yml has {found or 'no version'}, the lock =={version}")
    problems += [
        f"{name}: in environment.yml's conda packages, not in the lock" for name in conda if name not in by_conda_name
    ]
    problems += [
        f"{name}: in environment.yml's pip section, not a PyPI-only package of the lock"
        for name in pip
        if name not in PIP_ONLY or name not in pins
    ]
    return problems


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        problems = disagreements()
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    if argv:
        print("usage: python requirements/binder.py [--check]", file=sys.stderr)
        return 2
    ENVIRONMENT.write_text(environment_yml(read_lock()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
