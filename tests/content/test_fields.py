"""Tests of isgrille.content.fields: identifiers, texts and uniqueness shared by every file model.

``Id`` and ``Text`` are checked through a small file model of the test's own
(so the French messages are those a trainer reads); ``check_unique`` is
called directly and must raise :class:`LocatedError` at the second
occurrence, with the location a file model passes on.
"""

from __future__ import annotations

import pytest

from isgrille.content.errors import ContentError, Problem
from isgrille.content.fields import Id, Text, check_unique
from isgrille.content.sources import read_yaml
from isgrille.content.validation import FileModel, LocatedError, validate_document

IDENTIFIER_RULE = "lettres minuscules sans accent, chiffres et _, en commençant par une lettre"


class Named(FileModel):
    id: Id
    label: Text = "x"


def problems(write, text: str) -> tuple[Problem, ...]:
    path = write(text)
    with pytest.raises(ContentError) as excinfo:
        validate_document(Named, read_yaml(path))
    return excinfo.value.problems


@pytest.mark.parametrize("value", ["a", "portage", "caractere_collectif", "n2", "x_1_y", "a__"])
def test_id_accepted(write, value):
    assert validate_document(Named, read_yaml(write(f"id: {value}\n"))).id == value


@pytest.mark.parametrize(
    "value",
    ["Portage", "caractère", "2a", "_a", "a-b", "a b", "éte", "A_1"],
)
def test_id_refused(write, value):
    [problem] = problems(write, f"id: '{value}'\n")
    assert (problem.line, problem.field) == (1, "id")
    assert problem.message == f"identifiant '{value}' invalide (attendu\u00a0: {IDENTIFIER_RULE})"


def test_id_is_stripped_before_it_is_checked(write):
    assert validate_document(Named, read_yaml(write("id: '  portage '\n"))).id == "portage"


@pytest.mark.parametrize("value", ["''", "'   '"])
def test_text_may_not_be_blank(write, value):
    [problem] = problems(write, f"id: a\nlabel: {value}\n")
    assert (problem.line, problem.field, problem.message) == (2, "label", "texte vide\u00a0: un texte est attendu")


# --- check_unique ------------------------------------------------------------------


def located(values, where, what, **options) -> LocatedError:
    with pytest.raises(LocatedError) as excinfo:
        check_unique(values, where, what, **options)
    return excinfo.value


@pytest.mark.parametrize("values", [[], ["a"], ["a", "b", "c"], ["a", "A", "á"]])
def test_distinct_values_pass(values):
    assert check_unique(values, ("levels",), "niveau") is None


def test_second_occurrence_is_located():
    error = located(["a", "b", "c", "b", "a"], ("levels",), "niveau")
    assert (str(error), error.loc, error.key) == ("niveau 'b' en double (déjà en position 2)", ("levels", 3), False)


@pytest.mark.parametrize(
    "values, index, first, repeated",
    [
        (["Bas", "Haut", "bas"], 2, 1, "bas"),
        (["Intermédiaire", "Fort", " intermediaire "], 2, 1, " intermediaire "),
        (["VRAI", "Pas forcément", "PAS FORCEMENT"], 2, 2, "PAS FORCEMENT"),
    ],
)
def test_fold_ignores_case_accents_and_spaces(values, index, first, repeated):
    check_unique(values, ("levels",), "niveau")  # without fold, these are distinct
    error = located(values, ("levels",), "niveau", fold=True)
    assert str(error) == f"niveau '{repeated}' en double (déjà en position {first})"
    assert error.loc == ("levels", index)


def test_field_points_at_the_item_field():
    error = located(["portage", "contenu", "portage"], ("dimensions",), "identifiant de dimension", field="id")
    assert error.loc == ("dimensions", 2, "id")
    assert str(error) == "identifiant de dimension 'portage' en double (déjà en position 1)"


def test_nested_location_is_kept():
    error = located(["a", "a"], ("innovation_dimensions", "items"), "identifiant", field="id")
    assert error.loc == ("innovation_dimensions", "items", 1, "id")
