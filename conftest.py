"""Repository-wide pytest set-up: notebooks run by nbval save their results in a temporary file.

Without this, running the notebooks under test would write into
``notebooks/resultats/`` of the working tree.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def pytest_configure(config) -> None:
    if "ISGRILLE_RESULTS" not in os.environ:
        folder = Path(tempfile.mkdtemp(prefix="isgrille-nbval-"))
        os.environ["ISGRILLE_RESULTS"] = str(folder / "mes_resultats.json")
