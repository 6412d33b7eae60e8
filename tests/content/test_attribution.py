"""The attribution: built from the workshop and the grid in use, each with its own origin, never ATIS's by mistake."""

from __future__ import annotations

import pytest

from isgrille.content.attribution import LICENCES, attribution_of, licence_page_url, project_url
from isgrille.content.loading import grid_source, load_grid, load_workshop
from isgrille.content.model import Criterion, Dimension, Grid
from isgrille.content.typography import ascii_spacing


@pytest.fixture(scope="module")
def workshop():
    return load_workshop()


def _foreign_grid() -> Grid:
    return Grid(
        levels=("Non", "Oui"),
        id="maison",
        title="Grille maison",
        source="Grille maison de l'Association X",
        dimensions=(Dimension("d", "D", (Criterion("c", "C", ("c0", "c1")),)),),
    )


def test_the_shipped_content_names_the_work_atis_the_licence_the_adaptation_and_the_grid(workshop):
    a = attribution_of(workshop, load_grid())
    work, grid = a.lines()
    assert "Établi – Innovation sociale" in work and "ATIS" in work and "CC BY-NC-SA 4.0" in work
    assert "adapté" in work and workshop.adaptation  # the workshop file says how it was adapted
    assert "Grille de caractérisation de l'AMI Innovation sociale" in grid and "Avise" in grid
    assert a.licence_url == LICENCES["CC BY-NC-SA 4.0"][1]
    assert "LICENSE-CONTENT" in a.text()
    assert [ascii_spacing(line) for line in a.text().splitlines()] == [[], [], []]


def test_an_adapted_grid_carries_its_own_mark(workshop):
    grid = load_grid(grid_source("questions_cles"))
    line = attribution_of(workshop, grid).grid_line()
    assert grid.title in line and "adaptée par le kit isgrille" in line


def test_a_workshop_and_a_grid_from_elsewhere_never_say_atis(workshop):
    theirs = workshop.model_copy(
        update={
            "title": "Atelier maison",
            "organisation": "Association X",
            "license": "Licence maison",
            "adaptation": "",
            "date": "",
        }
    )
    a = attribution_of(theirs, _foreign_grid())
    shown = "\n".join(
        [a.text(), *a.png_metadata().values(), *a.pdf_metadata().values(), *a.workbook_properties().values()]
    )
    assert "ATIS" not in shown and "Avise" not in shown and "adapté" not in a.work_line()
    assert "Association X" in a.work_line() and "Licence maison" in a.work_line()
    assert "Grille maison de l'Association X" in a.grid_line()
    assert a.licence_url == "" and a.licence_name == "Licence maison"


def test_a_grid_without_source_says_so(workshop):
    grid = Grid(levels=("Non", "Oui"), dimensions=_foreign_grid().dimensions, id="sans_source")
    assert "(source non précisée)" in attribution_of(workshop, grid).grid_line()
    assert "«\u00a0sans_source\u00a0»" in attribution_of(workshop, grid).grid_line()  # no title: its id


def test_every_format_holds_the_footer(workshop):
    a = attribution_of(workshop, load_grid())
    png, pdf, xlsx = a.png_metadata(), a.pdf_metadata(), a.workbook_properties()
    assert {"Copyright", "Source", "Description"} <= png.keys() and a.grid_line() in png["Description"]
    assert {"Author", "Subject", "Keywords"} <= pdf.keys() and a.work_line() in pdf["Subject"]
    assert "CC BY-NC-SA 4.0" in pdf["Keywords"] and "ATIS" in png["Copyright"]
    assert xlsx["creator"] == a.author and a.work_line() == xlsx["subject"]


def test_licence_content_is_read_where_project_urls_says():
    assert licence_page_url().endswith("LICENSE-CONTENT")
    assert project_url("no such entry") == ""
