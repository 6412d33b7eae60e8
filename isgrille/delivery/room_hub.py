"""The live room's process-wide memory: the trainer's step for everyone, one session per participant.

All participants of a room share one server process (Solara's virtual
kernels). :class:`RoomHub` holds what the whole room shares:

- the :class:`~isgrille.results.room_state.RoomState` the trainer sets,
  saved in the room folder at each change (a restarted room resumes it) and
  sent to every session that subscribed: each listener runs in its own
  session's kernel context, on one dispatcher thread, so the trainer's click
  returns at once and no session builds another's screen in its thread;
- the live sessions, one per participant (:meth:`RoomHub.claim`): a reload,
  a second tab or a reconnect replaces the participant's previous session,
  whose kernel is closed, so a participant never holds two;
- who joined recently (:meth:`RoomHub.seen`), for the room's cap.

It imports no Solara at module level: the kernel contexts are passed in (or
found by :func:`current_context` when Solara is running). The room's own
threads belong to no session (:func:`start_thread`) and enter one only to
do their work there (:func:`deliver`), nothing once it closed; a short work
holds the session's lock as Solara does for a page's message, so the session
never closes halfway through it.
"""

from __future__ import annotations

import builtins
import logging
import queue
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from ..results.room_state import RoomState, read_room_state, save_room_state

__all__ = ["RoomHub", "current_context", "deliver", "start_thread"]

log = logging.getLogger(__name__)

Listener = Callable[[RoomState], None]
#: Seconds a participant who loaded the page counts as present before their session connects.
ARRIVING = 60.0


def current_context() -> Any:
    """The running Solara kernel context, or None outside one (tests, scripts)."""
    try:
        from solara.server import kernel_context
    except ImportError:  # pragma: no cover
        return None
    return kernel_context.get_current_context() if kernel_context.has_current_context() else None


def start_thread(target: Callable[..., object], name: str, *args: object) -> threading.Thread:
    """Start a daemon thread that belongs to no Solara session.

    Solara's patched ``Thread`` hands a new thread the session it was started from, and a thread of a session
    that ends while the session closes races the close (solara's ``VirtualKernelContext.close`` then fails with a
    KeyError). The room's threads enter a session only for a delivery (:func:`deliver`).
    """
    try:
        from solara.server.kernel_context import has_current_context, without_context
    except ImportError:  # pragma: no cover
        outside: AbstractContextManager[Any] = nullcontext()
    else:
        outside = without_context() if has_current_context() else nullcontext()
    with outside:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)
        thread.start()
    return thread


def deliver(context: Any, call: Callable[..., object], *args: object, locked: bool = True) -> bool:
    """``call(*args)`` inside ``context`` (a Solara session; None: none), from a thread outside any session.

    A session already closed gets nothing (False). ``locked``: under the session's lock, as Solara handles a
    page's message, so the session cannot close midway; not for a long work (a step's build), which would hold
    up the hub's deliveries to that session meanwhile (measured: the step change to 100 phones 1.3–2 s → 5–7 s).
    """
    if context is None or context is _NO_CONTEXT:
        call(*args)
        return True
    with context.lock if locked else nullcontext():
        if _closed(context):
            return False
        with context:
            call(*args)
    return True


class RoomHub:
    """The room's shared state and sessions. ``problem`` says in French why the state could not be saved."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self._state, self.problem = read_room_state(self.folder)
        self._lock = threading.RLock()
        self._listeners: dict[int, tuple[Listener, Any]] = {}
        self._next = 0
        self._sessions: dict[str, Any] = {}  # participant -> kernel context
        self._arrivals: dict[str, float] = {}  # participant -> when their page was served
        self._queue: queue.SimpleQueue[RoomState | None] = queue.SimpleQueue()
        self._dispatcher: threading.Thread | None = None

    # -- the trainer's state ------------------------------------------------------------------------

    @property
    def state(self) -> RoomState:
        return self._state

    def set(self, **changes: object) -> RoomState:
        """Apply the trainer's ``changes``, save them, and send the new state to every session."""
        with self._lock:
            self._state = self._state.moved(**changes)
            state = self._state
            try:
                save_room_state(self.folder, state)
                self.problem = ""
            except (OSError, TimeoutError) as exc:
                self.problem = (
                    f"l'état de la salle n'a pas pu être enregistré ({exc})\u00a0: il sera perdu si la salle redémarre"
                )
        self._publish(state)
        return state

    def subscribe(self, listener: Listener, context: Any = None) -> Callable[[], None]:
        """Call ``listener(state)`` at each change, inside ``context`` (default: the current kernel's).

        Returns the function that unsubscribes. A listener whose session is
        closed (or that fails) is dropped.
        """
        context = context if context is not None else current_context()
        with self._lock:
            key = self._next
            self._next += 1
            self._listeners[key] = (listener, context)

        def unsubscribe() -> None:
            with self._lock:
                self._listeners.pop(key, None)

        return unsubscribe

    @property
    def listeners(self) -> int:
        return len(self._listeners)

    def _publish(self, state: RoomState) -> None:
        with self._lock:
            if self._dispatcher is None or not self._dispatcher.is_alive():
                self._dispatcher = start_thread(self._dispatch, "isgrille-room-hub")
        self._queue.put(state)

    def _dispatch(self) -> None:
        while True:
            state = self._queue.get()
            while True:  # only the newest state matters: skip the ones a quick trainer already replaced
                try:
                    newer = self._queue.get_nowait()
                except queue.Empty:
                    break
                state = newer
            if state is None:
                return
            with self._lock:
                listeners = list(self._listeners.items())
            for key, (listener, context) in listeners:
                try:
                    delivered = deliver(context, listener, state)
                except Exception:  # one broken session never stops the others
                    log.exception("room listener failed; dropped")
                    delivered = False
                if not delivered:  # failed, or its session closed
                    with self._lock:
                        self._listeners.pop(key, None)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until every state sent so far reached its listeners (tests, the bench)."""
        done, target = threading.Event(), self._state
        # Only the state sent here (or a newer one) counts: a delivery already under way when this subscribes
        # would otherwise set ``done`` before the newest state has reached the listeners.
        unsubscribe = self.subscribe(
            lambda state: done.set() if state.version >= target.version else None, context=_NO_CONTEXT
        )
        try:
            self._publish(target)  # sent after the others: its listeners run last
            return done.wait(timeout)
        finally:
            unsubscribe()

    def close(self) -> None:
        """Stop the dispatcher (the server is stopping)."""
        self._queue.put(None)

    # -- sessions -------------------------------------------------------------------------------------

    def seen(self, participant: str) -> None:
        """``participant``'s page was just served: they count as present while their session connects."""
        with self._lock:
            self._arrivals[participant] = time.monotonic()

    def claim(self, participant: str, context: Any = None) -> Any:
        """Make ``context`` (default: the current kernel's) ``participant``'s only session.

        Returns the session it replaced (now being closed), or None.
        """
        context = context if context is not None else current_context()
        with self._lock:
            previous = self._sessions.get(participant)
            self._sessions[participant] = context
            self._arrivals.pop(participant, None)
        if previous is not None and previous is not context and not _closed(previous):
            start_thread(_close, "isgrille-room-replace", previous)
            return previous
        return None

    def release(self, participant: str, context: Any = None) -> None:
        """``participant``'s session ``context`` ended (only forgotten if it is still theirs)."""
        context = context if context is not None else current_context()
        with self._lock:
            if self._sessions.get(participant) is context:
                del self._sessions[participant]

    def present(self) -> builtins.set[str]:  # builtins: in the class, ``set`` is the method above
        """The participants with a live session, or whose page was served in the last minute."""
        now = time.monotonic()
        with self._lock:
            for participant in [p for p, context in self._sessions.items() if _closed(context)]:
                del self._sessions[participant]
            for participant in [p for p, when in self._arrivals.items() if now - when > ARRIVING]:
                del self._arrivals[participant]
            return set(self._sessions) | set(self._arrivals)

    def admits(self, participant: str | None, maximum: int) -> bool:
        """Whether ``participant`` (None: a newcomer) may enter a room capped at ``maximum`` participants."""
        present = self.present()
        return (participant is not None and participant in present) or len(present) < maximum


class _NoContext:
    """Marks a listener that runs outside any kernel (the dispatcher's own thread)."""


_NO_CONTEXT = _NoContext()


def _closed(context: Any) -> bool:
    if context is _NO_CONTEXT:
        return False
    event = getattr(context, "closed_event", None)
    return bool(event is not None and event.is_set())


def _close(context: Any) -> None:
    try:
        context.close()
    except Exception:  # pragma: no cover (already closing)
        log.exception("closing a replaced session failed")
