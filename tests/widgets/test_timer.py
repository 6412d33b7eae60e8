"""Tests of isgrille/widgets/timer.py: the pitch countdown.

In the browser an ``ipywidgets.Play`` ticks once a second; here the tests
move it by setting ``play.value``, click the labelled buttons, and read the
time and the state shown.
"""

from __future__ import annotations

import pytest

from isgrille.widgets.timer import CountdownWidget, countdown_widget, format_seconds

from .reading import text_of


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0, "0:00"),
        (5, "0:05"),
        (59, "0:59"),
        (60, "1:00"),
        (125, "2:05"),
        (180, "3:00"),
        (600, "10:00"),
        (3599, "59:59"),
    ],
)
def test_format_seconds(seconds, shown):
    assert format_seconds(seconds) == shown


def shown(timer: CountdownWidget) -> str:
    return text_of(timer.display.value)


@pytest.mark.parametrize(("minutes", "time"), [(2, "2:00"), (3, "3:00"), (2.5, "2:30"), (0.25, "0:15")])
def test_starts_ready_showing_the_whole_time(minutes, time):
    timer = countdown_widget(minutes)
    assert shown(timer) == f"Temps de parole — prêt {time}"
    assert '<div class="isg-timer">' + time + "</div>" in timer.display.value
    assert timer.play.value == 0 and not timer.play.playing
    assert timer.play.max == round(minutes * 60)
    assert 'role="timer"' in timer.display.value


def test_start_pause_and_resume():
    timer = CountdownWidget(2, "Pitch")
    timer.start_button.click()
    assert timer.play.playing
    assert shown(timer) == "Pitch — ▶ en cours 2:00"
    timer.play.value = 30  # thirty ticks later
    assert shown(timer) == "Pitch — ▶ en cours 1:30"
    timer.pause_button.click()
    assert not timer.play.playing
    assert shown(timer) == "Pitch — ⏸ en pause 1:30"
    timer.start_button.click()  # resumes where it stopped
    assert timer.play.playing and timer.play.value == 30
    assert shown(timer) == "Pitch — ▶ en cours 1:30"


def test_paused_before_the_first_tick_says_en_pause_not_ready():
    timer = CountdownWidget(2, "Pitch")
    timer.start_button.click()
    timer.pause_button.click()  # within the first second: no tick yet
    assert timer.play.value == 0 and not timer.play.playing
    assert shown(timer) == "Pitch — ⏸ en pause 2:00"
    timer.reset_button.click()
    assert shown(timer) == "Pitch — prêt 2:00"


def test_time_up_is_said_in_words():
    timer = CountdownWidget(2)
    timer.start_button.click()
    timer.play.value = timer.play.max
    assert "Temps écoulé" in shown(timer)
    assert shown(timer).endswith("0:00")


def test_reset_goes_back_to_the_whole_time():
    timer = CountdownWidget(3)
    timer.start_button.click()
    timer.play.value = 100
    timer.reset_button.click()
    assert not timer.play.playing and timer.play.value == 0
    assert shown(timer) == "Temps de parole — prêt 3:00"


def test_start_after_time_up_starts_from_the_whole_time():
    timer = CountdownWidget(1)
    timer.start_button.click()
    timer.play.value = 60
    timer.pause_button.click()
    assert "Temps écoulé" in shown(timer)
    timer.start_button.click()  # starting again starts from the whole time
    assert timer.play.playing and timer.play.value == 0
    assert shown(timer) == "Temps de parole — ▶ en cours 1:00"


def test_title_is_escaped():
    timer = countdown_widget(2, "<script>alert(1)</script>")
    assert "<script>" not in timer.display.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in timer.display.value


def test_buttons_are_labelled_and_the_play_is_hidden():
    timer = countdown_widget(2)
    assert [b.description for b in (timer.start_button, timer.pause_button, timer.reset_button)] == [
        "Démarrer",
        "Pause",
        "Remettre à zéro",
    ]
    assert timer.play.layout.display == "none"
    assert timer.play.interval == 1000 and timer.play.step == 1
