"""Tests of isgrille.content.concepts_file: the concepts' file model (sequences 1 and 2).

There is no separate domain object: the validated, frozen model is what the
notebooks read. Small files are written in ``tmp_path`` from ``CONCEPTS``
(``tests/documents.py``); the tests check what loads, the defaults, and
where repeated identifiers are reported.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from isgrille.content.concepts_file import Concepts
from isgrille.content.errors import Problem
from isgrille.content.loading import load_concepts

from ..documents import CONCEPTS, broken, problems_of

SECOND_DIMENSION = """\
    - id: technologique
      label: Innovation technologique
      definition: un produit ou un procédé nouveau
"""


def test_minimal_concepts_load(write):
    concepts = load_concepts(write(CONCEPTS))
    assert [d.id for d in concepts.innovation_dimensions.items] == ["sociale"]
    assert [d.id for d in concepts.definitions] == ["oslo", "csess"]
    assert concepts.key_points == ["Un besoin social"]
    assert concepts.summary_question == ""


def test_optional_texts_and_what_the_notebooks_read(write):
    text = broken(
        CONCEPTS,
        "key_points_title: Points clés\n",
        "summary_question: Et votre projet\u202f?\nkey_points_title: Points clés\n",
    )
    text += "key_questions_conclusion: À vous de jouer.\n"
    concepts = load_concepts(write(text))
    assert (concepts.kind, concepts.summary_question, concepts.key_questions_conclusion) == (
        "concepts",
        "Et votre projet\u202f?",
        "À vous de jouer.",
    )
    assert concepts.innovation_dimensions.source == "Bpifrance, 2015"
    assert concepts.definitions[1].text == "Des réponses nouvelles à des besoins sociaux"
    assert concepts.key_questions_title == "Questions clés"
    assert concepts.key_questions == ["À quel besoin répond le projet\u202f?"]


def test_concepts_are_frozen(write):
    concepts = load_concepts(write(CONCEPTS))
    with pytest.raises(ValidationError):
        concepts.key_points_title = "Autre"
    with pytest.raises(ValidationError):
        concepts.definitions[0].title = "Autre"


@pytest.mark.parametrize(
    "old, new, line, field, message",
    [
        pytest.param(
            "      definition: apporte des réponses nouvelles à des besoins sociaux\n",
            "      definition: apporte des réponses nouvelles à des besoins sociaux\n"
            + SECOND_DIMENSION.replace("technologique", "sociale", 1),
            9,
            "innovation_dimensions.items[1].id",
            "identifiant 'sociale' en double (déjà en position 1)",
            id="innovation-dimension",
        ),
        pytest.param(
            "id: csess",
            "id: oslo",
            14,
            "definitions[1].id",
            "identifiant 'oslo' en double (déjà en position 1)",
            id="definition",
        ),
    ],
)
def test_duplicate_ids_are_located_at_the_second_one(write, old, new, line, field, message):
    path = write(broken(CONCEPTS, old, new))
    assert problems_of(load_concepts, path) == (Problem(str(path), message, line=line, field=field),)


def test_ids_may_repeat_across_lists(write):
    """Dimensions of innovation and definitions are two lists: the same id in each is no duplicate."""
    text = broken(
        CONCEPTS,
        "      definition: apporte des réponses nouvelles à des besoins sociaux\n",
        "      definition: apporte des réponses nouvelles à des besoins sociaux\n" + SECOND_DIMENSION,
    )
    concepts = load_concepts(write(broken(text, "id: csess", "id: sociale")))
    assert [d.id for d in concepts.innovation_dimensions.items] == ["sociale", "technologique"]
    assert [d.id for d in concepts.definitions] == ["oslo", "sociale"]


def test_model_validates_plain_data():
    concepts = Concepts.model_validate(
        {
            "innovation_dimensions": {
                "title": "T",
                "source": "S",
                "items": [{"id": "a", "label": "A", "definition": "D"}],
            },
            "definitions": [{"id": "d", "title": "T", "source": "S", "text": "  Texte  "}],
            "key_points_title": "P",
            "key_points": ["p"],
            "key_questions_title": "Q",
            "key_questions": ["q"],
        }
    )
    assert concepts.definitions[0].text == "Texte"
    assert concepts.key_questions_conclusion == ""
