"""A countdown the trainer starts, pauses and resets (pitches of 2 or 3 minutes).

The ticking happens in the browser (an ``ipywidgets.Play`` ticking once a
second), so it keeps time even while the kernel is busy; the kernel only
turns the elapsed seconds into the text shown.
"""

from __future__ import annotations

import ipywidgets as w

from .text import STYLE, escape

__all__ = ["CountdownWidget", "countdown_widget", "format_seconds"]


def format_seconds(seconds: int) -> str:
    """``m:ss``.

    >>> format_seconds(125)
    '2:05'
    """
    return f"{seconds // 60}:{seconds % 60:02d}"


class CountdownWidget(w.VBox):
    """Big remaining time, with Démarrer / Pause / Remettre à zéro buttons."""

    def __init__(self, minutes: float, title: str = "Temps de parole"):
        self.total = round(minutes * 60)
        self.title = title
        self.play = w.Play(
            value=0, min=0, max=self.total, step=1, interval=1000, show_repeat=False, description="Minuteur"
        )
        self.play.layout.display = "none"  # the labelled buttons below drive it
        self.display = w.HTML()
        self.start_button = w.Button(description="Démarrer", icon="play", tooltip="Démarrer le minuteur")
        self.pause_button = w.Button(description="Pause", icon="pause", tooltip="Mettre le minuteur en pause")
        self.reset_button = w.Button(description="Remettre à zéro", icon="undo", tooltip="Revenir au temps initial")
        self.start_button.on_click(lambda _: self.start())
        self.pause_button.on_click(lambda _: self.pause())
        self.reset_button.on_click(lambda _: self.reset())
        self.started = False  # paused before the first tick is « en pause », not « prêt »
        self.play.observe(lambda _: self._show(), names=["value", "playing"])
        self._show()
        super().__init__(
            [w.HTML(STYLE), self.display, w.HBox([self.start_button, self.pause_button, self.reset_button]), self.play]
        )

    @property
    def remaining(self) -> int:
        return self.total - self.play.value

    def start(self) -> None:
        if self.remaining <= 0:
            self.play.value = 0
        self.started = True
        self.play.playing = True

    def pause(self) -> None:
        self.play.playing = False

    def reset(self) -> None:
        self.started = False
        self.play.playing = False
        self.play.value = 0
        self._show()

    def _show(self) -> None:
        if self.remaining <= 0:
            state = "⏰ Temps écoulé\u202f!"
        elif self.play.playing:
            state = "▶ en cours"
        elif self.play.value or self.started:
            state = "⏸ en pause"
        else:
            state = "prêt"
        self.display.value = (
            f'<div role="timer" aria-live="off"><div>{escape(self.title)} — {state}</div>'
            f'<div class="isg-timer">{format_seconds(max(self.remaining, 0))}</div></div>'
        )


def countdown_widget(minutes: float, title: str = "Temps de parole") -> CountdownWidget:
    """A countdown of ``minutes`` (e.g. 2 for the sequence-4 pitch)."""
    return CountdownWidget(minutes, title)
