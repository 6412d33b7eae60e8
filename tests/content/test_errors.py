"""Tests of isgrille.content.errors: Problem, ContentError and format_field.

A :class:`Problem` reads as one French sentence naming the file and the
place (line, field, column, each only when known); a :class:`ContentError`
keeps every problem it is given and its message names the first, with how
many others there are.
"""

from __future__ import annotations

import pytest

from isgrille.content.errors import ContentError, Problem, format_field


@pytest.mark.parametrize(
    "loc, text",
    [
        ((), ""),
        (("levels",), "levels"),
        (("levels", 2), "levels[2]"),
        (("dimensions", 0, "criteria", 2, "label"), "dimensions[0].criteria[2].label"),
        (("descriptors", "Très haut"), "descriptors.Très haut"),
        ((0, "id"), "[0].id"),
        (("a", 1, 2), "a[1][2]"),
    ],
)
def test_format_field(loc, text):
    assert format_field(loc) == text


@pytest.mark.parametrize(
    "problem, text",
    [
        (Problem("g.yaml", "le fichier est vide"), "g.yaml: le fichier est vide"),
        (Problem("g.yaml", "m", line=4), "g.yaml: ligne 4: m"),
        (Problem("g.yaml", "m", field="levels[1]"), "g.yaml: champ 'levels[1]': m"),
        (Problem("g.yaml", "m", line=4, field="levels[1]"), "g.yaml: ligne 4, champ 'levels[1]': m"),
        (Problem("c.csv", "m", line=3, column="project"), "c.csv: ligne 3, colonne 'project': m"),
        (Problem("c.csv", "m", column="project"), "c.csv: colonne 'project': m"),
        (Problem("x", "m", line=1, field="f", column="c"), "x: ligne 1, champ 'f', colonne 'c': m"),
        (Problem("x", "m", line=None, field=""), "x: m"),
    ],
)
def test_problem_reads_as_one_sentence(problem, text):
    assert str(problem) == text


def test_problem_without_place():
    assert str(Problem("grille.yaml", "le fichier est vide")) == "grille.yaml: le fichier est vide"
    assert str(Problem("c.csv", "nom de projet vide", line=3, column="project")) == (
        "c.csv: ligne 3, colonne 'project': nom de projet vide"
    )


def test_problems_compare_by_value_and_are_frozen():
    assert Problem("a", "m", line=1) == Problem("a", "m", line=1)
    assert Problem("a", "m", line=1) != Problem("a", "m", line=2)
    with pytest.raises(Exception):
        Problem("a", "m").line = 3


def test_content_error_needs_a_problem():
    with pytest.raises(ValueError, match="at least one problem"):
        ContentError([])


def test_single_builds_one_located_problem(tmp_path):
    path = tmp_path / "grille.yaml"
    error = ContentError.single(path, "niveau 'x' inconnu", line=3, field="levels[0]")
    assert isinstance(error, ValueError)
    assert error.problems == (Problem(str(path), "niveau 'x' inconnu", line=3, field="levels[0]"),)
    assert str(error) == f"{path}: ligne 3, champ 'levels[0]': niveau 'x' inconnu"


def test_single_accepts_a_str_path_and_a_column():
    error = ContentError.single("c.csv", "colonne en double", line=1, column="a")
    assert error.problems == (Problem("c.csv", "colonne en double", line=1, column="a"),)


def test_problems_are_kept_in_the_order_given():
    """Sorting by line is the reader's job (see test_validation.py); the error keeps every problem as given."""
    given = [Problem("f", "trois", line=3), Problem("f", "un", line=1), Problem("f", "deux", line=2)]
    error = ContentError(given)
    assert error.problems == tuple(given)
    given.append(Problem("f", "quatre", line=4))
    assert len(error.problems) == 3  # a copy, not the caller's list


@pytest.mark.parametrize(
    "count, suffix",
    [(1, ""), (2, " (et 1 autre erreur)"), (3, " (et 2 autres erreurs)"), (11, " (et 10 autres erreurs)")],
)
def test_message_names_the_first_and_counts_the_others(count, suffix):
    problems = [Problem("f.yaml", f"problème {n}", line=n) for n in range(1, count + 1)]
    error = ContentError(problems)
    assert str(error) == f"f.yaml: ligne 1: problème 1{suffix}"
    assert error.args == (str(error),)

