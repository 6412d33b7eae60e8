"""The readers' French words: PyYAML's and json's syntax errors, kinds of values, YAML tags."""

from __future__ import annotations

import pytest

from isgrille.content.reader_words import json_problem_text, kind_of, tag_text, yaml_syntax_text


class _Mark:
    def __init__(self, line, column, index):
        self.line, self.column, self.index = line, column, index


class _YamlError(Exception):
    def __init__(self, problem, mark=None):
        super().__init__(problem)
        self.problem, self.problem_mark, self.context, self.context_mark = problem, mark, None, None


@pytest.mark.parametrize(
    "problem, text, result",
    [
        ("something PyYAML never said", "a: 1", ("syntaxe YAML invalide (erreur de syntaxe, colonne 3)", 1)),
        (
            "found character that cannot start any token",
            "a: %",
            (
                (
                    "syntaxe YAML invalide (caractère «\u00a0%\u00a0» interdit en début de valeur\u00a0: mettez le texte entre "
                    "guillemets, colonne 3)"
                ),
                1,
            ),
        ),
        (
            "found a tab character that violates indentation",
            "a: 1",
            ("syntaxe YAML invalide (tabulation interdite\u00a0: indentez avec des espaces, colonne 3)", 1),
        ),
    ],
)
def test_yaml_syntax_text(problem, text, result):
    assert yaml_syntax_text(_YamlError(problem, _Mark(0, 2, 3)), text) == result


def test_yaml_syntax_text_without_a_place():
    assert yaml_syntax_text(_YamlError("unacceptable character #x0000"), "") == (
        "syntaxe YAML invalide (caractère inattendu\u00a0: mettez le texte entre guillemets)",
        None,
    )


def test_json_problem_text_has_a_french_default():
    assert json_problem_text("Expecting value") == "valeur attendue"
    assert json_problem_text("Some future message") == "erreur de syntaxe"


@pytest.mark.parametrize(
    "value, text",
    [
        (None, "une valeur vide"),
        ([1], "une liste"),
        ({}, "une table de champs"),
        ("x", "un texte"),
        (True, "un booléen"),
        (3, "un nombre"),
        (2.5, "un nombre"),
        (b"x", "une valeur de type bytes"),
    ],
)
def test_kind_of(value, text):
    assert kind_of(value) == text


def test_tag_text():
    assert (tag_text("tag:yaml.org,2002:set"), tag_text("!perso")) == ("!!set", "!perso")
