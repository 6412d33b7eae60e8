"""Tests of isgrille.results.file_format: the results file's pydantic model, FORMAT and VERSION.

ResultsFile checks a results file's structure (the grid's levels are
checked later, by :mod:`isgrille.results.learner`); its problems are located
through :func:`~isgrille.content.validation.validate_document` on the
parsed JSON, as the kit reads a learner's file.
"""

from __future__ import annotations

import json

import pytest

from isgrille.content.errors import ContentError, Problem
from isgrille.content.loading import data_dir
from isgrille.content.sources import parse_json
from isgrille.content.validation import validate_document
from isgrille.results.file_format import FORMAT, VERSION, ResultsFile

from .samples import base

EXAMPLE = data_dir() / "examples" / "results_fictional.json"


def problems(data: dict, name: str = "r.json") -> tuple[Problem, ...]:
    with pytest.raises(ContentError) as excinfo:
        validate_document(ResultsFile, parse_json(json.dumps(data, indent=1), name))
    return excinfo.value.problems


def test_format_and_version():
    assert (FORMAT, VERSION) == ("isgrille-results", 1)
    shipped = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert (shipped["format"], shipped["version"]) == (FORMAT, VERSION)


def test_the_shipped_example_is_valid():
    model = validate_document(ResultsFile, parse_json(EXAMPLE.read_text(encoding="utf-8"), EXAMPLE))
    assert (model.format, model.version, model.grid) == (FORMAT, VERSION, "ami_is_nouvelle_aquitaine")
    assert model.project.name == "La Recyclerie du Val (fictif)"
    assert model.project.stage == "incuber"
    assert [a.assessor for a in model.assessments] == ["autoévaluation", "formateur"]
    assert model.assessments[0].ratings["ouverture_recherche"] is None
    assert model.assessments[1].ratings["ouverture_recherche"] == "Inexistant"
    assert model.innovation_dimensions == ["sociale", "procede_organisation"]
    assert model.exchange == {}


def test_defaults_of_a_minimal_file():
    model = ResultsFile.model_validate({"format": FORMAT, "version": VERSION})
    assert (model.saved_at, model.grid, model.project.name, model.project.stage) == ("", "grid", "", None)
    assert (model.quiz, model.assessments, model.axes, model.pitch) == ({}, [], {}, {})


def located(text: str) -> tuple[Problem, ...]:
    with pytest.raises(ContentError) as excinfo:
        validate_document(ResultsFile, parse_json(text, "r.json"))
    return excinfo.value.problems


def test_duplicate_assessor_is_refused_at_its_line():
    text = """\
{
  "format": "isgrille-results",
  "version": 1,
  "assessments": [
    {"assessor": "formateur", "ratings": {}},
    {"assessor": "autoévaluation", "ratings": {}},
    {"assessor": "formateur",
     "ratings": {"caractere_collectif": "Fort"}}
  ]
}
"""
    assert located(text) == (
        Problem(
            "r.json", "évaluateur 'formateur' en double (déjà en position 1)", line=7, field="assessments[2].assessor"
        ),
    )


def test_unknown_field_is_refused_naming_the_expected_ones():
    text = '{\n  "format": "isgrille-results",\n  "version": 1,\n  "couleur": "bleu"\n}\n'
    assert located(text) == (
        Problem(
            "r.json",
            "champ 'couleur' inconnu (attendu\u00a0: format, version, saved_at, grid, project, quiz, "
            "innovation_dimensions, assessments, axes, pitch, exchange)",
            line=4,
            field="couleur",
        ),
    )


def test_unknown_field_in_the_project():
    [problem] = problems(base(project={"name": "P", "equipe": "3"}))
    assert (problem.field, problem.message) == (
        "project.equipe",
        "champ 'equipe' inconnu (attendu\u00a0: name, learner, stage)",
    )


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"format": "autre"}, "format", "valeur 'autre' invalide (attendu\u00a0: 'isgrille-results')"),
        ({"project": {"stage": "Incuber"}}, "project.stage", "identifiant 'Incuber' invalide"),
        (
            {"assessments": [{"assessor": "  ", "ratings": {}}]},
            "assessments[0].assessor",
            "texte vide\u00a0: un texte est attendu",
        ),
        ({"quiz": {"publics_fragiles": 3}}, "quiz.publics_fragiles", "texte attendu, pas le nombre 3"),
    ],
)
def test_bad_values(changes, field, message):
    [problem] = problems(base(**changes))
    assert problem.field == field
    assert problem.message.startswith(message)


def test_format_and_version_are_required():
    data = base()
    del data["format"], data["version"]
    assert [(p.field, p.message) for p in problems(data)] == [
        ("format", "champ obligatoire manquant"),
        ("version", "champ obligatoire manquant"),
    ]
