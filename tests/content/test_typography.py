"""French typography: the no-break spaces of French punctuation, and French numbers (isgrille.content.typography)."""

from __future__ import annotations

import pytest

from isgrille.content.typography import NBSP, NNBSP, ascii_spacing, french, french_number, french_percent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quel besoin ?", f"Quel besoin{NNBSP}?"),
        ("Vrai !", f"Vrai{NNBSP}!"),
        ("un ; deux", f"un{NNBSP}; deux"),
        ("Objectifs : voir", f"Objectifs{NBSP}: voir"),
        ("« Établi »", f"«{NBSP}Établi{NBSP}»"),
        ("«Établi»", f"«{NBSP}Établi{NBSP}»"),
        ("50 %", f"50{NBSP}%"),
        ("**Objectifs :** lire", f"**Objectifs{NBSP}:** lire"),
        ("Quoi ?<br>Ceci", f"Quoi{NNBSP}?<br>Ceci"),
        ("deux  ?", f"deux{NNBSP}?"),
    ],
)
def test_french_puts_the_no_break_spaces(text: str, expected: str) -> None:
    assert french(text) == expected
    assert ascii_spacing(french(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "https://example.org/?code=atelier42",
        "à 10:30",
        ":param x:",
        "!important",
        "a?b",
        "",
        "Rien à faire.",
        "clé: valeur",  # no space before the colon: nothing to replace (the text is as written)
    ],
)
def test_french_leaves_addresses_times_and_words_alone(text: str) -> None:
    assert french(text) == text


def test_french_replaces_a_wrong_no_break_space_and_is_idempotent() -> None:
    text = f"Pourquoi{NBSP}? Voici{NNBSP}: « oui » !"
    once = french(text)
    assert once == f"Pourquoi{NNBSP}? Voici{NBSP}: «{NBSP}oui{NBSP}»{NNBSP}!"
    assert french(once) == once


def test_ascii_spacing_finds_each_place() -> None:
    found = ascii_spacing("Un ? deux : « trois » 4 %")
    assert len(found) == 5
    assert ascii_spacing("Un? deux:") == []  # no space at all: a different fault, not this check's


@pytest.mark.parametrize(
    ("value", "digits", "expected"), [(0.125, 2, "0,12"), (1.0, 1, "1,0"), (12.345, 0, "12"), (-0.5, 1, "-0,5")]
)
def test_french_number_has_a_decimal_comma(value: float, digits: int, expected: str) -> None:
    assert french_number(value, digits) == expected


def test_french_percent_puts_a_no_break_space_before_the_sign() -> None:
    assert french_percent(0.5) == f"50{NBSP}%"
    assert french_percent(0.125, 1) == f"12,5{NBSP}%"
    assert french_percent(1) == f"100{NBSP}%"
