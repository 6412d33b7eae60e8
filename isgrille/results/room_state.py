"""Where the trainer has taken the live room: the step shown, the statement, the project pitching.

The room's participant app follows a :class:`RoomState` that only the
trainer changes: the step every screen shows (:data:`STEPS`), whether
participants may move freely between steps, the quiz statement on screen and
whether its answer is revealed, the project that pitches in « Booster » and
when its countdown started. It is plain data, saved as JSON in the room
folder (``.etat.json``) under the inter-process lock and atomically, so a
room restarted with the same folder comes back where the trainer was.

A broken, hostile or missing file is never an error here: the room starts
at « Accueil » (:func:`read_room_state` says why in ``problem``).

>>> state = RoomState().moved(step="quiz")
>>> state.step, state.version, step_label("quiz")
('quiz', 1, 'Quiz')
>>> RoomState.from_json(state.to_json()) == state
True
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from ..content.errors import os_error_text
from .atomic import write_atomic
from .lock import ResultsLock

__all__ = [
    "FOLDER_ID",
    "RESULTS_NAME",
    "STATE_NAME",
    "STEPS",
    "RoomState",
    "read_room_state",
    "save_room_state",
    "step_index",
    "step_label",
]

#: The participant app's steps, in the workshop's order: ``(id, label on screen)``.
STEPS: tuple[tuple[str, str], ...] = (
    ("accueil", "Accueil"),
    ("quiz", "Quiz"),
    ("dimensions", "Dimensions"),
    ("grille", "Grille"),
    ("axes", "Axes"),
    ("pitch", "Pitch"),
    ("booster", "Booster"),
    ("fiche", "Fiche"),
)
#: The room state's file in the room folder (hidden: never a participant's folder).
STATE_NAME = ".etat.json"
#: A participant's folder name in the room (drawn by the server, never typed), and their results file in it.
FOLDER_ID = re.compile(r"[a-z0-9]{8,32}")
RESULTS_NAME = "mes_resultats.json"
_MAX_BYTES = 64 * 1024
_IDS = tuple(step for step, _ in STEPS)


def step_label(step: str) -> str:
    """The French label of a step id (the id itself when unknown)."""
    return dict(STEPS).get(step, step)


def step_index(step: str) -> int:
    """The position of ``step`` in :data:`STEPS` (0 for an unknown id).

    >>> step_index("grille"), step_index("nulle-part")
    (3, 0)
    """
    return _IDS.index(step) if step in _IDS else 0


@dataclass(frozen=True)
class RoomState:
    """The room as the trainer set it; ``version`` grows at each change (participants compare it)."""

    step: str = "accueil"
    #: Participants may open any step (else only the trainer's and the ones before it).
    free: bool = False
    #: The quiz statement on screen (index in the quiz) and whether its answer is shown.
    quiz_index: int = 0
    revealed: bool = False
    #: The participant whose project pitches in « Booster » (their folder's id), "" for none.
    pitching: str = ""
    #: When the pitch's countdown started (seconds since the epoch), 0 when it has not.
    timer_started: float = 0.0
    version: int = 0

    def moved(self, **changes: Any) -> RoomState:
        """This state with ``changes`` applied, checked, and the version increased.

        >>> RoomState().moved(step="nulle-part").step
        'accueil'
        >>> RoomState().moved(quiz_index=3).revealed
        False
        """
        if "quiz_index" in changes and changes["quiz_index"] != self.quiz_index and "revealed" not in changes:
            changes["revealed"] = False  # a new statement starts hidden
        if "pitching" in changes and changes["pitching"] != self.pitching and "timer_started" not in changes:
            changes["timer_started"] = 0.0
        state = replace(self, **changes)
        return _checked(replace(state, version=self.version + 1))

    def opened(self, step: str) -> bool:
        """Whether a participant may open ``step``: the trainer's, one before it, or any in free navigation."""
        return self.free or step_index(step) <= step_index(self.step)

    def to_json(self) -> str:
        return json.dumps({"format": "isgrille-room-state", **asdict(self)}, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> RoomState:
        """A state from its JSON; ValueError when it is not one. Unknown or mistyped fields fall back."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != "isgrille-room-state":
            raise ValueError('pas un état de salle isgrille (attendu\u00a0: "format": "isgrille-room-state")')
        defaults = cls()
        values = {}
        for item in fields(cls):
            value = data.get(item.name, getattr(defaults, item.name))
            wanted = type(getattr(defaults, item.name))
            if wanted is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            values[item.name] = value if type(value) is wanted else getattr(defaults, item.name)
        return _checked(cls(**values))


def _checked(state: RoomState) -> RoomState:
    """Out-of-range values brought back in range (a hand-edited or hostile file)."""
    return replace(
        state,
        step=state.step if state.step in _IDS else "accueil",
        quiz_index=max(0, min(state.quiz_index, 10_000)),
        pitching=state.pitching if FOLDER_ID.fullmatch(state.pitching) else "",
        timer_started=state.timer_started if 0 <= state.timer_started < 1e11 else 0.0,
        version=max(0, state.version),
    )


def read_room_state(room: str | Path) -> tuple[RoomState, str]:
    """``(state, problem)``: the state saved in the room folder, or the start and why (French).

    >>> import tempfile; folder = tempfile.mkdtemp()
    >>> read_room_state(folder)
    (RoomState(step='accueil', free=False, quiz_index=0, revealed=False, pitching='', timer_started=0.0, version=0), '')
    """
    path = Path(room) / STATE_NAME
    try:
        if not path.exists():
            return RoomState(), ""
        if not path.is_file() or path.stat().st_size > _MAX_BYTES:
            return (
                RoomState(),
                f"{path}\u00a0: pas un état de salle lisible (attendu\u00a0: un petit fichier JSON), la salle repart de l'accueil",
            )
        return RoomState.from_json(path.read_text(encoding="utf-8")), ""
    except OSError as exc:
        return RoomState(), f"{path}\u00a0: {os_error_text(exc)}\u202f; la salle repart de l'accueil"
    except (ValueError, UnicodeDecodeError, TypeError) as exc:
        return (
            RoomState(),
            f"{path}\u00a0: état de salle illisible ({str(exc)[:120]})\u202f; la salle repart de l'accueil",
        )


def save_room_state(room: str | Path, state: RoomState) -> Path:
    """Write ``state`` to the room folder, locked and atomic (a failed write keeps the previous file)."""
    path = Path(room) / STATE_NAME
    with ResultsLock(path):
        return write_atomic(path, state.to_json())
