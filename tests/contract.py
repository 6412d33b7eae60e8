"""What the tests hold the kit to, written out here rather than read from the code under test.

A test that compared the code with the code's own constant could not fail; these lists are the contract.
"""

from __future__ import annotations

#: The shipped grid's criterion ids, in order (stable ASCII: results files and cohort tables name them).
AMI_CRITERIA = [
    "caractere_collectif",
    "richesse_collectif",
    "integration_beneficiaires",
    "formalisation_gouvernance",
    "consistance_contenu",
    "rupture_existant",
    "potentiel_transformation",
    "ancrage_territorial",
    "accessibilite_dispositif",
    "viabilite_economique",
    "enjeux_environnementaux",
    "ouverture_recherche",
]

#: The tidy ratings frame's columns, in order (the analysts' contract).
RATINGS_COLUMNS = [
    "source",
    "project",
    "learner",
    "assessor",
    "date",
    "dimension",
    "criterion",
    "criterion_label",
    "level",
    "level_index",
]
