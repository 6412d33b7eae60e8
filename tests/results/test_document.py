"""Tests of isgrille.results.document: read_document gives exactly what parse_json gives, faster.

Each text — plain, deep, with floats, huge integers, surrogates (escaped or
raw), too long, too many values, broken — must give the same data and index
of lines as ``parse_json``, or the same problems; a plain file must not go
through ``parse_json`` until a message asks for a line.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from isgrille.content.errors import ContentError
from isgrille.content.limits import MAX_VALUES
from isgrille.content.sources import parse_json
from isgrille.results.document import read_document

from .samples import base


def _same_as_parse_json(text: str) -> None:
    refused: ContentError | None = None
    try:
        expected = parse_json(text, "r.json")
    except ContentError as exc:
        refused = exc
    if refused is not None:
        with pytest.raises(ContentError) as excinfo:
            read_document(text, "r.json")
        assert excinfo.value.problems == refused.problems
        return
    found = read_document(text, "r.json")
    assert (found.path, found.data) == (expected.path, expected.data)
    assert found.index == expected.index  # the lines, for messages, built on demand


@pytest.mark.parametrize(
    "text",
    [
        json.dumps(base(), indent=2),
        "[" * 32 + "]" * 32,  # a list, deep: refused by both
        '{"a": ' + "[" * 31 + "]" * 31 + "}",  # exactly MAX_DEPTH deep
        '{"a": ' + "[" * 32 + "]" * 32 + "}",  # one more
        '{"a": ' + "[" * 5000 + "]" * 5000 + "}",  # deeper than json.loads's recursion
        '{"a": [' + "[], {}, " * 40 + '"[{"]}',  # many brackets, shallow
        '{"a": [' * 20 + "1" + "]}" * 20,  # 40 deep
        '{"a": 1.5, "b": NaN}',  # floats: parse_json's own way
        '{"a": -' + "1" * 4300 + "}",  # 4,301 characters: too long for parse_json, not for json.loads
        '{"a": ' + "1" * 19 + "}",
        '{"a": "\\ud800"}',
        '{"a": "\\\\ud800"}',
        '{"a": "\\u00e9t\\u00e9"}',
        '{"a": "' + "x" * (MAX_VALUES + 10) + '"}',  # long: parse_json's scan
        '{"a": [' + "0," * (MAX_VALUES // 2 + 10) + "0]}",  # too many values
        '{"a": \n}',
        "",
        "   ",
        '{"a": 1} x',
    ],
)
def test_read_document_is_parse_json(text):
    _same_as_parse_json(text)


def test_read_document_keeps_a_raw_lone_surrogate_out():
    _same_as_parse_json('{"a": "\ud800"}')


def test_a_plain_file_skips_parse_json_until_a_line_is_asked(monkeypatch):
    from isgrille.content import sources

    text = json.dumps(base(), indent=2)
    calls = []
    real = sources.parse_json
    monkeypatch.setattr(sources, "parse_json", lambda *args: calls.append(args) or real(*args))
    doc = read_document(text, "r.json")
    assert doc.data == base() and calls == []
    assert doc.line_of(("assessments", 0, "assessor")) == 6 and len(calls) == 1
    read_document('{"a": 1.5}', "r.json")
    assert len(calls) == 2


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=5),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=3), children, max_size=4),
    max_leaves=40,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.text(max_size=4), JSON, max_size=5), st.booleans())
def test_any_json_object_gives_what_parse_json_gives(data, ascii_only):
    _same_as_parse_json(json.dumps(data, ensure_ascii=ascii_only, indent=1))
