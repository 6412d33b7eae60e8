"""Tests of isgrille.delivery.french_parser: argparse's words, said in French."""

from __future__ import annotations

import pytest

from isgrille.delivery.french_parser import FrenchParser, RawFormatter, french


@pytest.mark.parametrize(
    "english, expected",
    [
        ("the following arguments are required: FICHIER", "arguments obligatoires manquants\u00a0: FICHIER"),
        ("unrecognized arguments: --vite", "arguments inconnus\u00a0: --vite"),
        (
            "argument COMMANDE: invalid choice: 'scor' (choose from 'validate', 'score')",
            "argument COMMANDE\u00a0: choix invalide\u00a0: 'scor' (choix possibles\u00a0: 'validate', 'score')",
        ),
        ("argument --port: invalid int value: 'x'", "argument --port\u00a0: nombre entier attendu, pas 'x'"),
        ("argument --grid: expected one argument", "argument --grid\u00a0: une valeur attendue"),
        ("something argparse may say one day", "something argparse may say one day"),
    ],
)
def test_french(english, expected):
    assert french(english) == expected


def parser() -> FrenchParser:
    made = FrenchParser(prog="isg", description="Ligne un\nligne deux", formatter_class=RawFormatter)
    made.add_argument("fichier", metavar="FICHIER")
    made.add_argument("--port", type=int)
    return made


def test_a_wrong_command_line_is_explained_in_french_with_exit_code_2(capsys):
    with pytest.raises(SystemExit) as stop:
        parser().parse_args(["a.yaml", "--port", "huit"])
    assert stop.value.code == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("utilisation\u00a0: isg ")
    assert err[-1] == "isg\u00a0: erreur\u00a0: argument --port\u00a0: nombre entier attendu, pas 'huit'"


def test_help_is_french_and_keeps_the_descriptions_line_breaks(capsys):
    with pytest.raises(SystemExit) as stop:
        parser().parse_args(["--help"])
    out = capsys.readouterr().out
    assert stop.value.code == 0
    assert out.startswith("utilisation\u00a0: isg ") and "Ligne un\nligne deux" in out
    assert "options\u00a0:" in out and "arguments\u00a0:" in out and "afficher cette aide et quitter" in out
    assert "usage" not in out and "show this help" not in out
