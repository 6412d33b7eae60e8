"""Tests of isgrille.content.workbooks: an xlsx sheet opened only once the zip is known to be a bounded workbook.

Each zip that is no workbook is named (an ``.ods``, a Word document, an
``.xlsb``, any other zip), a damaged zip or workbook gives one French
sentence, a « zip bomb » is refused from the zip's directory before anything
is inflated, as is a sheet said wider than MAX_COLUMNS or a workbook without
a worksheet; merged ranges are read from the sheet's XML.
"""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from isgrille.content.errors import ContentError
from isgrille.content.workbooks import MAX_COLUMNS, MAX_UNZIPPED, open_sheet

EXPECTED = "(attendu\u00a0: un tableau CSV ou un classeur Excel .xlsx)"


def zipped(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name.replace("__", "/").replace("CT", "[Content_Types].xml"), data)
    return buffer.getvalue()


def book_bytes(**changes: bytes | None) -> bytes:
    """A small workbook's bytes, some of its members replaced (or removed when None)."""
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.append(["projet", "date"])
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source:
        members = {name: source.read(name) for name in source.namelist()}
    for name, data in changes.items():
        if data is None:
            members.pop(name, None)
        else:
            members[name] = data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)
    return out.getvalue()


def message(raw: bytes, sheet: str | None = None) -> str:
    with pytest.raises(ContentError) as raised:
        list(open_sheet(Path("c.xlsx"), raw, sheet).rows)
    [problem] = raised.value.problems
    return problem.message


@pytest.mark.parametrize(
    "members, what",
    [
        (
            {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"},
            "un classeur LibreOffice (.ods)\u00a0: enregistrez-le au format .xlsx ou CSV",
        ),
        ({"mimetype": b"application/vnd.oasis.opendocument.text"}, "un document OpenDocument"),
        ({"CT": b"<Types/>", "word__document.xml": b"<w/>"}, "un document Word"),
        ({"CT": b"<Types/>", "ppt__presentation.xml": b"<p/>"}, "une présentation PowerPoint"),
        (
            {"CT": b"<Types/>", "xl__workbook.bin": b"\x00"},
            "un classeur Excel binaire (.xlsb)\u00a0: enregistrez-le au format .xlsx ou CSV",
        ),
        ({"photo.jpg": b"\xff\xd8\xff"}, "une archive ZIP qui n'est pas un classeur Excel"),
    ],
)
def test_a_zip_that_is_no_workbook_is_named(members, what):
    assert message(zipped(**members)) == f"ce n'est pas un tableau\u00a0: le fichier est {what} {EXPECTED}"


def test_a_damaged_zip():
    assert message(b"PK\x03\x04" + bytes(50)) == (
        f"archive ZIP abîmée\u00a0: ce n'est pas un classeur Excel lisible {EXPECTED}"
    )


def test_a_damaged_workbook():
    assert message(book_bytes(**{"xl/workbook.xml": b"<workbook><pas du xml"})) == (
        "classeur Excel illisible (fichier abîmé\u202f?)\u00a0: ouvrez-le et enregistrez-le de nouveau au format .xlsx"
    )


def test_a_damaged_sheet_is_said_when_read():
    raw = book_bytes(**{"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row r='1'><c r='A1'>"})
    assert message(raw).startswith("classeur Excel illisible")


def test_a_zip_bomb_is_refused_before_inflating_it():
    raw = book_bytes(**{"xl/worksheets/sheet1.xml": bytes(MAX_UNZIPPED + 1)})
    assert len(raw) < MAX_UNZIPPED // 100
    start = time.perf_counter()
    assert message(raw) == f"classeur trop volumineux une fois décompressé (plus de {MAX_UNZIPPED // 1_000_000} Mo)"
    assert time.perf_counter() - start < 0.5


def test_shared_texts_are_bounded_too():
    raw = book_bytes(**{"xl/sharedStrings.xml": b" " * 20_000_001})
    assert message(raw) == "classeur trop volumineux pour ses textes (plus de 20 Mo)"


def test_a_sheet_said_too_wide():
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="A1:AAA2"/><sheetData/></worksheet>'
    )
    assert (
        message(book_bytes(**{"xl/worksheets/sheet1.xml": sheet}))
        == f"trop de colonnes (703\u202f; au plus {MAX_COLUMNS})"
    )


def test_a_workbook_without_a_worksheet():
    workbook = book_bytes()
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        xml = archive.read("xl/workbook.xml")
    start, end = xml.index(b"<sheet "), xml.index(b"/>", xml.index(b"<sheet ")) + 2
    raw = book_bytes(**{"xl/workbook.xml": xml[:start] + xml[end:]})
    assert message(raw) == "le classeur ne contient aucune feuille de calcul"


def test_merged_ranges_are_found_in_the_sheets_xml(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["a", "b", "c"])
    for ref in ("A1:B1", "C1:C3", "A5:C5"):
        book.active.merge_cells(ref)
    book.save(tmp_path / "m.xlsx")
    sheet = open_sheet(tmp_path / "m.xlsx", (tmp_path / "m.xlsx").read_bytes())
    assert (sheet.merged(1), sheet.merged(2), sheet.merged(4), sheet.merged(5)) == (
        ["A1:B1", "C1:C3"],
        ["C1:C3"],
        [],
        ["A5:C5"],
    )
    assert sheet.title == "Sheet" and next(sheet.rows)[:3] == ("a", None, "c")
