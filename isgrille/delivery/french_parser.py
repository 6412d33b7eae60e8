"""An argparse parser that speaks French: usage, help titles and every error.

The command line (:mod:`.cli`) is read by trainers; argparse's own words
(« usage: », « error: », « the following arguments are required ») would be
the only English they meet. :class:`FrenchParser` says them in French and
keeps argparse's behaviour and exit code 2.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

__all__ = ["FrenchParser", "RawFormatter", "french"]


#: argparse's English messages that this command line can give, and their French, tried in order.
_FRENCH = [
    (r"^the following arguments are required: (.*)$", r"arguments obligatoires manquants : \1"),
    (r"^unrecognized arguments: (.*)$", r"arguments inconnus : \1"),
    (r"^invalid choice: (.*) \(choose from (.*)\)$", r"choix invalide : \1 (choix possibles : \2)"),
    (r"^invalid int value: (.*)$", r"nombre entier attendu, pas \1"),
    (r"^invalid (\S+) value: (.*)$", r"valeur invalide (\1) : \2"),
    (r"^expected one argument$", "une valeur attendue"),
    (r"^expected at least one argument$", "au moins une valeur attendue"),
    (r"^expected at most one argument$", "au plus une valeur attendue"),
    (r"^expected (\d+) arguments?$", r"\1 valeur(s) attendue(s)"),
    (r"^ambiguous option: (.*) could match (.*)$", r"option ambiguë : \1 peut désigner \2"),
    (r"^ignored explicit argument (.*)$", r"valeur ignorée : \1"),
]


def french(message: str) -> str:
    """argparse's English ``message`` in French (unchanged when unknown).

    >>> french("argument --port: invalid int value: 'x'")
    "argument --port : nombre entier attendu, pas 'x'"
    """
    argument = re.match(r"^argument (.+?): (.*)$", message, flags=re.DOTALL)
    if argument:
        return f"argument {argument[1]} : {french(argument[2])}"
    for english, translation in _FRENCH:
        if re.match(english, message, flags=re.DOTALL):
            return re.sub(english, translation, message, flags=re.DOTALL)
    return message


class _Formatter(argparse.HelpFormatter):
    def _format_usage(self, usage, actions, groups, prefix):  # type: ignore[no-untyped-def]
        return super()._format_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class RawFormatter(_Formatter, argparse.RawDescriptionHelpFormatter):
    """Keeps the line breaks of the main description."""


class FrenchParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks French: usage, help titles and every error (exit code 2)."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, add_help=False, **kwargs)
        self.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
        self._positionals.title, self._optionals.title = "arguments ", "options "  # « options : »

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {french(message)}\n")
