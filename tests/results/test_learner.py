"""Tests of isgrille.results.learner: LearnerResults and its JSON text, both ways, checked against a grid.

Also: a lone surrogate (half a character, as a text box can send) never stops
a save, and a file holding ``\\ud800`` escapes reads; a file with as many
unknown criterion ids as the bounds allow is checked in one pass and reports
MAX_PROBLEMS problems, then how many more; a long unknown id is shortened.
LevelReader gives Grid.level_index's answers (UNKNOWN for no level), one
label or many at a time, folding labels exactly as model.fold_label does.
"""

from __future__ import annotations

import json

import pytest

from isgrille import load_grid
from isgrille.content.errors import ContentError, Problem
from isgrille.content.limits import MAX_BYTES, MAX_PROBLEMS, MAX_SHOWN, MAX_VALUES
from isgrille.content.model import fold_label
from isgrille.content.reader_words import TOO_MANY
from isgrille.results.learner import SELF, UNKNOWN, LearnerResults, LevelReader, _fold

from ..grids import make_grid
from .samples import base, sample


@pytest.fixture(scope="module")
def grid():
    return load_grid()


def test_round_trip(grid):
    original = sample(grid)
    text = original.to_json(grid)
    data = json.loads(text)
    assert (data["format"], data["version"], data["grid"]) == ("isgrille-results", 1, "ami_is_nouvelle_aquitaine")
    assert data["assessments"][0]["ratings"] == {"caractere_collectif": "Faible", "rupture_existant": None}
    again = LearnerResults.from_json(text, grid)
    assert again.assessments == original.assessments
    assert (again.project, again.stage, again.quiz, again.axes, again.pitch, again.exchange) == (
        original.project,
        original.stage,
        original.quiz,
        original.axes,
        original.pitch,
        original.exchange,
    )
    assert again.assessment("formateur").ratings == {"caractere_collectif": 3}
    assert again.assessment().assessor == SELF


def test_any_grid_round_trips():
    grid = make_grid([1, 2], 5)
    results = LearnerResults()
    results.rate("c1_1", 4)
    assert LearnerResults.from_json(results.to_json(grid), grid).assessments == {SELF: {"c1_1": 4}}


def problems(text: str, grid, name="r.json"):
    with pytest.raises(ContentError) as excinfo:
        LearnerResults.from_json(text, grid, name)
    return excinfo.value.problems


@pytest.mark.parametrize(
    "text, line, field, message",
    [
        ('{\n  "format": \n}', 3, None, "JSON invalide (valeur attendue, colonne 1)"),
        ("[1, 2]", None, None, "le fichier doit contenir un objet JSON {…}, pas une liste"),
        (json.dumps(base(format="autre")), 1, "format", "valeur 'autre' invalide (attendu\u00a0: 'isgrille-results')"),
        (
            json.dumps(base(version=2), indent=1),
            3,
            "version",
            "fichier de résultats en version 2, plus récente que ce kit (attendu\u00a0: 1)\u00a0: mettez le kit à jour",
        ),
        (json.dumps(base(couleur="bleu")), 1, "couleur", None),
        (
            json.dumps(base(assessments=[{"assessor": SELF, "ratings": {"inconnu": "Faible"}}]), indent=1),
            8,
            "assessments[0].ratings.inconnu",
            None,
        ),
        (
            json.dumps(
                base(assessments=[{"assessor": SELF, "ratings": {"caractere_collectif": "Très fort"}}]), indent=1
            ),
            8,
            "assessments[0].ratings.caractere_collectif",
            "niveau 'Très fort' inconnu (attendu\u00a0: Inexistant, Faible, Intermédiaire, Fort ou vide pour «\u00a0non renseigné\u00a0»)",
        ),
        (
            json.dumps(base(assessments=[{"assessor": "a", "ratings": {}}, {"assessor": "a", "ratings": {}}])),
            1,
            "assessments[1].assessor",
            "évaluateur 'a' en double (déjà en position 1)",
        ),
    ],
)
def test_bad_results_files(grid, text, line, field, message):
    [problem] = problems(text, grid)
    assert (problem.path, problem.line, problem.field) == ("r.json", line, field)
    if message is not None:
        assert problem.message == message
    if field == "couleur":
        assert problem.message.startswith("champ 'couleur' inconnu (attendu\u00a0: format, version")
    if field == "assessments[0].ratings.inconnu":
        assert problem.message.startswith("critère 'inconnu' inconnu (attendu\u00a0: caractere_collectif")


def test_an_empty_learner_has_an_empty_assessment():
    results = LearnerResults()
    assessment = results.assessment()
    assert (assessment.project, assessment.assessor, dict(assessment.ratings)) == ("Mon projet", SELF, {})
    assert results.assessment("formateur").ratings == {}


def test_rate_keeps_one_assessment_per_assessor():
    results = LearnerResults(project="P")
    results.rate("c0_0", 2)
    results.rate("c0_0", None)
    results.rate("c0_0", 1, assessor="pair")
    assert results.assessments == {SELF: {"c0_0": None}, "pair": {"c0_0": 1}}
    assert results.assessment("pair").project == "P"


def test_assessment_is_a_copy():
    results = LearnerResults()
    results.rate("c0_0", 1)
    results.assessment().ratings["c0_0"] = 2
    assert results.assessments[SELF] == {"c0_0": 1}


def test_ratings_are_written_as_level_labels_of_the_grid_given():
    grid = make_grid([2], 3)
    results = LearnerResults(project="P", stage="incuber")
    results.rate("c0_0", 2)
    results.rate("c0_1", None)
    data = json.loads(results.to_json(grid))
    assert data["assessments"] == [{"assessor": SELF, "ratings": {"c0_0": "N2", "c0_1": None}}]
    assert (data["grid"], data["project"]) == ("grid", {"name": "P", "learner": "", "stage": "incuber"})


def test_labels_are_read_without_case_or_accents_and_the_grid_id_is_kept():
    grid = make_grid([1], 3)
    text = json.dumps(base(grid="grille_maison", assessments=[{"assessor": SELF, "ratings": {"c0_0": " n1 "}}]))
    again = LearnerResults.from_json(text, grid)
    assert (again.assessments, again.grid_id) == ({SELF: {"c0_0": 1}}, "grille_maison")


def test_every_bad_rating_is_reported():
    grid = make_grid([2], 2)
    text = json.dumps(
        base(assessments=[{"assessor": SELF, "ratings": {"c0_0": "N5", "zz": "N0", "c0_1": "n1"}}]), indent=1
    )
    found = problems(text, grid)
    assert [(p.line, p.field) for p in found] == [(8, "assessments[0].ratings.c0_0"), (9, "assessments[0].ratings.zz")]
    assert found[1].message == "critère 'zz' inconnu (attendu\u00a0: c0_0, c0_1)"


# --- strange text and many ratings ---------------------------------------------------------


def test_to_json_replaces_lone_surrogates(grid):
    """A text box can send half a character; the file must still be UTF-8."""
    results = LearnerResults(project="Ma \ud800recyclerie", pitch={"a": "\udfff", "b": "\ud83d\ude00"})
    text = results.to_json(grid)
    text.encode("utf-8")
    data = json.loads(text)
    assert data["project"]["name"] == "Ma \ufffdrecyclerie"
    assert data["pitch"] == {"a": "\ufffd", "b": "\U0001f600"}  # two halves sent apart make one character


def test_from_json_reads_lone_surrogate_escapes(grid):
    text = json.dumps(base(project={"name": "Projet \ud800", "learner": "\udc00"}))
    assert "\\ud800" in text
    again = LearnerResults.from_json(text, grid)
    assert (again.project, again.learner) == ("Projet \ufffd", "\ufffd")
    again.to_json(grid).encode("utf-8")


def unknown_ratings(count: int) -> str:
    """A results file whose self-assessment rates ``count`` unknown criteria, one a line (from line 8)."""
    ratings = {f"i{n}": None for n in range(count)}
    return json.dumps(base(assessments=[{"assessor": SELF, "ratings": ratings}]), indent=1)


def test_as_many_unknown_ids_as_the_bounds_allow(grid):
    """Each id costs a dictionary lookup, and only MAX_PROBLEMS problems are described."""
    count = (MAX_VALUES - 12) // 2  # each rating is two values: its id and its level
    text = unknown_ratings(count)
    assert len(text.encode()) <= MAX_BYTES["results"]
    found = problems(text, grid)
    assert len(found) == MAX_PROBLEMS + 1
    expected = ", ".join(c.id for c in grid.criteria)
    assert found[0] == Problem(
        "r.json", f"critère 'i0' inconnu (attendu\u00a0: {expected})", line=8, field="assessments[0].ratings.i0"
    )
    assert found[MAX_PROBLEMS - 1].line == 8 + MAX_PROBLEMS - 1
    assert found[-1] == Problem("r.json", f"… et {count - MAX_PROBLEMS:,} autres problèmes".replace(",", "\u202f"))


def test_more_values_than_the_bound_are_refused_at_once(grid):
    """Twelve values before the ratings, two a rating: the one past the bound is on this line."""
    line = 8 + (MAX_VALUES + 1 - 12 - 1) // 2
    assert problems(unknown_ratings(100_000), grid) == (Problem("r.json", TOO_MANY, line=line),)


def test_a_long_unknown_id_is_shortened(grid):
    long_id = "x" * 10_000
    text = json.dumps(base(assessments=[{"assessor": SELF, "ratings": {long_id: "Faible"}}]))
    [problem] = problems(text, grid)
    assert problem.message.startswith(
        f"critère '{'x' * (MAX_SHOWN - 1)}…' inconnu (attendu\u00a0: caractere_collectif, "
    )
    assert problem.field == f"assessments[0].ratings.{'x' * (MAX_SHOWN - 1)}…"


# --- LevelReader: Grid.level_index for many labels ---------------------------------------------

LABELS = [
    "Faible",
    " faible ",
    "FAIBLE",
    "Intermédiaire",
    "intermediaire",
    "INTERME\u0301DIAIRE",
    "Inter\u00admédiaire",
    "",
    "   ",
    "non renseigné",
    "NON RENSEIGNE",
    "Fort",
    "ﬀort",
    "Ｆort",
    "Très fort",
    "x",
    "é",
    "\x00",
    "a\x00b",
    "Fo\U0001d165rt",
    "Fo\u0301rt",
    "ß",
    "Inexistant",
    "inexistant\u0327",
]


def expected_level(grid, label):
    try:
        return grid.level_index(label)
    except ValueError:
        return UNKNOWN


@pytest.mark.parametrize("label", LABELS)
def test_level_reader_answers_like_grid_level_index(grid, label):
    assert LevelReader(grid)(label) == expected_level(grid, label)


def test_level_reader_many_answers_like_one_at_a_time(grid):
    reader = LevelReader(grid)
    expected = [expected_level(grid, label) for label in LABELS]
    assert reader.many(LABELS) == expected  # folded all at once
    assert reader.many(LABELS) == expected  # then remembered
    assert LevelReader(grid).many(["x\x00y", "Fort"]) == [UNKNOWN, 3]  # a NUL in a label: one at a time


def test_fold_is_model_fold_label_for_every_combining_mark():
    """Marks of the BMP go by a regular expression, others the plain way: both as fold_label."""
    import sys
    import unicodedata

    marks = [chr(code) for code in range(sys.maxunicode + 1) if unicodedata.combining(chr(code))]
    samples = [f" É{mark}t\u00e9 " for mark in marks] + ["".join(marks), "ﬃ Straße Ⅻ ①", "Ǆ"]
    assert [_fold(text) for text in samples] == [fold_label(text) for text in samples]


def test_a_file_of_another_grid_is_refused_before_its_ratings(grid):
    text = LearnerResults(project="P", assessments={SELF: {"c0_0": 1}}).to_json(make_grid([1], 3))
    assert LearnerResults.from_json(text, make_grid([1], 3), foreign_grid=lambda found: "x").project == "P"
    with pytest.raises(ContentError) as excinfo:
        LearnerResults.from_json(text, grid, "r.json", foreign_grid=lambda found: f"grille «\u00a0{found}\u00a0»")
    assert excinfo.value.problems == (Problem("r.json", "grille «\u00a0grid\u00a0»", line=5, field="grid"),)
    with pytest.raises(ContentError, match="critère 'c0_0' inconnu"):  # without it, the ratings speak
        LearnerResults.from_json(text, grid, "r.json")


def test_level_readers_are_shared_by_the_grids_levels(grid):
    assert LevelReader.of(grid) is LevelReader.of(load_grid()) is not LevelReader.of(make_grid([1], 4))
    assert LevelReader.of(grid)("intermediaire") == 2


def test_the_saved_day_is_a_date_or_nothing():
    assert LearnerResults(saved_at="2026-11-26T10:00:00+00:00").saved_date == "2026-11-26"
    assert LearnerResults(saved_at="hier").saved_date == LearnerResults().saved_date == ""
