"""Tests of isgrille.content.tables: a trainer's table, CSV or xlsx, as a header and located rows of texts.

CSV: each delimiter sniffed on the header line, UTF-8 with or without BOM
and Windows-1252, blank lines before the header counted, the empty names a
spreadsheet leaves at the right of a header dropped. xlsx (built with
openpyxl, or its sheet's XML written by hand to lie or to be huge): the
header is the first row holding something, date cells are ISO dates, whole
numbers lose their ``.0``, a problem's place is the sheet's cell, merged
header cells are refused, a sheet's wrong declared size is not believed, and
more than MAX_ROWS rows are refused, at once when the sheet says so.
"""

from __future__ import annotations

import datetime
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from isgrille.content.errors import ContentError, Problem
from isgrille.content.limits import MAX_ROWS
from isgrille.content.reader_words import TOO_MANY_ROWS
from isgrille.content.tables import Table, column_letter, read_table


def problems_of(path: Path, **kwargs) -> tuple[Problem, ...]:
    with pytest.raises(ContentError) as raised:
        list(read_table(path, **kwargs).rows)  # a problem found on opening, or while the rows are read
    return raised.value.problems


def workbook(path: Path, *rows: list, title: str = "Feuil1") -> Path:
    book = openpyxl.Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def with_sheet_xml(path: Path, sheet_data: bytes, dimension: bytes = b"") -> Path:
    """``path``'s workbook with its first sheet's XML replaced: the given dimension and rows."""
    xml = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + dimension
        + b"<sheetData>"
        + sheet_data
        + b"</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    members["xl/worksheets/sheet1.xml"] = xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)
    return path


def rows_xml(first: int, last: int) -> bytes:
    return b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>P%d</t></is></c></row>' % (n, n, n)
        for n in range(first, last + 1)
    )


# --- CSV -----------------------------------------------------------------------------


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_the_delimiter_is_the_header_lines_most_frequent(tmp_path, sep):
    path = tmp_path / "t.csv"
    path.write_text(
        sep.join(["projet", "évaluateur", "date"]) + "\n" + sep.join(["A, B; C", "x", ""]) + "\n", encoding="utf-8"
    )
    if sep != "\t":
        path.write_text(path.read_text(encoding="utf-8").replace("A, B; C", '"A, B; C"'), encoding="utf-8")
    table = read_table(path)
    assert (table.header, table.header_line, table.sheet) == (["projet", "évaluateur", "date"], 1, None)
    assert list(table.rows) == [(2, ["A, B; C", "x", ""])]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_utf8_with_or_without_bom_and_windows_1252(tmp_path, encoding):
    path = tmp_path / "t.csv"
    path.write_bytes("Projet;Évaluateur\r\nŒuvre à 15 €;évaluatrice\r\n".encode(encoding))
    table = read_table(path)
    assert table.header == ["Projet", "Évaluateur"]
    assert list(table.rows) == [(2, ["Œuvre à 15 €", "évaluatrice"])]


def test_blank_lines_before_the_header_are_counted_and_empty_names_on_the_right_dropped(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("\n\r\n projet ; date ;;\nP;;;\n", encoding="utf-8")
    table = read_table(path)
    assert (table.header, table.header_line) == (["projet", "date"], 3)
    assert list(table.rows) == [(4, ["P", "", "", ""])]
    assert table.place(4, 1) == {"line": 4}


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\n \n", "le fichier est vide"),
        (b"projet\n" + b"P\n" * (MAX_ROWS + 1), TOO_MANY_ROWS),
    ],
)
def test_empty_or_too_long_a_csv(tmp_path, content, message):
    path = tmp_path / "t.csv"
    path.write_bytes(content)
    assert [p.message for p in problems_of(path)] == [message]


# --- xlsx ----------------------------------------------------------------------------


def test_a_workbook_header_and_cells_as_texts(tmp_path):
    path = workbook(
        tmp_path / "t.xlsx",
        [],
        [None, None],
        ["Projet", "Date", "Niveau", None],
        ["P1", datetime.datetime(2026, 11, 26, 14, 30), 2.0, None],
        ["P2", datetime.date(2026, 9, 15), 1.5, None, None],
        ["P3", True, 3, None, "à droite"],
        title="Évaluations",
    )
    table = read_table(path)
    assert (table.header, table.header_line, table.sheet) == (["Projet", "Date", "Niveau"], 3, "Évaluations")
    assert list(table.rows) == [
        (4, ["P1", "2026-11-26", "2"]),
        (5, ["P2", "2026-09-15", "1.5"]),
        (6, ["P3", "VRAI", "3", "", "à droite"]),
    ]
    assert table.place(6, 4) == {"line": 6, "field": "Évaluations!E6"}
    assert table.place(6) == {"line": 6, "field": "Évaluations!6:6"}


def test_a_sheet_is_chosen_by_name(tmp_path):
    path = workbook(tmp_path / "t.xlsx", ["a"], title="Première")
    book = openpyxl.load_workbook(path)
    book.create_sheet("Seconde").append(["projet"])
    book.save(path)
    assert read_table(path, sheet="Seconde").header == ["projet"]
    assert problems_of(path, sheet="Autre")[0].message == (
        "feuille «\u00a0Autre\u00a0» introuvable (feuilles du classeur\u00a0: «\u00a0Première\u00a0», «\u00a0Seconde\u00a0»)"
    )


def test_an_empty_sheet(tmp_path):
    path = workbook(tmp_path / "t.xlsx", [None], title="Vide")
    assert problems_of(path) == (Problem(str(path), "la feuille «\u00a0Vide\u00a0» est vide", field="Vide"),)


def test_merged_cells_in_the_header_row_are_refused(tmp_path):
    path = workbook(tmp_path / "t.xlsx", ["Portage", None, "date"], ["P", "x", "y"])
    book = openpyxl.load_workbook(path)
    book.active.merge_cells("A1:B1")
    book.active.merge_cells("A3:C3")  # elsewhere: of no concern
    book.save(path)
    assert problems_of(path) == (
        Problem(
            str(path),
            "cellules fusionnées dans la ligne d'en-tête (A1:B1)\u00a0: annulez la fusion, un seul nom de colonne "
            "par cellule",
            line=1,
            field="Feuil1!1:1",
        ),
    )


def test_a_wrong_declared_size_is_not_believed(tmp_path):
    path = with_sheet_xml(workbook(tmp_path / "t.xlsx", ["x"]), rows_xml(1, 5), b'<dimension ref="A1:A2"/>')
    assert [cells for _, cells in read_table(path).rows] == [["P2"], ["P3"], ["P4"], ["P5"]]


def test_more_than_max_rows_are_refused_at_once_when_the_sheet_says_so(tmp_path):
    path = with_sheet_xml(
        workbook(tmp_path / "t.xlsx", ["x"]), rows_xml(1, MAX_ROWS + 2), b'<dimension ref="A1:A%d"/>' % (MAX_ROWS + 2)
    )
    start = time.perf_counter()
    assert problems_of(path) == (Problem(str(path), TOO_MANY_ROWS, line=MAX_ROWS + 2, field="Feuil1"),)
    assert time.perf_counter() - start < 1  # before reading its rows (reading them takes seconds)


@pytest.mark.parametrize("dimension", [b'<dimension ref="A1:A2"/>', b""])
def test_rows_are_counted_as_read_when_the_sheet_does_not_say(tmp_path, monkeypatch, dimension):
    """A sheet without its size, or lying about it: MAX_ROWS rows after the header are read, one more is refused."""
    monkeypatch.setattr("isgrille.content.tables.MAX_ROWS", 50)
    path = with_sheet_xml(workbook(tmp_path / "t.xlsx", ["x"]), rows_xml(2, 51), dimension)
    assert sum(1 for _ in read_table(path).rows) == 50 - 1  # header P2, then P3…P51
    path = with_sheet_xml(path, rows_xml(2, 53), dimension)
    assert problems_of(path) == (Problem(str(path), TOO_MANY_ROWS, line=53, field="Feuil1"),)


def test_column_letters():
    assert [column_letter(n) for n in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]


def test_a_table_of_a_csv_places_by_line_only():
    assert Table(Path("t.csv"), ["projet"], 1, iter(())).place(3, 0) == {"line": 3}
