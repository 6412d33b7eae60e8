"""Tests of isgrille/widgets/welcome.py: the static screens built from the content.

The programme table and the sequence headers are read as text and checked
against the times of the shipped programme; content with markup is shown
escaped; the grid card, the thanks and the attribution say what the source
says; a bad content file under ``shown_plainly`` is a French card and one
line, never a traceback.
"""

from __future__ import annotations

import re

import pytest

from isgrille import load_grid
from isgrille.content.errors import ContentError
from isgrille.content.loading import grid_source
from isgrille.content.workshop_file import Workshop
from isgrille.widgets.welcome import (
    KitNotOpened,
    adaptation_html,
    atis_html,
    attribution_html,
    edition_html,
    grid_html,
    objectives_html,
    offers_by_stage_html,
    programme_html,
    sequence_header_html,
    shown_plainly,
    thanks_html,
)

from .reading import table_rows, text_of


def test_programme_lists_every_entry_with_its_minutes_and_the_end(workshop):
    html = programme_html(workshop)
    assert "<caption>Programme de l&#x27;après-midi</caption>" in html
    assert table_rows(html) == [
        ["Heure", "Durée", "Au programme", "Séquence"],
        ["9h40", "10 min", "Contexte, enjeux, définition de l'innovation sociale", "Séquence 1"],
        ["9h50", "10 min", "Caractérisation de l'innovation sociale", "Séquence 2"],
        ["10h00", "30 min", "Caractériser l'innovation sociale de son projet", "Séquence 2"],
        ["10h30", "10 min", "Pause — Prenons 10 minutes de pause…", "—"],
        ["10h40", "40 min", "Écosystème de l'innovation sociale et leviers de développement", "Séquence 3"],
        ["11h20", "30 min", "Booster la dimension innovation sociale de son projet", "Séquence 4"],
        ["11h50", "", "Fin", ""],
    ]
    assert html.count('<th scope="row">') == 7


@pytest.mark.parametrize(
    ("number", "when", "parts"),
    [
        (
            2,
            "9h50 – 10h30 (40 minutes)",
            ["Caractérisation de l'innovation sociale", "Caractériser l'innovation sociale de son projet"],
        ),
        (3, "10h40 – 11h20 (40 minutes)", ["Écosystème de l'innovation sociale et leviers de développement"]),
        (4, "11h20 – 11h50 (30 minutes)", ["Booster la dimension innovation sociale de son projet"]),
        (1, "9h40 – 9h50 (10 minutes)", ["Contexte, enjeux, définition de l'innovation sociale"]),
    ],
)
def test_sequence_header_gives_the_time_slot_and_parts_not_the_title_again(workshop, number, when, parts):
    html = sequence_header_html(workshop, number)
    assert text_of(html) == f"Horaire\u00a0: {when} Au programme\u00a0: {' '.join(parts)}"
    assert len(re.findall(r"<li>", html)) == len(parts)
    assert f"Séquence {number}" not in text_of(html)  # the notebook's Markdown title says it, once


def test_sequence_2_header_says_40_minutes(workshop):
    assert "40 minutes" in text_of(sequence_header_html(workshop, 2))


def test_atis_card(workshop):
    text = text_of(atis_html(workshop))
    assert text.startswith("ATIS — Catalyseur d'Innovation Sociale Vision. Une société qui s'organise")
    assert "100 projets ont été accompagnés en 2019." in text
    assert "plus de 235 emplois créés" in text
    assert text.endswith(
        "Territoire d'intervention\u00a0: Nouvelle-Aquitaine\u202f; avec une implantation en Gironde, "
        "Dordogne et Lot-et-Garonne"
    )
    assert len(re.findall(r"<li>", atis_html(workshop))) == 2


@pytest.fixture(scope="module")
def tricky(workshop) -> Workshop:
    data = workshop.model_dump()
    data["atis"].update(
        name="<b>ATIS</b>",
        tagline="<i>cat</i>",
        vision="<script>alert(1)</script>",
        mission="<img src=x onerror=alert(1)>",
        figures=["<u>100</u>"],
        territory="<s>NA</s>",
    )
    data["objectives"] = ["<script>obj</script>"]
    data["programme"]["entries"][0]["label"] = "<b>Contexte</b>"
    data["sequences"][1]["title"] = "<i>Caractériser</i>"
    data["title"], data["organisation"] = "<i>Établi</i>", "<i>ATIS</i>"
    data["contact"].update(name="<b>Basile</b>", organisation="<u>ATIS</u>")
    data["offers"][0]["name"] = "<script>offre</script>"
    return Workshop.model_validate(data)


@pytest.mark.parametrize(
    ("render", "expected"),
    [
        (
            atis_html,
            [
                "&lt;b&gt;ATIS&lt;/b&gt;",
                "&lt;i&gt;cat&lt;/i&gt;",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
                "&lt;img src=x onerror=alert(1)&gt;",
                "&lt;u&gt;100&lt;/u&gt;",
                "&lt;s&gt;NA&lt;/s&gt;",
            ],
        ),
        (objectives_html, ["&lt;script&gt;obj&lt;/script&gt;"]),
        (programme_html, ["&lt;b&gt;Contexte&lt;/b&gt;"]),
        (lambda w: sequence_header_html(w, 1), ["&lt;b&gt;Contexte&lt;/b&gt;"]),
        (offers_by_stage_html, ["&lt;script&gt;offre&lt;/script&gt;"]),
        (edition_html, ["&lt;i&gt;ATIS&lt;/i&gt;"]),
        (thanks_html, ["&lt;b&gt;Basile&lt;/b&gt;", "&lt;u&gt;ATIS&lt;/u&gt;"]),
        (attribution_html, ["«\u00a0&lt;i&gt;Établi&lt;/i&gt;\u00a0»", "&lt;i&gt;ATIS&lt;/i&gt;"]),
    ],
    ids=["atis", "objectives", "programme", "sequence_header", "offers", "edition", "thanks", "attribution"],
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
        "Inventer des solutions entrepreneuriales",
        "Incuber des projets d'innovation sociale",
        "Accélérer des projets en développement",
    ]
    assert [offers.count("<li>") for _, offers in blocks] == [2, 2, 2]


def test_offers_by_stage_renders_the_descriptions_markdown(workshop):
    html = offers_by_stage_html(workshop)
    assert "**" not in html
    assert "<strong>un projet d&#x27;entreprise socialement innovante</strong>" in html


def test_edition_gives_the_date_of_the_source_and_the_organiser(workshop):
    assert text_of(edition_html(workshop)) == "Atelier du 19 mai 2020 — ATIS – Catalyseur d'Innovation Sociale"


@pytest.mark.parametrize(
    ("date", "shown"),
    [
        ("2020-05-01", "1er mai 2020"),
        ("2021-12-09", "9 décembre 2021"),
        ("printemps 2020", "printemps 2020"),
        ("2020-13-01", "2020-13-01"),
    ],
)
def test_edition_writes_dates_the_french_way(workshop, date, shown):
    assert f"Atelier du {shown}" in text_of(edition_html(workshop.model_copy(update={"date": date})))


def test_grid_card_of_the_shipped_grid_gives_its_origin_and_size_without_a_path():
    text = text_of(grid_html(load_grid()))
    assert "La grille utilisée\u00a0: Grille de caractérisation de l'AMI Innovation sociale" in text
    assert "Une grille de caractérisation développée par l'Avise et le Mouves" in text
    assert "3 dimensions, 12 critères, 4 niveaux (Inexistant, Faible, Intermédiaire, Fort)" in text
    assert "Fichier de la grille" not in text
    assert 'role="note"' not in grid_html(load_grid())  # taken as it is from its source: no adaptation note


def test_grid_card_of_the_key_questions_says_it_is_an_adaptation_as_a_note():
    path = grid_source("questions_cles")
    html = grid_html(load_grid(path), path)
    assert "La grille utilisée\u00a0: Questions clés pour l'analyse d'un projet d'innovation sociale" in text_of(html)
    assert "1 dimension, 7 critères, 3 niveaux (Non, En partie, Oui)" in text_of(html)
    [note] = re.findall(r'<p role="note">(.*?)</p>', html)
    assert text_of(note) == (
        "Adaptation\u00a0: Grille adaptée par le kit isgrille à partir des questions clés de "
        "l'atelier\u202f; les descripteurs ne viennent pas de la source."
    )


def test_the_adaptation_note_is_escaped(small_grid):
    grid = small_grid.__class__(
        small_grid.levels,
        small_grid.dimensions,
        title="<i>Ma</i> grille",
        adaptation='Descripteurs <script>alert("x")</script> du kit.',
    )
    for html in (grid_html(grid), adaptation_html(grid, named=True)):
        assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert text_of(adaptation_html(grid, named=True)) == (
        'Grille «\u00a0<i>Ma</i> grille\u00a0»\u00a0: Descripteurs <script>alert("x")</script> du kit.'
    )


def test_grid_card_of_another_grid_names_its_file_escaped(tmp_path):
    path = tmp_path / "<b>grille.yaml"
    path.write_text(
        "kind: grid\nid: petite\nlevels: [Bas, Haut]\ndimensions:\n  - id: d\n    label: D\n"
        "    criteria:\n      - id: c\n        label: C\n        descriptors: {Bas: b, Haut: h}\n",
        encoding="utf-8",
    )
    html = grid_html(load_grid(path), path)
    assert "1 dimension, 1 critère, 2 niveaux" in text_of(html)
    assert f"Fichier de la grille\u00a0: {path}" in text_of(html)
    assert "<b>grille" not in html and "&lt;b&gt;grille.yaml" in html


def test_thanks_gives_the_contact_of_the_last_slide(workshop):
    html = thanks_html(workshop)
    assert text_of(html) == "Merci Votre contact\u00a0: Basile BOUBERT – ATIS bboubert@atis-asso.org"
    assert '<a href="mailto:bboubert@atis-asso.org">' in html
    assert text_of(thanks_html(workshop.model_copy(update={"contact": None}))) == "Merci"


def test_attribution_names_the_work_its_author_the_licence_and_the_adaptation(workshop):
    html = attribution_html(workshop)
    text = text_of(html)
    assert (
        "D'après «\u00a0Établi – Innovation sociale\u00a0» (19 mai 2020), auteur\u00a0: ATIS – Catalyseur d'Innovation Sociale"
        in text
    )
    assert (
        "sous licence Creative Commons Attribution - Pas d'Utilisation Commerciale - Partage dans les Mêmes "
        "Conditions 4.0 International (CC BY-NC-SA 4.0)"
    ) in text
    assert 'href="https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr"' in html
    assert "Adapté pour le kit isgrille\u00a0: diapositives transcrites" in text
    assert re.search(r'<a href="[^"]*/LICENSE-CONTENT"[^>]*>LICENSE-CONTENT</a>', html)


def test_attribution_of_an_unknown_licence_names_it_without_a_link(workshop):
    html = attribution_html(workshop.model_copy(update={"license": "Licence maison"}))
    assert "sous licence Licence maison." in text_of(html) and "creativecommons" not in html


def test_shown_plainly_turns_a_content_error_into_a_card_and_one_french_line(monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    error = ContentError.single(tmp_path / "grille.yaml", "ligne 3\u00a0: champ 'levels' manquant")
    with pytest.raises(KitNotOpened) as raised, shown_plainly():
        raise error
    [card] = shown
    assert "Le kit ne peut pas s'ouvrir" in text_of(card.data)
    assert "grille.yaml: ligne 3\u00a0: champ &#x27;levels&#x27; manquant" in card.data
    assert raised.value._render_traceback_() == [f"Le kit ne s'ouvre pas\u00a0: {error}"]


def test_shown_plainly_lets_other_errors_and_success_through(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    with shown_plainly():
        value = 1
    with pytest.raises(ZeroDivisionError), shown_plainly():
        value = 1 / 0
    assert value == 1 and shown == []
