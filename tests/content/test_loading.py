"""Tests of isgrille.content.loading: the loaders, the shipped content they read, and the kind of a file.

The shipped content matches the source (counts, spot checks of texts,
answers, order); a file of one kind given to the loader of another, or of
an unknown kind, is refused at its ``kind`` line; ``validate_yaml``
recognises a file's kind by its ``kind`` field or by a key only that kind has.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pydantic import ValidationError

from isgrille import load_concepts, load_grid, load_quiz, load_workshop
from isgrille.content import loading
from isgrille.content.concepts_file import Concepts
from isgrille.content.errors import ContentError, Problem
from isgrille.content.grid_file import GridFile
from isgrille.content.loading import (
    YAML_KINDS,
    data_dir,
    default_path,
    detect_kind,
    grid_source,
    model_for,
    shipped_grids,
    validate_yaml,
)
from isgrille.content.quiz_file import QuizFile
from isgrille.content.workshop_file import Workshop

from ..contract import AMI_CRITERIA
from ..documents import DOCUMENTS, GRID, QUIZ, broken, problems_of


@pytest.fixture(scope="module")
def grid():
    return load_grid()


@pytest.fixture(scope="module")
def quiz():
    return load_quiz()


@pytest.fixture(scope="module")
def concepts():
    return load_concepts()


@pytest.fixture(scope="module")
def workshop():
    return load_workshop()


def test_grid_shape(grid):
    assert grid.levels == ("Inexistant", "Faible", "Intermédiaire", "Fort")
    assert [d.label for d in grid.dimensions] == ["Portage", "Contenu", "Contexte"]
    assert [len(d.criteria) for d in grid.dimensions] == [4, 3, 5]
    assert len(grid.criteria) == 12
    assert sum(len(c.descriptors) for c in grid.criteria) == 48
    assert all(len(c.descriptors) == len(grid.levels) and all(c.descriptors) for c in grid.criteria)


def test_grid_ids_are_stable_ascii(grid):
    assert [c.id for c in grid.criteria] == AMI_CRITERIA
    assert all(c.id.isascii() for c in grid.criteria)


@pytest.mark.parametrize(
    "criterion, level, start",
    [
        ("caractere_collectif", 0, "Le projet est porté par une seule personne"),
        ("rupture_existant", 3, "Le projet constitue une rupture avec les pratiques sociales existantes"),
        ("potentiel_transformation", 3, "L'importance des enjeux auxquels répondent les solutions innovantes"),
        ("viabilite_economique", 1, "La faiblesse des ressources mobilisées annonce un problème de viabilité"),
        ("ouverture_recherche", 3, "Le projet procède, pour partie, d'un partenariat avec des chercheurs"),
    ],
)
def test_grid_descriptors_spot_checks(grid, criterion, level, start):
    assert grid.criterion(criterion).descriptors[level].startswith(start)


def test_grid_typo_mended(grid):
    assert grid.criterion("potentiel_transformation").label == "Potentiel de transformation sociale"


def test_quiz_statements_in_source_order(quiz):
    assert quiz.choices == ("VRAI", "FAUX", "PAS FORCÉMENT")
    assert [i.answer for i in quiz.items] == ["VRAI", "FAUX", "VRAI", "FAUX", "FAUX", "VRAI", "PAS FORCÉMENT"]
    starts = [
        "L'innovation sociale consiste à élaborer des réponses nouvelles",
        "L'innovation sociale agit uniquement en faveur des publics fragiles",
        "Les besoins sociaux, auxquels cherchent à répondre",
        "L'innovation sociale est uniquement portée par les entrepreneurs sociaux",
        "Pour être une innovation le projet doit être complètement nouveau",
        "Un projet d'utilité sociale ou d'innovation sociale, ce n'est pas la même chose",
        "Les projets d'innovation sociale sont économiquement fragiles",
    ]
    for item, start in zip(quiz.items, starts, strict=True):
        assert item.statement.startswith(start)
        assert item.explanation


def test_quiz_explanations_verbatim(quiz):
    assert "apporte bien une réponse nouvelle" in quiz.item("completement_nouveau").explanation
    assert "**distinguer de l'action sociale**" in quiz.item("publics_fragiles").explanation
    assert "modèle économique pérenne, viable et rentable" in quiz.item("economiquement_fragiles").explanation


def test_quiz_sector_examples(quiz):
    examples = [item for item in quiz.items if item.examples]
    assert len(examples) == 1
    enterprises = {e.enterprise: e for e in examples[0].examples}
    assert set(enterprises) == {
        "YUMP France",
        "Enercoop",
        "Frimalin Village",
        "Ensemble2Générations",
        "Crésus",
        "Ateliers du Bocage",
        "APREVA",
    }
    assert enterprises["YUMP France"].source == "INSEE"
    assert enterprises["Enercoop"].need == "Énergie"
    assert enterprises["Ensemble2Générations"].source == "Fondation Abbé Pierre"
    assert all(e.fact and e.description for e in examples[0].examples)


def test_concepts(concepts):
    dims = concepts.innovation_dimensions
    assert len(dims.items) == 6 and "Bpifrance, 2015" in dims.source
    assert [d.id for d in concepts.definitions] == ["oslo", "csess", "loi_ess", "region_nouvelle_aquitaine"]
    assert "Édition 2005" in concepts.definitions[0].source or "2005" in concepts.definitions[0].source
    assert len(concepts.key_points) == 5
    assert concepts.key_points[0] == "L'innovation sociale se définit par sa finalité"
    assert len(concepts.key_questions) == 7
    assert concepts.key_questions[0] == "Quel besoin est concerné\u202f? Est-il pas ou mal couvert\u202f?"


def test_workshop_programme_and_sequences(workshop):
    assert len(workshop.objectives) == 3
    assert [s.number for s in workshop.sequences] == [1, 2, 3, 4]
    assert [workshop.sequence_minutes(n) for n in (1, 2, 3, 4)] == [10, 40, 40, 30]
    steps = workshop.sequence(2).steps
    assert [s.minutes for s in steps] == [10, 10, 5]
    assert workshop.sequence(2).pitch.minutes == 3
    assert [p.id for p in workshop.sequence(2).pitch.outline] == ["a", "b", "c"]
    assert workshop.sequence(4).pitch.minutes == 2
    assert len(workshop.sequence(4).exchange.topics) == 3
    assert workshop.sequence(3).speakers == ["Véronique BRANGER", "Béatrice Montamat-Durruty"]


def test_workshop_atis_and_offers(workshop):
    assert workshop.atis.vision.startswith("Une société qui s'organise")
    assert [s.id for s in workshop.stages] == ["inventer", "incuber", "accelerer"]
    assert [len(workshop.offers_for(s)) for s in ("inventer", "incuber", "accelerer")] == [2, 2, 2]
    names = [o.name for o in workshop.offers]
    assert names[0] == "La Fabrique à initiatives" and "Premiers Pas" in names
    assert len(workshop.resources) == 3
    assert workshop.resources[1].url.startswith("https://les-aides.nouvelle-aquitaine.fr/")


def test_loaded_objects_are_frozen(grid, workshop):
    with pytest.raises(dataclasses.FrozenInstanceError):
        grid.levels = ()
    with pytest.raises(ValidationError):
        workshop.title = "autre"


# --- kind of a file ---------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, loader, expected",
    [
        ("quiz", load_grid, "grid"),
        ("grid", load_quiz, "quiz"),
        ("workshop", load_concepts, "concepts"),
        ("concepts", load_workshop, "workshop"),
    ],
)
def test_kind_mismatch(write, kind, loader, expected):
    path = write("# fichier de contenu\n" + DOCUMENTS[kind])
    assert problems_of(loader, path) == (
        Problem(str(path), f"ce fichier est de type '{kind}', pas '{expected}'", line=2, field="kind"),
    )


def test_kind_mismatch_recognised_by_keys(write):
    path = write(broken(QUIZ, "kind: quiz\n"))
    assert problems_of(load_grid, path) == (
        Problem(str(path), "ce fichier est de type 'quiz', pas 'grid'", line=1, field="kind"),
    )


def test_unknown_kind(write):
    path = write(broken(GRID, "kind: grid", "kind: grille"))
    assert problems_of(load_grid, path) == (
        Problem(
            str(path),
            "type de fichier 'grille' inconnu (attendu\u00a0: grid, quiz, concepts, workshop)",
            line=1,
            field="kind",
        ),
    )


@pytest.mark.parametrize(
    "kind, model", [("grid", GridFile), ("quiz", QuizFile), ("concepts", Concepts), ("workshop", Workshop)]
)
def test_validate_yaml_returns_the_kind_and_the_model(write, kind, model):
    found, validated = validate_yaml(write(broken(DOCUMENTS[kind], f"kind: {kind}\n")))
    assert found == kind and type(validated) is model is model_for(kind)


@pytest.mark.parametrize(
    "data, kind",
    [
        ({"kind": "quiz", "dimensions": []}, "quiz"),
        ({"dimensions": []}, "grid"),
        ({"items": []}, "quiz"),
        ({"key_points": []}, "concepts"),
        ({"programme": {}}, "workshop"),
        ({"kind": None, "items": []}, "quiz"),
    ],
)
def test_detect_kind(data, kind):
    assert detect_kind(data, "f.yaml") == kind


# --- where the shipped content lives -------------------------------------------------


def test_data_dir_holds_every_default_file():
    assert set(YAML_KINDS.values()) <= {p.name for p in data_dir().glob("*.yaml")}
    for kind, name in YAML_KINDS.items():
        assert default_path(kind) == data_dir() / name
        assert default_path(kind).read_text(encoding="utf-8").count(f"\nkind: {kind}\n") == 1


def test_default_path_of_an_unknown_kind():
    with pytest.raises(KeyError):
        default_path("cohort")


def test_a_str_path_is_accepted(write):
    assert load_grid(str(write(GRID))).levels == ("Bas", "Haut")
    assert load_quiz(str(write(QUIZ, "q.yaml"))).items[0].id == "nouveau"


# --- the shipped grids, and naming one -----------------------------------------------


def test_the_key_questions_grid_is_the_sources_seven_questions_adapted(concepts):
    grid = load_grid(data_dir() / "grids" / "questions_cles.yaml")
    assert (grid.id, grid.levels, len(grid.dimensions)) == ("questions_cles", ("Non", "En partie", "Oui"), 1)
    assert [c.label for c in grid.criteria] == concepts.key_questions  # word for word, in order
    assert grid.title == concepts.key_questions_title
    assert grid.adaptation == (
        "Grille adaptée par le kit isgrille à partir des questions clés de l'atelier\u202f; "
        "les descripteurs ne viennent pas de la source."
    )
    for criterion in grid.criteria:
        assert criterion.id.isascii() and len(set(criterion.descriptors)) == 3


def test_the_workshop_grid_names_no_adaptation(grid):
    assert grid.adaptation == ""


def test_shipped_grids_by_id():
    assert shipped_grids() == {
        "ami_is_nouvelle_aquitaine": data_dir() / "grid.yaml",
        "questions_cles": data_dir() / "grids" / "questions_cles.yaml",
    }


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("questions_cles", "questions_cles.yaml"),
        (" Questions_Cles ", "questions_cles.yaml"),
        ("ami", "grid.yaml"),
        ("AMI", "grid.yaml"),
        ("ami_is_nouvelle_aquitaine", "grid.yaml"),
    ],
)
def test_grid_source_knows_the_shipped_grids_by_id_and_short_name(value, name):
    assert grid_source(value).name == name and grid_source(value).is_relative_to(data_dir())


def test_grid_source_prefers_a_file_that_exists(tmp_path, monkeypatch):
    (tmp_path / "questions_cles").write_text("mine", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert grid_source("questions_cles") == Path("questions_cles")  # as typed, for the messages
    assert grid_source(tmp_path / "questions_cles") == tmp_path / "questions_cles"


@pytest.mark.parametrize("value", ["absente.yaml", "questions", "dossier/ami", "x" * 5000, "a\x00b"])
def test_grid_source_of_neither_a_file_nor_a_name_lists_the_shipped_names(value):
    with pytest.raises(ContentError) as raised:
        grid_source(value)
    [problem] = raised.value.problems
    assert problem.path == value
    assert problem.message == (
        "grille introuvable\u00a0: ce n'est ni un fichier existant, ni le nom d'une grille livrée avec le kit "
        "(attendu\u00a0: le chemin d'un fichier de grille, ou l'un des noms ami, ami_is_nouvelle_aquitaine, "
        "questions_cles)"
    )


def test_a_shipped_grid_that_cannot_be_read_is_left_out(tmp_path, monkeypatch):
    (tmp_path / "grids").mkdir()
    (tmp_path / "grid.yaml").write_text("kind: grid\nid: [cassé\n", encoding="utf-8")
    (tmp_path / "grids" / "autre.yaml").write_text("kind: grid\nid: autre_grille\n", encoding="utf-8")
    monkeypatch.setattr(loading, "data_dir", lambda: tmp_path)
    assert shipped_grids() == {"autre_grille": tmp_path / "grids" / "autre.yaml"}
    assert grid_source("autre") == grid_source("autre_grille") == tmp_path / "grids" / "autre.yaml"
    assert grid_source("ami") == tmp_path / "grid.yaml"  # a short name needs no reading: the loader says what is wrong
