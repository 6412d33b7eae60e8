"""Tests of isgrille.delivery.validate: validate_file, for any file of the kit whatever its kind.

A YAML file is content, recognised by its ``kind`` field or its keys; a
``.csv`` or ``.xlsx`` file is a cohort (the shipped examples: Windows-1252,
UTF-8 with BOM, a workbook) and a ``.json`` file a learner's results, both
checked against the grid given (default: the AMI grid). The suffix decides,
in any case.

Hostile files, as ``python -m isgrille validate`` meets them: one test per
input, with the French sentence it must give (or the kind, for a strange but
valid file). The time and memory they take are shown by
``bench/bench_hostile.py``, not asserted here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from isgrille.content.errors import ContentError, Problem
from isgrille.content.limits import MAX_PROBLEMS, MAX_SHOWN
from isgrille.content.loading import YAML_KINDS, data_dir, default_path, load_grid, shipped_grids
from isgrille.content.reader_words import TOO_DEEP
from isgrille.delivery.validate import validate_file
from isgrille.results.learner import SELF, LearnerResults
from isgrille.results.store import read_results, save_results

from ..documents import DOCUMENTS, GRID, QUIZ, broken, problems_of


@pytest.fixture(scope="module")
def grid():
    return load_grid()


@pytest.fixture
def write_csv(tmp_path):
    """Write a cohort's CSV text (UTF-8) to a file in tmp_path and return its path."""

    def _write(text: str, name: str = "cohorte.csv") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


def csv_text(*rows: list[str]) -> str:
    return "".join(",".join(cells) + "\n" for cells in rows)


# --- shipped files ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(YAML_KINDS))
def test_every_shipped_file_validates(kind):
    assert validate_file(default_path(kind)) == kind


def test_shipped_cohort_validates():
    assert validate_file(data_dir() / "examples" / "cohort_fictional.csv") == "cohort"


def test_shipped_example_results_are_valid(grid):
    path = data_dir() / "examples" / "results_fictional.json"
    assert validate_file(path) == "results"
    results = read_results(path, grid)
    assert results.project.endswith("(fictif)")
    assert set(results.assessments) == {SELF, "formateur"}


def test_every_shipped_grid_validates():
    for path in [*shipped_grids().values(), *(data_dir() / "grids").glob("*.yaml")]:
        assert validate_file(path) == "grid"


@pytest.mark.parametrize(
    ("name", "kind"),
    [("questions_cles/cohort_fictional.csv", "cohort"), ("questions_cles/results_fictional.json", "results")],
)
def test_the_key_questions_examples_are_valid_on_their_grid_and_fictional(name, kind):
    grid = load_grid(data_dir() / "grids" / "questions_cles.yaml")
    path = data_dir() / "examples" / name
    assert validate_file(path, grid) == kind
    if kind == "results":
        results = read_results(path, grid)
        assert results.project.endswith("(fictif)") and results.learner.endswith("(fictif)")
        assert set(results.assessments) == {SELF, "formateur"}
    else:
        rows = path.read_text(encoding="utf-8").splitlines()
        assert rows[0] == "project,assessor,date," + ",".join(c.id for c in grid.criteria)
        projects = {row.split(",")[0] for row in rows[1:]}
        assert all(p.endswith("(fictif)") for p in projects) and 3 <= len(projects) <= 4
    with pytest.raises(ContentError) as raised:
        validate_file(path)  # against the AMI grid: says to pass its grid
    assert "--grid" in raised.value.problems[-1].message


# --- YAML content files ------------------------------------------------------------------


def test_validate_file_reports_like_the_loader(write):
    path = write(broken(QUIZ, "answer: FAUX", "answer: Peut-être"))
    with pytest.raises(ContentError) as excinfo:
        validate_file(path)
    assert excinfo.value.problems == (
        Problem(str(path), "réponse 'Peut-être' inconnue (attendu\u00a0: VRAI, FAUX)", line=7, field="items[0].answer"),
    )


@pytest.mark.parametrize("kind", list(DOCUMENTS))
def test_validate_file_recognises_a_file_without_kind(write, kind):
    text = broken(DOCUMENTS[kind], f"kind: {kind}\n")
    assert validate_file(write(text)) == kind


def test_validate_file_without_recognisable_kind(write):
    path = write("title: Une grille\u202f?\nlevels: [Bas, Haut]\n")
    assert problems_of(validate_file, path) == (
        Problem(
            str(path),
            "impossible de reconnaître le type de fichier\u00a0: ajoutez un champ 'kind' "
            "(attendu\u00a0: grid, quiz, concepts, workshop)",
        ),
    )


# --- cohorts (CSV) and results (JSON), against a grid ---------------------------------------


def test_validate_file_checks_a_csv(write_csv, small_grid):
    path = write_csv(csv_text(["project", "c0_0", "c0_1", "c1_0"], ["P", "N1", "N1", "N1"]))
    assert validate_file(path, small_grid) == "cohort"
    bad = write_csv(csv_text(["project", "c0_0", "c0_1", "c1_0"], ["P", "N1", "N3", "N1"]), name="bad.CSV")
    with pytest.raises(ContentError) as excinfo:
        validate_file(bad, small_grid)
    assert excinfo.value.problems == (
        Problem(
            str(bad),
            "niveau 'N3' inconnu (attendu\u00a0: N0, N1, N2, ou leur indice de 0 à 2, ou vide pour "
            "«\u00a0non renseigné\u00a0»)",
            line=2,
            column="c0_1",
        ),
    )


def test_results_are_checked_against_the_grid_given(tmp_path, small_grid):
    results = LearnerResults(project="P")
    results.rate("c0_0", 2)
    path = save_results(results, tmp_path / "r.JSON", small_grid)
    assert validate_file(path, small_grid) == "results"
    with pytest.raises(ContentError) as excinfo:
        validate_file(path)  # a file of the grid « grid », not of the AMI grid
    [problem] = excinfo.value.problems
    assert (problem.path, problem.field, problem.line) == (str(path), "grid", 5)
    assert problem.message.startswith("fichier d'une autre grille que la grille par défaut")
    assert problem.message.endswith("le fichier de la grille dont l'identifiant est «\u00a0grid\u00a0»")
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "grid": "ami_is_nouvelle_aquitaine"}), encoding="utf-8")
    with pytest.raises(ContentError) as excinfo:
        validate_file(path)  # said to be of the AMI grid: its ratings are checked against it
    [problem] = excinfo.value.problems
    assert (problem.path, problem.field) == (str(path), "assessments[0].ratings.c0_0")
    assert problem.message.startswith("critère 'c0_0' inconnu (attendu\u00a0: caractere_collectif")


def test_a_csv_is_checked_against_the_ami_grid_by_default(write_csv):
    path = write_csv(csv_text(["project", "c0_0", "c0_1", "c1_0"], ["P", "N1", "N1", "N1"]))
    with pytest.raises(ContentError) as excinfo:
        validate_file(path)
    assert [str(p) for p in excinfo.value.problems] == [
        (
            f"{path}: ligne 1: colonnes inconnues pour la grille «\u00a0Grille de caractérisation de l'AMI Innovation sociale\u00a0»"
            "\u00a0: 'c0_0', 'c0_1', 'c1_0' (attendu, par exemple\u00a0: caractere_collectif ou «\u00a0Caractère collectif du projet\u00a0»\u202f; "
            "richesse_collectif ou «\u00a0Richesse du collectif\u00a0»\u202f; integration_beneficiaires ou «\u00a0Intégration des "
            "bénéficiaires\u00a0»\u202f; et 9 autres)"
        ),
        (
            f"{path}: ligne 1: ses colonnes de critères ne sont pas celles de la grille par défaut "
            f"({data_dir() / 'grid.yaml'}), «\u00a0Grille de caractérisation de l'AMI Innovation sociale\u00a0»\u00a0: si "
            "cette cohorte est d'une autre grille, indiquez le fichier de sa grille avec --grid"
        ),
    ]


def test_the_suffix_decides_not_the_content(write):
    results = write(
        json.dumps(
            {
                "format": "isgrille-results",
                "version": 1,
                "assessments": [{"assessor": SELF, "ratings": {"caractere_collectif": "Fort"}}],
            }
        ),
        "r.json",
    )
    assert validate_file(results) == "results"
    as_yaml = write(results.read_text(encoding="utf-8"), "r.yaml")  # JSON is YAML: read as a content file
    assert problems_of(validate_file, as_yaml)[0].message.startswith("impossible de reconnaître le type de fichier")
    grid_as_json = write(GRID, "grille.json")
    assert problems_of(validate_file, grid_as_json)[0].message.startswith("JSON invalide")


def test_a_yaml_file_may_have_any_suffix(write):
    assert validate_file(write(QUIZ, "quiz.yml")) == "quiz"
    assert validate_file(write(GRID, "grille.txt")) == "grid"


def test_missing_file(tmp_path):
    for name in ("absent.yaml", "absent.csv", "absent.json"):
        path = tmp_path / name
        assert problems_of(validate_file, path) == (Problem(str(path), "fichier introuvable"),)


# --- hostile files ---------------------------------------------------------------------------

NOT_A_FILE = "ce n'est pas un fichier ordinaire ({})\u00a0: donnez le chemin d'un fichier"
ALIAS = "les alias YAML (*{}) ne sont pas acceptés\u00a0: recopiez le texte"


def results_text(**fields) -> str:
    return json.dumps({"format": "isgrille-results", "version": 1, **fields})


@pytest.mark.parametrize(
    "name, content, line, message",
    [
        pytest.param(
            "rires.yaml", 'a: &a ["lol","lol"]\nb: &b [*a,*a]\nc: [*b,*b]\n', 2, ALIAS.format("a"), id="billion-laughs"
        ),
        pytest.param("grille.yaml", "kind: grid\nlevels: &l [*l]\n", 2, ALIAS.format("l"), id="recursive-anchor"),
        pytest.param("profond.json", "[" * 990 + "]" * 990, 1, TOO_DEEP, id="990-level-json"),
        pytest.param(
            "nul.yaml",
            "kind: grid\ntitle: a\x00b\n",
            2,
            "caractère interdit (U+0000) en colonne 9\u00a0: supprimez-le",
            id="nul-character",
        ),
        pytest.param(
            "id.json",
            results_text(grid="X" * 1_900_000),
            1,
            f"identifiant '{'X' * (MAX_SHOWN - 1)}…' invalide (attendu\u00a0: lettres minuscules sans accent, "
            "chiffres et _, en commençant par une lettre)",
            id="1.9-MB-grid-id",
        ),
    ],
)
def test_hostile_file_is_refused_in_one_sentence(write, name, content, line, message):
    path = write(content, name)
    [problem] = problems_of(validate_file, path)
    assert (problem.path, problem.line, problem.message) == (str(path), line, message)


@pytest.mark.parametrize(
    "name, size, message",
    [
        ("liste.yaml", 50_000_000, "fichier trop volumineux (50 Mo\u202f; au plus 2 Mo pour un fichier de contenu)"),
        ("id.json", 10_000_100, "fichier trop volumineux (10 Mo\u202f; au plus 2 Mo pour un fichier de résultats)"),
        (
            "cohorte.csv",
            25_000_000,
            "fichier trop volumineux (25 Mo\u202f; au plus 20 Mo pour un tableau d'évaluations)",
        ),
    ],
)
def test_too_large_a_file_is_refused_before_reading(tmp_path, name, size, message):
    path = tmp_path / name
    with path.open("wb") as file:
        file.truncate(size)  # sparse: nothing is written, nothing would be read
    assert problems_of(validate_file, path) == (Problem(str(path), message),)


def test_a_fifo_is_refused_without_waiting(tmp_path):
    path = tmp_path / "grille.yaml"
    os.mkfifo(path)
    assert problems_of(validate_file, path) == (Problem(str(path), NOT_A_FILE.format("tube")),)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused():
    assert problems_of(validate_file, Path("/dev/zero")) == (Problem("/dev/zero", NOT_A_FILE.format("périphérique")),)


def test_unknown_ids_up_to_the_limit_give_max_problems_and_a_count(write, grid):
    ratings = {f"inconnu_{n}": "Faible" for n in range(40_000)}
    path = write(results_text(assessments=[{"assessor": SELF, "ratings": ratings}]), "r.json")
    problems = problems_of(validate_file, path)
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1] == Problem(str(path), f"… et {40_000 - MAX_PROBLEMS:,} autres problèmes".replace(",", "\u202f"))


def test_cr_only_cohort_is_valid(write_csv):
    text = (data_dir() / "examples" / "cohort_fictional.csv").read_text(encoding="utf-8")
    assert validate_file(write_csv(text.replace("\n", "\r"))) == "cohort"


def test_cohort_with_a_200_kb_cell_is_valid(write_csv):
    header, first, *rest = (data_dir() / "examples" / "cohort_fictional.csv").read_text(encoding="utf-8").splitlines()
    cells = first.split(",")
    cells[0] = '"' + "Projet, très long " * 11_000 + '"'
    assert validate_file(write_csv("\n".join([header, ",".join(cells), *rest]) + "\n")) == "cohort"


def test_results_with_a_lone_surrogate_are_valid(write, grid):
    path = write(results_text(project={"name": "Projet \ud800"}), "r.json")
    assert "\\ud800" in path.read_text(encoding="utf-8")
    assert validate_file(path) == "results"
    assert read_results(path, grid).project == "Projet \ufffd"


# --- a results file or a cohort is checked against its own grid ------------------------


def _other_grid(write, drop_last: bool = False):
    from isgrille.content.loading import data_dir, load_grid

    text = (
        (data_dir() / "grid.yaml")
        .read_text(encoding="utf-8")
        .replace("id: ami_is_nouvelle_aquitaine", "id: ma_grille", 1)
    )
    if drop_last:
        text = text[: text.index("      - id: ouverture_recherche")]
    return load_grid(write(text, "ma_grille.yaml"))


def test_a_results_file_of_another_grid_names_its_grid_and_says_to_pass_it(write):
    from isgrille.content.loading import data_dir

    example = data_dir() / "examples" / "results_fictional.json"
    with pytest.raises(ContentError) as raised:
        validate_file(example, _other_grid(write))
    assert [str(p) for p in raised.value.problems] == [
        (
            f"{example}: ligne 5, champ 'grid': fichier d'une autre grille que la grille donnée avec --grid, "
            "«\u00a0Grille de caractérisation de l'AMI Innovation sociale\u00a0»\u00a0: indiquez avec --grid le fichier "
            "de la grille dont l'identifiant est «\u00a0ami_is_nouvelle_aquitaine\u00a0»"
        )
    ]


def test_a_results_file_of_another_grid_against_the_default_names_the_shipped_grid_file(write):
    from isgrille.content.loading import data_dir

    text = (data_dir() / "examples" / "results_fictional.json").read_text(encoding="utf-8")
    path = write(text.replace('"grid": "ami_is_nouvelle_aquitaine"', '"grid": "ma_grille"'), "r.json")
    with pytest.raises(ContentError) as raised:
        validate_file(path)
    message = str(raised.value)  # the grid by its title, the file's by its id (what to look for)
    assert (
        f"que la grille par défaut ({data_dir() / 'grid.yaml'}), «\u00a0Grille de caractérisation de l'AMI "
        "Innovation sociale\u00a0»"
    ) in message
    assert "l'identifiant est «\u00a0ma_grille\u00a0»" in message and "ami_is_nouvelle_aquitaine" not in message


def test_a_cohort_of_another_grid_keeps_its_column_problems_and_says_to_pass_its_grid(write):
    from isgrille.content.loading import data_dir

    with pytest.raises(ContentError) as raised:
        validate_file(data_dir() / "examples" / "cohort_fictional.csv", _other_grid(write, drop_last=True))
    messages = [p.message for p in raised.value.problems]
    assert messages[0].startswith("colonne inconnue")
    assert messages[-1] == (
        "ses colonnes de critères ne sont pas celles de la grille donnée avec --grid, "
        "«\u00a0Grille de caractérisation de l'AMI Innovation sociale\u00a0»\u00a0: si cette cohorte est "
        "d'une autre grille, indiquez le fichier de sa grille avec --grid"
    )  # the grid by its title


def test_a_cohort_with_a_bad_level_gets_no_grid_hint(write):
    from isgrille.content.loading import data_dir

    text = (data_dir() / "examples" / "cohort_fictional.csv").read_text(encoding="utf-8")
    path = write(text.replace(",Faible,", ",Tres faible,", 1), "c.csv")
    with pytest.raises(ContentError) as raised:
        validate_file(path)
    assert "--grid" not in str(raised.value) and "Tres faible" in str(raised.value)


# --- a trainer's spreadsheets: Windows-1252, BOM, xlsx ------------------------------------


@pytest.mark.parametrize("name", ["cohorte_excel_fr.csv", "cohorte_utf8_bom.csv", "cohorte_classeur.xlsx"])
def test_shipped_spreadsheet_examples_validate(name):
    assert validate_file(data_dir() / "examples" / name) == "cohort"


def test_a_workbook_of_another_grid_says_to_pass_its_grid(tmp_path, small_grid):
    from isgrille.analysis.spreadsheet import write_xlsx

    path = tmp_path / "cohorte.XLSX"
    write_xlsx([["projet", "c0_0", "c0_1", "c1_0"], ["P", "N1", 2, None]], path, sheet="Cohorte")
    assert validate_file(path, small_grid) == "cohort"
    with pytest.raises(ContentError) as raised:
        validate_file(path)
    first, hint = raised.value.problems
    assert (first.line, first.field) == (1, "Cohorte!1:1")
    assert first.message.startswith("colonnes inconnues pour la grille «\u00a0Grille de caractérisation")
    assert hint.message.startswith("ses colonnes de critères ne sont pas celles de la grille par défaut")


@pytest.mark.parametrize(
    "name, content, what",
    [
        ("image.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(100), "une image PNG"),
        ("document.csv", b"%PDF-1.7\n" + bytes(100), "un document PDF"),
    ],
)
def test_a_file_that_is_no_table_is_said_so(tmp_path, name, content, what):
    path = tmp_path / name
    path.write_bytes(content)
    assert problems_of(validate_file, path) == (
        Problem(
            str(path),
            (
                f"ce n'est pas un tableau\u00a0: le fichier est {what} (attendu\u00a0: un tableau CSV ou un classeur Excel .xlsx)"
            ),
        ),
    )
