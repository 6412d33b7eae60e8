"""Where the workshop's files are, in a checkout or an installed kit, and ``init`` copying them.

In a source checkout (or an editable install) the notebooks are the
repository's ``notebooks/`` and isgrille's Voilà templates its
``share/jupyter/voila/templates/``. A wheel carries the notebooks inside the
package (``isgrille/_notebooks``) and installs the templates as shared data
(``<prefix>/share/jupyter/voila/templates/``), where Voilà finds them with no
setting at all. :func:`init_workshop` copies the notebooks into a folder of
the trainer's choice, never over a file unless asked to, with LICENSE-CONTENT
(the content's licence and list of changes, :func:`licence_file`: the
repository's, or the wheel's licence file) beside them, so the attribution's
link opens offline in the copy too.

>>> is_workshop(notebooks_dir())
True
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from ..content.errors import ContentError

__all__ = [
    "FIRST_NOTEBOOK",
    "LICENCE_FILE",
    "TEMPLATES",
    "InitResult",
    "init_workshop",
    "is_workshop",
    "licence_file",
    "notebooks_dir",
    "share_dir",
    "workshop_files",
    "workshop_notebooks",
]

_PACKAGE = Path(__file__).resolve().parents[1]
_CHECKOUT = _PACKAGE.parent

#: The welcome page: a folder that holds it holds the workshop.
FIRST_NOTEBOOK = "00_accueil.ipynb"
#: isgrille's Voilà templates (app mode and live slides).
TEMPLATES = ("isgrille", "isgrille-slides")
#: The content's licence, its attribution and list of changes: served by ``present`` and the room, copied by ``init``.
LICENCE_FILE = "LICENSE-CONTENT"


def notebooks_dir() -> Path:
    """The shipped notebooks: inside the package when installed, else the repository's ``notebooks/``."""
    installed = _PACKAGE / "_notebooks"
    return installed if installed.is_dir() else _CHECKOUT / "notebooks"


def share_dir() -> Path | None:
    """The ``share/jupyter`` folder holding isgrille's Voilà templates, or None when none does.

    The checkout's first (a trainer's edits take effect), then the one the
    wheel installed into this Python's prefix.
    """
    for root in (_CHECKOUT / "share" / "jupyter", Path(sys.prefix) / "share" / "jupyter"):
        if all((root / "voila" / "templates" / name / "index.html.j2").is_file() for name in TEMPLATES):
            return root
    return None


def licence_file() -> Path | None:
    """LICENSE-CONTENT: the repository's in a checkout, else the installed wheel's licence file, or None.

    A wheel carries it among its licence files
    (``isgrille-<version>.dist-info/licenses/``), beside the package.
    """
    checkout = _CHECKOUT / LICENCE_FILE
    if checkout.is_file():
        return checkout
    beside = sorted(_PACKAGE.parent.glob(f"isgrille-*.dist-info/licenses/{LICENCE_FILE}"))
    return beside[-1] if beside else None


def workshop_notebooks(folder: Path | None = None) -> list[Path]:
    """The workshop's notebooks in ``folder`` (default: the shipped ones), in order."""
    return sorted((folder or notebooks_dir()).glob("[0-9][0-9]_*.ipynb"))


def workshop_files(folder: Path | None = None) -> list[Path]:
    """Every file :func:`init_workshop` copies, relative to the workshop folder it makes.

    The notebooks, the npm manifests of the slides' vendored reveal.js
    (``_vendor/package.json`` and its lock), so ``npm ci --prefix DIR/_vendor``
    works in the copy, and LICENSE-CONTENT (from :func:`licence_file`).
    """
    source = folder or notebooks_dir()
    vendor = [source / "_vendor" / name for name in ("package.json", "package-lock.json")]
    files = [path.relative_to(source) for path in workshop_notebooks(source) + vendor if path.is_file()]
    return files + ([Path(LICENCE_FILE)] if licence_file() is not None else [])


def _source(name: Path) -> Path:
    """Where :func:`init_workshop` copies ``name`` from."""
    if name == Path(LICENCE_FILE):
        return licence_file() or notebooks_dir() / name
    return notebooks_dir() / name


def is_workshop(folder: Path) -> bool:
    """Whether ``folder`` holds the workshop (its welcome notebook)."""
    return (folder / FIRST_NOTEBOOK).is_file()


@dataclass(frozen=True)
class InitResult:
    """What :func:`init_workshop` did: the files written, or those it refused to overwrite."""

    written: tuple[Path, ...] = ()
    existing: tuple[Path, ...] = ()


def init_workshop(folder: Path, force: bool = False) -> InitResult:
    """Copy the workshop's notebooks and LICENSE-CONTENT into ``folder`` (created if need be).

    Learners' results are never copied. When a file is already there and
    ``force`` is false, nothing is written and the result names them all.
    """
    files = workshop_files()
    sources = [_source(name) for name in files]
    targets = [folder / name for name in files]
    existing = tuple(target for target in targets if target.exists() or target.is_symlink())
    if existing and not force:
        return InitResult(existing=existing)
    for target in existing:  # checked before anything is written
        if target.is_symlink() or not target.is_file():
            raise ContentError.single(
                target, "ce n'est pas un fichier ordinaire (dossier ou lien)\u00a0: non remplacé, même avec --force"
            )
    for source, target in zip(sources, targets, strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return InitResult(written=tuple(targets))
