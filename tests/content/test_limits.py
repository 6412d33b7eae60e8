"""Tests of isgrille.content.limits: the bounds are sane and their labels read well (what each bound does: test_sources.py)."""

from __future__ import annotations

import pytest

from isgrille.content.limits import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_PROBLEMS,
    MAX_ROWS,
    MAX_SHOWN,
    MAX_VALUES,
    shorten,
    size_label,
)


def test_every_kind_of_file_has_a_bound_and_cohorts_get_more():
    assert set(MAX_BYTES) == {"content", "results", "cohort"}
    assert MAX_BYTES["cohort"] > MAX_BYTES["results"] >= MAX_BYTES["content"] // 2 > 0


def test_depth_and_problem_bounds_leave_room_for_real_files():
    assert 6 < MAX_DEPTH <= 100  # the kit's own files nest 6 deep
    assert 10_000 <= MAX_VALUES <= MAX_BYTES["results"] // 10  # the kit's files hold about 2,000 values
    assert 10_000 <= MAX_ROWS <= MAX_BYTES["cohort"] // 100  # a real row takes 150 bytes
    assert 10 <= MAX_PROBLEMS <= 200 and 40 <= MAX_SHOWN <= 200


@pytest.mark.parametrize(
    "size, label", [(0, "0 octets"), (999, "999 octets"), (1_000, "1 ko"), (1_500_000, "1,5 Mo"), (20_000_000, "20 Mo")]
)
def test_size_label(size, label):
    assert size_label(size) == label


def test_shorten_keeps_short_text_and_cuts_long_text_to_the_limit():
    assert shorten("court") == "court"
    cut = shorten("é" * 1000)
    assert len(cut) == MAX_SHOWN and cut.endswith("…")
