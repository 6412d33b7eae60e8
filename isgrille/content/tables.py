"""Reading a table a trainer typed: a CSV file as spreadsheets write it, or an xlsx workbook.

:func:`read_table` gives a :class:`Table`: the names of its header and its
rows, each a list of texts with its place in the file (the line of a CSV,
the row of a sheet), so that the reader above it (the cohort's,
:mod:`isgrille.analysis.cohort`) says where each problem is. What the file
holds decides how it is read, not its name:

- **CSV**: UTF-8 with or without BOM, or, when it is not UTF-8, Windows-1252
  (what French Excel writes); the delimiter is ``;``, ``,`` or a tab, the most
  frequent in the header line; line ends LF, CRLF or CR alone; blank lines
  before the header are skipped but counted.
- **xlsx** (a zip holding ``xl/``): read by openpyxl in read-only mode, cached
  values of formulas, the first sheet or the one named. A date cell is
  ``YYYY-MM-DD``, a whole number ``2`` (not ``2.0``). Merged cells in the
  header row are refused (read-only openpyxl does not see them: the sheet's
  XML is scanned for ``<mergeCell>``). A problem's place is the row as
  ``line`` and the cell as ``field``, ``Feuil1!C5`` (``Feuil1!5:5`` for a row).
- Anything else (an image, a PDF, an ``.xls``, an ``.ods``, a zip that is no
  workbook, UTF-16 text) is refused in one French sentence saying what it is.

Bounds: the file's bytes (``MAX_BYTES["cohort"]``, :func:`~.sources.read_bytes`),
``MAX_ROWS`` rows after the header (a sheet's declared size checked first,
its rows counted as read); a workbook's own bounds are :mod:`.workbooks`'.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = path.write_bytes("projet;évaluateur\\nLa Ressourcerie;formateur\\n".encode("cp1252"))
>>> table = read_table(path)
>>> table.header, list(table.rows)
(['projet', 'évaluateur'], [(2, ['La Ressourcerie', 'formateur'])])
"""

from __future__ import annotations

import codecs
import csv
import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ContentError
from .limits import MAX_BYTES, MAX_ROWS, shorten
from .reader_words import TOO_MANY_ROWS
from .sources import read_bytes
from .workbooks import EXPECTED, open_sheet

__all__ = ["Table", "column_letter", "read_table"]
#: What a file is, by its first bytes, when it is no table.
_MAGIC = (
    (b"\x89PNG", "une image PNG"),
    (b"%PDF", "un document PDF"),
    (b"\xff\xd8\xff", "une image JPEG"),
    (b"GIF8", "une image GIF"),
    (b"\x1f\x8b", "une archive gzip"),
    (b"Rar!", "une archive RAR"),
    (b"7z\xbc\xaf", "une archive 7z"),
    (
        b"\xd0\xcf\x11\xe0",
        (
            "un classeur Excel 97-2003 (.xls) ou protégé par un mot de passe\u00a0: "
            "enregistrez-le sans mot de passe au format .xlsx ou CSV"
        ),
    ),
)
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x19\x1b-\x1f]")  # control bytes no text table holds (tab, CR, LF… aside)


@dataclass
class Table:
    """A table's header (names stripped) and its rows, read lazily: ``(line, cells)``, cells as texts."""

    path: Path
    header: list[str]
    header_line: int
    rows: Iterator[tuple[int, list[str]]]
    #: The sheet read, for a workbook; None for a CSV.
    sheet: str | None = None

    def place(self, line: int, column: int | None = None) -> dict[str, Any]:
        """Where a row (or its cell ``column``, from 0) is, as :class:`~.errors.Problem` arguments.

        >>> Table(Path("c.xlsx"), ["projet"], 1, iter(()), "Feuil1").place(5, 2)
        {'line': 5, 'field': 'Feuil1!C5'}
        """
        if self.sheet is None:
            return {"line": line}
        cell = f"{column_letter(column)}{line}" if column is not None else f"{line}:{line}"
        return {"line": line, "field": f"{self.sheet}!{cell}"}


def column_letter(index: int) -> str:
    """A column's letters from its index (0 is ``A``).

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(16383)
    ('A', 'Z', 'AA', 'XFD')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_table(path: str | Path, sheet: str | None = None) -> Table:
    """The table in ``path`` (CSV or xlsx, told apart by their content), or ContentError in French.

    ``sheet`` names a workbook's sheet to read (default: its first one).
    """
    path = Path(path)
    raw = read_bytes(path, "cohort")
    if raw.startswith(b"PK\x03\x04"):
        return _workbook_table(path, raw, sheet)
    what = next((name for magic, name in _MAGIC if raw.startswith(magic)), None)
    if what is None and raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        what = "un texte en UTF-16\u00a0: enregistrez-le en «\u00a0CSV UTF-8\u00a0» ou en «\u00a0CSV (séparateur\u00a0: point-virgule)\u00a0»"
    if what is None and (binary := _BINARY.search(raw)):
        what = f"un fichier binaire (octet 0x{binary[0][0]:02x})"
    if what is not None:
        raise ContentError.single(path, f"ce n'est pas un tableau\u00a0: le fichier est {what} ({EXPECTED})")
    return _csv_table(path, _decode(path, raw))


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 (a BOM dropped), else Windows-1252; ContentError when neither reads it, or when it is blank."""
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ContentError.single(
                path,
                f"encodage inconnu\u00a0: ni UTF-8 ni Windows-1252 (octet 0x{raw[exc.start]:02x})\u202f; "
                "enregistrez le tableau en «\u00a0CSV UTF-8\u00a0»",
                line=raw.count(b"\n", 0, exc.start) + 1,
            ) from None
    if not text.strip():
        raise ContentError.single(path, "le fichier est vide")
    return text


def _csv_table(path: Path, text: str) -> Table:
    """A CSV text's table: delimiter sniffed on the header line, lines counted from the file's first."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n")
    text = raw.lstrip("\n")  # blank lines before the header are skipped…
    offset = len(raw) - len(text)  # …but still counted in line numbers
    lines = text.count("\n") + (not text.endswith("\n"))
    if lines - 1 > MAX_ROWS:
        raise ContentError.single(path, TOO_MANY_ROWS, line=offset + MAX_ROWS + 2)
    first_line = text.partition("\n")[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)  # the first of the most frequent: « , » on a tie
    # csv's limit on a cell is process-wide: it is only ever raised, to the largest cohort file.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES["cohort"]))
    reader = csv.reader(_lines(text), delimiter=delimiter)
    try:
        header = list(map(str.strip, next(reader)))
    except csv.Error:
        raise ContentError.single(path, "ligne illisible (guillemets mal placés\u202f?)", line=1 + offset) from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for row in reader:
                yield reader.line_num + offset, row
        except csv.Error:  # hardly possible: the reading is lenient and a cell may be as long as the file
            raise ContentError.single(
                path, "ligne illisible (guillemets mal placés\u202f?)", line=reader.line_num + offset
            ) from None

    return Table(path, _trimmed(header), 1 + offset, rows())


def _trimmed(header: list[str]) -> list[str]:
    """The header without the empty names a spreadsheet leaves at its end."""
    while len(header) > 1 and not header[-1]:
        header.pop()
    return header


def _lines(text: str) -> Iterator[str]:
    """``text``'s lines one at a time, ends kept (an io.StringIO would take four bytes a character)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        yield text[start:end]
        start = end


def _workbook_table(path: Path, raw: bytes, sheet: str | None) -> Table:
    """The table on a workbook's sheet; its header is the first row that holds something."""
    found = open_sheet(path, raw, sheet)
    values, title = found.rows, found.title
    line = 0
    for line, cells in enumerate(values, start=1):
        if cells.count(None) != len(cells) and any(map(_text, cells)):
            break
        if line > MAX_ROWS:
            raise ContentError.single(path, TOO_MANY_ROWS, line=line, field=title)
    else:
        raise ContentError.single(path, f"la feuille «\u00a0{shorten(title)}\u00a0» est vide", field=title)
    header = _trimmed([_text(cell).strip() for cell in cells])
    header_line, width = line, len(header)
    if found.declared_rows - header_line > MAX_ROWS:  # said by the sheet itself: refused before reading its rows
        raise ContentError.single(path, TOO_MANY_ROWS, line=header_line + MAX_ROWS + 1, field=title)
    merged = found.merged(header_line)
    if merged:
        raise ContentError.single(
            path,
            f"cellules fusionnées dans la ligne d'en-tête ({', '.join(merged)})\u00a0: "
            "annulez la fusion, un seul nom de colonne par cellule",
            line=header_line,
            field=f"{title}!{header_line}:{header_line}",
        )

    def rows() -> Iterator[tuple[int, list[str]]]:
        for line, cells in enumerate(values, start=header_line + 1):
            if line - header_line > MAX_ROWS:
                raise ContentError.single(path, TOO_MANY_ROWS, line=line, field=title)
            right = cells[width:]
            if right.count(None) != len(right) and any(map(_text, right)):  # something right of the header
                texts = list(map(_text, cells))
                yield line, texts[: len(texts) - next(i for i, text in enumerate(reversed(texts)) if text)]
            else:
                yield line, [cell if cell.__class__ is str else _text(cell) for cell in cells[:width]]

    return Table(path, header, header_line, rows(), title)


def _text(value: object) -> str:
    """A cell's value as the text a CSV would hold: dates ISO, whole numbers without ``.0``."""
    if value is None:
        return ""
    if value.__class__ is str:
        return value
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    return str(value)
