"""Writing files so that a failed save never destroys the previous one.

:func:`write_atomic` writes the text to a hidden temporary file beside the
target (``.NAME.<random>.tmp``), flushes it to disk, then replaces the target
in one atomic rename. If anything fails on the way, the previous file is left
exactly as it was. The new file keeps the previous file's permissions, or
follows the umask for a new file (a trainer's account on a shared server can
read it as it could before), and a symlinked target is written through, never
replaced by a plain file.

A writer killed between creating its temporary file and the rename leaves
that file behind; :func:`remove_stale_temps` clears them (the store calls it
while it holds the file's lock, so no live writer's file is touched).

Why a write failed is said in French by
:func:`~isgrille.content.errors.os_error_text`.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

__all__ = ["remove_stale_temps", "temp_pattern", "write_atomic", "write_private"]


def temp_pattern(path: Path) -> tuple[str, str]:
    """The prefix and suffix of the temporary files written beside ``path``."""
    return f".{path.name}.", ".tmp"


def write_atomic(path: str | Path, text: str | bytes) -> Path:
    """Write ``text`` (UTF-8; or bytes as they are) to ``path`` atomically, keeping its mode; return the file written.

    A symlink is followed: its target is replaced, the link stays.
    """
    # an unencodable text fails here, before the disk is touched
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    path = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    try:
        mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = None
    prefix, suffix = temp_pattern(path)
    while True:
        tmp = path.with_name(f"{prefix}{secrets.token_hex(4)}{suffix}")
        try:
            # 0o666 minus the umask for a new file, like any program that creates one.
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def remove_stale_temps(path: Path) -> int:
    """Remove the temporary files a killed writer left beside ``path``; return how many.

    Call it only while holding the file's lock: a live writer's temporary
    file would be removed too.
    """
    prefix, suffix = temp_pattern(path)
    removed = 0
    try:
        entries = list(os.scandir(path.parent))
    except FileNotFoundError:
        return 0
    for entry in entries:
        if entry.name.startswith(prefix) and entry.name.endswith(suffix) and len(entry.name) > len(prefix + suffix):
            try:
                os.unlink(entry.path)
                removed += 1
            except FileNotFoundError:
                pass
    return removed


def write_private(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` readable and writable by this user only (0600), whatever the umask.

    For secrets (a room's keys): never written through a temporary file another user could read.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
