"""Tests of isgrille.analysis.cohort: a cohort's assessments from CSV, and their tidy frame.

load_assessments is checked on the shipped cohorts (the fictional one, and
the same cohort dated, as French Excel's CSV, a UTF-8 CSV with BOM and a
workbook, which must all read the same) and on CSV files
built in ``tmp_path`` (commas or semicolons, BOM, level labels typed without
accents or in capitals, « non renseigné »); each malformed CSV is checked for
the exact French message and its line and column. Strange but bounded files:
line ends written CR alone or mixed, a 200 kB cell, a long unknown level
(shortened in its message), more bad cells or columns than MAX_PROBLEMS,
MAX_ROWS lines after the header (one more is refused), csv's own errors. assessments_frame is
checked for its columns, one row per (assessment, criterion), the ordered
``level`` categorical and the nullable ``rank``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from isgrille.analysis.cohort import assessments_frame, default_cohort_path, load_assessments
from isgrille.content.errors import ContentError, Problem
from isgrille.content.limits import MAX_BYTES, MAX_PROBLEMS, MAX_ROWS, MAX_SHOWN
from isgrille.content.loading import load_grid
from isgrille.content.model import Assessment
from isgrille.content.reader_words import TOO_MANY_ROWS

from ..contract import AMI_CRITERIA, RATINGS_COLUMNS

CRITERIA = AMI_CRITERIA
LEVELS = ["Inexistant", "Faible", "Intermédiaire", "Fort"]
EXPECTED_COLUMNS = ", ".join(["project", "assessor", *CRITERIA])
UNKNOWN_LEVEL = (
    "niveau '{}' inconnu (attendu\u00a0: Inexistant, Faible, Intermédiaire, Fort, ou leur indice de 0 à 3, "
    "ou vide pour «\u00a0non renseigné\u00a0»)"
)

HEADER = ["project", "assessor", *CRITERIA]


def row(project: str = "Projet A", assessor: str = "autoévaluation", *levels: str) -> list[str]:
    """A CSV row: the given levels first, then 'Faible' for the remaining criteria."""
    return [project, assessor, *levels, *["Faible"] * (len(CRITERIA) - len(levels))]


def csv_text(*rows: list[str], sep: str = ",") -> str:
    return "".join(sep.join(cells) + "\n" for cells in rows)


@pytest.fixture(scope="module")
def grid():
    return load_grid()


@pytest.fixture(scope="module")
def cohort(grid):
    return load_assessments(default_cohort_path(), grid)


@pytest.fixture
def write(tmp_path):
    """Write text (UTF-8, or the given encoding) to a CSV file in tmp_path and return its path."""

    def _write(text: str, encoding: str = "utf-8", name: str = "cohorte.csv") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return _write


def problems_of(path: Path, grid) -> tuple[Problem, ...]:
    with pytest.raises(ContentError) as excinfo:
        load_assessments(path, grid)
    return excinfo.value.problems


# --- the shipped cohort -----------------------------------------------------------------


def test_shipped_cohort_counts(cohort):
    assert len(cohort) == 8
    assert len({a.project for a in cohort}) == 6
    assert [a.assessor for a in cohort].count("autoévaluation") == 6
    assert [a.assessor for a in cohort].count("formateur") == 2


def test_shipped_cohort_not_rated_cells(cohort):
    not_rated = [(a.project, a.assessor, c) for a in cohort for c, level in a.ratings.items() if level is None]
    assert sorted(not_rated) == sorted(
        [
            ("La Recyclerie du Val (fictif)", "autoévaluation", "ouverture_recherche"),
            ("Atelier Numérique pour Tous (fictif)", "autoévaluation", "potentiel_transformation"),
            ("Covoiturage Rural des Bastides (fictif)", "autoévaluation", "viabilite_economique"),
            ("Covoiturage Rural des Bastides (fictif)", "autoévaluation", "ouverture_recherche"),
        ]
    )


def test_shipped_cohort_values(cohort):
    first = cohort[0]
    assert (first.project, first.assessor) == ("La Recyclerie du Val (fictif)", "autoévaluation")
    assert list(first.ratings) == CRITERIA
    assert [first.ratings[c] for c in CRITERIA] == [2, 1, 2, 1, 3, 2, 2, 3, 2, 1, 3, None]
    trainer = cohort[6]
    assert (trainer.project, trainer.assessor) == ("La Recyclerie du Val (fictif)", "formateur")
    assert trainer.ratings["ouverture_recherche"] == 0


def test_default_path_is_the_shipped_cohort(grid, cohort):
    assert load_assessments(grid=grid) == cohort


# --- accepted variants ------------------------------------------------------------------


def test_semicolon_delimited(write, grid):
    path = write(csv_text(HEADER, row("Projet A", "autoévaluation", "Fort", "Intermédiaire"), sep=";"))
    [assessment] = load_assessments(path, grid)
    assert assessment.project == "Projet A"
    assert assessment.ratings["caractere_collectif"] == 3
    assert assessment.ratings["richesse_collectif"] == 2
    assert assessment.ratings["ouverture_recherche"] == 1


def test_semicolon_file_from_a_spreadsheet_with_bom_and_crlf(write, grid):
    text = csv_text(HEADER, row("Projet, avec virgule", "formateur", "Inexistant"), sep=";").replace("\n", "\r\n")
    [assessment] = load_assessments(write("\ufeff" + text), grid)
    assert (assessment.project, assessment.assessor) == ("Projet, avec virgule", "formateur")
    assert assessment.ratings["caractere_collectif"] == 0


@pytest.mark.parametrize(
    "cell, rank",
    [
        ("intermediaire", 2),
        ("INTERMÉDIAIRE", 2),
        ("FORT", 3),
        (" faible ", 1),
        ("inexistant", 0),
        ("non renseigné", None),
        ("Non renseigne", None),
        ("", None),
        ("   ", None),
    ],
)
def test_level_labels_ignore_case_and_accents(write, grid, cell, rank):
    [assessment] = load_assessments(write(csv_text(HEADER, row("Projet A", "autoévaluation", cell))), grid)
    assert assessment.ratings["caractere_collectif"] == rank


def test_assessor_column_is_optional(write, grid):
    text = csv_text(["project", *CRITERIA], ["Projet A", *["Fort"] * 12], ["Projet B", *["Faible"] * 12])
    assessments = load_assessments(write(text), grid)
    assert [(a.project, a.assessor) for a in assessments] == [
        ("Projet A", "autoévaluation"),
        ("Projet B", "autoévaluation"),
    ]


def test_empty_assessor_is_self_assessment_and_blank_rows_are_skipped(write, grid):
    text = csv_text(HEADER, row("Projet A", ""), [""], [",,"], row("Projet A", "formateur"))
    assessments = load_assessments(write(text), grid)
    assert [(a.project, a.assessor) for a in assessments] == [
        ("Projet A", "autoévaluation"),
        ("Projet A", "formateur"),
    ]


def test_columns_in_any_order(write, grid):
    header = list(reversed(HEADER))
    cells = list(reversed(row("Projet A", "formateur", "Fort")))
    [assessment] = load_assessments(write(csv_text(header, cells)), grid)
    assert assessment.assessor == "formateur"
    assert assessment.ratings["caractere_collectif"] == 3


def test_other_grid(write, small_grid):
    """The columns follow the grid given (here 3 criteria, levels N0..N2), not the shipped one."""
    text = csv_text(["project", "c0_0", "c0_1", "c1_0"], ["P", "n2", "N0", ""])
    [assessment] = load_assessments(write(text), small_grid)
    assert assessment.ratings == {"c0_0": 2, "c0_1": 0, "c1_0": None}


# --- malformed files ----------------------------------------------------------------------


def test_unknown_level(write, grid):
    path = write(csv_text(HEADER, row("Projet A", "autoévaluation", "Tres fort")))
    with pytest.raises(ContentError) as excinfo:
        load_assessments(path, grid)
    assert excinfo.value.problems == (
        Problem(str(path), UNKNOWN_LEVEL.format("Tres fort"), line=2, column="caractere_collectif"),
    )
    assert excinfo.value.problems[0].message.startswith(
        "niveau 'Tres fort' inconnu (attendu\u00a0: Inexistant, Faible, Intermédiaire, Fort"
    )
    assert str(excinfo.value) == f"{path}: ligne 2, colonne 'caractere_collectif': {UNKNOWN_LEVEL.format('Tres fort')}"


UNKNOWN_COLUMN = (
    "colonne inconnue (attendu\u00a0: projet, évaluateur, date, commentaire, ou un critère par son identifiant ou son "
    "libellé\u00a0: caractere_collectif ou «\u00a0Caractère collectif du projet\u00a0»\u202f; richesse_collectif ou «\u00a0Richesse du "
    "collectif\u00a0»\u202f; integration_beneficiaires ou «\u00a0Intégration des bénéficiaires\u00a0»\u202f; formalisation_gouvernance ou "
    "«\u00a0Formalisation de la gouvernance\u00a0»\u202f; et 8 autres)"
)
MISSING_PROJECT = "colonne du projet manquante (attendu\u00a0: «\u00a0projet\u00a0» ou «\u00a0project\u00a0»)"

HEADER_CASES = [
    pytest.param(HEADER[1:], MISSING_PROJECT, None, id="missing-project"),
    pytest.param([*HEADER, "couleur"], UNKNOWN_COLUMN, "couleur", id="unknown-column"),
    pytest.param(
        [c for c in HEADER if c != "ouverture_recherche"],
        "colonne de critère manquante\u00a0: ouverture_recherche",
        None,
        id="missing-criterion",
    ),
    pytest.param(
        [c for c in HEADER if c not in ("richesse_collectif", "viabilite_economique")],
        "colonnes de critère manquantes\u00a0: richesse_collectif, viabilite_economique",
        None,
        id="missing-criteria",
    ),
    pytest.param([*HEADER, "rupture_existant"], "colonne en double", "rupture_existant", id="duplicate-column"),
    pytest.param(
        [*HEADER, "Rupture avec l’existant"],
        "colonne en double (même colonne que 'rupture_existant')",
        "Rupture avec l’existant",
        id="same-criterion-by-its-label",
    ),
    pytest.param(
        [*HEADER, "Évaluatrice"],
        "colonne en double (même colonne que 'assessor')",
        "Évaluatrice",
        id="same-fixed-column-in-french",
    ),
    pytest.param(
        [*HEADER[:3], "", *HEADER[3:]], "colonne n° 4 sans nom\u00a0: nommez-la ou supprimez-la", None, id="empty-name"
    ),
]


@pytest.mark.parametrize("header, message, column", HEADER_CASES)
def test_bad_header(write, grid, header, message, column):
    path = write(csv_text(header, ["Projet A", *["Faible"] * (len(header) - 1)]))
    assert problems_of(path, grid) == (Problem(str(path), message, line=1, column=column),)


def test_every_duplicated_column_is_reported(write, grid):
    header = [*HEADER, "rupture_existant", "richesse_collectif"]
    path = write(csv_text(header, ["Projet A", *["Faible"] * (len(header) - 1)]))
    assert [p.column for p in problems_of(path, grid)] == ["rupture_existant", "richesse_collectif"]


def test_blank_lines_before_the_header_are_skipped_but_counted(write, grid):
    path = write("\n\n" + csv_text(HEADER, row("Projet A"), row("Projet B", "formateur", "Moyen")))
    [problem] = problems_of(path, grid)
    assert (problem.line, problem.column) == (5, "caractere_collectif")


def test_several_header_problems_reported_together(write, grid):
    header = ["projekt", "assessor", *CRITERIA[1:]]
    path = write(csv_text(header, ["Projet A", "formateur", *["Faible"] * 11]))
    assert problems_of(path, grid) == (
        Problem(str(path), MISSING_PROJECT, line=1),
        Problem(str(path), UNKNOWN_COLUMN, line=1, column="projekt"),
        Problem(str(path), "colonne de critère manquante\u00a0: caractere_collectif", line=1),
    )


DUPLICATE_A = "évaluation de 'Projet A' par 'autoévaluation' en double (déjà à la ligne 2)"
HEADER_ONLY = "aucune évaluation\u00a0: le tableau n'a que sa ligne d'en-tête"

ROW_CASES = [
    pytest.param([row("Projet A"), row("  ")], "nom de projet vide", 3, "project", id="empty-project"),
    pytest.param([row("Projet A")[:-1]], "14 valeurs attendues, 13 trouvées", 2, None, id="too-few-cells"),
    pytest.param([[*row("Projet A"), "Fort"]], "14 valeurs attendues, 15 trouvées", 2, None, id="too-many-cells"),
    pytest.param([row("Projet A"), row("Projet B"), row("Projet A")], DUPLICATE_A, 4, None, id="duplicate-assessment"),
    pytest.param(
        [row("Projet A", ""), row("Projet A", "autoévaluation")],
        DUPLICATE_A,
        3,
        None,
        id="duplicate-with-default-assessor",
    ),
    pytest.param(
        [row("Projet A"), [""], row("Projet B", "formateur", "Moyen")],
        UNKNOWN_LEVEL.format("Moyen"),
        4,
        "caractere_collectif",
        id="line-counts-blank-rows",
    ),
    pytest.param([], HEADER_ONLY, 1, None, id="header-only"),
    pytest.param([[""], [",,,"]], HEADER_ONLY, 1, None, id="header-and-blank-rows"),
]


@pytest.mark.parametrize("rows, message, line, column", ROW_CASES)
def test_bad_rows(write, grid, rows, message, line, column):
    path = write(csv_text(HEADER, *rows))
    assert problems_of(path, grid) == (Problem(str(path), message, line=line, column=column),)


def test_several_bad_cells_reported_together(write, grid):
    rows = [
        row("Projet A", "autoévaluation", "Tres fort"),
        row("Projet B", "autoévaluation", "Fort", "Moyen", "Faible", "Excellent"),
        ["Projet C", "formateur", "Fort"],
    ]
    path = write(csv_text(HEADER, *rows))
    with pytest.raises(ContentError) as excinfo:
        load_assessments(path, grid)
    assert excinfo.value.problems == (
        Problem(str(path), UNKNOWN_LEVEL.format("Tres fort"), line=2, column="caractere_collectif"),
        Problem(str(path), UNKNOWN_LEVEL.format("Moyen"), line=3, column="richesse_collectif"),
        Problem(str(path), UNKNOWN_LEVEL.format("Excellent"), line=3, column="formalisation_gouvernance"),
        Problem(str(path), "14 valeurs attendues, 3 trouvées", line=4),
    )
    assert str(excinfo.value).endswith(f"{UNKNOWN_LEVEL.format('Tres fort')} (et 3 autres erreurs)")


def test_windows_1252_is_read_when_not_utf8(write, grid):
    path = write(
        csv_text(HEADER, row("Cantine «\u00a0Œuvre\u00a0» à 15 €", "évaluatrice", "Intermédiaire"), sep=";"),
        encoding="cp1252",
    )
    [assessment] = load_assessments(path, grid)
    assert (assessment.project, assessment.assessor) == ("Cantine «\u00a0Œuvre\u00a0» à 15 €", "évaluatrice")
    assert assessment.ratings["caractere_collectif"] == 2


def test_neither_utf8_nor_windows_1252(write, grid):
    path = write("project;assessor\nProjet A;\x81\n", encoding="latin-1")
    assert problems_of(path, grid) == (
        Problem(
            str(path),
            (
                "encodage inconnu\u00a0: ni UTF-8 ni Windows-1252 (octet 0x81)\u202f; enregistrez le tableau en «\u00a0CSV UTF-8\u00a0»"
            ),
            line=2,
        ),
    )


def test_empty_file(write, grid):
    path = write("\n\n")
    assert problems_of(path, grid) == (Problem(str(path), "le fichier est vide"),)


# --- strange but bounded files --------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r", "\r\n"])
def test_cr_only_and_crlf_line_ends_read_like_lf(write, grid, cohort, newline):
    text = default_cohort_path().read_text(encoding="utf-8")
    assert load_assessments(write(text.replace("\n", newline)), grid) == cohort


def test_cr_only_line_ends_give_the_right_lines(write, grid):
    text = csv_text(HEADER, row("Projet A"), row("Projet B"), row("Projet C", "formateur", "Moyen"))
    path = write("\r" + text.replace("\n", "\r"))
    assert problems_of(path, grid) == (
        Problem(str(path), UNKNOWN_LEVEL.format("Moyen"), line=5, column="caractere_collectif"),
    )


def test_mixed_line_ends_give_the_right_lines(write, grid):
    rows = [",".join(r) for r in (HEADER, row("Projet A"), row("Projet B"), row("Projet C"), row("Projet A"))]
    path = write(rows[0] + "\r" + rows[1] + "\r\n" + rows[2] + "\n" + rows[3] + "\r" + rows[4] + "\n")
    assert problems_of(path, grid) == (Problem(str(path), DUPLICATE_A, line=5),)


def test_a_200_kb_cell_is_read(write, grid):
    name = "Projet, très long " * 11_000
    assert len(name.encode()) > 200_000
    path = write(csv_text(HEADER, [f'"{name}"', *row()[1:]], row("Projet B")))
    assert [a.project for a in load_assessments(path, grid)] == [name.strip(), "Projet B"]
    assert csv.field_size_limit() >= MAX_BYTES["cohort"]


def test_a_200_kb_unknown_level_is_shortened(write, grid):
    level = "x" * 200_000
    path = write(csv_text(HEADER, row("Projet A", "autoévaluation", level)))
    assert problems_of(path, grid) == (
        Problem(str(path), UNKNOWN_LEVEL.format("x" * (MAX_SHOWN - 1) + "…"), line=2, column="caractere_collectif"),
    )


def test_long_names_are_shortened(write, grid):
    project, column = "P" * 1000, "c" * 1000
    path = write(csv_text([*HEADER, column], [*row(project), "Faible"]))
    assert problems_of(path, grid) == (Problem(str(path), UNKNOWN_COLUMN, line=1, column="c" * (MAX_SHOWN - 1) + "…"),)
    path = write(csv_text(HEADER, row(project), row(project)))
    assert problems_of(path, grid) == (
        Problem(
            str(path),
            f"évaluation de '{'P' * (MAX_SHOWN - 1)}…' par 'autoévaluation' en double (déjà à la ligne 2)",
            line=3,
        ),
    )


def test_at_most_max_problems_are_described(write, grid):
    """Every criterion of every row is wrong: 12 problems a row, MAX_PROBLEMS described, the rest counted."""
    rows = [row(f"Projet {n}", "autoévaluation", *["Moyen"] * len(CRITERIA)) for n in range(1000)]
    found = problems_of(write(csv_text(HEADER, *rows)), grid)
    assert len(found) == MAX_PROBLEMS + 1
    assert found[0].line == 2 and found[MAX_PROBLEMS - 1].line == 2 + (MAX_PROBLEMS - 1) // len(CRITERIA)
    assert found[-1].message == f"… et {1000 * len(CRITERIA) - MAX_PROBLEMS:,} autres problèmes".replace(",", "\u202f")


def test_at_most_max_problems_for_a_huge_header(write, grid):
    header = [*HEADER, *(f"inconnue_{n}" for n in range(100_000))]
    found = problems_of(write(csv_text(header, row())), grid)
    assert len(found) == MAX_PROBLEMS + 1
    assert found[0] == Problem(found[0].path, UNKNOWN_COLUMN, line=1, column="inconnue_0")
    assert found[-1].message == f"… et {100_000 - MAX_PROBLEMS:,} autres problèmes".replace(",", "\u202f")


def test_max_rows_lines_after_the_header_are_read(write, grid):
    text = csv_text(HEADER, row("Projet A")) + "\n" * (MAX_ROWS - 1)
    assert [a.project for a in load_assessments(write(text), grid)] == ["Projet A"]


def test_one_line_more_is_refused_before_reading_any(write, grid):
    path = write("\n" + csv_text(HEADER, row("Projet A")) + "\n" * MAX_ROWS)
    assert problems_of(path, grid) == (Problem(str(path), TOO_MANY_ROWS, line=MAX_ROWS + 3),)
    assert TOO_MANY_ROWS == "trop de lignes (au plus 100\u202f000 après la ligne d'en-tête)"


def test_distinct_unknown_levels_are_each_reported(write, grid):
    """Every cell different (none seen before): still one problem each, the first described."""
    rows = [row(f"Projet {n}", "autoévaluation", *(f"é{n}_{k}" for k in range(len(CRITERIA)))) for n in range(100)]
    found = problems_of(write(csv_text(HEADER, *rows)), grid)
    assert found[0] == Problem(found[0].path, UNKNOWN_LEVEL.format("é0_0"), line=2, column="caractere_collectif")
    assert found[-1].message == f"… et {100 * len(CRITERIA) - MAX_PROBLEMS:,} autres problèmes".replace(",", "\u202f")


def test_a_csv_error_is_a_content_error_with_its_line(write, grid, monkeypatch):
    """The loader's reading is lenient, so csv hardly ever fails; should it, its error names the line."""
    strict = csv.reader
    monkeypatch.setattr(csv, "reader", lambda *args, **kwargs: strict(*args, strict=True, **kwargs))
    path = write(csv_text(HEADER, row("Projet A"), ['"Projet" B', *row()[1:]]))
    assert problems_of(path, grid) == (Problem(str(path), "ligne illisible (guillemets mal placés\u202f?)", line=3),)


# --- the tidy frame --------------------------------------------------------------------


@pytest.fixture(scope="module")
def frame(cohort, grid):
    pytest.importorskip("pandas")
    return assessments_frame(cohort, grid)


def test_frame_columns(frame):
    assert list(frame.columns) == RATINGS_COLUMNS


def test_frame_has_one_row_per_assessment_and_criterion(frame):
    assert len(frame) == 8 * 12
    sizes = frame.groupby(["project", "assessor"]).size()
    assert len(sizes) == 8
    assert set(sizes) == {12}
    first = frame[(frame.project == "La Recyclerie du Val (fictif)") & (frame.assessor == "autoévaluation")]
    assert list(first.criterion) == CRITERIA
    assert list(first.dimension) == ["portage"] * 4 + ["contenu"] * 3 + ["contexte"] * 5
    assert first.criterion_label.iloc[0] == "Caractère collectif du projet"


def test_frame_level_is_an_ordered_categorical(frame):
    import pandas as pd

    assert isinstance(frame["level"].dtype, pd.CategoricalDtype)
    assert frame["level"].cat.ordered
    assert list(frame["level"].cat.categories) == LEVELS
    assert (frame["level"] > "Faible").sum() == ((frame["level_index"] > 1).fillna(False)).sum()
    assert frame["level"].max() == "Fort"


def test_frame_rank_is_nullable_with_na_for_not_rated(frame):
    assert str(frame["level_index"].dtype) == "Int64"
    not_rated = frame[frame["level_index"].isna()]
    assert len(not_rated) == 4
    assert not_rated["level"].isna().all()
    assert set(not_rated["assessor"]) == {"autoévaluation"}
    assert sorted(zip(not_rated.project, not_rated.criterion, strict=True)) == [
        ("Atelier Numérique pour Tous (fictif)", "potentiel_transformation"),
        ("Covoiturage Rural des Bastides (fictif)", "ouverture_recherche"),
        ("Covoiturage Rural des Bastides (fictif)", "viabilite_economique"),
        ("La Recyclerie du Val (fictif)", "ouverture_recherche"),
    ]
    assert frame["level"].notna().sum() == 92


def test_frame_rank_matches_level(frame):
    rated = frame[frame["level_index"].notna()]
    assert [LEVELS.index(level) for level in rated["level"]] == list(rated["level_index"])
    cantine = frame[
        (frame.project == "Cantine Solidaire des Coteaux (fictif)") & (frame.criterion == "caractere_collectif")
    ]
    assert list(cantine["level"]) == ["Fort"] and list(cantine["level_index"]) == [3]


def test_frame_of_another_grid(write, small_grid):
    pytest.importorskip("pandas")
    text = csv_text(["project", "assessor", "c0_0", "c0_1", "c1_0"], ["P", "pair", "N2", "", "n1"])
    frame = assessments_frame(load_assessments(write(text), small_grid), small_grid)
    assert list(frame["criterion"]) == ["c0_0", "c0_1", "c1_0"]
    assert list(frame["dimension"]) == ["d0", "d0", "d1"]
    assert list(frame["level"].cat.categories) == ["N0", "N1", "N2"]
    assert frame["level_index"].isna().tolist() == [False, True, False]
    assert (frame["level_index"].iloc[0], frame["level_index"].iloc[2]) == (2, 1)
    assert frame["level"].isna().tolist() == [False, True, False]


def test_frame_of_no_assessment(grid):
    pytest.importorskip("pandas")
    frame = assessments_frame((), grid)
    assert len(frame) == 0
    assert list(frame.columns) == RATINGS_COLUMNS


# --- a trainer's table: French headers, labels, indexes, dates, comments ---------------------

EXAMPLES = ["cohorte_excel_fr.csv", "cohorte_utf8_bom.csv", "cohorte_classeur.xlsx"]


@pytest.fixture(scope="module")
def dated(grid):
    return load_assessments(default_cohort_path().with_name("cohorte_excel_fr.csv"), grid)


@pytest.mark.parametrize("name", EXAMPLES[1:])
def test_the_three_examples_read_the_same(grid, dated, name):
    assert load_assessments(default_cohort_path().with_name(name), grid) == dated


def test_the_examples_are_the_fictional_cohort_dated_with_three_after_the_workshop(cohort, dated):
    assert dated[:8] == tuple(
        Assessment(a.project, a.ratings, a.assessor, "2026-09-15", dated[n].comment) for n, a in enumerate(cohort)
    )
    after = [(a.project, a.assessor, a.date) for a in dated[8:]]
    assert after == [
        ("La Recyclerie du Val (fictif)", "autoévaluation", "2026-11-26"),
        ("Atelier Numérique pour Tous (fictif)", "autoévaluation", "2026-11-26"),
        ("La Recyclerie du Val (fictif)", "formateur", "2026-11-26"),
    ]
    assert (
        dated[1].comment == "Budget de 15 000 € à consolider ; cœur du projet : les repas"
    )  # € and œ: cp1252; typed text kept as typed
    assert dated[8].ratings["formalisation_gouvernance"] == 2 > dated[0].ratings["formalisation_gouvernance"]


def test_french_headers_labels_as_columns_and_loose_levels(write, grid):
    labels = [c.label for c in load_grid().criteria]
    header = [" PROJET ", "Evaluateur", "Date", "Commentaire", "ancrage territorial", *labels[:7], *labels[8:]]
    cells = [
        "Projet A",
        "",
        "26/11/2026",
        " Très bien ",
        " intermediaire ",
        "FORT",
        "0",
        "2.0",
        "3,0",
        "",
        "",
        "non renseigné",
        "faible",
        "1",
        "Inexistant",
        "fort",
    ]
    [assessment] = load_assessments(write(csv_text(header, cells, sep=";")), grid)
    assert (assessment.assessor, assessment.date, assessment.comment) == ("autoévaluation", "2026-11-26", "Très bien")
    assert [assessment.ratings[c] for c in CRITERIA] == [3, 0, 2, 3, None, None, None, 2, 1, 1, 0, 3]


@pytest.mark.parametrize(
    "cell, date", [("2026-11-26", "2026-11-26"), ("26/11/2026", "2026-11-26"), ("1/2/2027", "2027-02-01"), (" ", "")]
)
def test_dates_iso_or_french(write, grid, cell, date):
    [assessment] = load_assessments(write(csv_text(["date", *HEADER], [cell, *row()])), grid)
    assert assessment.date == date


@pytest.mark.parametrize("cell", ["26/11/26", "2026-02-30", "demain", "11/26/2026", "46352"])
def test_a_bad_date_is_located(write, grid, cell):
    path = write(csv_text([*HEADER, "Date"], [*row(), cell]))
    assert problems_of(path, grid) == (
        Problem(
            str(path),
            (
                f"date '{cell}' invalide (attendu\u00a0: AAAA-MM-JJ comme 2026-11-26, ou JJ/MM/AAAA comme 26/11/2026, ou vide)"
            ),
            line=2,
            column="Date",
        ),
    )


def test_two_dates_are_a_before_and_after_not_a_duplicate(write, grid):
    rows = [["date", *HEADER], ["2026-09-15", *row()], ["26/11/2026", *row()], ["15/09/2026", *row()]]
    path = write(csv_text(*rows))
    assert problems_of(path, grid) == (
        Problem(
            str(path),
            ("évaluation de 'Projet A' par 'autoévaluation' du 2026-09-15 en double (déjà à la ligne 2)"),
            line=4,
        ),
    )
    assert [a.date for a in load_assessments(write(csv_text(*rows[:3])), grid)] == ["2026-09-15", "2026-11-26"]


@pytest.mark.parametrize("cell", ["4", "-1", "12.0"])
def test_an_index_out_of_range(write, grid, cell):
    path = write(csv_text(HEADER, row("Projet A", "formateur", cell)))
    assert problems_of(path, grid) == (
        Problem(
            str(path),
            (
                f"niveau n° {cell} hors limites (attendu\u00a0: de 0 pour «\u00a0Inexistant\u00a0» à 3 pour «\u00a0Fort\u00a0», "
                "ou vide pour «\u00a0non renseigné\u00a0»)"
            ),
            line=2,
            column="caractere_collectif",
        ),
    )


@pytest.mark.parametrize("cell", ["Très fort", "2.5", "deux"])
def test_an_unknown_level_says_the_labels_and_the_index_range(write, grid, cell):
    path = write(csv_text(HEADER, row("Projet A", "formateur", "Fort", cell)))
    assert problems_of(path, grid) == (
        Problem(str(path), UNKNOWN_LEVEL.format(cell), line=2, column="richesse_collectif"),
    )


def test_indexes_follow_the_grid(write, small_grid):
    [assessment] = load_assessments(
        write(csv_text(["projet", "c0_0", "Critère 0.1", "c1_0"], ["P", "2", "0", ""])), small_grid
    )
    assert assessment.ratings == {"c0_0": 2, "c0_1": 0, "c1_0": None}
    path = write(csv_text(["projet", "c0_0", "c0_1", "c1_0"], ["P", "3", "N0", ""]))
    assert problems_of(path, small_grid)[0].message.startswith(
        "niveau n° 3 hors limites (attendu\u00a0: de 0 pour «\u00a0N0\u00a0»"
    )


def test_empty_cells_a_spreadsheet_leaves_on_the_right_are_ignored(write, grid):
    text = csv_text([*HEADER, "", ""], [*row(), "", ""], [*row("Projet B"), " "], sep=";")
    assert [a.project for a in load_assessments(write(text), grid)] == ["Projet A", "Projet B"]


def test_a_cohort_of_another_grid_is_said_in_one_problem(write, small_grid):
    path = write(csv_text(HEADER, row()))
    assert problems_of(path, small_grid) == (
        Problem(
            str(path),
            (
                "colonnes inconnues pour la grille «\u00a0grid\u00a0»\u00a0: 'caractere_collectif', 'richesse_collectif', "
                "'integration_beneficiaires', 'formalisation_gouvernance', 'consistance_contenu', … (attendu, par exemple\u00a0: "
                "c0_0 ou «\u00a0Critère 0.0\u00a0»\u202f; c0_1 ou «\u00a0Critère 0.1\u00a0»\u202f; c1_0 ou «\u00a0Critère 1.0\u00a0»)"
            ),
            line=1,
        ),
    )


@pytest.mark.parametrize(
    "content, what",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "une image PNG"),
        (b"%PDF-1.4\n%\xe2\xe3\n1 0 obj", "un document PDF"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            (
                "un classeur Excel 97-2003 (.xls) ou protégé par un mot de passe\u00a0: "
                "enregistrez-le sans mot de passe au format .xlsx ou CSV"
            ),
        ),
        (
            "project".encode("utf-16"),
            (
                "un texte en UTF-16\u00a0: enregistrez-le en «\u00a0CSV UTF-8\u00a0» ou en "
                "«\u00a0CSV (séparateur\u00a0: point-virgule)\u00a0»"
            ),
        ),
        (b"project\nP\x00\x01", "un fichier binaire (octet 0x00)"),
    ],
)
def test_a_file_that_is_no_table(tmp_path, grid, content, what):
    path = tmp_path / "cohorte.csv"
    path.write_bytes(content)
    assert problems_of(path, grid) == (
        Problem(
            str(path),
            (
                f"ce n'est pas un tableau\u00a0: le fichier est {what} (attendu\u00a0: un tableau CSV ou un classeur Excel .xlsx)"
            ),
        ),
    )


def test_a_workbook_problem_names_its_sheet_and_cell(tmp_path, grid):
    from isgrille.analysis.spreadsheet import write_xlsx

    path = tmp_path / "cohorte.xlsx"
    write_xlsx(
        [
            ["Projet", "Date", *CRITERIA],
            ["Projet A", "2026-11-26", "Très fort", *[1] * 11],
            ["Projet A", "26/11/2026", *[1] * 12],
        ],
        path,
        sheet="Évaluations",
    )
    assert problems_of(path, grid) == (
        Problem(
            str(path), UNKNOWN_LEVEL.format("Très fort"), line=2, field="Évaluations!C2", column="caractere_collectif"
        ),
        Problem(
            str(path),
            "évaluation de 'Projet A' par 'autoévaluation' du 2026-11-26 en double (déjà à la ligne 2)",
            line=3,
            field="Évaluations!3:3",
        ),
    )
