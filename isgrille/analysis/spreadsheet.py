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

>>> safe_cell("=1+1"), safe_cell("-3"), safe_cell(-3), safe_cell(66.7), safe_cell(None)
("'=1+1", "'-3", '-3', '66.7', '')
"""

from __future__ import annotations

import csv
from typing import Iterable, TextIO

__all__ = ["FORMULA_STARTS", "safe_cell", "write_csv"]

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


def write_csv(rows: Iterable[Iterable[object]], out: TextIO) -> int:
    """Write ``rows`` (the header first) to ``out`` as CSV, every cell through :func:`safe_cell`.

    Rows are written one by one as they come (a generator streams), with
    ``\\n`` line ends; returns the number of rows written.

    >>> import io
    >>> buffer = io.StringIO()
    >>> write_csv([["project", "percent"], ["@SOMME(A1)", 50.0]], buffer)
    2
    >>> buffer.getvalue()
    "project,percent\\n'@SOMME(A1),50.0\\n"
    """
    writer = csv.writer(out, lineterminator="\n")
    count = 0
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
        count += 1
    return count
