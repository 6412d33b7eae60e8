"""Tests of isgrille.plots.style: the palette, the second cues, series labels and standalone axes."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from isgrille.content.model import Assessment
from isgrille.plots.style import (
    HATCHES,
    LINESTYLES,
    MARKERS,
    PALETTE,
    PLAIN_TEXT,
    as_list,
    new_axes,
    offset_below,
    plain,
    series_labels,
    series_style,
)


def test_palette_is_okabe_ito():
    okabe_ito = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
    assert set(PALETTE) == okabe_ito and len(PALETTE) == 8


def test_every_cue_sequence_is_distinct():
    for cues in (PALETTE, LINESTYLES, MARKERS, HATCHES):
        assert len(set(cues)) == len(cues) >= 4


CUES = {"color": PALETTE, "linestyle": LINESTYLES, "marker": MARKERS, "hatch": HATCHES}


def test_first_series_take_the_first_cues():
    assert series_style(0) == {"color": "#0072B2", "linestyle": "-", "marker": "o", "hatch": ""}
    assert series_style(1) == {"color": "#D55E00", "linestyle": "--", "marker": "s", "hatch": "//"}


@pytest.mark.parametrize("cue", list(CUES))
def test_each_cue_cycles_on_its_own(cue):
    values = CUES[cue]
    within_a_cycle = [series_style(i)[cue] for i in range(len(values))]
    assert within_a_cycle == values  # every value used, in order, before any comes back
    for i in range(3 * len(values)):
        assert series_style(i + len(values))[cue] == series_style(i)[cue]


def test_series_style_repeats_only_after_every_cue_has_cycled():
    styles = [tuple(series_style(i).values()) for i in range(200)]
    assert len(set(styles[:168])) == 168  # lcm(8, 4, 7, 6): no two series alike before that
    assert styles[168] == styles[0]
    assert series_style(8)["color"] == series_style(0)["color"]
    assert series_style(8)["marker"] != series_style(0)["marker"]


def test_series_labels_default_and_given():
    assert series_labels(None, ["autoévaluation", "formateur"]) == ["autoévaluation", "formateur"]
    assert series_labels(("Équipe", "Formatrice"), ["a", "b"]) == ["Équipe", "Formatrice"]
    assert series_labels(iter(["x"]), ["a"]) == ["x"]


@pytest.mark.parametrize(
    "labels, default, count",
    [
        (["seule"], ["a", "b"], "1 étiquette(s) pour 2 série(s)"),
        (["a", "b", "c"], [], "3 étiquette(s) pour 0 série(s)"),
    ],
)
def test_series_labels_refuses_a_wrong_count(labels, default, count):
    with pytest.raises(ValueError) as excinfo:
        series_labels(labels, default)
    assert str(excinfo.value) == f"labels\u00a0: {count} à tracer"


def test_as_list():
    assessment = Assessment("P", {})
    assert as_list(assessment, Assessment) == [assessment]
    assert as_list((assessment, assessment), Assessment) == [assessment, assessment]
    assert as_list([], Assessment) == []


@pytest.mark.parametrize("polar, name", [(False, "rectilinear"), (True, "polar")])
def test_new_axes_is_not_tracked_by_pyplot(polar, name):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    ax = new_axes((3, 2), polar=polar)
    ax.plot([0, 1], [0, 1])
    ax.figure.canvas.draw()
    assert plt.get_fignums() == before
    assert ax.name == name
    assert isinstance(ax.figure.canvas, FigureCanvasAgg)
    assert tuple(ax.figure.get_size_inches()) == (3, 2)
    assert ax.figure.axes == [ax]


def test_offset_below_moves_down_by_points_at_any_dpi():
    for dpi in (72, 144):
        ax = new_axes((4, 4))
        ax.figure.set_dpi(dpi)
        corner = ax.transAxes.transform((0, 0))
        moved = offset_below(ax, 36).transform((0, 0))
        assert moved[0] == pytest.approx(corner[0])
        assert corner[1] - moved[1] == pytest.approx(36 / 72 * dpi)


def test_plain_text_turns_mathtext_and_tex_off():
    from matplotlib.text import Text

    texts = [Text(text="$x^$", usetex=True), Text(text="a_b")]
    plain(texts)
    assert [(t.get_parse_math(), t.get_usetex()) for t in texts] == [(False, False), (False, False)]
    assert PLAIN_TEXT == {"parse_math": False, "usetex": False}


def test_plain_text_draws_what_mathtext_refuses():
    ax = new_axes((2, 2))
    ax.text(0.5, 0.5, "$x^$", **PLAIN_TEXT)
    ax.figure.canvas.draw()  # mathtext would raise ValueError here
    broken = new_axes((2, 2))
    broken.text(0.5, 0.5, "$x^$")
    with pytest.raises(ValueError):
        broken.figure.canvas.draw()
