"""Tests of isgrille.widgets.class_view: the class charts as <img> with an escaped alt, or a status line."""

from __future__ import annotations

import html
import re

from isgrille import LearnerResults, load_grid, load_quiz
from isgrille.analysis.tidy import load_cohort
from isgrille.widgets.class_view import heatmap_html, levels_html, quiz_misses_html

HOSTILE = '<img src=x onerror=alert(1)>"'


def hostile_cohort(tmp_path):
    grid = load_grid()
    results = LearnerResults(project=HOSTILE, quiz={"publics_fragiles": "FAUX"})
    results.rate(grid.criteria[0].id, 2)
    path = tmp_path / "r.json"
    path.write_text(results.to_json(grid), encoding="utf-8")
    return load_cohort(path, grid=grid)


def test_charts_are_images_whose_alt_is_escaped(tmp_path):
    cohort = hostile_cohort(tmp_path)
    for page in (
        heatmap_html(cohort.ratings, cohort.grid),
        levels_html(cohort.ratings, cohort.grid),
        quiz_misses_html(cohort.quiz, load_quiz()),
    ):
        assert page.startswith('<img class="isg-chart" alt="')
        assert 'src="data:image/png;base64,' in page
        assert "<img src=x" not in page  # only our own <img> tag
        alt = re.search(r'alt="([^"]*)"', page).group(1)
        assert html.unescape(alt).strip()
    assert html.escape(HOSTILE, quote=True) in heatmap_html(cohort.ratings, cohort.grid) or "projet" in heatmap_html(
        cohort.ratings, cohort.grid
    )


def test_nothing_to_show_is_a_status_line(tmp_path):
    cohort = hostile_cohort(tmp_path)
    empty = cohort.ratings.iloc[0:0]
    assert heatmap_html(empty, cohort.grid) == '<p role="status">Aucune évaluation\u00a0: pas de carte des projets.</p>'
    assert "répartition" in levels_html(empty, cohort.grid)
    assert quiz_misses_html(cohort.quiz.iloc[0:0], load_quiz()) == '<p role="status">Aucune réponse au quiz.</p>'
