"""Running the project's Makefile from a test as a person would, not as a sub-make of ``make test``.

Under ``make test`` the environment carries the parent make's ``MAKEFLAGS`` and ``MAKELEVEL``: a make started
by a test would then print « Entering directory » lines and inherit the parent's flags.
"""

from __future__ import annotations

import os

_PARENT_MAKE = {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}


def make_env(**extra: str) -> dict[str, str]:
    """This process's environment without the parent make's variables, plus ``extra``."""
    return {**{key: value for key, value in os.environ.items() if key not in _PARENT_MAKE}, **extra}
