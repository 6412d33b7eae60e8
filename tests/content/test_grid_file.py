"""Tests of isgrille.content.grid_file: the grid's file model and its conversion to a Grid.

A grid file lists its levels and dimensions; each criterion gives one
descriptor per level, keyed by the level's label in any order and any case.
The tests load small files written in ``tmp_path`` (``GRID`` from
``tests/documents.py``) and check the :class:`~isgrille.content.model.Grid`
that comes out, and where each grid-specific rule reports a problem.
"""

from __future__ import annotations

import pytest
import yaml

from isgrille.content.errors import Problem
from isgrille.content.grid_file import GridFile
from isgrille.content.loading import load_grid
from isgrille.content.model import Criterion, Dimension, Grid

from ..documents import GRID, broken, problems_of


def test_minimal_grid_loads(write):
    grid = load_grid(write(GRID))
    assert grid.levels == ("Bas", "Haut")
    assert [d.id for d in grid.dimensions] == ["portage", "contexte"]
    assert [c.id for c in grid.criteria] == ["collectif", "ancrage"]
    assert grid.criterion("collectif").label == "Caractère collectif"
    assert grid.criterion("ancrage").descriptors == ("projet hors sol", "projet de territoire")
    assert grid.id == "grid" and grid.title == ""


def test_grid_descriptors_follow_the_levels_not_the_file_order(write):
    text = broken(
        GRID,
        "          Bas: projet hors sol\n          Haut: projet de territoire\n",
        "          Haut: projet de territoire\n          Bas: projet hors sol\n",
    )
    grid = load_grid(write(text))
    assert grid.criterion("ancrage").descriptors == ("projet hors sol", "projet de territoire")


def test_grid_of_five_levels_and_dimensions_of_one_and_three_criteria(write):
    levels = ["Absent", "Émergent", "Partiel", "Affirmé", "Exemplaire"]
    shape = {"gouvernance": ["pilotage"], "impact": ["besoin", "changement", "diffusion"]}
    document = {
        "kind": "grid",
        "id": "grille_maison",
        "title": "Une grille maison",
        "levels": levels,
        "dimensions": [
            {
                "id": dimension,
                "label": dimension.capitalize(),
                "criteria": [
                    {
                        "id": criterion,
                        "label": criterion.capitalize(),
                        "descriptors": {level: f"{criterion}\u00a0: {level.lower()}" for level in levels},
                    }
                    for criterion in criteria
                ],
            }
            for dimension, criteria in shape.items()
        ],
    }
    path = write(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))
    grid = load_grid(path)
    assert grid.levels == tuple(levels)
    assert grid.top_index == 4
    assert [len(d.criteria) for d in grid.dimensions] == [1, 3]
    assert [c.id for c in grid.criteria] == ["pilotage", "besoin", "changement", "diffusion"]
    assert grid.criterion("diffusion").descriptors[1] == "diffusion\u00a0: émergent"
    assert grid.level_index("exemplaire") == 4
    assert (grid.id, grid.title) == ("grille_maison", "Une grille maison")


def test_descriptor_keys_match_levels_without_case_or_accents(write):
    grid = load_grid(
        write(
            broken(GRID, "          Bas: porté par une seule personne", "          bas: porté par une seule personne")
        )
    )
    assert grid.criterion("collectif").descriptors == ("porté par une seule personne", "porté par un collectif")


def test_two_descriptors_for_one_level(write):
    path = write(
        broken(
            GRID,
            "          Haut: porté par un collectif\n",
            "          Haut: porté par un collectif\n          HAUT: autre texte\n",
        )
    )
    [problem] = problems_of(load_grid, path)
    assert (problem.line, problem.field, problem.message) == (
        12,
        "dimensions[0].criteria[0].descriptors.HAUT",
        "deux descripteurs pour le niveau 'Haut' ('Haut' et 'HAUT')",
    )


# --- to_grid, without a file -------------------------------------------------------


def test_to_grid_builds_the_domain_grid():
    model = GridFile.model_validate(
        {
            "id": "mini",
            "title": "Mini",
            "source": "Atelier",
            "adaptation": "Descripteurs écrits pour le kit.",
            "levels": ["Bas", "Moyen", "Haut"],
            "dimensions": [
                {
                    "id": "d",
                    "label": "D",
                    "criteria": [
                        {"id": "c", "label": "C", "descriptors": {"haut": "h", "Bas": "b", "MOYEN": "m"}},
                    ],
                }
            ],
        }
    )
    assert model.to_grid() == Grid(
        levels=("Bas", "Moyen", "Haut"),
        dimensions=(Dimension("d", "D", (Criterion("c", "C", ("b", "m", "h")),)),),
        id="mini",
        title="Mini",
        source="Atelier",
        adaptation="Descripteurs écrits pour le kit.",
    )


def test_text_is_stripped_and_kind_defaults_to_grid():
    model = GridFile.model_validate(
        {
            "levels": [" Bas ", "Haut"],
            "dimensions": [
                {
                    "id": "d",
                    "label": "  D  ",
                    "criteria": [{"id": "c", "label": "C", "descriptors": {"Bas": " b ", "Haut": "h"}}],
                }
            ],
        }
    )
    grid = model.to_grid()
    assert (model.kind, grid.levels, grid.dimensions[0].label) == ("grid", ("Bas", "Haut"), "D")
    assert grid.adaptation == ""  # a grid taken as it is from its source
    assert grid.criterion("c").descriptors == ("b", "h")


# --- grid-specific rules, located ----------------------------------------------------


@pytest.mark.parametrize(
    "old, new, line, field, message",
    [
        pytest.param(
            "id: ancrage",
            "id: collectif",
            15,
            "dimensions[1].criteria[0].id",
            "identifiant de critère 'collectif' en double (déjà utilisé dans dimensions[0])",
            id="criterion-in-another-dimension",
        ),
        pytest.param(
            "          Haut: porté par un collectif\n",
            "          Haut: porté par un collectif\n"
            "      - id: collectif\n        label: Encore\n        descriptors: {Bas: a, Haut: b}\n",
            12,
            "dimensions[0].criteria[1].id",
            "identifiant de critère 'collectif' en double (déjà utilisé dans dimensions[0])",
            id="criterion-in-the-same-dimension",
        ),
        pytest.param(
            "id: contexte",
            "id: portage",
            12,
            "dimensions[1].id",
            "identifiant de dimension 'portage' en double (déjà en position 1)",
            id="dimension",
        ),
        pytest.param(
            "levels: [Bas, Haut]",
            "levels: [Élevé, Bas, Haut, eleve]",
            2,
            "levels[3]",
            "niveau 'eleve' en double (déjà en position 1)",
            id="level-without-accents",
        ),
    ],
)
def test_duplicates_are_located_at_the_second_one(write, old, new, line, field, message):
    path = write(broken(GRID, old, new))
    assert problems_of(load_grid, path) == (Problem(str(path), message, line=line, field=field),)


def test_missing_descriptors_name_the_lowest_level_missing(write):
    text = broken(GRID, "levels: [Bas, Haut]", "levels: [Bas, Moyen, Haut, Très haut]")
    text = broken(text, "          Bas: porté par une seule personne\n", "")
    [problem] = problems_of(load_grid, write(text))
    assert (problem.line, problem.field) == (9, "dimensions[0].criteria[0].descriptors")
    assert problem.message == (
        "descripteur manquant pour le niveau 'Bas' "
        "(attendu\u00a0: un texte pour chacun des niveaux Bas, Moyen, Haut, Très haut)"
    )
