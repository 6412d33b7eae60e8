"""Whose work an artefact reproduces, under which licence, and how it was adapted: one attribution for all.

Every card, chart, table and page that leaves the kit reproduces content
(criteria, descriptors, the pitch outline, quiz statements), so it carries an
:class:`Attribution` built from the workshop and the grid in use by
:func:`attribution_of`: the work and its author, its licence, the kit's
adaptation (the workshop file's ``adaptation``), and the grid with its own
``source`` and ``adaptation``: a grid or a workshop from elsewhere carries its
own words, never ATIS's. The same object gives the visible footer
(:meth:`Attribution.lines`) and the metadata each format holds: PNG text
chunks, PDF document information, xlsx properties.

Where the list of changes (LICENSE-CONTENT) is read: :func:`licence_page_url`,
from the package's ``project.urls`` (one setting, in ``pyproject.toml``),
unless a page serves its own copy (the room, ``present``).

>>> from isgrille.content.loading import load_grid, load_workshop
>>> a = attribution_of(load_workshop(), load_grid())
>>> print(a.lines()[0])
D'après «\u00a0Établi – Innovation sociale\u00a0» (ATIS – Catalyseur d'Innovation Sociale, 2020), CC BY-NC-SA 4.0, adapté.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .model import Grid
from .typography import french

if TYPE_CHECKING:  # pragma: no cover
    from .workshop_file import Workshop

__all__ = ["LICENCES", "Attribution", "attribution_of", "licence_page_url", "project_url"]

#: Licences the kit can name in full: SPDX-like short name → (full French name, the deed's address).
LICENCES = {
    "CC BY-NC-SA 4.0": (
        (
            "Creative Commons Attribution - Pas d'Utilisation Commerciale - Partage dans les Mêmes "
            "Conditions 4.0 International"
        ),
        "https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr",
    ),
}
_CONTENT_LICENCE = "LICENSE-CONTENT"


@lru_cache(maxsize=1)
def _project_urls() -> dict[str, str]:
    from importlib import metadata

    try:
        entries = metadata.metadata("isgrille").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:  # pragma: no cover - the kit run from a bare checkout
        return {}
    return {name.strip().casefold(): url.strip() for name, _, url in (e.partition(",") for e in entries)}


def project_url(name: str = "Repository") -> str:
    """An address of ``project.urls`` in ``pyproject.toml`` (``Repository``, ``Content licence``…), or ""."""
    return _project_urls().get(name.casefold(), "")


def licence_page_url() -> str:
    """Where LICENSE-CONTENT (the attribution and the list of changes) is read online."""
    return project_url("Content licence") or _CONTENT_LICENCE


@dataclass(frozen=True)
class Attribution:
    """The attribution of one artefact: the work, its author, licence and adaptation, and the grid used."""

    work: str
    author: str
    year: str
    licence: str
    adaptation: str
    grid: str
    grid_source: str
    grid_adaptation: str
    #: The work this one adapts, with its author, year and licence ("" for an original work).
    derived_from: str = ""

    @property
    def licence_name(self) -> str:
        """The licence's full French name (the short name when the kit does not know it)."""
        return LICENCES.get(self.licence, (self.licence, ""))[0]

    @property
    def licence_url(self) -> str:
        """The licence deed's address, or "" when the kit does not know the licence."""
        return LICENCES.get(self.licence, ("", ""))[1]

    def work_line(self) -> str:
        """« D'après « work » (author, year), licence, adapté. »"""
        who = ", ".join(x for x in (self.author, self.year) if x)
        parts = [f"D'après «\u00a0{self.work}\u00a0»" + (f" ({who})" if who else "")]
        parts += [self.licence] if self.licence else []
        if self.derived_from:  # a trainer's pack: the work it adapts keeps its credit (CC BY)
            parts.append(f"adapté de {self.derived_from.rstrip('.')}")
        elif self.adaptation:
            parts.append("adapté")
        return french(", ".join(parts) + ".")

    def grid_line(self) -> str:
        """« Grille : title — source. adaptation »."""
        line = f"Grille\u00a0: «\u00a0{self.grid}\u00a0»"
        line += f" — {self.grid_source.rstrip('.')}." if self.grid_source else " (source non précisée)."
        if self.grid_adaptation:
            line += f" {self.grid_adaptation.rstrip('.')}."
        return french(line)

    def lines(self) -> tuple[str, str]:
        """The visible footer: the work's line, then the grid's."""
        return self.work_line(), self.grid_line()

    def text(self) -> str:
        """The footer as one text, with where the list of changes is read."""
        return "\n".join((*self.lines(), french(f"Attribution et liste des modifications\u00a0: {licence_page_url()}")))

    def keywords(self) -> list[str]:
        adapted = "adapté" if self.adaptation or self.derived_from else ""
        return [k for k in (self.work, self.author, self.licence, self.grid, adapted, self.derived_from) if k]

    def png_metadata(self) -> dict[str, str]:
        """PNG text chunks (matplotlib's ``savefig(metadata=...)``)."""
        return {
            "Title": self.grid,
            "Author": self.author,
            "Copyright": f"{self.author}, {self.licence}".strip(", "),
            "Source": self.work_line(),
            "Description": "\n".join(self.lines()),
            "Disclaimer": self.licence_name,
        }

    def pdf_metadata(self) -> dict[str, str]:
        """PDF document information (matplotlib's ``PdfPages(metadata=...)`` / ``savefig(metadata=...)``)."""
        return {
            "Title": self.grid,
            "Author": self.author,
            "Subject": "\n".join(self.lines()),
            "Keywords": ", ".join(self.keywords()),
        }

    def workbook_properties(self) -> dict[str, str]:
        """An xlsx workbook's document properties (openpyxl's ``workbook.properties``)."""
        return {
            "creator": self.author,
            "title": self.grid,
            "subject": self.work_line(),
            "description": self.text(),
            "keywords": ", ".join(self.keywords()),
        }


def attribution_of(workshop: Workshop, grid: Grid) -> Attribution:
    """The attribution of what the kit shows of ``workshop`` with ``grid`` (each with its own origin)."""
    return Attribution(
        work=workshop.title,
        author=workshop.organisation or workshop.atis.name,
        year=workshop.date[:4] if workshop.date else "",
        licence=workshop.license,
        adaptation=workshop.adaptation,
        derived_from=workshop.derived_from,
        grid=grid.title or grid.id,
        grid_source=grid.source,
        grid_adaptation=grid.adaptation,
    )
