"""Tests of isgrille.plots.class_figures: the class charts drawn from a cohort, each with its alt text."""

from __future__ import annotations

from matplotlib.axes import Axes

from isgrille import load_grid, load_quiz
from isgrille.analysis.tidy import load_cohort
from isgrille.content.loading import data_dir
from isgrille.plots.class_figures import class_figures, heatmap_figure, levels_figure, quiz_figure

EXAMPLES = data_dir() / "examples"


def cohort():
    return load_cohort(EXAMPLES / "results_fictional.json", EXAMPLES / "cohort_fictional.csv", grid=load_grid())


def test_each_chart_comes_with_a_french_alt_text_naming_its_data():
    c = cohort()
    figures = class_figures(c.ratings, c.grid, c.quiz, load_quiz())
    assert list(figures) == ["heatmap", "levels", "quiz"]
    for key, (ax, alt) in figures.items():
        assert isinstance(ax, Axes) and ax.figure.get_axes()
        assert alt and alt[0].isupper(), key
    heatmap_alt = figures["heatmap"][1]
    assert "La Recyclerie du Val (fictif)" in heatmap_alt or "projet" in heatmap_alt
    labels = [t.get_text() for t in figures["heatmap"][0].get_yticklabels()]
    assert "La Recyclerie du Val (fictif)" in labels


def test_nothing_to_draw_is_none():
    c = cohort()
    empty = c.ratings.iloc[0:0]
    assert heatmap_figure(empty, c.grid) is None and levels_figure(empty, c.grid) is None
    assert quiz_figure(c.quiz.iloc[0:0], load_quiz()) is None


def test_the_levels_chart_has_one_bar_group_per_criterion():
    c = cohort()
    ax, _ = levels_figure(c.ratings, c.grid)
    labels = " ".join(t.get_text() for t in ax.get_yticklabels())
    for criterion in c.grid.criteria[:3]:
        assert criterion.label.split()[0] in labels


def test_only_the_charts_asked_are_drawn_in_the_order_asked():
    c = cohort()
    figures = class_figures(c.ratings, c.grid, c.quiz, load_quiz(), keys=("quiz", "heatmap"))
    assert list(figures) == ["quiz", "heatmap"]
    assert figures["heatmap"][1] == class_figures(c.ratings, c.grid, c.quiz, load_quiz())["heatmap"][1]


def test_given_an_attribution_each_chart_shows_it_below_everything_else():
    from isgrille.content.attribution import attribution_of
    from isgrille.content.loading import load_workshop
    from isgrille.plots.footer import FOOTER_GID

    c = cohort()
    signed = attribution_of(load_workshop(), c.grid)
    for key, (ax, _) in class_figures(c.ratings, c.grid, c.quiz, load_quiz(), attribution=signed).items():
        fig = ax.figure
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        [footer] = [t for t in fig.texts if t.get_gid() == FOOTER_GID]
        assert footer.get_text().replace("\n", " ") == " ".join(signed.lines()), key
        box = footer.get_window_extent(renderer)
        assert all(box.y1 < other.get_tightbbox(renderer).y0 for other in fig.axes), key  # colour bar included
    unsigned = class_figures(c.ratings, c.grid, c.quiz, load_quiz())
    assert not [t for ax, _ in unsigned.values() for t in ax.figure.texts if t.get_gid() == FOOTER_GID]
