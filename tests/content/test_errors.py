"""Tests of isgrille.content.errors: Problem, ContentError, format_field and the French words.

A :class:`Problem` reads as one French sentence naming the file and the
place (line, field, column, each only when known), and never grows with the
file (long quoted values and words are cut); a :class:`ContentError` keeps
the first MAX_PROBLEMS problems it is given, then one that says how many
more there are, and its message names the first, with how many others there
are. The system's, PyYAML's and json's errors are said in French, with a
French default for any message not foreseen.
"""

from __future__ import annotations

import dataclasses
import errno

import pytest

from isgrille.content.errors import (
    ContentError,
    Problem,
    bounded,
    format_field,
    os_error_text,
)
from isgrille.content.limits import MAX_PROBLEMS, MAX_SHOWN


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
    with pytest.raises(dataclasses.FrozenInstanceError):
        Problem("a", "m").line = 3


@pytest.mark.parametrize("empty", [[], (), iter([]), (p for p in [])], ids=["list", "tuple", "iterator", "generator"])
def test_content_error_needs_a_problem(empty):
    with pytest.raises(ValueError, match="at least one problem"):
        ContentError(empty)


def test_content_error_takes_problems_from_a_generator_and_counts_those_left_out():
    problems = (Problem("f.csv", f"valeur {n} invalide", line=n) for n in range(1, MAX_PROBLEMS + 6))
    error = ContentError(problems, more=2)
    assert error.problems[:MAX_PROBLEMS] == tuple(
        Problem("f.csv", f"valeur {n} invalide", line=n) for n in range(1, MAX_PROBLEMS + 1)
    )
    assert error.count == MAX_PROBLEMS + 7
    assert error.problems[-1].message == "… et 7 autres problèmes"
    assert str(error).startswith("f.csv: ligne 1: valeur 1 invalide (et ")


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


# --- at most MAX_PROBLEMS problems -------------------------------------------------------------


def test_problems_beyond_the_limit_are_counted_not_kept():
    given = [Problem("f.json", f"problème {n}", line=n) for n in range(1, MAX_PROBLEMS + 11)]
    error = ContentError(given)
    assert error.problems == (*tuple(given[:MAX_PROBLEMS]), Problem("f.json", "… et 10 autres problèmes"))
    assert error.count == MAX_PROBLEMS + 10
    assert str(error) == f"f.json: ligne 1: problème 1 (et {MAX_PROBLEMS + 9} autres erreurs)"


@pytest.mark.parametrize(
    "more, last",
    [(1, "… et 1 autre problème"), (2, "… et 2 autres problèmes"), (99_950, "… et 99\u202f950 autres problèmes")],
)
def test_problems_a_reader_only_counted(more, last):
    error = ContentError([Problem("f.csv", "premier", line=2)], more=more)
    assert error.problems == (Problem("f.csv", "premier", line=2), Problem("f.csv", last))
    assert error.count == 1 + more


def test_exactly_max_problems_are_all_kept():
    given = [Problem("f", "p", line=n) for n in range(MAX_PROBLEMS)]
    assert ContentError(given).problems == tuple(given)


# --- a problem never grows with the file ------------------------------------------------------


def test_a_long_quoted_value_is_shortened():
    value = "Projet très long, " * 50
    problem = Problem("c.csv", f"niveau '{value}' inconnu (attendu\u00a0: Bas, Haut)", line=3)
    assert problem.message == f"niveau '{value[: MAX_SHOWN - 1]}…' inconnu (attendu\u00a0: Bas, Haut)"


def test_a_long_word_is_shortened_but_an_apostrophe_opens_no_quote():
    word = "x" * 1000
    assert bounded(f"l'identifiant d'étape {word} est inconnu") == (
        f"l'identifiant d'étape {word[: MAX_SHOWN - 1]}… est inconnu"
    )


def test_a_long_message_of_short_words_keeps_its_start_and_end():
    message = "début " + "mot " * 1000 + "fin (attendu\u00a0: A, B)"
    cut = bounded(message)
    assert len(cut) < 12 * MAX_SHOWN + 5
    assert cut.startswith("début mot") and cut.endswith("mot fin (attendu\u00a0: A, B)") and " … " in cut


def test_field_and_column_are_cut_only_when_huge():
    """They are built from shortened keys (format_field, shorten); a huge one is still cut."""
    assert Problem("f", "m", field="a." + "k" * 500, column="c" * 500) == Problem(
        "f", "m", field="a." + "k" * 500, column="c" * 500
    )
    problem = Problem("f", "m", field="a." + "k" * 5000, column="c" * 5000)
    assert problem.field == "a." + "k" * (12 * MAX_SHOWN - 3) + "…"
    assert problem.column == "c" * (12 * MAX_SHOWN - 1) + "…"


def test_format_field_shortens_each_key():
    assert format_field(("quiz", "q" * 200, 3)) == f"quiz.{'q' * (MAX_SHOWN - 1)}…[3]"


# --- the French words --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "exc, text",
    [
        (PermissionError(errno.EACCES, "Permission denied"), "permission refusée"),
        (PermissionError(errno.EPERM, "Operation not permitted"), "opération non permise"),
        (OSError(errno.ENOSPC, "No space left on device"), "disque plein"),
        (OSError(errno.EROFS, "Read-only file system"), "système de fichiers en lecture seule"),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), "quota dépassé"),
        (OSError(errno.EIO, "Input/output error"), "erreur d'entrée-sortie du disque"),
        (OSError(errno.ENAMETOOLONG, "File name too long"), "nom de fichier trop long"),
        (OSError(errno.ENOLINK, "Link has been severed"), f"erreur système n° {errno.ENOLINK}"),
        (OSError(9999, "Strange error"), "erreur système n° 9999"),
        (OSError("no errno"), "erreur système"),
        (TimeoutError(), "fichier occupé"),
    ],
)
def test_os_error_text(exc, text):
    """One table for readers, the store and the collection; never the system's English."""
    assert os_error_text(exc) == text
    assert exc.strerror is None or exc.strerror not in os_error_text(exc)


def test_a_long_word_is_shortened_but_keeps_its_closing_punctuation():
    from isgrille.content.errors import bounded
    from isgrille.content.limits import MAX_SHOWN

    path = "/" + "d" * (MAX_SHOWN + 20)
    assert bounded(f"lien hors du dossier (vers {path})\u00a0: non lu") == (
        f"lien hors du dossier (vers {path[: MAX_SHOWN - 1]}…)\u00a0: non lu"
    )
