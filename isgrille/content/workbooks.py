"""Opening a sheet of an xlsx workbook for :mod:`.tables`, bounded, whatever the zip holds.

The zip's directory is checked before openpyxl reads anything: it must be a
workbook (``[Content_Types].xml`` and ``xl/``; an ``.ods``, a ``.docx``, an
``.xlsb`` or another zip is named as such), hold at most ``MAX_MEMBERS``
files and unzip to at most ``MAX_UNZIPPED`` bytes, its shared texts to at
most ``MAX_BYTES["cohort"]``. :mod:`zipfile` never inflates a member past the
size the directory states, so these bound a « zip bomb ». openpyxl then reads
it in read-only mode, with the cached values of formulas (``data_only``) and
its warnings silenced; any error of its own on a damaged file becomes one
French sentence. A sheet's declared size may be wrong (openpyxl would stop at
it): it is forgotten and the rows are read as they are, ``MAX_COLUMNS`` wide,
the declared count kept only to refuse a huge sheet at once. Merged cells are
not seen in read-only mode: :meth:`Sheet.merged` scans the sheet's XML for
``<mergeCell>``, a chunk at a time.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import ContentError
from .limits import MAX_BYTES, shorten, size_label

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

__all__ = ["EXPECTED", "MAX_COLUMNS", "MAX_MEMBERS", "MAX_UNZIPPED", "Sheet", "open_sheet"]

#: What a table file may be, said when it is something else.
EXPECTED = "attendu\u00a0: un tableau CSV ou un classeur Excel .xlsx"

#: Most bytes a workbook may hold once unzipped (a sheet's XML is often ten times its share of the zip).
MAX_UNZIPPED = 5 * MAX_BYTES["cohort"]
#: Most files in a workbook's zip (a workbook of a few sheets holds about twenty).
MAX_MEMBERS = 10_000
#: Columns read in a sheet (Excel allows 16,384; a cohort has a few dozen): a sheet said wider is refused.
MAX_COLUMNS = 512

_UNREADABLE = (
    "classeur Excel illisible (fichier abîmé\u202f?)\u00a0: ouvrez-le et enregistrez-le de nouveau au format .xlsx"
)
_MERGE = re.compile(
    rb'<(?:\w+:)?mergeCell\s[^>]{0,200}?\bref="\$?([A-Za-z]{1,3})\$?(\d{1,7})'
    rb'(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?"'
)


@dataclass
class Sheet:
    """A sheet being read: its title, its rows of values (tuples ``MAX_COLUMNS`` long), its declared row count."""

    title: str
    rows: Iterator[tuple[object, ...]]
    declared_rows: int
    archive: zipfile.ZipFile
    part: str | None

    def merged(self, row: int) -> list[str]:
        """The merged ranges (``A1:D1``) that take in ``row``, read from the sheet's XML."""
        if self.part is None or self.part not in self.archive.namelist():
            return []
        found, tail = [], b""
        with self.archive.open(self.part) as stream:
            while True:
                chunk = stream.read(1 << 20)
                data = tail + chunk
                end = len(data) - 256 if chunk else len(data)  # a match starting before `end` is whole in data
                for match in _MERGE.finditer(data, 0, len(data)):
                    if match.start() >= end:
                        break
                    first, last = int(match[2]), int(match[4] or match[2])
                    if first <= row <= last:
                        found.append(match[0].split(b'ref="')[1].rstrip(b'"').decode("ascii"))
                if not chunk:
                    return found
                tail = data[end:]


def open_sheet(path: Path, raw: bytes, sheet: str | None = None) -> Sheet:
    """The sheet ``sheet`` (default: the first) of the workbook ``raw`` read from ``path``, or ContentError."""
    import openpyxl

    archive = _archive(path, raw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 — openpyxl raises what its parts do (KeyError, XML errors, zipfile's…) on a damaged file
            raise ContentError.single(path, _UNREADABLE) from None
    sheets = {worksheet.title: worksheet for worksheet in workbook.worksheets}
    if not sheets:
        raise ContentError.single(path, "le classeur ne contient aucune feuille de calcul")
    if sheet is not None and sheet not in sheets:
        names = ", ".join(f"«\u00a0{shorten(name)}\u00a0»" for name in list(sheets)[:20])
        raise ContentError.single(
            path, f"feuille «\u00a0{shorten(sheet)}\u00a0» introuvable (feuilles du classeur\u00a0: {names})"
        )
    worksheet = sheets[sheet] if sheet is not None else next(iter(sheets.values()))
    title = worksheet.title
    try:
        declared_rows, declared_columns = worksheet.max_row or 0, worksheet.max_column or 0
    except Exception:  # noqa: BLE001 — a dimension openpyxl cannot read: forgotten below anyway
        declared_rows = declared_columns = 0
    if declared_columns > MAX_COLUMNS:
        raise ContentError.single(
            path, f"trop de colonnes ({declared_columns}\u202f; au plus {MAX_COLUMNS})", field=title
        )
    worksheet.reset_dimensions()  # a wrong declared size would end the reading early: the rows decide
    part = getattr(worksheet, "_worksheet_path", None)  # read-only openpyxl's own attribute (3.x)
    return Sheet(
        title,
        _rows(path, workbook, worksheet),
        declared_rows,
        archive,
        part.lstrip("/") if isinstance(part, str) else None,
    )


def _rows(path: Path, workbook: Any, worksheet: Any) -> Iterator[tuple[object, ...]]:
    """The sheet's rows of values, ``MAX_COLUMNS`` wide; openpyxl's errors on a damaged sheet said in French."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield from worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    except ContentError:
        raise
    except Exception:  # noqa: BLE001 — as in open_sheet: whatever a damaged sheet makes openpyxl raise
        raise ContentError.single(path, _UNREADABLE, field=worksheet.title) from None
    finally:
        workbook.close()


def _archive(path: Path, raw: bytes) -> zipfile.ZipFile:
    """The zip ``raw`` once it is known to be a workbook of bounded size, or ContentError saying what it is."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except Exception:  # noqa: BLE001 — zipfile raises BadZipFile, but also struct, EOF and value errors on a damaged directory
        raise ContentError.single(
            path, f"archive ZIP abîmée\u00a0: ce n'est pas un classeur Excel lisible ({EXPECTED})"
        ) from None
    names = {member.filename for member in members[:MAX_MEMBERS]}
    what = None
    if "mimetype" in names:
        kind = archive.read("mimetype")[:100] if archive.getinfo("mimetype").file_size <= 100 else b""
        what = (
            "un classeur LibreOffice (.ods)\u00a0: enregistrez-le au format .xlsx ou CSV"
            if b"spreadsheet" in kind
            else "un document OpenDocument"
        )
    elif "xl/workbook.bin" in names:
        what = "un classeur Excel binaire (.xlsb)\u00a0: enregistrez-le au format .xlsx ou CSV"
    elif "[Content_Types].xml" not in names or not any(name.startswith("xl/") for name in names):
        what = (
            "un document Word"
            if any(name.startswith("word/") for name in names)
            else "une présentation PowerPoint"
            if any(name.startswith("ppt/") for name in names)
            else "une archive ZIP qui n'est pas un classeur Excel"
        )
    if what is not None:
        raise ContentError.single(path, f"ce n'est pas un tableau\u00a0: le fichier est {what} ({EXPECTED})")
    if len(members) > MAX_MEMBERS:
        raise ContentError.single(
            path, f"classeur de plus de {MAX_MEMBERS} fichiers internes\u00a0: ce n'est pas un tableau d'évaluations"
        )
    unzipped = sum(member.file_size for member in members)
    shared = sum(member.file_size for member in members if member.filename.lower().endswith("sharedstrings.xml"))
    if unzipped > MAX_UNZIPPED or shared > MAX_BYTES["cohort"]:
        limit = MAX_UNZIPPED if unzipped > MAX_UNZIPPED else MAX_BYTES["cohort"]
        what = "une fois décompressé" if unzipped > MAX_UNZIPPED else "pour ses textes"
        raise ContentError.single(path, f"classeur trop volumineux {what} (plus de {size_label(limit)})")
    return archive
