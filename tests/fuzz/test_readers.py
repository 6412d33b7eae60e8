"""Fuzzing every reader: whatever the bytes, the outcome is a value or a ContentError.

No other exception, no hang (hypothesis runs each example in the test's own
process; a reader that looped or blew the stack would fail or stop the run).
Examples are kept few enough for ``make test`` on two cores.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from isgrille import ContentError, load_concepts, load_grid, load_quiz, load_workshop, validate_file
from isgrille.analysis.cohort import load_assessments
from isgrille.results.learner import LearnerResults
from isgrille.results.store import read_results

from .strategies import any_input

GRID = load_grid()
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=False)
READERS = {
    "grid": (load_grid, ".yaml"),
    "quiz": (load_quiz, ".yaml"),
    "concepts": (load_concepts, ".yaml"),
    "workshop": (load_workshop, ".yaml"),
    "results": (lambda path: read_results(path, GRID), ".json"),
    "cohort": (lambda path: load_assessments(path, GRID), ".csv"),
    "cohort-cp1252": (lambda path: load_assessments(path, GRID), ".csv"),
    "cohort-xlsx": (lambda path: load_assessments(path, GRID), ".xlsx"),
}


def outcome(read, content: bytes, suffix: str):
    """Write ``content`` to a fresh file, read it; return the value or the ContentError."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fichier{suffix}"
        path.write_bytes(content)
        try:
            return read(path)
        except ContentError as exc:
            error = exc
        assert error.problems and all(str(path) == p.path for p in error.problems)
        return error


@pytest.mark.parametrize("through", ["its reader", "validate_file"])
@pytest.mark.parametrize("kind", list(READERS))
def test_a_file_gives_a_value_or_a_content_error(kind, through):
    read, suffix = READERS[kind]
    if through == "validate_file":
        read = lambda path: validate_file(path, GRID)  # noqa: E731

    @FUZZ
    @given(content=any_input(kind))
    def check(content):
        result = outcome(read, content, suffix)
        assert through == "its reader" or isinstance(result, (str, ContentError))

    check()


@FUZZ
@given(content=any_input("results"))
def test_results_text_gives_results_or_a_content_error(content):
    text = content.decode("utf-8", "replace")
    try:
        results = LearnerResults.from_json(text, GRID, "téléversé.json")
    except ContentError:
        return
    # What was read can be written back and read again, unchanged.
    again = LearnerResults.from_json(results.to_json(GRID), GRID, "copie.json")
    assert again.assessments == results.assessments and again.project == results.project


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=any_input("results"))
def test_every_typed_text_is_saved_or_refused(tmp_path, content):
    """Any text a learner can type (lone surrogates included) round-trips through the file."""
    text = content.decode("utf-8", "surrogateescape")  # makes lone surrogates out of bad bytes
    results = LearnerResults(project=text, pitch={"a": text})
    saved = results.to_json(GRID).encode("utf-8")  # must not raise UnicodeEncodeError
    again = LearnerResults.from_json(saved.decode("utf-8"), GRID, "r.json")
    # Lone surrogates become U+FFFD; the file's texts are stripped of surrounding blanks (Unicode's
    # White_Space, a subset of what str.strip removes: hence strip on both sides).
    expected = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text).strip()
    assert again.project.strip() == expected and again.pitch["a"].strip() == expected
