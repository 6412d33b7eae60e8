"""The room's welcome on a phone: the workshop, the project's name saved as typed, the download link."""

from __future__ import annotations

import isgrille
from isgrille.widgets.phone_steps import PHONE_CSS, PhoneWelcome

from .reading import decode_data_uri, shown_text


def test_welcome_names_the_workshop_and_saves_the_project(workshop, store, path):
    phone = PhoneWelcome(workshop, store)
    assert workshop.title in shown_text(phone) and workshop.organisation in shown_text(phone)
    phone.project.value = "Ma recyclerie"
    assert store.load().project == "Ma recyclerie"
    assert decode_data_uri(phone.download.value)["project"]["name"] == "Ma recyclerie"
    assert PhoneWelcome(workshop, isgrille.ResultsStore(store.grid, path)).project.value == "Ma recyclerie"


def test_download_follows_saves_made_elsewhere(workshop, store):
    phone = PhoneWelcome(workshop, store)
    store.update(lambda r: r.rate(store.grid.criteria[0].id, 1))
    assert decode_data_uri(phone.download.value)["assessments"]


def test_css_scoped_and_wraps_buttons():
    rules = [line for line in PHONE_CSS.splitlines() if "{" in line]
    assert rules and all(line.lstrip().startswith(".isg-room") for line in rules)
    assert "white-space: normal" in PHONE_CSS and "min-height: 44px" in PHONE_CSS
    assert "text-overflow: ellipsis" not in PHONE_CSS
