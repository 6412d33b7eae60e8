"""Tests for isgrille.plots: what the charts draw, and that they leave matplotlib alone."""

from __future__ import annotations

import math
import os
import subprocess
import sys

os.environ.setdefault("MPLBACKEND", "Agg")  # tests only; the module itself never picks a backend

import matplotlib  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from isgrille import load_assessments, load_grid  # noqa: E402
from isgrille.content.model import Assessment, Dimension, Grid
from isgrille.plots.style import HATCHES, LINESTYLES, MARKERS, PALETTE
from isgrille.plots.export import figure_png
from isgrille.plots.summary import plot_dimension_summary
from isgrille.plots.radar import plot_profile
from isgrille.analysis.scoring import score_assessment

from .grids import make_grid  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def grid() -> Grid:
    return load_grid()


@pytest.fixture(scope="module")
def pair(grid) -> list[Assessment]:
    """La Recyclerie du Val: its self-assessment and the trainer's (one criterion not rated)."""
    cohort = load_assessments(grid=grid)
    assert (cohort[0].project, cohort[6].assessor) == (cohort[6].project, "formateur")
    return [cohort[0], cohort[6]]


def polar_axes() -> matplotlib.axes.Axes:
    return Figure().add_subplot(projection="polar")


def series_lines(ax) -> list:
    """The data lines: those with a legend label (rings and spokes have none)."""
    return [line for line in ax.get_lines() if not line.get_label().startswith("_")]


def expected_values(grid: Grid, assessment: Assessment) -> list[float]:
    return [math.nan if assessment.level(c.id) is None else assessment.level(c.id)
            for c in grid.criteria]


def same(values, expected) -> bool:
    return len(values) == len(expected) and all(
        (math.isnan(v) and math.isnan(e)) or v == e for v, e in zip(values, expected)
    )


def texts(ax) -> list[str]:
    return [text.get_text() for text in ax.texts]


# --- style ---------------------------------------------------------------------------

def test_palette_is_okabe_ito():
    okabe_ito = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00",
                 "#CC79A7"}
    assert set(PALETTE) == okabe_ito and len(PALETTE) == 8


def test_every_cue_sequence_is_distinct():
    for cues in (PALETTE, LINESTYLES, MARKERS, HATCHES):
        assert len(set(cues)) == len(cues) >= 4


# --- plot_profile ----------------------------------------------------------------------

def test_one_spoke_per_criterion_with_wrapped_labels(grid, pair):
    ax = plot_profile(grid, pair)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert len(ax.get_xticks()) == len(grid.criteria) == 12
    assert [label.replace("\n", " ") for label in labels] == [c.label for c in grid.criteria]
    assert "Caractère collectif du projet" not in labels
    assert all(max(map(len, label.split("\n"))) <= 18 for label in labels)
    assert any("\n" in label for label in labels)


def test_wrap_width_is_a_parameter(grid, pair):
    ax = plot_profile(grid, pair, wrap=100)
    assert not any("\n" in t.get_text() for t in ax.get_xticklabels())


def test_radial_ticks_are_the_levels(grid, pair):
    ax = plot_profile(grid, pair)
    assert list(ax.get_yticks()) == list(range(len(grid.levels)))
    assert [t.get_text() for t in ax.get_yticklabels()] == list(grid.levels)
    low, high = ax.get_ylim()
    assert low == 0 and high > grid.top_index


def test_series_data_are_the_ratings_with_nan_gaps_and_closed(grid, pair):
    ax = plot_profile(grid, pair)
    lines = series_lines(ax)
    assert len(lines) == 2
    for line, assessment in zip(lines, pair):
        expected = expected_values(grid, assessment)
        ydata = list(line.get_ydata())
        assert same(ydata[:-1], expected)
        assert same(ydata[-1:], expected[:1])  # closed back to the first criterion
        assert list(line.get_xdata())[-1] == list(line.get_xdata())[0]
    assert math.isnan(lines[0].get_ydata()[11])  # 'ouverture_recherche' is not rated


def test_series_differ_in_colour_and_in_a_second_cue(grid, pair):
    first, second = series_lines(plot_profile(grid, pair))
    assert first.get_color() != second.get_color()
    assert first.get_linestyle() != second.get_linestyle()
    assert first.get_marker() != second.get_marker()
    assert first.get_color() == PALETTE[0] and second.get_marker() == MARKERS[1]


def test_legend_defaults_to_assessors_and_takes_labels(grid, pair):
    legend = plot_profile(grid, pair).get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["autoévaluation", "formateur"]
    legend = plot_profile(grid, pair, labels=["Équipe", "Formatrice"]).get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["Équipe", "Formatrice"]


def test_labels_must_match_the_series(grid, pair):
    with pytest.raises(ValueError, match="1 étiquette"):
        plot_profile(grid, pair, labels=["seule"])


def test_dimension_labels_are_drawn(grid, pair):
    shown = texts(plot_profile(grid, pair))
    assert {"Portage", "Contenu", "Contexte"} <= set(shown)


def test_long_dimension_labels_are_fitted_not_dropped():
    base = make_grid([1, 1, 1, 1, 1, 1, 1, 1], 4)
    long = "Une dimension au nom vraiment très long pour la place disponible"
    grid = Grid(base.levels, tuple(Dimension(d.id, long, d.criteria) for d in base.dimensions))
    shown = texts(plot_profile(grid, []))
    assert len(shown) == 8
    assert all(text.startswith("Une") and len(text) < len(long) for text in shown)


def test_title(grid, pair):
    assert plot_profile(grid, pair, title="La Recyclerie").get_title() == "La Recyclerie"
    assert plot_profile(grid, pair).get_title() == ""


def test_single_assessment_is_accepted(grid, pair):
    ax = plot_profile(grid, pair[0])
    assert len(series_lines(ax)) == 1


def test_non_polar_axes_are_refused(grid, pair):
    ax = Figure().add_subplot()
    with pytest.raises(ValueError, match="axes polaires"):
        plot_profile(grid, pair, ax=ax)


def test_a_given_polar_axes_is_drawn_on_and_returned(grid, pair):
    ax = polar_axes()
    assert plot_profile(grid, pair, ax=ax) is ax
    assert len(series_lines(ax)) == 2


def test_out_of_range_rating_is_refused(grid):
    with pytest.raises(ValueError, match="hors de la grille"):
        plot_profile(grid, Assessment("P", {"caractere_collectif": 9}))


@pytest.mark.parametrize("shape", [[1], [2], [1, 1]])
def test_degenerate_radars(shape):
    grid = make_grid(shape, 2)
    ratings = [{c.id: 1 for c in grid.criteria}, {c.id: None for c in grid.criteria}]
    ax = plot_profile(grid, [Assessment("P", r) for r in ratings])
    assert len(ax.get_xticks()) == len(grid.criteria)
    assert figure_png(ax).startswith(PNG)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_grid_shape_draws(data):
    shape = data.draw(st.lists(st.integers(1, 6), min_size=1, max_size=6), label="shape")
    grid = make_grid(shape, data.draw(st.integers(2, 7), label="levels"))
    rating = st.one_of(st.none(), st.integers(0, grid.top_index))
    assessments = [
        Assessment(f"P{n}", {c.id: data.draw(rating) for c in grid.criteria}, f"A{n}")
        for n in range(data.draw(st.integers(1, 3), label="series"))
    ]
    ax = plot_profile(grid, assessments)
    assert len(ax.get_xticks()) == len(grid.criteria)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(grid.levels)
    for line, assessment in zip(series_lines(ax), assessments):
        assert same(list(line.get_ydata())[:-1], expected_values(grid, assessment))
    ax.figure.canvas.draw()


# --- plot_dimension_summary --------------------------------------------------------------

def profiles_of(grid, assessments):
    return [score_assessment(grid, a) for a in assessments]


def test_bars_are_the_percents(grid, pair):
    profiles = profiles_of(grid, pair)
    ax = plot_dimension_summary(grid, profiles)
    assert len(ax.containers) == 2
    for container, profile in zip(ax.containers, profiles):
        expected = [profile.dimension(d.id).summary.percent for d in grid.dimensions]
        expected.append(profile.overall.percent)
        assert [bar.get_width() for bar in container] == pytest.approx(expected)
    assert ax.get_xlabel() == "% du niveau maximal"
    assert ax.get_xlim() == (0, 100)


def test_groups_are_the_dimensions_then_ensemble(grid, pair):
    ax = plot_dimension_summary(grid, profiles_of(grid, pair))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Portage", "Contenu", "Contexte",
                                                            "Ensemble"]


def test_annotations_give_the_median_and_the_not_rated(grid, pair):
    profiles = profiles_of(grid, pair)
    shown = texts(plot_dimension_summary(grid, profiles))
    assert len(shown) == 2 * 4
    first = profiles[0]
    contexte = first.dimension("contexte").summary
    assert contexte.not_rated == 1
    assert f"médiane : {contexte.median} (1 non renseigné)" in shown
    assert f"médiane : {first.overall.median} (1 non renseigné)" in shown
    assert f"médiane : {first.dimension('portage').summary.median}" in shown


def test_plural_of_not_rated():
    grid = make_grid([3], 3)
    profile = score_assessment(grid, Assessment("P", {"c0_0": 2}))
    assert "médiane : N2 (2 non renseignés)" in texts(plot_dimension_summary(grid, profile))


def test_empty_dimension_reads_non_renseigne_and_has_no_bar():
    grid = make_grid([2, 2], 4)
    profile = score_assessment(grid, Assessment("P", {"c0_0": 3, "c0_1": 1}))
    ax = plot_dimension_summary(grid, [profile])
    assert "non renseigné" in texts(ax)
    assert [bar.get_width() for bar in ax.containers[0]] == pytest.approx([200 / 3, 200 / 3])


def test_nothing_rated_at_all():
    grid = make_grid([1, 2], 3)
    ax = plot_dimension_summary(grid, score_assessment(grid, Assessment("P", {})))
    assert texts(ax).count("non renseigné") == 3
    assert len(ax.containers[0]) == 0


def test_bar_series_differ_in_colour_and_hatch(grid, pair):
    ax = plot_dimension_summary(grid, profiles_of(grid, pair), labels=["Équipe", "Formateur"])
    first, second = (container[0] for container in ax.containers)
    assert first.get_facecolor() != second.get_facecolor()
    assert first.get_hatch() != second.get_hatch()
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["Équipe", "Formateur"]


def test_summary_legend_defaults_to_assessors(grid, pair):
    legend = plot_dimension_summary(grid, profiles_of(grid, pair)).get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["autoévaluation", "formateur"]


def test_summary_draws_on_a_given_axes(grid, pair):
    ax = Figure().add_subplot()
    assert plot_dimension_summary(grid, profiles_of(grid, pair), ax=ax) is ax
    with pytest.raises(ValueError, match="axes cartésiens"):
        plot_dimension_summary(grid, profiles_of(grid, pair), ax=polar_axes())


# --- figure_png and global state ---------------------------------------------------------

def test_figure_png_from_axes_and_figure(grid, pair):
    ax = plot_profile(grid, pair)
    for target in (ax, ax.figure):
        data = figure_png(target)
        assert isinstance(data, bytes) and data.startswith(PNG)


def test_figure_png_from_a_subfigure_axes(grid, pair):
    sub = Figure(figsize=(12, 6)).subfigures(1, 2)
    plot_profile(grid, pair, ax=sub[0].add_subplot(projection="polar"))
    ax = plot_dimension_summary(grid, profiles_of(grid, pair), ax=sub[1].add_subplot())
    assert figure_png(ax, dpi=50).startswith(PNG)


def test_no_pyplot_figures_and_no_rcparams_change(grid, pair):
    import matplotlib.pyplot as plt

    plt.close("all")
    before = dict(matplotlib.rcParams)
    backend = matplotlib.get_backend()
    for _ in range(3):  # a widget redrawing
        figure_png(plot_profile(grid, pair, title="x"))
        figure_png(plot_dimension_summary(grid, profiles_of(grid, pair)))
    assert plt.get_fignums() == []
    assert dict(matplotlib.rcParams) == before
    assert matplotlib.get_backend() == backend


def test_importing_the_module_changes_nothing_global():
    code = (
        "import sys, matplotlib\n"
        "before = dict(matplotlib.rcParams)\n"
        "import isgrille.plots\n"
        "assert dict(matplotlib.rcParams) == before\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert "isgrille.plots" not in " ".join(
        subprocess.run([sys.executable, "-c", "import sys, isgrille; print(*sys.modules)"],
                       capture_output=True, text=True, check=True).stdout.split()
    )
