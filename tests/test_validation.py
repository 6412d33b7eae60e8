"""Malformed YAML content files: the exact French message and the place of each problem.

Each malformed file is built in ``tmp_path`` from a small valid document of
its kind (``GRID``, ``QUIZ``, ``CONCEPTS``, ``WORKSHOP`` below) by changing one
thing, and the test checks the loader's :class:`~isgrille.errors.Problem`:
file, line, field path and message. Also covered: problems found before
validation (empty file, bad YAML, bad encoding, duplicate key, missing file),
the ``kind`` of a file, valid files of every kind (including a grid of a
shape other than the shipped one) and how :class:`ContentError` reports
several problems.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from isgrille.content.errors import ContentError, Problem
from isgrille.content.loading import load_concepts, load_grid, load_quiz, load_workshop
from isgrille.delivery.validate import validate_file

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
  - À quel besoin répond le projet ?
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
  - title: Mode d'emploi « innovation sociale »
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


# --- valid files ---------------------------------------------------------------


@pytest.mark.parametrize("kind", list(DOCUMENTS))
def test_base_documents_are_valid(write, kind):
    """Every malformed case below starts from one of these; each must load as is."""
    path = write(DOCUMENTS[kind])
    LOADERS[kind](path)
    assert validate_file(path) == kind


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
                        "descriptors": {level: f"{criterion} : {level.lower()}" for level in levels},
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
    assert grid.criterion("diffusion").descriptors[1] == "diffusion : émergent"
    assert grid.level_index("exemplaire") == 4
    assert (grid.id, grid.title) == ("grille_maison", "Une grille maison")


def test_minimal_quiz_loads(write):
    quiz = load_quiz(write(QUIZ))
    assert quiz.choices == ("VRAI", "FAUX")
    assert quiz.title == "Le VRAI / FAUX"
    [item] = quiz.items
    assert (item.id, item.answer, item.see) == ("nouveau", "FAUX", None)
    [example] = item.examples
    assert (example.need, example.enterprise) == ("Mobilité", "APREVA")


def test_minimal_concepts_load(write):
    concepts = load_concepts(write(CONCEPTS))
    assert [d.id for d in concepts.innovation_dimensions.items] == ["sociale"]
    assert [d.id for d in concepts.definitions] == ["oslo", "csess"]
    assert concepts.key_points == ["Un besoin social"]
    assert concepts.summary_question == ""


def test_minimal_workshop_loads(write):
    workshop = load_workshop(write(WORKSHOP))
    assert workshop.title == "Atelier innovation sociale"
    assert workshop.sequence_minutes(1) == 30
    assert workshop.sequence_minutes(2) == 50
    assert [o.id for o in workshop.offers_for("incuber")] == ["premiers_pas"]
    assert workshop.resources[0].url == "https://www.avise.org"


# --- one malformed document per case --------------------------------------------


def case(case_id, kind, old, new, line, field, message):
    """A malformed document: ``DOCUMENTS[kind]`` with ``old`` replaced by ``new``."""
    return pytest.param(kind, old, new, line, field, message, id=case_id)


IDENTIFIER_RULE = "lettres minuscules sans accent, chiffres et _, en commençant par une lettre"

CASES = [
    # grid
    case("grid-missing-field", "grid", "    label: Portage\n", "",
         4, "dimensions[0].label", "champ obligatoire manquant"),
    case("grid-missing-top-level-field", "grid", "levels: [Bas, Haut]\n", "",
         1, "levels", "champ obligatoire manquant"),
    case("grid-unknown-field", "grid", "    label: Portage\n", "    label: Portage\n    couleur: rouge\n",
         6, "dimensions[0].couleur", "champ 'couleur' inconnu (attendu : id, label, criteria)"),
    case("grid-unknown-top-level-field", "grid", "kind: grid\n", "kind: grid\nauteur: Avise\n",
         2, "auteur", "champ 'auteur' inconnu (attendu : kind, id, title, source, levels, dimensions)"),
    case("grid-unknown-level-key", "grid",
         "          Haut: porté par un collectif\n",
         "          Haut: porté par un collectif\n          Très haut: porté par tous\n",
         12, "dimensions[0].criteria[0].descriptors.Très haut",
         "niveau 'Très haut' inconnu (attendu : Bas, Haut)"),
    case("grid-missing-descriptor", "grid", "          Haut: porté par un collectif\n", "",
         9, "dimensions[0].criteria[0].descriptors",  # the line of 'descriptors:'
         "descripteur manquant pour le niveau 'Haut' (attendu : un texte pour chacun des niveaux Bas, Haut)"),
    case("grid-duplicate-criterion-across-dimensions", "grid", "id: ancrage", "id: collectif",
         15, "dimensions[1].criteria[0].id",
         "identifiant de critère 'collectif' en double (déjà utilisé dans dimensions[0])"),
    case("grid-duplicate-dimension", "grid", "id: contexte", "id: portage",
         12, "dimensions[1].id", "identifiant de dimension 'portage' en double (déjà en position 1)"),
    case("grid-duplicate-level-ignoring-case", "grid", "levels: [Bas, Haut]", "levels: [Bas, Haut, bas]",
         2, "levels[2]", "niveau 'bas' en double (déjà en position 1)"),
    case("grid-number-for-text", "grid", "label: Contexte", "label: 12",
         13, "dimensions[1].label", "texte attendu, pas le nombre 12"),
    case("grid-string-for-list", "grid", "levels: [Bas, Haut]", "levels: Bas",
         2, "levels", "liste attendue, pas le texte 'Bas'"),
    case("grid-blank-text", "grid", "label: Contexte", 'label: "   "',
         13, "dimensions[1].label", "texte vide : un texte est attendu"),
    case("grid-fewer-than-two-levels", "grid", "levels: [Bas, Haut]", "levels: [Bas]",
         2, "levels", "au moins 2 éléments attendus"),
    case("grid-dimension-without-criteria", "grid", GRID[GRID.index("    criteria:\n      - id: ancrage"):],
         "    criteria: []\n", 14, "dimensions[1].criteria", "au moins 1 élément attendu"),
    case("grid-invalid-id", "grid", "id: collectif", "id: Caractère",
         7, "dimensions[0].criteria[0].id", f"identifiant 'Caractère' invalide (attendu : {IDENTIFIER_RULE})"),
    # quiz
    case("quiz-answer-not-a-choice", "quiz", "answer: FAUX", "answer: PAS FORCÉMENT",
         7, "items[0].answer", "réponse 'PAS FORCÉMENT' inconnue (attendu : VRAI, FAUX)"),
    case("quiz-duplicate-choice", "quiz", "choices: [VRAI, FAUX]", "choices: [VRAI, FAUX, vrai]",
         3, "choices[2]", "réponse possible 'vrai' en double (déjà en position 1)"),
    case("quiz-fewer-than-two-choices", "quiz", "choices: [VRAI, FAUX]", "choices: [VRAI]",
         3, "choices", "au moins 2 éléments attendus"),
    case("quiz-missing-field-in-example", "quiz", "        source: Laboratoire de la Mobilité inclusive\n", "",
         10, "items[0].examples[0].source", "champ obligatoire manquant"),
    case("quiz-unknown-item-field", "quiz", "    answer: FAUX\n", "    answer: FAUX\n    reponse: VRAI\n",
         8, "items[0].reponse",
         "champ 'reponse' inconnu (attendu : id, statement, answer, explanation, see, examples)"),
    case("quiz-list-for-text", "quiz", "title: Le VRAI / FAUX", "title: [VRAI, FAUX]",
         2, "title", "texte attendu, pas une liste"),
    case("quiz-invalid-see", "quiz", "    answer: FAUX\n", "    answer: FAUX\n    see: Définitions\n",
         8, "items[0].see", f"identifiant 'Définitions' invalide (attendu : {IDENTIFIER_RULE})"),
    # concepts
    case("concepts-string-for-list", "concepts", "key_points:\n  - Un besoin social\n",
         "key_points: Un besoin social\n",
         19, "key_points", "liste attendue, pas le texte 'Un besoin social'"),
    case("concepts-duplicate-definition", "concepts", "id: csess", "id: oslo",
         14, "definitions[1].id", "identifiant 'oslo' en double (déjà en position 1)"),
    case("concepts-missing-field", "concepts", "key_points_title: Points clés\n", "",
         1, "key_points_title", "champ obligatoire manquant"),
    case("concepts-unknown-field", "concepts", "    text: Des réponses nouvelles à des besoins sociaux\n",
         "    text: Des réponses nouvelles à des besoins sociaux\n    url: https://www.csess.fr\n",
         18, "definitions[1].url", "champ 'url' inconnu (attendu : id, title, source, text)"),
    case("concepts-blank-text", "concepts", "    title: Le CSESS\n", '    title: "  "\n',
         15, "definitions[1].title", "texte vide : un texte est attendu"),
    # workshop
    case("workshop-offer-unknown-stage", "workshop", "stage: incuber", "stage: accelerer",
         37, "offers[0].stage", "étape 'accelerer' inconnue (attendu : inventer, incuber)"),
    case("workshop-times-not-increasing", "workshop", '- start: "09:30"', '- start: "08:30"',
         9, "programme.entries[0].start", "horaire 09:00 suivi de 08:30 : les horaires doivent être croissants"),
    case("workshop-last-entry-not-before-end", "workshop", 'end: "10:30"', 'end: "09:40"',
         14, "programme.entries[2].start", "horaire 09:40 suivi de 09:40 : les horaires doivent être croissants"),
    case("workshop-unknown-sequence", "workshop", "      sequence: 2\n", "      sequence: 3\n",
         16, "programme.entries[2].sequence", "séquence 3 inconnue (attendu : 1, 2)"),
    case("workshop-text-for-number", "workshop", "      sequence: 1\n", "      sequence: un\n",
         11, "programme.entries[0].sequence", "nombre entier attendu, pas le texte 'un'"),
    case("workshop-number-not-positive", "workshop", "  - number: 1\n", "  - number: 0\n",
         18, "sequences[0].number", "nombre supérieur à 0 attendu, pas le nombre 0"),
    case("workshop-missing-field", "workshop", "  mission: Accompagner les projets d'innovation sociale\n", "",
         25, "atis.mission", "champ obligatoire manquant"),
    case("workshop-duplicate-stage", "workshop", "id: incuber", "id: inventer",
         32, "stages[1].id", "identifiant d'étape 'inventer' en double (déjà en position 1)"),
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
        f"{path}: ligne 6, champ 'dimensions[0].couleur': "
        "champ 'couleur' inconnu (attendu : id, label, criteria)"
    )


def test_validate_file_reports_like_the_loader(write):
    path = write(broken(QUIZ, "answer: FAUX", "answer: Peut-être"))
    with pytest.raises(ContentError) as excinfo:
        validate_file(path)
    assert excinfo.value.problems == (
        Problem(str(path), "réponse 'Peut-être' inconnue (attendu : VRAI, FAUX)", line=7, field="items[0].answer"),
    )


def test_bad_time_is_not_described_as_an_identifier(write):
    path = write(broken(WORKSHOP, '- start: "09:30"', '- start: "9h30"'))
    [problem] = problems_of(load_workshop, path)
    assert (problem.line, problem.field) == (12, "programme.entries[1].start")
    assert problem.message == 'horaire \'9h30\' invalide (attendu : HH:MM, par exemple "09:40")'


def test_bad_url_message(write):
    path = write(broken(WORKSHOP, 'url: "https://www.avise.org"', 'url: "ftp://avise.org"'))
    [problem] = problems_of(load_workshop, path)
    assert (problem.field, problem.message) == (
        "resources[0].url", "adresse web 'ftp://avise.org' invalide (attendu : https://…)"
    )


def test_unquoted_times_stay_times(write):
    """YAML 1.1 reads 10:30 as the number 630; the kit's loader keeps it as text."""
    text = broken(WORKSHOP, 'end: "10:30"', "end: 10:30")
    workshop = load_workshop(write(broken(text, '- start: "09:30"', "- start: 09:30")))
    assert workshop.programme.end == "10:30"
    assert workshop.programme.entries[1].start == "09:30"


def test_labels_match_without_case_or_accents(write):
    grid = load_grid(write(broken(GRID, "          Bas: porté par une seule personne", "          bas: porté par une seule personne")))
    assert grid.criterion("collectif").descriptors == ("porté par une seule personne", "porté par un collectif")
    quiz = load_quiz(write(broken(QUIZ, "answer: FAUX", "answer: faux")))
    assert quiz.items[0].answer == "FAUX"


def test_two_descriptors_for_one_level(write):
    path = write(broken(GRID, "          Haut: porté par un collectif\n",
                        "          Haut: porté par un collectif\n          HAUT: autre texte\n"))
    [problem] = problems_of(load_grid, path)
    assert (problem.line, problem.field, problem.message) == (
        12, "dimensions[0].criteria[0].descriptors.HAUT",
        "deux descripteurs pour le niveau 'Haut' ('Haut' et 'HAUT')",
    )


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("kind: grid\nlevels:\n\t- Bas\n", 3, "tabulation interdite : indentez avec des espaces"),
        ("kind: grid\ntitle: Grille: AMI\n", 2, "« : » inattendu : mettez entre guillemets un texte qui contient « : »"),
        ("kind: grid\ntitle: @AMI\n", 2, "caractère « @ » interdit en début de valeur : mettez le texte entre guillemets"),
    ],
)
def test_common_yaml_mistakes_are_explained_in_french(write, text, line, message):
    [problem] = problems_of(load_grid, write(text))
    assert problem.line == line
    assert problem.message.startswith(f"syntaxe YAML invalide ({message}, colonne ")


# --- problems found before validation --------------------------------------------

FILE_CASES = [
    pytest.param(b"", None, "le fichier est vide", id="empty"),
    pytest.param(b"  \n\t\n   \n", None, "le fichier est vide", id="whitespace-only"),
    pytest.param(b"# rien que des commentaires\n", None, "le fichier ne contient aucune donnée YAML",
                 id="comments-only"),
    pytest.param("- Bas\n- Haut\n".encode(), 1,
                 "le fichier doit contenir une table de champs (clé: valeur), pas une liste", id="top-level-list"),
    pytest.param("\n# une grille ?\nGrille de caractérisation\n".encode(), 3,
                 "le fichier doit contenir une table de champs (clé: valeur), pas un texte", id="top-level-text"),
    pytest.param(broken(GRID, "    label: Portage\n", "    label: Portage\n    label: Portage bis\n").encode(), 6,
                 "la clé 'label' est écrite deux fois (déjà à la ligne 5)", id="duplicate-key"),
    pytest.param(broken(GRID, "dimensions:\n", "levels: [Bas, Moyen, Haut]\ndimensions:\n").encode(), 3,
                 "la clé 'levels' est écrite deux fois (déjà à la ligne 2)", id="duplicate-top-level-key"),
    pytest.param(GRID.encode("latin-1"), 8,
                 "le fichier n'est pas encodé en UTF-8 (octet 0xe8 invalide) ; enregistrez-le en UTF-8",
                 id="latin-1"),
]


@pytest.mark.parametrize("content, line, message", FILE_CASES)
def test_unreadable_file(write, content, line, message):
    path = write(content)
    assert problems_of(load_grid, path) == (Problem(str(path), message, line=line),)


@pytest.mark.parametrize(
    "old, new, line, column",
    [
        pytest.param("levels: [Bas, Haut]", "levels: [Bas, Haut", 3, 11, id="unclosed-bracket"),
        pytest.param("    label: Contexte\n", "   label: Contexte\n", 13, 4, id="bad-indentation"),
        pytest.param("kind: grid\n", "kind: grid\n---\n", 2, 1, id="two-documents"),
    ],
)
def test_bad_yaml_syntax(write, old, new, line, column):
    path = write(broken(GRID, old, new))
    [problem] = problems_of(load_grid, path)
    assert (problem.path, problem.line, problem.field) == (str(path), line, None)
    # The text between the parentheses is PyYAML's own (it differs between libyaml and pure Python).
    assert re.fullmatch(rf"syntaxe YAML invalide \(.+, colonne {column}\)", problem.message), problem.message


def test_file_not_found(tmp_path):
    path = tmp_path / "absente.yaml"
    with pytest.raises(ContentError) as excinfo:
        load_quiz(path)
    assert excinfo.value.problems == (Problem(str(path), "fichier introuvable"),)
    assert str(excinfo.value) == f"{path}: fichier introuvable"


# --- kind of a file ---------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, loader, expected",
    [("quiz", load_grid, "grid"), ("grid", load_quiz, "quiz"),
     ("workshop", load_concepts, "concepts"), ("concepts", load_workshop, "workshop")],
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
        Problem(str(path), "type de fichier 'grille' inconnu (attendu : grid, quiz, concepts, workshop)",
                line=1, field="kind"),
    )


@pytest.mark.parametrize("kind", list(DOCUMENTS))
def test_validate_file_recognises_a_file_without_kind(write, kind):
    text = broken(DOCUMENTS[kind], f"kind: {kind}\n")
    assert validate_file(write(text)) == kind


def test_validate_file_without_recognisable_kind(write):
    path = write("title: Une grille ?\nlevels: [Bas, Haut]\n")
    assert problems_of(validate_file, path) == (
        Problem(
            str(path),
            "impossible de reconnaître le type de fichier : ajoutez un champ 'kind' "
            "(attendu : grid, quiz, concepts, workshop)",
        ),
    )


# --- several problems in one file -------------------------------------------------


def test_content_error_collects_two_problems(write):
    text = broken(broken(QUIZ, "    statement: Une innovation doit être complètement nouvelle\n"),
                  "    explanation: Elle peut aussi être incrémentale.\n")
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
        (1, "levels"), (2, "auteur"), (13, "dimensions[1].label"),
    ]
    assert str(excinfo.value).endswith("champ obligatoire manquant (et 2 autres erreurs)")


def test_content_error_needs_a_problem():
    with pytest.raises(ValueError, match="at least one problem"):
        ContentError([])


def test_problem_without_place():
    assert str(Problem("grille.yaml", "le fichier est vide")) == "grille.yaml: le fichier est vide"
    assert str(Problem("c.csv", "nom de projet vide", line=3, column="project")) == (
        "c.csv: ligne 3, colonne 'project': nom de projet vide"
    )
