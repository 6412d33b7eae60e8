"""The room's hub: the trainer's state sent to every session in its own context, one session per participant."""

from __future__ import annotations

import threading
from pathlib import Path

from isgrille.delivery.room_hub import ARRIVING, RoomHub, deliver, start_thread
from isgrille.results.room_state import read_room_state


class FakeLock:
    """Stands for a kernel context's lock: says which thread holds it."""

    def __init__(self) -> None:
        self.holder: threading.Thread | None = None

    def __enter__(self) -> None:
        self.holder = threading.current_thread()

    def __exit__(self, *exc: object) -> None:
        self.holder = None


class FakeContext:
    """Stands for a Solara kernel context: entered around each listener (its lock held), closable."""

    def __init__(self) -> None:
        self.closed_event = threading.Event()
        self.lock = FakeLock()
        self.entered: list[threading.Thread] = []
        self.active = False

    def __enter__(self) -> FakeContext:
        self.entered.append(threading.current_thread())
        self.active = True
        return self

    def __exit__(self, *exc: object) -> None:
        self.active = False

    def close(self) -> None:
        self.closed_event.set()


def test_a_change_is_saved_and_reaches_every_session_in_its_own_context(tmp_path: Path) -> None:
    hub = RoomHub(tmp_path)
    contexts = [FakeContext() for _ in range(3)]
    seen: dict[int, list[str]] = {i: [] for i in range(3)}

    def listener(i: int):
        def got(state) -> None:
            assert contexts[i].active  # run inside that session's context, under its lock
            assert contexts[i].lock.holder is threading.current_thread()
            seen[i].append(state.step)

        return got

    for i, context in enumerate(contexts):
        hub.subscribe(listener(i), context)
    hub.set(step="quiz")
    assert hub.wait_idle()
    assert all(steps[-1] == "quiz" for steps in seen.values())
    assert read_room_state(tmp_path)[0].step == "quiz"
    assert all(context.entered and context.entered[0] is not threading.current_thread() for context in contexts)
    assert RoomHub(tmp_path).state.step == "quiz"  # a restarted room resumes it


def test_unsubscribed_closed_and_failing_sessions_are_left_out(tmp_path: Path) -> None:
    hub = RoomHub(tmp_path)
    got: list[str] = []
    gone, broken, closed = FakeContext(), FakeContext(), FakeContext()
    unsubscribe = hub.subscribe(lambda s: got.append("gone"), gone)
    hub.subscribe(lambda s: 1 / 0, broken)
    hub.subscribe(lambda s: got.append("closed"), closed)
    hub.subscribe(lambda s: got.append("alive"), FakeContext())
    unsubscribe()
    closed.close()
    hub.set(step="grille")
    assert hub.wait_idle()
    assert got == ["alive"]
    assert hub.listeners == 1


def test_a_quick_trainer_sends_the_newest_state_last(tmp_path: Path) -> None:
    hub = RoomHub(tmp_path)
    got: list[int] = []
    hub.subscribe(lambda s: got.append(s.version), FakeContext())
    for step in ("quiz", "dimensions", "grille", "axes"):
        hub.set(step=step)
    assert hub.wait_idle()
    assert got[-1] == hub.state.version == 4
    assert got == sorted(got)


def test_a_failed_save_is_said_and_the_room_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "salle"
    folder.write_text("pas un dossier")
    hub = RoomHub(folder)
    got: list[str] = []
    hub.subscribe(lambda s: got.append(s.step), FakeContext())
    hub.set(step="quiz")
    assert hub.wait_idle()
    assert got == ["quiz"] and "perdu si la salle redémarre" in hub.problem


def test_one_session_per_participant(tmp_path: Path) -> None:
    hub = RoomHub(tmp_path)
    first, second = FakeContext(), FakeContext()
    assert hub.claim("alice", first) is None
    assert hub.claim("alice", second) is first
    assert first.closed_event.wait(5)  # the older page's session is closed
    assert hub.present() == {"alice"}
    hub.release("alice", first)  # the replaced session's end does not forget the new one
    assert hub.present() == {"alice"}
    hub.release("alice", second)
    assert hub.present() == set()


def test_the_cap_counts_arrivals_and_always_lets_a_participant_back(tmp_path: Path, monkeypatch) -> None:
    hub = RoomHub(tmp_path)
    hub.claim("alice", FakeContext())
    hub.seen("bob")
    assert hub.admits("alice", 2) and hub.admits("bob", 2)
    assert not hub.admits("carol", 2) and not hub.admits(None, 2)
    import isgrille.delivery.room_hub as module

    later = module.time.monotonic() + ARRIVING + 1
    monkeypatch.setattr(module.time, "monotonic", lambda: later)
    assert hub.present() == {"alice"}  # bob's page was served but he never connected
    assert hub.admits("carol", 2)


def test_a_delivery_runs_inside_the_session_and_a_closed_session_gets_nothing() -> None:
    context, got = FakeContext(), []
    assert deliver(context, lambda *args: got.append((args, context.active, context.lock.holder)), 1, 2)
    assert got == [((1, 2), True, threading.current_thread())] and context.lock.holder is None
    context.close()
    assert not deliver(context, got.append, 3)
    assert not context.entered[1:] and len(got) == 1
    assert deliver(None, got.append, 4) and got[-1] == 4  # no session (scripts, the bench): called as is
    unlocked = FakeContext()
    assert deliver(unlocked, lambda: got.append((unlocked.active, unlocked.lock.holder)), locked=False)
    assert got[-1] == (True, None)


def test_the_rooms_threads_belong_to_no_solara_session() -> None:
    """Solara hands a new thread the session it was started from; the room's threads must not take it."""
    import solara.server.starlette  # noqa: F401 — Solara's patched Thread, as in the room's server
    from solara.server import kernel, kernel_context

    context = kernel_context.VirtualKernelContext(id="hub-test", kernel=kernel.Kernel(), session_id="hub-test")
    seen: dict[str, object] = {}

    def look(name: str) -> None:
        seen[name] = kernel_context.current_context.get(kernel_context.get_current_thread_key())

    try:
        with context:
            plain = threading.Thread(target=look, args=("plain",))
            plain.start()
            start_thread(look, "isgrille-test", "room").join()
            assert kernel_context.get_current_context() is context  # the caller's own session is back
        plain.join()
        assert seen == {"plain": context, "room": None}  # the first proves the patch is there
    finally:
        context.close()
