"""The Voilà command lines that serve the kit to a room: app mode and live slides.

One place builds them, for ``make present`` / ``make slides``
(``python -m isgrille present [--slides]``) and for the browser tests, so
what is tested is what trainers run. Both are fully offline: isgrille's
templates (``share/jupyter/voila/templates/``) drop Voilà's CDN links, and
the slides take reveal.js 4.0.2 and jQuery from the served folder's
``_vendor`` (installed from npm by ``npm ci --prefix notebooks/_vendor``).

Voilà starts one kernel per page load; a kernel whose page was closed is
shut down after :data:`CULL_IDLE` seconds without activity (a page still
open keeps its kernel). :func:`workshop_folder` says which folder to serve:
the one asked for, the repository's notebooks in a checkout, or the current
folder when it holds the workshop (after ``python -m isgrille init``).

Voilà is started as ``python -m isgrille.delivery.present`` (:func:`run_voila`):
Voilà itself, with one more route, :data:`LICENCE_URL`, serving LICENSE-CONTENT
(the served folder's own copy, else the kit's: :func:`licence_for`), which
the attribution links to: it opens offline, in a checkout too, where the file
is beside the notebooks folder (``notebooks/LICENSE-CONTENT`` links to it).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .kit_files import LICENCE_FILE, is_workshop, licence_file, notebooks_dir, share_dir

__all__ = [
    "CULL_IDLE",
    "CULL_INTERVAL",
    "IOPUB_TIMEOUT",
    "LICENCE_URL",
    "ROOT",
    "VENDOR",
    "licence_for",
    "run_voila",
    "vendor_missing",
    "voila_argv",
    "voila_command",
    "voila_env",
    "workshop_folder",
]

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "notebooks" / "_vendor" / "node_modules"
_FILES = "/voila/files/_vendor/node_modules"
_ALLOWED = r".*\.(png|jpg|gif|svg|css|js|woff|woff2|ttf|eot|map)"
#: Seconds a kernel may stay idle with no page connected before it is shut down (10 minutes).
CULL_IDLE = 600
#: Seconds between two checks for such kernels.
CULL_INTERVAL = 60
#: Seconds Voilà waits for a cell's outputs after the cell has run: ten visitors' kernels starting at once on
#: two cores delay them past nbclient's default of 4 s, and the outputs (the quiz, the session panel) were lost.
IOPUB_TIMEOUT = 60
#: Where ``present`` serves LICENSE-CONTENT: beside the pages ``/voila/render/NOTEBOOK``, as the notebooks' link
#: ``href="LICENSE-CONTENT"`` (the file beside them in JupyterLab, on Binder and in an ``init`` copy) expects.
LICENCE_URL = f"/voila/render/{LICENCE_FILE}"


def vendor_missing(notebooks: Path | None = None) -> list[str]:
    """Vendored files the slides need that are not installed (empty when ready).

    ``notebooks``: the served folder (its ``_vendor/node_modules``); default,
    or the repository's own notebooks: :data:`VENDOR`.
    """
    vendor = VENDOR if notebooks is None or notebooks == ROOT / "notebooks" else notebooks / "_vendor" / "node_modules"
    needed = [vendor / "reveal.js" / "dist" / "reveal.js", vendor / "jquery" / "dist" / "jquery.min.js"]
    return [str(path) for path in needed if not path.exists()]


def workshop_folder(asked: Path | None = None, cwd: Path | None = None) -> Path | None:
    """The folder of notebooks to serve, or None when there is none (the trainer should run ``init``).

    ``asked`` (``--dir``) when given and it holds the workshop; else the
    repository's notebooks in a checkout; else ``cwd`` (default: the current
    folder) when it holds the workshop.
    """
    if asked is not None:
        return asked if is_workshop(asked) else None
    shipped = notebooks_dir()
    if shipped == ROOT / "notebooks" and is_workshop(shipped):
        return shipped
    here = Path.cwd() if cwd is None else cwd
    return here if is_workshop(here) else None


def voila_command(
    slides: bool = False,
    port: int = 8866,
    notebooks: Path | None = None,
    cull_idle: int = CULL_IDLE,
    cull_interval: int = CULL_INTERVAL,
) -> tuple[list[str], dict[str, str]]:
    """``(argv, env)`` to start Voilà on 127.0.0.1 serving the notebooks, as an app or as slides.

    Idle kernels with no page connected are shut down after ``cull_idle``
    seconds, checked every ``cull_interval`` seconds.
    """
    argv = voila_argv(
        notebooks, "127.0.0.1", port, "isgrille-slides" if slides else "isgrille", cull_idle, cull_interval
    )
    argv[1:3] = ["-m", __name__]  # Voilà, with LICENSE-CONTENT served (run_voila)
    if slides:
        # scroll: a slide taller than the screen (a quiz statement with its answers and explanation, on a small
        # projector) scrolls instead of being cut at the bottom, where nothing could reach its last buttons.
        reveal = {"reveal": {"url_prefix": f"{_FILES}/reveal.js", "theme": "white", "scroll": True}}
        argv += [
            f"--VoilaConfiguration.file_allowlist={json.dumps([_ALLOWED])}",
            f"--VoilaConfiguration.resources={reveal!r}",  # a Python literal: traitlets reads True, not JSON's true
            f"--VoilaExporter.jquery_url={_FILES}/jquery/dist/jquery.min.js",
        ]
    return argv, voila_env()


def voila_argv(
    notebooks: Path | None,
    ip: str,
    port: int,
    template: str = "isgrille",
    cull_idle: int = CULL_IDLE,
    cull_interval: int = CULL_INTERVAL,
) -> list[str]:
    """The start of every Voilà command line of the kit (``present`` and ``room``).

    Serves ``notebooks`` (default: the repository's) on ``ip:port`` — the
    port exactly, never a neighbour — with isgrille's offline ``template``;
    idle kernels with no page connected are culled. Voilà waits up to
    :data:`IOPUB_TIMEOUT` seconds for a cell's outputs once it has run (its
    default, 4 s, drops them on a busy machine: a page without its widgets).
    """
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebooks or ROOT / "notebooks"),
        "--no-browser",
        f"--Voila.ip={ip}",
        f"--Voila.port={port}",
        "--Voila.port_retries=0",
        f"--template={template}",
        f"--MappingKernelManager.cull_idle_timeout={cull_idle}",
        f"--MappingKernelManager.cull_interval={cull_interval}",
        "--MappingKernelManager.cull_connected=False",
        f"--VoilaExecutor.iopub_timeout={IOPUB_TIMEOUT}",
    ]


def voila_env() -> dict[str, str]:
    """The environment Voilà runs in: this one, with isgrille's templates on ``JUPYTER_PATH``."""
    share = share_dir()
    paths = [str(share) if share else "", os.environ.get("JUPYTER_PATH", "")]
    return {**os.environ, "JUPYTER_PATH": os.pathsep.join(p for p in paths if p)}


def licence_for(folder: Path) -> Path | None:
    """The LICENSE-CONTENT ``present`` serves for ``folder``: its own (an ``init`` copy), else the kit's, or None."""
    own = folder / LICENCE_FILE
    return own if own.is_file() else licence_file()


def run_voila(argv: list[str] | None = None) -> None:
    """Run Voilà on ``argv`` (as ``python -m voila``), with LICENSE-CONTENT at :data:`LICENCE_URL` too.

    The file is read at each request (plain UTF-8 text; a 404 when the kit
    has none): a trainer's edit shows at once.
    """
    from jupyter_server.utils import url_path_join
    from tornado.web import HTTPError, RequestHandler
    from voila.app import Voila

    class Licence(RequestHandler):
        def initialize(self, path: Path | None) -> None:
            self.path = path

        def get(self) -> None:
            if self.path is None or not self.path.is_file():
                raise HTTPError(404)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.set_header("X-Content-Type-Options", "nosniff")
            self.finish(self.path.read_bytes())

        def head(self) -> None:
            self.get()

    class LicensedVoila(Voila):
        def init_handlers(self) -> list:
            licence = (url_path_join(self.server_url, LICENCE_URL), Licence, {"path": licence_for(Path(self.root_dir))})
            return [licence, *super().init_handlers()]  # first: Voilà's own /voila/files/ would refuse it

    LicensedVoila.launch_instance(argv=argv)


if __name__ == "__main__":  # pragma: no cover - run as a server by voila_command's argv
    run_voila()
