"""Tests of isgrille.content.validation: pydantic's errors turned into located French problems.

Each malformed file is built in ``tmp_path`` from a small valid document of
its kind (``tests/documents.py``) by changing one thing, and the test checks
the loader's :class:`~isgrille.content.errors.Problem`: file, line, field path
and message. The table covers every kind of file; what is specific to one
file model is in its own test module (``test_grid_file.py``…), and problems
found before validation (empty file, bad YAML…) in ``test_sources.py``. Also
covered: messages chosen by pattern, several problems in one file (sorted by
line), and :func:`validate_document` with a model of the test's own.
"""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from pydantic import ValidationError, model_validator
from pydantic_core.core_schema import ErrorType

from isgrille.content.errors import ContentError, Problem
from isgrille.content.grid_file import GridFile
from isgrille.content.limits import MAX_PROBLEMS, MAX_SHOWN
from isgrille.content.loading import load_grid, load_quiz, load_workshop
from isgrille.content.sources import read_yaml
from isgrille.content.validation import FileModel, LocatedError, YamlDocument, _problem, validate_document
from isgrille.delivery.validate import validate_file

from ..documents import DOCUMENTS, GRID, LOADERS, QUIZ, WORKSHOP, broken, problems_of

# --- valid files ---------------------------------------------------------------


@pytest.mark.parametrize("kind", list(DOCUMENTS))
def test_base_documents_are_valid(write, kind):
    """Every malformed case below starts from one of these; each must load as is."""
    path = write(DOCUMENTS[kind])
    LOADERS[kind](path)
    assert validate_file(path) == kind


# --- one malformed document per case --------------------------------------------


def case(case_id, kind, old, new, line, field, message):
    """A malformed document: ``DOCUMENTS[kind]`` with ``old`` replaced by ``new``."""
    return pytest.param(kind, old, new, line, field, message, id=case_id)


IDENTIFIER_RULE = "lettres minuscules sans accent, chiffres et _, en commençant par une lettre"

CASES = [
    # grid
    case(
        "grid-missing-field", "grid", "    label: Portage\n", "", 4, "dimensions[0].label", "champ obligatoire manquant"
    ),
    case(
        "grid-missing-top-level-field", "grid", "levels: [Bas, Haut]\n", "", 1, "levels", "champ obligatoire manquant"
    ),
    case(
        "grid-unknown-field",
        "grid",
        "    label: Portage\n",
        "    label: Portage\n    couleur: rouge\n",
        6,
        "dimensions[0].couleur",
        "champ 'couleur' inconnu (attendu\u00a0: id, label, criteria)",
    ),
    case(
        "grid-unknown-top-level-field",
        "grid",
        "kind: grid\n",
        "kind: grid\nauteur: Avise\n",
        2,
        "auteur",
        "champ 'auteur' inconnu (attendu\u00a0: kind, id, title, source, adaptation, levels, dimensions)",
    ),
    case(
        "grid-unknown-level-key",
        "grid",
        "          Haut: porté par un collectif\n",
        "          Haut: porté par un collectif\n          Très haut: porté par tous\n",
        12,
        "dimensions[0].criteria[0].descriptors.Très haut",
        "niveau 'Très haut' inconnu (attendu\u00a0: Bas, Haut)",
    ),
    case(
        "grid-missing-descriptor",
        "grid",
        "          Haut: porté par un collectif\n",
        "",
        9,
        "dimensions[0].criteria[0].descriptors",  # the line of 'descriptors:'
        "descripteur manquant pour le niveau 'Haut' (attendu\u00a0: un texte pour chacun des niveaux Bas, Haut)",
    ),
    case(
        "grid-duplicate-criterion-across-dimensions",
        "grid",
        "id: ancrage",
        "id: collectif",
        15,
        "dimensions[1].criteria[0].id",
        "identifiant de critère 'collectif' en double (déjà utilisé dans dimensions[0])",
    ),
    case(
        "grid-duplicate-dimension",
        "grid",
        "id: contexte",
        "id: portage",
        12,
        "dimensions[1].id",
        "identifiant de dimension 'portage' en double (déjà en position 1)",
    ),
    case(
        "grid-duplicate-level-ignoring-case",
        "grid",
        "levels: [Bas, Haut]",
        "levels: [Bas, Haut, bas]",
        2,
        "levels[2]",
        "niveau 'bas' en double (déjà en position 1)",
    ),
    case(
        "grid-number-for-text",
        "grid",
        "label: Contexte",
        "label: 12",
        13,
        "dimensions[1].label",
        "texte attendu, pas le nombre 12",
    ),
    case(
        "grid-string-for-list",
        "grid",
        "levels: [Bas, Haut]",
        "levels: Bas",
        2,
        "levels",
        "liste attendue, pas le texte 'Bas'",
    ),
    case(
        "grid-blank-text",
        "grid",
        "label: Contexte",
        'label: "   "',
        13,
        "dimensions[1].label",
        "texte vide\u00a0: un texte est attendu",
    ),
    case(
        "grid-fewer-than-two-levels",
        "grid",
        "levels: [Bas, Haut]",
        "levels: [Bas]",
        2,
        "levels",
        "au moins 2 éléments attendus",
    ),
    case(
        "grid-dimension-without-criteria",
        "grid",
        GRID[GRID.index("    criteria:\n      - id: ancrage") :],
        "    criteria: []\n",
        14,
        "dimensions[1].criteria",
        "au moins 1 élément attendu",
    ),
    case(
        "grid-invalid-id",
        "grid",
        "id: collectif",
        "id: Caractère",
        7,
        "dimensions[0].criteria[0].id",
        f"identifiant 'Caractère' invalide (attendu\u00a0: {IDENTIFIER_RULE})",
    ),
    # quiz
    case(
        "quiz-answer-not-a-choice",
        "quiz",
        "answer: FAUX",
        "answer: PAS FORCÉMENT",
        7,
        "items[0].answer",
        "réponse 'PAS FORCÉMENT' inconnue (attendu\u00a0: VRAI, FAUX)",
    ),
    case(
        "quiz-duplicate-choice",
        "quiz",
        "choices: [VRAI, FAUX]",
        "choices: [VRAI, FAUX, vrai]",
        3,
        "choices[2]",
        "réponse possible 'vrai' en double (déjà en position 1)",
    ),
    case(
        "quiz-fewer-than-two-choices",
        "quiz",
        "choices: [VRAI, FAUX]",
        "choices: [VRAI]",
        3,
        "choices",
        "au moins 2 éléments attendus",
    ),
    case(
        "quiz-missing-field-in-example",
        "quiz",
        "        source: Laboratoire de la Mobilité inclusive\n",
        "",
        10,
        "items[0].examples[0].source",
        "champ obligatoire manquant",
    ),
    case(
        "quiz-unknown-item-field",
        "quiz",
        "    answer: FAUX\n",
        "    answer: FAUX\n    reponse: VRAI\n",
        8,
        "items[0].reponse",
        "champ 'reponse' inconnu (attendu\u00a0: id, statement, answer, explanation, explanation_by_kit, see, examples)",
    ),
    case(
        "quiz-list-for-text",
        "quiz",
        "title: Le VRAI / FAUX",
        "title: [VRAI, FAUX]",
        2,
        "title",
        "texte attendu, pas une liste",
    ),
    case(
        "quiz-invalid-see",
        "quiz",
        "    answer: FAUX\n",
        "    answer: FAUX\n    see: Définitions\n",
        8,
        "items[0].see",
        f"identifiant 'Définitions' invalide (attendu\u00a0: {IDENTIFIER_RULE})",
    ),
    # concepts
    case(
        "concepts-string-for-list",
        "concepts",
        "key_points:\n  - Un besoin social\n",
        "key_points: Un besoin social\n",
        19,
        "key_points",
        "liste attendue, pas le texte 'Un besoin social'",
    ),
    case(
        "concepts-duplicate-definition",
        "concepts",
        "id: csess",
        "id: oslo",
        14,
        "definitions[1].id",
        "identifiant 'oslo' en double (déjà en position 1)",
    ),
    case(
        "concepts-missing-field",
        "concepts",
        "key_points_title: Points clés\n",
        "",
        1,
        "key_points_title",
        "champ obligatoire manquant",
    ),
    case(
        "concepts-unknown-field",
        "concepts",
        "    text: Des réponses nouvelles à des besoins sociaux\n",
        "    text: Des réponses nouvelles à des besoins sociaux\n    url: https://www.csess.fr\n",
        18,
        "definitions[1].url",
        "champ 'url' inconnu (attendu\u00a0: id, title, source, text)",
    ),
    case(
        "concepts-blank-text",
        "concepts",
        "    title: Le CSESS\n",
        '    title: "  "\n',
        15,
        "definitions[1].title",
        "texte vide\u00a0: un texte est attendu",
    ),
    # workshop
    case(
        "workshop-offer-unknown-stage",
        "workshop",
        "stage: incuber",
        "stage: accelerer",
        37,
        "offers[0].stage",
        "étape 'accelerer' inconnue (attendu\u00a0: inventer, incuber)",
    ),
    case(
        "workshop-times-not-increasing",
        "workshop",
        '- start: "09:30"',
        '- start: "08:30"',
        9,
        "programme.entries[0].start",
        "horaire 09:00 suivi de 08:30\u00a0: les horaires doivent être croissants",
    ),
    case(
        "workshop-last-entry-not-before-end",
        "workshop",
        'end: "10:30"',
        'end: "09:40"',
        14,
        "programme.entries[2].start",
        "horaire 09:40 suivi de 09:40\u00a0: les horaires doivent être croissants",
    ),
    case(
        "workshop-unknown-sequence",
        "workshop",
        "      sequence: 2\n",
        "      sequence: 3\n",
        16,
        "programme.entries[2].sequence",
        "séquence 3 inconnue (attendu\u00a0: 1, 2)",
    ),
    case(
        "workshop-text-for-number",
        "workshop",
        "      sequence: 1\n",
        "      sequence: un\n",
        11,
        "programme.entries[0].sequence",
        "nombre entier attendu, pas le texte 'un'",
    ),
    case(
        "workshop-number-not-positive",
        "workshop",
        "  - number: 1\n",
        "  - number: 0\n",
        18,
        "sequences[0].number",
        "nombre supérieur à 0 attendu, pas le nombre 0",
    ),
    case(
        "workshop-missing-field",
        "workshop",
        "  mission: Accompagner les projets d'innovation sociale\n",
        "",
        25,
        "atis.mission",
        "champ obligatoire manquant",
    ),
    case(
        "workshop-duplicate-stage",
        "workshop",
        "id: incuber",
        "id: inventer",
        32,
        "stages[1].id",
        "identifiant d'étape 'inventer' en double (déjà en position 1)",
    ),
]


@pytest.mark.parametrize("kind, old, new, line, field, message", CASES)
def test_malformed_document(write, kind, old, new, line, field, message):
    path = write(broken(DOCUMENTS[kind], old, new))
    assert problems_of(LOADERS[kind], path) == (Problem(str(path), message, line=line, field=field),)


def test_message_names_file_line_and_field(write):
    path = write(broken(GRID, "    label: Portage\n", "    label: Portage\n    couleur: rouge\n"))
    with pytest.raises(ContentError) as excinfo:
        load_grid(path)
    assert str(excinfo.value) == (
        f"{path}: ligne 6, champ 'dimensions[0].couleur': champ 'couleur' inconnu (attendu\u00a0: id, label, criteria)"
    )


def test_bad_time_is_not_described_as_an_identifier(write):
    path = write(broken(WORKSHOP, '- start: "09:30"', '- start: "9h30"'))
    [problem] = problems_of(load_workshop, path)
    assert (problem.line, problem.field) == (12, "programme.entries[1].start")
    assert problem.message == "horaire '9h30' invalide (attendu\u00a0: HH:MM, par exemple \"09:40\")"


def test_bad_url_message(write):
    path = write(broken(WORKSHOP, 'url: "https://www.avise.org"', 'url: "ftp://avise.org"'))
    [problem] = problems_of(load_workshop, path)
    assert (problem.field, problem.message) == (
        "resources[0].url",
        "adresse web 'ftp://avise.org' invalide (attendu\u00a0: https://…)",
    )


# --- several problems in one file -------------------------------------------------


def test_content_error_collects_two_problems(write):
    text = broken(
        broken(QUIZ, "    statement: Une innovation doit être complètement nouvelle\n"),
        "    explanation: Elle peut aussi être incrémentale.\n",
    )
    path = write(text)
    with pytest.raises(ContentError) as excinfo:
        load_quiz(path)
    assert excinfo.value.problems == (
        Problem(str(path), "champ obligatoire manquant", line=5, field="items[0].statement"),
        Problem(str(path), "champ obligatoire manquant", line=5, field="items[0].explanation"),
    )
    assert str(excinfo.value) == (
        f"{path}: ligne 5, champ 'items[0].statement': champ obligatoire manquant (et 1 autre erreur)"
    )


def test_content_error_sorts_problems_by_line(write):
    text = broken(GRID, "levels: [Bas, Haut]\n")
    text = broken(text, "label: Contexte", "label: 12")
    text = broken(text, "kind: grid\n", "kind: grid\nauteur: Avise\n")
    path = write(text)
    with pytest.raises(ContentError) as excinfo:
        load_grid(path)
    assert [(p.line, p.field) for p in excinfo.value.problems] == [
        (1, "levels"),
        (2, "auteur"),
        (13, "dimensions[1].label"),
    ]
    assert str(excinfo.value).endswith("champ obligatoire manquant (et 2 autres erreurs)")


# --- validate_document with a model of its own -----------------------------------


class Pair(FileModel):
    """Two names that must differ; the rule points at the second, or at its key."""

    first: str
    second: str
    on_key: bool = False

    @model_validator(mode="after")
    def _differ(self) -> Pair:
        if self.first == self.second:
            raise LocatedError(f"'{self.second}' répète 'first'", ("second",), key=self.on_key)
        return self


def test_validate_document_returns_the_model(write):
    pair = validate_document(Pair, read_yaml(write("first: a\nsecond: b\n")))
    assert (pair.first, pair.second, pair.on_key) == ("a", "b", False)
    with pytest.raises(ValidationError):
        pair.first = "c"  # frozen


@pytest.mark.parametrize(
    "text, line",
    [
        pytest.param("first: a\nsecond:\n  a\n", 3, id="value"),
        pytest.param("first: a\non_key: true\nsecond:\n  a\n", 3, id="key"),
    ],
)
def test_located_error_points_at_its_value_or_its_key(write, text, line):
    path = write(text)
    with pytest.raises(ContentError) as excinfo:
        validate_document(Pair, read_yaml(path))
    assert excinfo.value.problems == (Problem(str(path), "'a' répète 'first'", line=line, field="second"),)


def test_unknown_field_names_the_expected_ones(write):
    path = write("first: a\nsecond: b\nthird: c\n")
    with pytest.raises(ContentError) as excinfo:
        validate_document(Pair, read_yaml(path))
    assert excinfo.value.problems == (
        Problem(str(path), "champ 'third' inconnu (attendu\u00a0: first, second, on_key)", line=3, field="third"),
    )


# --- what pydantic reports, always in French, shortened, at most MAX_PROBLEMS -----------


@pytest.mark.parametrize(
    "old, new, line, field, message",
    [
        pytest.param(
            "      sequence: 1\n",
            f'      sequence: "{"1" * 5000}"\n',
            11,
            "programme.entries[0].sequence",
            f"nombre entier attendu, pas le texte '{'1' * (MAX_SHOWN - 1)}…'",
            id="int-parsing-size",
        ),
        pytest.param(
            "      sequence: 1\n",
            "      sequence: 1.5\n",
            11,
            "programme.entries[0].sequence",
            "nombre entier attendu, pas le nombre 1.5",
            id="int-from-float",
        ),
        pytest.param(
            "atis:\n  name: ATIS\n  vision: Une société qui construit des solutions innovantes\n"
            "  mission: Accompagner les projets d'innovation sociale\n  territory: Nouvelle-Aquitaine\n",
            "atis: ATIS\n",
            24,
            "atis",
            "table de champs (clé\u00a0: valeur) attendue, pas le texte 'ATIS'",
            id="model-type",
        ),
        pytest.param(
            "title: Atelier innovation sociale", f"title: {'é' * 300}", None, None, None, id="long-text-is-fine"
        ),
        pytest.param(
            "kind: workshop\n",
            f"kind: workshop\n{'k' * 300}: 1\n",
            2,
            f"{'k' * (MAX_SHOWN - 1)}…",
            f"champ '{'k' * (MAX_SHOWN - 1)}…' inconnu (attendu\u00a0: kind, title, date, organisation, contact, "
            "license, adaptation, derived_from, objectives, programme, sequences, atis, stages, offers, resources)",
            id="long-unknown-field",
        ),
        pytest.param(
            "stage: incuber",
            f"stage: {'I' * 300}",
            37,
            "offers[0].stage",
            f"identifiant '{'I' * (MAX_SHOWN - 1)}…' invalide (attendu\u00a0: lettres minuscules sans accent, "
            "chiffres et _, en commençant par une lettre)",
            id="long-bad-identifier",
        ),
    ],
)
def test_workshop_values_reported_short_and_in_french(write, old, new, line, field, message):
    path = write(broken(WORKSHOP, old, new))
    if message is None:
        assert load_workshop(path).title == "é" * 300
    else:
        assert problems_of(load_workshop, path) == (Problem(str(path), message, line=line, field=field),)


def test_long_literal_is_shortened(write):
    path = write(broken(GRID, "kind: grid\n", f"kind: {'g' * 300}\n"))
    with pytest.raises(ContentError) as excinfo:
        validate_document(GridFile, read_yaml(path))
    assert excinfo.value.problems == (
        Problem(str(path), f"valeur '{'g' * (MAX_SHOWN - 1)}…' invalide (attendu\u00a0: 'grid')", line=1, field="kind"),
    )


def test_at_most_max_problems_then_how_many_more(write):
    count = MAX_PROBLEMS + 10
    path = write(broken(GRID, "levels: [Bas, Haut]", "levels:\n" + "".join(f"  - {n}\n" for n in range(count))))
    problems = problems_of(load_grid, path)
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[0] == Problem(str(path), "texte attendu, pas le nombre 0", line=3, field="levels[0]")
    assert problems[MAX_PROBLEMS - 1] == Problem(
        str(path),
        f"texte attendu, pas le nombre {MAX_PROBLEMS - 1}",
        line=MAX_PROBLEMS + 2,
        field=f"levels[{MAX_PROBLEMS - 1}]",
    )
    assert problems[-1] == Problem(str(path), "… et 10 autres problèmes")


@pytest.mark.parametrize("kind", typing.get_args(ErrorType))
def test_every_pydantic_error_type_is_said_in_french(kind):
    """Whatever pydantic reports, with or without its context, the trainer never reads pydantic's English."""
    doc = YamlDocument(Path("f.yaml"), {"first": 3})
    error = {"type": kind, "loc": ("first",), "msg": "Input should be ENGLISH", "input": 3, "ctx": {}}
    problem = _problem(Pair, doc, error)
    assert problem.message and "ENGLISH" not in problem.message and "Input" not in problem.message
    assert problem.field == "first"


def test_a_value_error_without_its_cause_is_said_in_french():
    doc = YamlDocument(Path("f.yaml"), {})
    error = {"type": "value_error", "loc": ("first",), "msg": "Value error, broken", "input": "x"}
    assert _problem(Pair, doc, error).message == "le texte 'x' ne convient pas ici"


def test_a_document_without_index_has_no_lines():
    doc = YamlDocument(Path("f.yaml"), {"a": 1})
    assert (doc.line_of(("a",)), doc.line_of((), key=True)) == (None, None)
