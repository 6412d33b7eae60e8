"""The inter-process lock of a results file: one read–modify–write at a time, across notebooks.

Two notebooks of one learner (``01`` saving quiz answers, ``02`` saving
ratings) run in two kernels that share one results file. Each change is
read–modify–write; without a lock, two at once lose one of them. The lock is
:class:`filelock.FileLock` (``flock`` on Unix) on a hidden file beside the
results file, ``.mes_resultats.json.lock``. The operating system releases it
when its holder dies, so a killed kernel never blocks the others; a wait
longer than :data:`LOCK_TIMEOUT` raises :class:`LockBusy`, which the store
turns into a French message (nothing is lost from memory).

filelock is imported on the first lock only: ``import isgrille`` stays fast.

>>> lock_path(Path("resultats/mes_resultats.json")).as_posix()
'resultats/.mes_resultats.json.lock'
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Any

__all__ = ["LOCK_TIMEOUT", "LockBusy", "ResultsLock", "lock_path"]

#: Longest wait for another notebook's save, in seconds (one save takes a few milliseconds).
LOCK_TIMEOUT = 5.0
#: How often a waiting process tries again, in seconds.
POLL_INTERVAL = 0.002


class LockBusy(TimeoutError):
    """Another process held the results file's lock longer than the timeout."""


def lock_path(target: Path) -> Path:
    """The hidden lock file beside ``target``."""
    return target.with_name(f".{target.name}.lock")


class ResultsLock:
    """``with ResultsLock(target):`` holds the lock of ``target`` (its folder must exist).

    Not re-entrant across objects: two locks on one file, even in one thread,
    exclude each other, as two processes do.
    """

    def __init__(self, target: Path, timeout: float = LOCK_TIMEOUT):
        self.path = lock_path(target)
        self.timeout = timeout
        self._lock: Any = None

    def __enter__(self) -> ResultsLock:
        from filelock import FileLock, Timeout

        if self._lock is None:
            self._lock = FileLock(str(self.path), timeout=self.timeout)
        try:
            self._lock.acquire(timeout=self.timeout, poll_interval=POLL_INTERVAL)
        except Timeout:
            raise LockBusy(f"{self.path}: lock held by another process for more than {self.timeout:g} s") from None
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._lock.release()
