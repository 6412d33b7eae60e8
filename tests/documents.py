"""Small valid content documents of every kind, for tests to break one thing at a time.

``GRID``, ``QUIZ``, ``CONCEPTS`` and ``WORKSHOP`` are minimal valid YAML
files; the comments give the lines the tests refer to. ``broken`` changes
one thing in a document, ``problems_of`` returns what a loader reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from isgrille.content.errors import ContentError, Problem
from isgrille.content.loading import load_concepts, load_grid, load_quiz, load_workshop

# --- minimal valid documents (line numbers in comments are used by the cases) ---

GRID = """\
kind: grid
levels: [Bas, Haut]
dimensions:
  - id: portage
    label: Portage
    criteria:
      - id: collectif
        label: Caractère collectif
        descriptors:
          Bas: porté par une seule personne
          Haut: porté par un collectif
  - id: contexte
    label: Contexte
    criteria:
      - id: ancrage
        label: Ancrage territorial
        descriptors:
          Bas: projet hors sol
          Haut: projet de territoire
"""
# 4: dimensions[0]   7: dimensions[0].criteria[0]   10: its descriptors
# 12: dimensions[1]  13: dimensions[1].label        15: dimensions[1].criteria[0]

QUIZ = """\
kind: quiz
title: Le VRAI / FAUX
choices: [VRAI, FAUX]
items:
  - id: nouveau
    statement: Une innovation doit être complètement nouvelle
    answer: FAUX
    explanation: Elle peut aussi être incrémentale.
    examples:
      - need: Mobilité
        fact: Un actif sur cinq a du mal à se déplacer
        source: Laboratoire de la Mobilité inclusive
        enterprise: APREVA
        description: Aide à la mobilité des publics fragiles
"""
# 5: items[0]   7: items[0].answer   10: items[0].examples[0]

CONCEPTS = """\
kind: concepts
innovation_dimensions:
  title: Les dimensions de l'innovation
  source: Bpifrance, 2015
  items:
    - id: sociale
      label: Innovation sociale
      definition: apporte des réponses nouvelles à des besoins sociaux
definitions:
  - id: oslo
    title: Le manuel d'Oslo
    source: OCDE, 2005
    text: Une innovation est la mise en œuvre d'un produit nouveau
  - id: csess
    title: Le CSESS
    source: CSESS
    text: Des réponses nouvelles à des besoins sociaux
key_points_title: Points clés
key_points:
  - Un besoin social
key_questions_title: Questions clés
key_questions:
  - À quel besoin répond le projet\u202f?
"""
# 10: definitions[0]   14: definitions[1]   19: key_points

WORKSHOP = """\
kind: workshop
title: Atelier innovation sociale
objectives:
  - Comprendre l'innovation sociale
programme:
  title: Programme de la matinée
  end: "10:30"
  entries:
    - start: "09:00"
      label: Accueil et définitions
      sequence: 1
    - start: "09:30"
      label: Pause
    - start: "09:40"
      label: Caractériser son projet
      sequence: 2
sequences:
  - number: 1
    id: integrer
    title: Intégrer le concept
  - number: 2
    id: caracteriser
    title: Caractériser
atis:
  name: ATIS
  vision: Une société qui construit des solutions innovantes
  mission: Accompagner les projets d'innovation sociale
  territory: Nouvelle-Aquitaine
stages:
  - id: inventer
    label: Inventer
  - id: incuber
    label: Incuber
offers:
  - id: premiers_pas
    name: Premiers Pas
    stage: incuber
    description: Accompagnement collectif
resources:
  - title: Mode d'emploi «\u00a0innovation sociale\u00a0»
    url: "https://www.avise.org"
"""
# 9, 12, 14: programme.entries[0..2]   18: sequences[0]   25: atis   37: offers[0].stage

DOCUMENTS = {"grid": GRID, "quiz": QUIZ, "concepts": CONCEPTS, "workshop": WORKSHOP}
LOADERS = {"grid": load_grid, "quiz": load_quiz, "concepts": load_concepts, "workshop": load_workshop}


def broken(text: str, old: str, new: str = "") -> str:
    """``text`` with its single occurrence of ``old`` replaced by ``new``."""
    assert text.count(old) == 1, f"{old!r} must occur exactly once in the base document"
    return text.replace(old, new)


def problems_of(loader, path: Path) -> tuple[Problem, ...]:
    with pytest.raises(ContentError) as excinfo:
        loader(path)
    return excinfo.value.problems
