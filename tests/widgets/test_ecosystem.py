"""Tests of isgrille/widgets/ecosystem.py: ATIS's offers by project stage, and the resources.

The learner picks a stage on the ToggleButtons; the tests check the stage
is saved and the listing shows that stage's offers only (or all of them).
"""

from __future__ import annotations

import re

import pytest

from isgrille import LearnerResults, ResultsStore, read_results
from isgrille.content.workshop_file import Workshop
from isgrille.widgets.ecosystem import ALL, DirectoryWidget, directory_widget, resources_html

from .reading import count_class, text_of

OFFERS = {
    "inventer": ["La Fabrique à initiatives", "Start-Up de territoire"],
    "incuber": ["Incubateur d'innovation sociale", "Premiers Pas"],
    "accelerer": ["Aide à l'implantation territoriale", "Programmes nationaux clés"],
}
ALL_OFFERS = [name for names in OFFERS.values() for name in names]


def offers_shown(widget: DirectoryWidget) -> list[str]:
    return [text_of(h) for h in re.findall(r'<div class="isg-example"><h4>(.*?)</h4>', widget.listing.value)]


def test_opens_on_every_stage(workshop, store, path):
    widget = directory_widget(workshop, store)
    assert widget.stage.value == ALL
    assert widget.stage.options[0] == ("Toutes les étapes", ALL)
    assert [value for _, value in widget.stage.options] == [ALL, "inventer", "incuber", "accelerer"]
    assert offers_shown(widget) == ALL_OFFERS
    text = text_of(widget.listing.value)
    for label in (
        "Inventer des solutions entrepreneuriales",
        "Incuber des projets d'innovation sociale",
        "Accélérer des projets en développement",
    ):
        assert label in text
    assert not path.exists()


@pytest.mark.parametrize("stage", list(OFFERS))
def test_choosing_a_stage_saves_it_and_lists_its_offers_only(workshop, store, path, grid, stage):
    widget = DirectoryWidget(workshop, store)
    widget.stage.value = stage
    assert read_results(path, grid).stage == stage
    assert offers_shown(widget) == OFFERS[stage]
    assert count_class(widget.listing.value, "isg-example") == 2
    assert "Ressources complémentaires" in text_of(widget.listing.value)


def test_every_stage_again_shows_all_six_and_saves_none(workshop, store, path, grid):
    widget = DirectoryWidget(workshop, store)
    widget.stage.value = "incuber"
    widget.stage.value = ALL
    assert read_results(path, grid).stage is None
    assert offers_shown(widget) == ALL_OFFERS
    assert count_class(widget.listing.value, "isg-example") == 6


def test_stage_saved_earlier_is_chosen_again(workshop, grid, path):
    ResultsStore(grid, path).replace(LearnerResults(stage="accelerer"))
    widget = DirectoryWidget(workshop, ResultsStore(grid, path))
    assert widget.stage.value == "accelerer"
    assert offers_shown(widget) == OFFERS["accelerer"]


def test_a_saved_stage_the_workshop_does_not_have_shows_every_stage(workshop, grid, path):
    ResultsStore(grid, path).replace(LearnerResults(stage="ancienne_etape"))
    widget = DirectoryWidget(workshop, ResultsStore(grid, path))
    assert widget.stage.value == ALL
    assert offers_shown(widget) == ALL_OFFERS


def test_resources_link_to_their_address_in_a_new_tab(workshop):
    html = resources_html(workshop)
    items = re.findall(r"<li>(.*?)</li>", html)
    assert len(items) == 3
    assert "<a" not in items[0]  # the Avise guide has no address
    assert text_of(items[0]) == "Mode d'emploi «\u00a0innovation sociale\u00a0» — Avise, juillet 2015"
    links = re.findall(r'<a href="([^"]+)" target="_blank" rel="noopener">', html)
    assert links == [
        "https://les-aides.nouvelle-aquitaine.fr/sites/default/files/2020-04/Presentation%20AMI%20IS%20juin%202020_0.pdf",
        "https://www.picardie.fr/IMG/pdf/d/d/4/marqueurs_innovation_sociale.pdf",
    ]
    assert text_of(items[2]) == "Les marqueurs d'innovation sociale — Institut Godin"


def test_resource_without_author_or_date_has_no_dash(workshop):
    data = workshop.model_dump()
    data["resources"] = [{"title": "Seul titre"}]
    assert "<li>Seul titre</li>" in resources_html(Workshop.model_validate(data))


def test_offers_and_resources_are_escaped(workshop, grid):
    data = workshop.model_dump()
    data["offers"][0]["name"] = "<script>alert(1)</script>"
    data["offers"][0]["description"] = "<img src=x onerror=alert(1)>"
    data["resources"][1]["title"] = "<b>Grille</b>"
    data["resources"][1]["url"] = 'https://example.org/"onmouseover=alert(1)'
    widget = DirectoryWidget(Workshop.model_validate(data), ResultsStore(grid))
    html = widget.listing.value
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '"onmouseover' not in html and "&quot;onmouseover=alert(1)" in html


def test_offer_description_markdown_is_rendered(workshop, grid):
    widget = DirectoryWidget(workshop, ResultsStore(grid))
    widget.stage.value = "incuber"
    assert "**" not in widget.listing.value
    assert "<strong>un projet d&#x27;entreprise socialement innovante</strong>" in widget.listing.value
