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
from collections.abc import Iterable
from typing import Any, NoReturn

__all__ = ["FrenchParser", "RawFormatter", "french"]


#: argparse's English messages that this command line can give, and their French, tried in order.
_FRENCH = [
    (r"^the following arguments are required: (.*)$", "arguments obligatoires manquants\u00a0: \\1"),
    (r"^unrecognized arguments: (.*)$", "arguments inconnus\u00a0: \\1"),
    (r"^invalid choice: (.*) \(choose from (.*)\)$", "choix invalide\u00a0: \\1 (choix possibles\u00a0: \\2)"),
    (r"^invalid int value: (.*)$", r"nombre entier attendu, pas \1"),
    (r"^invalid (\S+) value: (.*)$", "valeur invalide (\\1)\u00a0: \\2"),
    (r"^expected one argument$", "une valeur attendue"),
    (r"^expected at least one argument$", "au moins une valeur attendue"),
    (r"^expected at most one argument$", "au plus une valeur attendue"),
    (r"^expected (\d+) arguments?$", r"\1 valeur(s) attendue(s)"),
    (r"^ambiguous option: (.*) could match (.*)$", "option ambiguë\u00a0: \\1 peut désigner \\2"),
    (r"^ignored explicit argument (.*)$", "valeur ignorée\u00a0: \\1"),
]


def french(message: str) -> str:
    """argparse's English ``message`` in French (unchanged when unknown).

    >>> french("argument --port: invalid int value: 'x'")
    "argument --port\\xa0: nombre entier attendu, pas 'x'"
    """
    argument = re.match(r"^argument (.+?): (.*)$", message, flags=re.DOTALL)
    if argument:
        return f"argument {argument[1]}\u00a0: {french(argument[2])}"
    for english, translation in _FRENCH:
        if re.match(english, message, flags=re.DOTALL):
            return re.sub(english, translation, message, flags=re.DOTALL)
    return message


class _Formatter(argparse.HelpFormatter):
    def _format_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None,
    ) -> str:
        return super()._format_usage(usage, actions, groups, "utilisation\u00a0: " if prefix is None else prefix)


class RawFormatter(_Formatter, argparse.RawDescriptionHelpFormatter):
    """Keeps the line breaks of the main description."""


class FrenchParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks French: usage, help titles and every error (exit code 2)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False  # -h is added below, in French
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
        self._positionals.title, self._optionals.title = "arguments\u00a0", "options\u00a0"  # « options\u00a0: »

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}\u00a0: erreur\u00a0: {french(message)}\n")
