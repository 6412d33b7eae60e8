"""Other processes for the store's tests: notebooks writing at once, a lock holder, a writer to kill.

Each command runs in a fresh interpreter (``python -m tests.results.workers
COMMAND ...``), as a second notebook's kernel would. Processes that must start
together write ``ready-NAME`` in a folder and wait for the file ``go`` there,
so the test starts them all at once without sleeping; :func:`start` and
:func:`release` are the parent's side.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEADLINE = 60.0  # seconds a worker or the parent waits for the other side before giving up


def start(command: str, *args: object) -> subprocess.Popen:
    """Start ``command`` in a fresh interpreter that imports this worktree's isgrille."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.results.workers", command, *map(str, args)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@contextmanager
def running(command: str, *args: object) -> Iterator[subprocess.Popen]:
    """A worker that is killed on the way out, whatever happens in the test."""
    process = start(command, *args)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=DEADLINE)


def kill(process: subprocess.Popen) -> None:
    """SIGKILL ``process`` and check it was alive until then (not crashed earlier)."""
    process.send_signal(signal.SIGKILL)
    code = process.wait(timeout=DEADLINE)
    assert code == -signal.SIGKILL, f"worker ended by itself ({code}):\n{process.stderr.read()}"


def wait_for(condition, what: str, deadline: float = DEADLINE) -> None:
    """Poll ``condition()`` until it is true; fail after ``deadline`` seconds."""
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError(f"gave up waiting for {what}")
        time.sleep(0.005)


def release(folder: Path, names: list[str], processes: list[subprocess.Popen]) -> None:
    """Wait until every worker is ready (or has died), then let them all go at once."""
    wait_for(
        lambda: all(
            (folder / f"ready-{n}").exists() or p.poll() is not None for n, p in zip(names, processes, strict=True)
        ),
        "the workers to be ready",
    )
    (folder / "go").touch()


def finish(process: subprocess.Popen) -> str:
    """Join ``process``; its output, or AssertionError with its errors when it failed."""
    out, err = process.communicate(timeout=DEADLINE)
    assert process.returncode == 0, f"worker failed ({process.returncode}):\n{err}"
    return out


def _ready(folder: str, name: str) -> None:
    Path(folder, f"ready-{name}").touch()
    wait_for(lambda: Path(folder, "go").exists(), "go")


def updates(path: str, name: str, count: str, folder: str) -> None:
    """Save ``count`` changes, each to its own field (pitch part ``name-k``)."""
    from isgrille import ResultsStore, load_grid

    store = ResultsStore(load_grid(), path)
    _ready(folder, name)
    for k in range(int(count)):
        store.update(lambda r, k=k: r.pitch.__setitem__(f"{name}-{k}", "x"))


def endless(path: str, folder: str) -> None:
    """Save changes of a large text until killed."""
    from isgrille import ResultsStore, load_grid

    store = ResultsStore(load_grid(), path)
    Path(folder, "ready-endless").touch()
    for k in range(10**9):
        store.update(lambda r, k=k: r.pitch.__setitem__("a", f"{k} " + "x" * 200_000))


def stuck(path: str, folder: str) -> None:
    """Save once normally, then write the next save's temporary file and hang before the rename."""
    from isgrille import ResultsStore, load_grid

    store = ResultsStore(load_grid(), path)
    store.update(lambda r: r.pitch.__setitem__("a", "saved"))

    def hang(*args):
        Path(folder, "ready-stuck").touch()
        time.sleep(DEADLINE)

    os.replace = hang
    store.update(lambda r: r.pitch.__setitem__("a", "never saved"))


def hold(path: str, folder: str) -> None:
    """Hold the results file's lock until killed."""
    from isgrille.results.lock import ResultsLock

    with ResultsLock(Path(path)):
        Path(folder, "ready-hold").touch()
        time.sleep(DEADLINE)


def opener(path: str, name: str, folder: str) -> None:
    """Open a store on ``path`` (at the same time as the others) and print its notice."""
    from isgrille import ResultsStore, load_grid

    grid = load_grid()
    _ready(folder, name)
    print(ResultsStore(grid, path).notice)


if __name__ == "__main__":
    globals()[sys.argv[1]](*sys.argv[2:])
