"""A results file of the kit on disk: reading it safely, recognising it, setting it aside, copying it.

The store never overwrites, renames or deletes a file that the kit did not
write. A file is the kit's when its first few kilobytes hold the format's name
(``"isgrille-results"``); anything else — a folder, ``~/.bashrc``, another
JSON, a device or a pipe — is refused with :func:`refusal`, and left exactly
as it was. :func:`read_if_changed` reads at most ``MAX_BYTES["results"]``,
never blocks on a pipe, and skips the file when its identity (inode,
modification time, size) is the one last seen; a kit file it cannot read
raises :class:`Unreadable`.

A kit file that cannot be read any more (broken by hand, cut short) is set
aside under a dated name, ``mes_resultats.illisible-20261129-141500.json``,
and before a learner resumes from a downloaded file the current one is kept
as ``mes_resultats.avant-reprise-20261129-141500.json``. A name already taken
is never overwritten: the next one gets ``-2``, ``-3``… Both run while the
store holds the file's lock.

>>> dated_name(Path("r/mes_resultats.json"), "illisible", "20261129-141500", 2).name
'mes_resultats.illisible-20261129-141500-2.json'
>>> is_kept_copy(Path("mes_resultats.avant-reprise-20261129-141500.json")), is_kept_copy(Path("mes_resultats.json"))
(True, False)
"""

from __future__ import annotations

import errno
import os
import stat
from datetime import datetime
from pathlib import Path

from ..content.errors import ContentError
from ..content.limits import MAX_BYTES, size_label
from ..content.model import Grid
from .learner import LearnerResults

__all__ = [
    "LABELS",
    "SNIFF_BYTES",
    "Signature",
    "Unreadable",
    "dated_name",
    "is_kept_copy",
    "is_kit_text",
    "keep_copy",
    "parse_results",
    "quick_text",
    "read_if_changed",
    "refusal",
    "set_aside",
    "signature",
    "unwritable",
]

#: A file's identity: (st_ino, st_mtime_ns, st_size); an atomic replace always changes it.
Signature = tuple[int, int, int]

#: How much of a file's beginning is searched for the format's name.
SNIFF_BYTES = 4096
#: The labels of the kit's dated copies: unreadable files set aside, copies kept before a resume.
LABELS = ("illisible", "avant-reprise")
#: Errors of a file system that cannot make hard links (then the file is copied).
_NO_LINKS = {errno.EPERM, errno.EMLINK, errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}


def is_kit_text(head: bytes) -> bool:
    """Whether a file's first bytes are those of a file the kit wrote."""
    from .file_format import FORMAT  # pydantic is imported on first use only

    return FORMAT.encode("ascii") in head[:SNIFF_BYTES]


def refusal(path: Path, why: str) -> ContentError:
    """The error for a results path the kit will not touch: what it is, and what to do."""
    return ContentError.single(
        path,
        f"{why}\u00a0: il n'a pas été modifié\u202f; choisissez un autre chemin pour vos résultats "
        "(variable d'environnement ISGRILLE_RESULTS)",
    )


class Unreadable(Exception):
    """A file of the kit that cannot be read any more (to be set aside); ``error`` says why."""

    def __init__(self, error: ContentError):
        super().__init__(str(error))
        self.error = error


def signature(info: os.stat_result) -> Signature:
    """A file's identity from its ``stat``."""
    return (info.st_ino, info.st_mtime_ns, info.st_size)


def read_if_changed(
    target: Path, grid: Grid, seen: Signature | None, shown: Path | None = None
) -> tuple[LearnerResults | None, Signature | None]:
    """``(results, signature)`` of ``target``; results None when the file is missing or still ``seen``.

    Raises :func:`refusal` (a ContentError) for a folder, a special file or a
    file the kit did not write, :class:`Unreadable` for a kit file that cannot
    be read, OSError when the file cannot be opened. ``shown`` is the path
    named in messages (default: ``target``).
    """
    shown = shown if shown is not None else target
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None, None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise refusal(shown, "c'est un dossier, pas un fichier de résultats")
        if not stat.S_ISREG(info.st_mode):
            raise refusal(shown, "ce n'est pas un fichier ordinaire")
        if signature(info) == seen:
            return None, seen
        with open(fd, "rb", closefd=False) as handle:
            raw = handle.read(MAX_BYTES["results"] + 1)
    finally:
        os.close(fd)
    try:
        return parse_results(raw, grid, shown), signature(info)
    except ContentError as exc:
        if not is_kit_text(raw):
            raise refusal(
                shown,
                "ce n'est pas un fichier de résultats du kit («\u00a0isgrille-results\u00a0» absent de son début)",
            ) from None
        raise Unreadable(exc) from None


def quick_text(path: str | Path) -> str | None:
    """A regular results file's UTF-8 text in three system calls (stat, open, read), else None.

    None whenever anything is unusual — not a regular file, over
    ``MAX_BYTES["results"]``, changed while read, not UTF-8, empty, any
    error — and then ``read_text`` reads the file the careful way and says why.
    Like it, nothing but a regular file is ever opened, and never waited on.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES["results"]:
            return None
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            raw = os.read(fd, info.st_size + 1) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
        finally:
            os.close(fd)
        text = raw.decode("utf-8-sig") if len(raw) == info.st_size else ""
    except (OSError, UnicodeDecodeError):
        return None
    return None if not text or text.isspace() else text


def parse_results(raw: bytes, grid: Grid, path: Path) -> LearnerResults:
    """The results in a file's bytes (size checked first); ContentError naming ``path`` otherwise."""
    limit = MAX_BYTES["results"]
    if len(raw) > limit:
        raise ContentError.single(
            path, f"fichier trop volumineux (plus de {size_label(limit)}, la limite d'un fichier de résultats)"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ContentError.single(path, f"le fichier n'est pas encodé en UTF-8 (octet {exc.start + 1})") from None
    return LearnerResults.from_json(text, grid, path)  # its JSON parser bounds the depth first


def unwritable(target: Path) -> str | None:
    """Why this process cannot write ``target``, in French; None when it can."""
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"dossier {folder} en lecture seule"
    if target.exists() and not os.access(target, os.W_OK):
        return "fichier en lecture seule"
    return None


def dated_name(target: Path, label: str, stamp: str, number: int = 1) -> Path:
    """``NAME.label-STAMP.json`` beside ``target``; ``-number`` added from 2 on."""
    extra = f"-{number}" if number > 1 else ""
    return target.with_name(f"{target.stem}.{label}-{stamp}{extra}{target.suffix}")


def is_kept_copy(path: Path) -> bool:
    """Whether ``path`` is one of the kit's dated copies (set aside or kept before a resume)."""
    return any(f".{label}-" in path.name for label in LABELS)


def keep_copy(target: Path, label: str) -> Path | None:
    """Keep ``target`` as it is now under a new dated name; return that name (None if no file).

    A hard link when the file system allows it (instant, no space taken: the
    store replaces the file rather than writing into it), else a copy.
    """
    if not os.path.lexists(target):
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    number = 1
    while True:
        copy = dated_name(target, label, stamp, number)
        try:
            _link_or_copy(target, copy)
            return copy
        except FileExistsError:
            number += 1


def set_aside(target: Path, label: str = "illisible") -> Path | None:
    """Move ``target`` to a new dated name, never over another file; None if it is gone already."""
    copy = keep_copy(target, label)
    if copy is not None:
        os.unlink(target)
    return copy


def _link_or_copy(source: Path, copy: Path) -> None:
    """Make ``copy`` hold ``source``'s bytes; FileExistsError when ``copy`` exists."""
    try:
        os.link(source, copy, follow_symlinks=False)
        return
    except OSError as exc:
        if isinstance(exc, FileExistsError) or exc.errno not in _NO_LINKS:
            raise
    data = source.read_bytes()
    fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), stat.S_IMODE(os.stat(source).st_mode))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
