"""Tests of isgrille.delivery.batch_cli: ``cohort`` and ``card`` run as an analyst would.

Most tests call :func:`isgrille.delivery.cli.main` in this process (fast);
one runs ``python -m isgrille`` to check that nothing but French reaches the
terminal. Every test writes into its own ``tmp_path``.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from isgrille import LearnerResults, load_grid
from isgrille.content.loading import CONTENT_ENV, data_dir, load_workshop
from isgrille.delivery.batch_cli import parse_formats, progress
from isgrille.delivery.cli import main
from isgrille.delivery.cohort_files import CHARTS

from ..packs import pack_without

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = data_dir() / "examples"


def results_file(path: Path, project: str, grid=None, **changes) -> Path:
    """A learner's results file at ``path`` (folders created), rated on two criteria of ``grid``."""
    grid = grid or load_grid()
    fields = {"learner": "Camille", "saved_at": "2026-11-26T10:00:00+00:00", "quiz": {"publics_fragiles": "FAUX"}}
    results = LearnerResults(project=project, **{**fields, **changes})
    results.rate(grid.criteria[0].id, 1)
    results.rate(grid.criteria[1].id, None)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(results.to_json(grid), encoding="utf-8")
    return path


def read_rows(path: Path, delimiter: str = ",", encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def test_cohort_of_a_table_a_results_file_and_a_folder(tmp_path, capsys):
    homes = tmp_path / "homes"
    results_file(homes / "a" / "resultats" / "mes_resultats.json", "Projet A")
    results_file(homes / "b" / "resultats" / "mes_resultats.json", "Projet B")
    out = tmp_path / "out"
    code = main(
        [
            "cohort",
            str(EXAMPLES / "cohort_fictional.csv"),
            str(EXAMPLES / "results_fictional.json"),
            str(homes),
            "--out",
            str(out),
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    rows = read_rows(out / "cohorte.csv")
    assert list(rows[0])[:8] == [
        "projet",
        "apprenant",
        "evaluateur",
        "date",
        "dimension",
        "critere",
        "critere_libelle",
        "niveau",
    ]
    assert {"projet", "evaluateur", "date", "critere", "niveau", "niveau_libelle"} <= set(rows[0])
    projects = {row["projet"] for row in rows}
    assert {"Projet A", "Projet B", "La Recyclerie du Val (fictif)"} <= projects
    grid = load_grid()
    a = [row for row in rows if row["projet"] == "Projet A"]
    assert len(a) == len(grid.criteria)  # one row per criterion, in grid order
    assert [row["critere"] for row in a] == [c.id for c in grid.criteria]
    assert (a[0]["niveau"], a[0]["niveau_libelle"]) == ("1", grid.levels[1])
    assert (a[1]["niveau"], a[1]["niveau_libelle"]) == ("", "")  # non renseigné
    assert a[0]["date"] == "2026-11-26"
    quiz = read_rows(out / "quiz.csv")
    assert {"projet": "Projet A", "affirmation": "publics_fragiles", "reponse": "FAUX"}.items() <= quiz[
        0
    ].items() or any(row["projet"] == "Projet A" and row["correcte"] in ("oui", "non") for row in quiz)
    for name, _ in CHARTS.values():
        assert (out / name).read_bytes()[:4] == b"\x89PNG"
    assert "écrit\u00a0: " in captured.out and "Traceback" not in captured.err


def test_a_rejected_input_is_named_and_the_rest_is_written(tmp_path, capsys):
    broken = tmp_path / "casse.json"
    broken.write_text("{pas du json", encoding="utf-8")
    not_a_sheet = tmp_path / "image.xlsx"
    not_a_sheet.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    good = results_file(tmp_path / "bon.json", "Projet bon")
    out = tmp_path / "out"
    code = main(["cohort", str(broken), str(good), str(not_a_sheet), str(tmp_path / "absent.csv"), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    for name in ("casse.json", "image.xlsx", "absent.csv"):
        assert name in err
    assert "Traceback" not in err
    assert {row["projet"] for row in read_rows(out / "cohorte.csv")} == {"Projet bon"}


def test_learner_text_is_neutralised_for_spreadsheets(tmp_path, capsys):
    source = results_file(tmp_path / "r.json", '=HYPERLINK("http://x";"clic")', learner="@SOMME(A1)")
    out = tmp_path / "out"
    assert main(["cohort", str(source), "--out", str(out)]) == 0
    row = read_rows(out / "cohorte.csv")[0]
    assert row["projet"] == "'" + '=HYPERLINK("http://x";"clic")'
    assert row["apprenant"] == "'@SOMME(A1)"


def test_excel_flavour_has_a_bom_semicolons_and_workbooks(tmp_path, capsys):
    import openpyxl

    source = results_file(tmp_path / "r.json", "=1+1")
    out = tmp_path / "out"
    assert main(["cohort", str(source), "--out", str(out), "--excel"]) == 0
    raw = (out / "cohorte.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.split(b"\n")[0].count(b";") >= 7
    sheet = openpyxl.load_workbook(out / "cohorte.xlsx").active
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert header[:3] == ["projet", "apprenant", "evaluateur"]
    first = next(sheet.iter_rows(min_row=2, max_row=2))
    assert first[0].value == "'=1+1" and first[0].data_type == "s"


def test_a_batch_of_two_grids_keeps_the_grid_asked_for(tmp_path, capsys):
    quick = load_grid(data_dir() / "grids" / "questions_cles.yaml")
    mine = results_file(tmp_path / "rapide.json", "Projet rapide", grid=quick)
    ami = results_file(tmp_path / "ami.json", "Projet AMI")
    out = tmp_path / "out"
    code = main(["cohort", str(mine), str(ami), "--grid", "questions_cles", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and "ami.json" in err and "grille" in err
    rows = read_rows(out / "cohorte.csv")
    assert {row["projet"] for row in rows} == {"Projet rapide"}
    assert {row["critere"] for row in rows} == {c.id for c in quick.criteria}


def test_an_unknown_grid_name_is_one_french_line(tmp_path, capsys):
    code = main(
        ["cohort", str(EXAMPLES / "results_fictional.json"), "--grid", "pas_une_grille", "--out", str(tmp_path / "out")]
    )
    err = capsys.readouterr().err
    assert code == 1 and "pas_une_grille" in err and "questions_cles" in err
    assert not (tmp_path / "out").exists()


def test_an_output_folder_that_is_a_file_is_refused(tmp_path, capsys):
    (tmp_path / "out").write_text("déjà là", encoding="utf-8")
    assert main(["cohort", str(EXAMPLES / "results_fictional.json"), "--out", str(tmp_path / "out")]) == 1
    assert "out" in capsys.readouterr().err
    assert (tmp_path / "out").read_text(encoding="utf-8") == "déjà là"


def test_card_writes_one_card_per_project_in_each_format(tmp_path, capsys):
    homes = tmp_path / "homes"
    results_file(homes / "a" / "resultats" / "mes_resultats.json", "Projet A", pitch={"a": "Une recyclerie"})
    results_file(homes / "b" / "resultats" / "mes_resultats.json", "Projet B")
    out = tmp_path / "fiches"
    assert main(["card", str(homes), "--out", str(out), "--format", "png,pdf,html"]) == 0
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 6, files
    pngs = [p for p in out.iterdir() if p.suffix == ".png"]
    assert all(p.read_bytes()[:4] == b"\x89PNG" for p in pngs)
    assert all(p.read_bytes()[:4] == b"%PDF" for p in out.iterdir() if p.suffix == ".pdf")
    html = next(p for p in out.iterdir() if p.suffix == ".html" and "A" in p.name).read_text(encoding="utf-8")
    assert "Projet A" in html and "Une recyclerie" in html
    assert "2 fiches projet" in capsys.readouterr().out


def test_card_of_a_table_counts_its_projects(tmp_path, capsys):
    out = tmp_path / "fiches"
    assert main(["card", str(EXAMPLES / "cohort_fictional.csv"), "--out", str(out)]) == 0
    with (EXAMPLES / "cohort_fictional.csv").open(encoding="utf-8") as handle:
        projects = {row["project"] for row in csv.DictReader(handle)}
    assert len(list(out.glob("*.png"))) == len(projects)


@pytest.mark.parametrize("value, expected", [("png", ("png",)), ("PDF, png,pdf", ("pdf", "png")), ("html", ("html",))])
def test_formats(value, expected):
    assert parse_formats(value) == expected


def test_an_unknown_format_is_a_french_usage_error(tmp_path, capsys):
    assert main(["card", str(EXAMPLES / "results_fictional.json"), "--out", str(tmp_path), "--format", "png,gif"]) == 2
    err = capsys.readouterr().err
    assert "format inconnu\u00a0: gif" in err and "png, pdf, html" in err


def test_the_progress_bar_shows_after_its_delay(capsys, monkeypatch):
    import tqdm

    shown = []
    original = tqdm.tqdm.__init__

    def spy(self, *args, **kwargs):
        shown.append(dict(kwargs))
        kwargs["delay"] = 0  # as if the batch had already taken a second
        original(self, *args, **kwargs)

    monkeypatch.setattr(tqdm.tqdm, "__init__", spy)
    assert list(progress("lecture")(range(5))) == list(range(5))
    assert shown[0]["delay"] == 1.0 and shown[0]["total"] == 5
    assert "lecture" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["cohort", "card"])
def test_help_is_french(command):
    done = subprocess.run(
        [sys.executable, "-m", "isgrille", command, "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0
    assert "ENTRÉE" in done.stdout and "--out DOSSIER" in done.stdout and "afficher cette aide" in done.stdout
    assert done.stdout.startswith("utilisation\u00a0: ")


def test_the_command_says_nothing_but_french_on_a_folder_of_hostile_files(tmp_path):
    homes = tmp_path / "homes"
    (homes / "x" / "resultats").mkdir(parents=True)
    (homes / "x" / "resultats" / "mes_resultats.json").write_bytes(b"\xff\xfe" + bytes(100))
    results_file(homes / "y" / "resultats" / "mes_resultats.json", "<img src=x onerror=alert(1)>")
    shutil.copy(EXAMPLES / "cohort_fictional.csv", homes / "classe.csv")
    done = subprocess.run(
        [sys.executable, "-m", "isgrille", "cohort", str(homes), "--out", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "mes_resultats.json" in done.stderr
    assert "<img src=x onerror=alert(1)>" in (tmp_path / "out" / "cohorte.csv").read_text(encoding="utf-8")


def test_an_input_the_command_would_write_over_is_refused_untouched(tmp_path, capsys):
    out = tmp_path / "analyse"
    out.mkdir()
    mine = out / "cohorte.csv"
    shutil.copy(EXAMPLES / "cohort_fictional.csv", mine)
    before = mine.read_bytes()
    assert main(["cohort", str(mine), "--out", str(out)]) == 1
    assert "cohorte.csv: c'est un des fichiers que la commande écrit" in capsys.readouterr().err
    assert mine.read_bytes() == before and sorted(p.name for p in out.iterdir()) == ["cohorte.csv"]


def test_an_output_folder_inside_a_folder_read_is_refused(tmp_path, capsys):
    homes = tmp_path / "classe"
    results_file(homes / "a" / "resultats" / "mes_resultats.json", "Projet A")
    assert main(["cohort", str(homes), "--out", str(homes / "analyse")]) == 1
    assert "est dans ce dossier lu" in capsys.readouterr().err
    assert not (homes / "analyse").exists()
    assert main(["cohort", str(homes), "--out", str(tmp_path / "analyse")]) == 0


def test_cards_may_go_in_a_folder_inside_the_class(tmp_path, capsys):
    homes = tmp_path / "classe"
    results_file(homes / "a" / "resultats" / "mes_resultats.json", "Projet A")
    assert main(["card", str(homes), "--out", str(homes / "fiches")]) == 0
    assert len(list((homes / "fiches").glob("*.png"))) == 1


def test_card_with_a_pack_whose_sequence_2_has_no_pitch(tmp_path, capsys, monkeypatch):
    pack = pack_without(tmp_path / "mon_atelier", 2, "pitch")
    assert load_workshop(pack / "workshop.yaml").sequence(2).pitch is None
    monkeypatch.setenv(CONTENT_ENV, "")  # main() sets it from --content: restored after the test
    results_file(tmp_path / "a.json", "Projet A", pitch={"a": "Une recyclerie"})
    out = tmp_path / "fiches"
    code = main(["--content", str(pack), "card", str(tmp_path / "a.json"), "--out", str(out), "--format", "png,html"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert sorted(p.suffix for p in out.iterdir()) == [".html", ".png"]
    assert next(out.glob("*.png")).read_bytes()[:4] == b"\x89PNG"
    assert "Projet A" in next(out.glob("*.html")).read_text(encoding="utf-8")
    assert "1 fiche projet" in captured.out and "erreur" not in captured.err
