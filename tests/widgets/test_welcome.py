"""Tests of isgrille/widgets/welcome.py: the static screens built from data/workshop.yaml.

The programme table and the sequence headers are read as text and checked
against the times of the shipped programme; content with markup is shown
escaped.
"""

from __future__ import annotations

import re

import pytest

from isgrille.content.workshop_file import Workshop
from isgrille.widgets.welcome import (
    atis_html,
    objectives_html,
    offers_by_stage_html,
    programme_html,
    sequence_header_html,
)

from .reading import table_rows, text_of


def test_programme_lists_every_entry_with_its_minutes_and_the_end(workshop):
    html = programme_html(workshop)
    assert "<caption>Programme de l&#x27;après-midi</caption>" in html
    assert table_rows(html) == [
        ["Heure", "Durée", "Au programme", "Séquence"],
        ["09h40", "10 min", "Contexte, enjeux, définition de l'innovation sociale", "Séquence 1"],
        ["09h50", "10 min", "Caractérisation de l'innovation sociale", "Séquence 2"],
        ["10h00", "30 min", "Caractériser l'innovation sociale de son projet", "Séquence 2"],
        ["10h30", "10 min", "Pause", "—"],
        ["10h40", "40 min", "Écosystème de l'innovation sociale et leviers de développement", "Séquence 3"],
        ["11h20", "30 min", "Booster la dimension innovation sociale de son projet", "Séquence 4"],
        ["11h50", "", "Fin", ""],
    ]
    assert html.count('<th scope="row">') == 7


@pytest.mark.parametrize(
    ("number", "title", "when", "parts"),
    [
        (2, "Séquence 2 : Caractériser l'innovation sociale", "09h50 – 10h30, 40 minutes",
         ["Caractérisation de l'innovation sociale", "Caractériser l'innovation sociale de son projet"]),
        (3, "Séquence 3 : Écosystème de l'innovation sociale", "10h40 – 11h20, 40 minutes",
         ["Écosystème de l'innovation sociale et leviers de développement"]),
        (4, "Séquence 4 : Booster la dimension innovation sociale de son projet", "11h20 – 11h50, 30 minutes",
         ["Booster la dimension innovation sociale de son projet"]),
        (1, "Séquence 1 : Intégrer le concept d'innovation sociale", "09h40 – 09h50, 10 minutes",
         ["Contexte, enjeux, définition de l'innovation sociale"]),
    ],
)
def test_sequence_header_gives_title_time_and_parts(workshop, number, title, when, parts):
    html = sequence_header_html(workshop, number)
    assert text_of(html) == f"{title} Durée : {when} Au programme : {' '.join(parts)}"
    assert len(re.findall(r"<li>", html)) == len(parts)


def test_sequence_2_header_says_40_minutes(workshop):
    assert "40 minutes" in text_of(sequence_header_html(workshop, 2))


def test_atis_card(workshop):
    text = text_of(atis_html(workshop))
    assert text.startswith("ATIS — Catalyseur d'Innovation Sociale Vision. Une société qui s'organise")
    assert "100 projets ont été accompagnés en 2019." in text
    assert "plus de 235 emplois créés" in text
    assert text.endswith("Territoire d'intervention : Nouvelle-Aquitaine ; avec une implantation en Gironde, "
                         "Dordogne et Lot-et-Garonne")
    assert len(re.findall(r"<li>", atis_html(workshop))) == 2


@pytest.fixture(scope="module")
def tricky(workshop) -> Workshop:
    data = workshop.model_dump()
    data["atis"].update(name="<b>ATIS</b>", tagline="<i>cat</i>", vision="<script>alert(1)</script>",
                        mission="<img src=x onerror=alert(1)>", figures=["<u>100</u>"], territory="<s>NA</s>")
    data["objectives"] = ["<script>obj</script>"]
    data["programme"]["entries"][0]["label"] = "<b>Contexte</b>"
    data["sequences"][1]["title"] = "<i>Caractériser</i>"
    data["offers"][0]["name"] = "<script>offre</script>"
    return Workshop.model_validate(data)


@pytest.mark.parametrize(
    ("render", "expected"),
    [
        (atis_html, ["&lt;b&gt;ATIS&lt;/b&gt;", "&lt;i&gt;cat&lt;/i&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;",
                     "&lt;img src=x onerror=alert(1)&gt;", "&lt;u&gt;100&lt;/u&gt;", "&lt;s&gt;NA&lt;/s&gt;"]),
        (objectives_html, ["&lt;script&gt;obj&lt;/script&gt;"]),
        (programme_html, ["&lt;b&gt;Contexte&lt;/b&gt;"]),
        (lambda w: sequence_header_html(w, 2), ["&lt;i&gt;Caractériser&lt;/i&gt;"]),
        (offers_by_stage_html, ["&lt;script&gt;offre&lt;/script&gt;"]),
    ],
    ids=["atis", "objectives", "programme", "sequence_header", "offers"],
)
def test_content_is_escaped(tricky, render, expected):
    html = render(tricky).split("</style>", 1)[-1]
    for fragment in expected:
        assert fragment in html
    for tag in ("<b>", "<i>", "<u>", "<s>", "<script", "<img"):
        assert tag not in html


def test_objectives_lists_the_three_objectives(workshop):
    html = objectives_html(workshop)
    assert len(re.findall(r"<li>", html)) == 3
    assert "Intégrer le concept d'innovation sociale et sa grille de caractérisation" in text_of(html)


def test_offers_by_stage_lists_two_offers_under_each_stage(workshop):
    html = offers_by_stage_html(workshop)
    blocks = re.findall(r"<h4>(.*?)</h4><ul>(.*?)</ul>", html)
    assert [text_of(title) for title, _ in blocks] == [
        "Inventer des solutions entrepreneuriales", "Incuber des projets d'innovation sociale",
        "Accélérer des projets en développement"]
    assert [offers.count("<li>") for _, offers in blocks] == [2, 2, 2]


def test_offers_by_stage_renders_the_descriptions_markdown(workshop):
    html = offers_by_stage_html(workshop)
    assert "**" not in html
    assert "<strong>un projet d&#x27;entreprise socialement innovante</strong>" in html
