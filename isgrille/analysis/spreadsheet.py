"""CSV written for spreadsheets: what the kit writes can be opened in Excel safely.

A trainer opens the kit's CSV exports (``score``, ``collect``, cohort
tables) in Excel or LibreOffice, and those files hold text typed by
learners: a project named ``=HYPERLINK("http://…")`` would become a live
formula. Following OWASP's advice on CSV injection, a text cell that starts
with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return (or a NUL) gets a
single quote ``'`` in front of it, which a spreadsheet reads as « this is
text ». Numbers the kit computes (counts, percentages) are written as
numbers, so they still add up; quoting of commas, quotes and line breaks is
the :mod:`csv` module's.

For Excel as French users open it (a double click), :func:`write_csv` and
:func:`write_csv_file` write an Excel flavour on request: ``;`` between
cells, a decimal comma, CRLF line ends and a UTF-8 BOM (without it, Excel
reads UTF-8 as Windows-1252: « Ã© » for « é »). :func:`write_xlsx` writes
a workbook instead, where a text cell is always a text cell, never a
formula, so no quote is needed there. Files are written atomically
(:func:`~isgrille.results.atomic.write_atomic`): a failed write leaves the
previous file as it was. :func:`export_frame` and :func:`csv_text` do the
same for a whole pandas table (the ``cohort`` command's exports), each
distinct value neutralised once, so a million rows take a second.

>>> safe_cell("=1+1"), safe_cell("-3"), safe_cell(-3), safe_cell(66.7), safe_cell(None)
("'=1+1", "'-3", '-3', '66.7', '')
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast, overload

from ..results.atomic import write_atomic

if TYPE_CHECKING:  # pragma: no cover
    import numpy
    import pandas

__all__ = ["FORMULA_STARTS", "csv_text", "export_frame", "safe_cell", "write_csv", "write_csv_file", "write_xlsx"]

#: First characters that make a spreadsheet read a cell as a formula (OWASP, plus NUL).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def safe_cell(value: object) -> str:
    """``value`` as a CSV cell: numbers as they are, text neutralised if it could be a formula.

    ``None`` is an empty cell; an ``int`` or ``float`` (not a ``bool``) is
    written as a number, even a negative one; anything else is text, with a
    ``'`` in front when it starts with one of :data:`FORMULA_STARTS`.
    """
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(rows: Iterable[Iterable[object]], out: TextIO, excel: bool = False) -> int:
    """Write ``rows`` (the header first) to ``out`` as CSV, every cell through :func:`safe_cell`.

    Rows are written one by one as they come (a generator streams), with
    ``\\n`` line ends; returns the number of rows written. With ``excel=True``,
    the flavour French Excel opens: ``;`` between cells, a decimal comma
    (``66,7``) and ``\\r\\n`` line ends; open ``out`` with ``newline=""`` and
    ``encoding="utf-8-sig"`` (the BOM Excel needs), or use :func:`write_csv_file`.

    >>> import io
    >>> buffer = io.StringIO()
    >>> write_csv([["project", "percent"], ["@SOMME(A1)", 50.0]], buffer)
    2
    >>> buffer.getvalue()
    "project,percent\\n'@SOMME(A1),50.0\\n"
    >>> buffer = io.StringIO()
    >>> _ = write_csv([["projet", "pourcentage"], ["La Ressourcerie", 66.7]], buffer, excel=True)
    >>> buffer.getvalue()
    'projet;pourcentage\\r\\nLa Ressourcerie;66,7\\r\\n'
    """
    if excel:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        cell = _excel_cell
    else:
        writer, cell = csv.writer(out, lineterminator="\n"), safe_cell
    count = 0
    for row in rows:
        writer.writerow([cell(value) for value in row])
        count += 1
    return count


def _excel_cell(value: object) -> str:
    """:func:`safe_cell`, a float with a decimal comma as French Excel reads it."""
    return str(value).replace(".", ",") if isinstance(value, float) else safe_cell(value)


def write_csv_file(rows: Iterable[Iterable[object]], path: str | Path, excel: bool = False) -> int:
    """Write ``rows`` to the CSV file ``path`` atomically (UTF-8; for ``excel``, its flavour and a BOM); return the count.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "scores.csv"
    >>> write_csv_file([["projet"], ["=1+1"]], path, excel=True), path.read_bytes()
    (2, b"\\xef\\xbb\\xbfprojet\\r\\n'=1+1\\r\\n")
    """
    buffer = io.StringIO(newline="")
    count = write_csv(rows, buffer, excel)
    write_atomic(path, buffer.getvalue().encode("utf-8-sig" if excel else "utf-8"))
    return count


#: Longest text in an xlsx cell (Excel's own limit); a longer text is cut, with « … ».
_XLSX_CELL = 32_767


def write_xlsx(rows: Iterable[Iterable[object]], path: str | Path, sheet: str = "Tableau") -> int:
    """Write ``rows`` (the header first) to the workbook ``path`` atomically, on one sheet; return the row count.

    A number (``int`` or ``float``, not ``bool``) is a number cell; anything
    else is a text cell — never a formula, even ``=cmd|…`` — whose control
    characters (which xlsx cannot hold) are dropped; ``None`` is an empty cell.
    ``sheet`` must be a valid sheet name (at most 31 characters, none of ``[]:*?/\\``).

    >>> import openpyxl, tempfile
    >>> path = Path(tempfile.mkdtemp()) / "scores.xlsx"
    >>> write_xlsx([["projet", "score"], ["=1+1", 2.5]], path)
    2
    >>> [(cell.value, cell.data_type) for cell in openpyxl.load_workbook(path)["Tableau"]["A2:B2"][0]]
    [('=1+1', 's'), (2.5, 'n')]
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    count = 0
    try:
        for row in rows:
            cells = []
            for value in row:
                if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
                    cells.append(value)
                    continue
                text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
                cell = WriteOnlyCell(worksheet, text if len(text) <= _XLSX_CELL else text[: _XLSX_CELL - 1] + "…")
                cell.data_type = "s"  # openpyxl makes a formula of a text starting with « = »: it stays text
                cells.append(cell)
            worksheet.append(cells)
            count += 1
    except BaseException:
        worksheet.close()  # openpyxl's temporary sheet file, ended and closed; nothing was written to `path`
        raise
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_atomic(path, buffer.getvalue())
    return count


def export_frame(frame: pandas.DataFrame, columns: dict[str, str]) -> pandas.DataFrame:
    """``frame``'s columns renamed to French, in order, every text cell safe for a spreadsheet.

    Numbers stay numbers (a nullable integer's missing value is an empty cell);
    booleans become ``oui``/``non``; text that could be read as a formula gets
    a ``'`` in front (each distinct value neutralised once, the column rebuilt
    from its codes); missing text is an empty cell (a missing category stays missing).

    >>> import pandas as pd
    >>> export_frame(pd.DataFrame({"project": ["=1+1", "B"], "correct": [True, False]}),
    ...              {"projet": "project", "correcte": "correct"}).values.tolist()
    [["'=1+1", 'oui'], ['B', 'non']]
    """
    import pandas as pd

    out = {}
    for french, column in columns.items():
        values = frame[column]
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            out[french] = values.reset_index(drop=True)
        else:
            codes, cells = _cells(values, missing=None if isinstance(values.dtype, pd.CategoricalDtype) else "")
            out[french] = pd.Series(cells.take(codes), dtype=object)
    return pd.DataFrame(out)


def _cells(values: pandas.Series, missing: str | None = "") -> tuple[numpy.ndarray, numpy.ndarray]:
    """A text or boolean column as codes and the spreadsheet-safe cell of each distinct value.

    The codes index the cells directly: a missing value's code points at the
    last cell, ``missing``.
    """
    import numpy as np
    import pandas as pd

    from ..analysis.frames import column_codes

    codes, uniques = column_codes(values)
    cells = np.empty(len(uniques) + 1, dtype=object)
    if pd.api.types.is_bool_dtype(values):
        cells[:-1] = ["oui" if value else "non" for value in uniques]
    else:
        cells[:-1] = [safe_cell(str(value)) for value in uniques]
    cells[-1] = missing
    return np.where(codes < 0, len(uniques), codes), cells


@overload
def csv_text(frame: pandas.DataFrame, columns: dict[str, str], sep: str = ..., encoding: None = None) -> str: ...
@overload
def csv_text(frame: pandas.DataFrame, columns: dict[str, str], sep: str = ..., *, encoding: str) -> bytes: ...
def csv_text(
    frame: pandas.DataFrame, columns: dict[str, str], sep: str = ",", encoding: str | None = None
) -> str | bytes:
    """The text of :func:`export_frame`'s table as CSV (``\\n`` line ends, quotes only where needed).

    With ``encoding``, the text encoded (each distinct cell once): bytes for a file.

    The same text as pandas' ``to_csv(index=False)`` of that table, built from
    each column's codes: the distinct cells are quoted once, neighbouring
    columns with few combinations are joined once per combination, and only
    the last join is made row by row.

    >>> import pandas as pd
    >>> print(csv_text(pd.DataFrame({"p": ["a;b", "=c"], "n": pd.array([1, None], dtype="Int64")}),
    ...                {"projet": "p", "niveau": "n"}, sep=";"), end="")
    projet;niveau
    "a;b";1
    '=c;
    """
    import numpy as np
    import pandas as pd

    rows = len(frame)
    quoted = _quoter(sep)
    quote = np.frompyfunc(quoted, 1, 1)
    parts = []
    for column in columns.values():
        values = frame[column]
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            codes, uniques = pd.factorize(values, use_na_sentinel=True)
            cells = np.array([*(_number(value) for value in np.asarray(uniques, dtype=object)), ""], dtype=object)
            codes = np.where(codes < 0, len(cells) - 1, codes)
        else:
            codes, cells = _cells(values)
            cells[-1] = ""
        cells = quote(cells).astype(object)
        if len(columns) == 1:  # a row of one empty cell is written "" (else it would be a blank line)
            cells[cells == ""] = '""'
        if encoding is not None:
            cells = np.array([cell.encode(encoding) for cell in cells], dtype=object)
        parts.append((codes.astype(np.int64), cells))
    # Text, or bytes with an encoding: the joins below work on either (so do the object arrays of cells).
    header: Any = sep.join(map(quoted, columns)) + "\n"
    joiner: Any = sep
    end: Any = "\n"
    if encoding is not None:
        header, joiner, end = header.encode(encoding), sep.encode(encoding), end.encode(encoding)
    if not rows:
        return cast("str | bytes", header)
    blocks = [parts[0]]
    for more_codes, more_cells in parts[1:]:
        codes, cells = blocks[-1]
        width = len(more_cells)
        if len(cells) * width <= 4096:  # few combinations: each joined once
            blocks[-1] = (codes * width + more_codes, (cells[:, None] + joiner + more_cells[None, :]).ravel())
            continue
        keys, found = pd.factorize(codes * width + more_codes)
        if len(found) > rows // 4:  # nearly a combination a row: a new block, joined row by row at the end
            blocks.append((more_codes, more_cells))
        else:
            blocks[-1] = (keys.astype(np.int64), cells[found // width] + joiner + more_cells[found % width])
    lines: Any = None
    for at, (codes, cells) in enumerate(blocks, start=1 - len(blocks)):
        part = (cells + (end if at == 0 else joiner))[codes]
        lines = part if lines is None else lines + part
    return cast("str | bytes", header + header[:0].join(lines.tolist()))


def _number(value: Any) -> str:
    """A number as pandas writes it in a CSV (an empty cell when missing)."""
    import pandas as pd

    return "" if pd.isna(value) else str(value)


def _quoter(sep: str) -> Callable[[str], str]:
    """A CSV cell quoted as pandas' ``to_csv`` quotes it: by Python's csv module (``QUOTE_MINIMAL``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\n")

    def quoted(cell: str) -> str:
        if sep not in cell and '"' not in cell and "\n" not in cell and "\r" not in cell:
            return cell  # what the csv module never quotes (empty included): no need to ask it
        buffer.seek(0)
        buffer.truncate()
        writer.writerow((cell,))
        return buffer.getvalue()[:-1]

    return quoted
