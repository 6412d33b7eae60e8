"""Tests of isgrille.content.workshop_file: the workshop's programme, sequences, stages and offers.

``minutes_of`` and ``Programme.minutes`` are checked by hand; the workshop
rules (increasing times, known sequences and stages, unique ids and numbers)
on small files written in ``tmp_path`` from ``WORKSHOP``
(``tests/documents.py``: entries at 09:00, 09:30 and 09:40, end at 10:30).
"""

from __future__ import annotations

import pytest

from isgrille.content.errors import Problem
from isgrille.content.loading import load_workshop
from isgrille.content.workshop_file import Programme, minutes_of

from ..documents import WORKSHOP, broken, problems_of


def test_minimal_workshop_loads(write):
    workshop = load_workshop(write(WORKSHOP))
    assert workshop.title == "Atelier innovation sociale"
    assert workshop.sequence_minutes(1) == 30
    assert workshop.sequence_minutes(2) == 50
    assert [o.id for o in workshop.offers_for("incuber")] == ["premiers_pas"]
    assert workshop.resources[0].url == "https://www.avise.org"


@pytest.mark.parametrize("time, minutes", [("00:00", 0), ("09:40", 580), ("12:05", 725), ("23:59", 1439)])
def test_minutes_of(time, minutes):
    assert minutes_of(time) == minutes


def test_programme_minutes_run_to_the_next_entry_then_to_the_end(write):
    programme = load_workshop(write(WORKSHOP)).programme
    assert [programme.minutes(i) for i in range(len(programme.entries))] == [30, 10, 50]


def test_programme_of_one_entry():
    programme = Programme.model_validate(
        {"title": "P", "end": "11:15", "entries": [{"start": "10:50", "label": "Seul"}]}
    )
    assert programme.minutes(0) == 25
    assert programme.entries[0].sequence is None


def test_a_sequence_may_have_several_entries(write):
    text = broken(
        WORKSHOP,
        '    - start: "09:30"\n      label: Pause\n',
        '    - start: "09:30"\n      label: Suite\n      sequence: 1\n',
    )
    workshop = load_workshop(write(text))
    assert (workshop.sequence_minutes(1), workshop.sequence_minutes(2)) == (40, 50)


def test_sequence_lookup(write):
    workshop = load_workshop(write(WORKSHOP))
    assert (workshop.sequence(2).id, workshop.sequence(2).title) == ("caracteriser", "Caractériser")
    with pytest.raises(KeyError, match="séquence 9 inconnue"):
        workshop.sequence(9)
    assert workshop.sequence_minutes(9) == 0


def test_offers_for_a_stage_without_offer(write):
    workshop = load_workshop(write(WORKSHOP))
    assert workshop.offers_for("inventer") == []
    assert workshop.offers_for("accelerer") == []


@pytest.mark.parametrize(
    "old, new, line, field, message",
    [
        pytest.param(
            "id: caracteriser",
            "id: integrer",
            22,
            "sequences[1].id",
            "identifiant de séquence 'integrer' en double (déjà en position 1)",
            id="sequence-id",
        ),
        pytest.param(
            "  - number: 2\n",
            "  - number: 1\n",
            21,
            "sequences[1].number",
            "numéro de séquence '1' en double (déjà en position 1)",
            id="sequence-number",
        ),
        pytest.param(
            "    description: Accompagnement collectif\n",
            "    description: Accompagnement collectif\n"
            "  - id: premiers_pas\n    name: Encore\n    stage: inventer\n    description: Autre\n",
            39,
            "offers[1].id",
            "identifiant d'offre 'premiers_pas' en double (déjà en position 1)",
            id="offer-id",
        ),
    ],
)
def test_duplicates_are_located_at_the_second_one(write, old, new, line, field, message):
    path = write(broken(WORKSHOP, old, new))
    assert problems_of(load_workshop, path) == (Problem(str(path), message, line=line, field=field),)


def test_equal_times_are_refused(write):
    path = write(broken(WORKSHOP, '- start: "09:40"', '- start: "09:30"'))
    [problem] = problems_of(load_workshop, path)
    assert (problem.line, problem.field) == (12, "programme.entries[1].start")
    assert problem.message == "horaire 09:30 suivi de 09:30\u00a0: les horaires doivent être croissants"


@pytest.mark.parametrize("time", ["24:00", "9:40", "09:60", "09h40"])
def test_bad_times_are_refused(write, time):
    path = write(broken(WORKSHOP, 'end: "10:30"', f'end: "{time}"'))
    [problem] = problems_of(load_workshop, path)
    assert (problem.line, problem.field) == (7, "programme.end")
    assert problem.message.startswith(f"horaire '{time}' invalide")
