"""Tests of isgrille.delivery.cli: the command line, run as a user would (``python -m isgrille ...``)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from isgrille.content.loading import YAML_KINDS, data_dir, default_path
from isgrille.delivery.schema_export import SCHEMA_KINDS

from ..results.samples import base, sample

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "isgrille", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_help_is_french_and_lists_commands():
    result = run("--help")
    assert result.returncode == 0
    for word in ("validate", "score", "schema", "afficher cette aide"):
        assert word in result.stdout


def test_no_command_prints_help_and_exits_2():
    result = run()
    assert result.returncode == 2 and "COMMANDE" in result.stdout


def test_validate_every_shipped_file():
    files = [str(default_path(kind)) for kind in YAML_KINDS] + [str(data_dir() / "examples" / "cohort_fictional.csv")]
    result = run("validate", *files)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(": valide (") == 5


def test_validate_reports_each_bad_file_and_exits_1(tmp_path):
    bad_grid = tmp_path / "grille.yaml"
    bad_grid.write_text("kind: grid\nlevels: [A, B]\ndimensions:\n  - id: d\n    label: D\n    criteria: []\n", encoding="utf-8")
    empty = tmp_path / "vide.yaml"
    empty.write_text("", encoding="utf-8")
    result = run("validate", str(default_path("quiz")), str(bad_grid), str(empty))
    assert result.returncode == 1
    assert "quiz.yaml: valide (quiz)" in result.stdout
    assert f"{bad_grid}: ligne 6, champ 'dimensions[0].criteria': au moins 1 élément attendu" in result.stderr
    assert f"{empty}: le fichier est vide" in result.stderr
    assert "2 fichiers invalides sur 3" in result.stderr


def test_validate_csv_against_another_grid(tmp_path):
    grid = tmp_path / "g.yaml"
    grid.write_text(
        "levels: [Bas, Haut]\ndimensions:\n  - id: d\n    label: D\n    criteria:\n"
        "      - id: c\n        label: C\n        descriptors: {Bas: x, Haut: y}\n",
        encoding="utf-8",
    )
    cohort = tmp_path / "c.csv"
    cohort.write_text("project,c\nP,haut\nQ,Moyen\n", encoding="utf-8")
    result = run("validate", "--grid", str(grid), str(cohort))
    assert result.returncode == 1
    assert f"{cohort}: ligne 3, colonne 'c': niveau 'Moyen' inconnu (attendu : Bas, Haut" in result.stderr


def test_missing_file():
    result = run("validate", "nulle-part.yaml")
    assert result.returncode == 1 and "nulle-part.yaml: fichier introuvable" in result.stderr


def test_score_prints_a_tidy_csv():
    result = run("score")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 8 * 4  # 8 assessments x (3 dimensions + overall)
    recyclerie = [r for r in rows if r["project"].startswith("La Recyclerie") and r["assessor"] == "autoévaluation"]
    overall = next(r for r in recyclerie if r["scope"] == "overall")
    counts = [int(overall[level]) for level in ("Inexistant", "Faible", "Intermédiaire", "Fort")]
    assert sum(counts) + int(overall["not_rated"]) == 12
    assert overall["median"] in ("Inexistant", "Faible", "Intermédiaire", "Fort")


def test_score_bad_csv_exits_1(tmp_path):
    cohort = tmp_path / "c.csv"
    cohort.write_text("projet\nP\n", encoding="utf-8")
    result = run("score", str(cohort))
    assert result.returncode == 1 and "colonne 'project' manquante" in result.stderr


def test_schema_writes_into_a_folder(tmp_path):
    result = run("schema", "--out", str(tmp_path))
    assert result.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{k}.schema.json" for k in SCHEMA_KINDS)


def test_bad_option_exits_2():
    assert run("validate").returncode == 2


def test_collect_lists_each_learner_and_flags_bad_files(tmp_path):
    from isgrille import load_grid
    from isgrille.results.learner import LearnerResults
    from isgrille.results.store import save_results

    grid = load_grid()
    results = LearnerResults(project="Recyclerie", quiz={"publics_fragiles": "FAUX", "tous_secteurs": "FAUX"})
    results.rate("caractere_collectif", 2)
    save_results(results, tmp_path / "alice" / "resultats" / "mes_resultats.json", grid)
    (tmp_path / "bob" / "resultats").mkdir(parents=True)
    (tmp_path / "bob" / "resultats" / "mes_resultats.json").write_text("[]", encoding="utf-8")
    result = run("collect", str(tmp_path))
    assert result.returncode == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["project"], r["quiz_correct"], r["quiz_answered"], r["criteria_rated"]) for r in rows] == [
        ("Recyclerie", "1", "2", "1")
    ]
    assert "bob/resultats/mes_resultats.json: le fichier doit contenir un objet JSON" in result.stderr


@pytest.fixture(scope="module")
def grid():
    from isgrille import load_grid

    return load_grid()


def test_cli_validates_results(tmp_path, grid):
    from isgrille.delivery.cli import main
    from isgrille.results.store import save_results

    good = tmp_path / "ok.json"
    save_results(sample(grid), good, grid)
    bad = tmp_path / "ko.json"
    bad.write_text(json.dumps(base(version=2)), encoding="utf-8")
    assert main(["validate", str(good)]) == 0
    assert main(["validate", str(good), str(bad)]) == 1
