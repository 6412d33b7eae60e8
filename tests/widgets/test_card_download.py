"""« Télécharger ma fiche projet »: a click builds the learner's card and links its PDF and web page."""

from __future__ import annotations

import base64
import re

from isgrille.delivery.card_files import results_card_files
from isgrille.widgets.card_download import LABEL, card_download

from .reading import text_of


def payloads(html: str) -> dict[str, tuple[str, bytes]]:
    return {
        name: (mime, base64.b64decode(data))
        for name, mime, data in re.findall(r'<a download="([^"]+)" href="data:([^;]+);base64,([A-Za-z0-9+/=]+)"', html)
    }


def test_click_offers_the_pdf_and_the_page_of_the_current_results(grid, store):
    store.update(lambda r: (setattr(r, "project", "Ma recyclerie"), r.rate("caractere_collectif", 1)))
    widget = card_download(grid, store, results_card_files)
    assert widget.button.description == LABEL and widget.links.value == ""
    widget.button.click()
    files = payloads(widget.links.value)
    assert set(files) == {"fiche_Ma_recyclerie.pdf", "fiche_Ma_recyclerie.html"}
    mime, pdf = files["fiche_Ma_recyclerie.pdf"]
    assert mime == "application/pdf" and pdf.startswith(b"%PDF")
    assert "Fiche projet — Ma recyclerie".encode("utf-16-be") in pdf  # its title, in the PDF's metadata
    assert "Ma recyclerie" in files["fiche_Ma_recyclerie.html"][1].decode("utf-8")
    assert "Fiche projet (PDF)" in text_of(widget.links.value) and not widget.button.disabled


def test_a_later_click_shows_the_renamed_project(grid, store):
    widget = card_download(grid, store, results_card_files)
    store.update(lambda r: setattr(r, "project", "Nouveau nom"))
    widget.button.click()
    assert "fiche_Nouveau_nom.pdf" in payloads(widget.links.value)


def test_a_failure_is_said_in_french_without_links(grid, store):
    def broken(grid, results):
        raise ValueError("disque plein")

    widget = card_download(grid, store, broken)
    widget.button.click()
    assert widget.links.value == ""
    assert text_of(widget.message.value) == "La fiche n'a pas pu être préparée\u00a0: disque plein"
    assert widget.button.description == LABEL and not widget.button.disabled
