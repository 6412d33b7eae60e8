"""The Voilà command lines that serve the kit to a room: app mode and live slides.

One place builds them, for ``make present`` / ``make slides``
(``python -m isgrille present [--slides]``) and for the browser tests, so
what is tested is what trainers run. Both are fully offline: isgrille's
templates (``share/jupyter/voila/templates/``) drop Voilà's CDN links, and
the slides take reveal.js 4.0.2 and jQuery from ``notebooks/_vendor``
(installed from npm by ``npm ci --prefix notebooks/_vendor``).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

__all__ = ["ROOT", "VENDOR", "voila_command", "vendor_missing"]

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "notebooks" / "_vendor" / "node_modules"
_FILES = "/voila/files/_vendor/node_modules"
_ALLOWED = r".*\.(png|jpg|gif|svg|css|js|woff|woff2|ttf|eot|map)"


def vendor_missing() -> list[str]:
    """Vendored files the slides need that are not installed (empty when ready)."""
    needed = [VENDOR / "reveal.js" / "dist" / "reveal.js", VENDOR / "jquery" / "dist" / "jquery.min.js"]
    return [str(path) for path in needed if not path.exists()]


def voila_command(slides: bool = False, port: int = 8866, notebooks: Path | None = None) -> tuple[list[str], dict[str, str]]:
    """``(argv, env)`` to start Voilà on 127.0.0.1 serving the notebooks, as an app or as slides."""
    argv = [
        sys.executable, "-m", "voila", str(notebooks or ROOT / "notebooks"), "--no-browser",
        "--Voila.ip=127.0.0.1", f"--Voila.port={port}",
        f"--template={'isgrille-slides' if slides else 'isgrille'}",
    ]
    if slides:
        reveal = {"reveal": {"url_prefix": f"{_FILES}/reveal.js", "theme": "white"}}
        argv += [
            f"--VoilaConfiguration.file_allowlist={json.dumps([_ALLOWED])}",
            f"--VoilaConfiguration.resources={json.dumps(reveal)}",
            f"--VoilaExporter.jquery_url={_FILES}/jquery/dist/jquery.min.js",
        ]
    paths = [str(ROOT / "share" / "jupyter"), os.environ.get("JUPYTER_PATH", "")]
    env = {**os.environ, "JUPYTER_PATH": os.pathsep.join(p for p in paths if p)}
    return argv, env
