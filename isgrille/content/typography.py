"""French typography: the no-break spaces of French punctuation, and numbers written the French way.

:func:`french` is the one function that puts French no-break spaces into a
text a learner or trainer reads: a narrow no-break space (U+202F) before
« ; », « ! » and « ? », a no-break space (U+00A0) before « : », inside
« » and between a number and « % ». It replaces the ASCII spaces that
stand there (so « apportée ? » can no longer wrap before its « ? ») and is
idempotent. A mark that starts a word (``:param``, ``?code=``, ``!important``)
or sits inside a word (``10:30``, ``https://``) is left alone, so texts
holding addresses, times or inline Markdown pass through unharmed.

:func:`french_number` writes a number with a decimal comma, :func:`french_percent`
a share with « % » after a no-break space.

>>> french("Quel besoin ? « Établi » : voilà !")
'Quel besoin\\u202f? «\\xa0Établi\\xa0»\\xa0: voilà\\u202f!'
>>> french("https://example.org/?code=1 à 10:30")
'https://example.org/?code=1 à 10:30'
>>> french_number(0.125, 2), french_percent(0.5)
('0,12', '50\\xa0%')
"""

from __future__ import annotations

import re

from .model import NB

__all__ = ["NBSP", "NNBSP", "ascii_spacing", "french", "french_count", "french_number", "french_percent"]

#: No-break space, before « : » and inside « » (the model's ``NB``).
NBSP = NB
#: Narrow no-break space, before « ; », « ! » and « ? ».
NNBSP = "\u202f"

# A mark ends a phrase when what follows is a space, the end, a closing mark or Markdown/HTML around it.
_CLOSES = r"(?=$|[\s\"'»)\]}<*_.,…!?;:\\])"
_SPACED = (
    (re.compile(r"[ \t\u00a0\u202f]+([;!?])" + _CLOSES), NNBSP + r"\1"),
    (re.compile(r"[ \t\u00a0\u202f]+:" + _CLOSES), NBSP + ":"),
    (re.compile(r"«(?:[ \t\u00a0\u202f]+|(?=\S))"), "«" + NBSP),
    (re.compile(r"(?:[ \t\u00a0\u202f]+|(?<=\S))»"), NBSP + "»"),
    (re.compile(r"(?<=\d)[ \t\u00a0\u202f]+%"), NBSP + "%"),
)
# ``[ ]`` is an ASCII space: written so, this module's own literals hold no « » with a space inside.
_ASCII_BEFORE = re.compile(r"[ ][;!?:]" + _CLOSES + r"|«[ ]|[ ]»|(?<=\d)[ ]%")


def french(text: str) -> str:
    """``text`` with French no-break spaces before ; ! ? : and inside « » (idempotent)."""
    if not text:
        return text
    for pattern, replacement in _SPACED:
        text = pattern.sub(replacement, text)
    return text


def ascii_spacing(text: str) -> list[str]:
    """Each place in ``text`` where an ASCII space stands before ; ! ? : or inside « » (for checks)."""
    return [text[max(0, m.start() - 20) : m.end() + 10] for m in _ASCII_BEFORE.finditer(text)]


def french_count(count: int) -> str:
    """A whole number with its thousands set apart by a narrow no-break space.

    >>> french_count(99950)
    '99\u202f950'
    """
    return f"{count:,}".replace(",", NNBSP)


def french_number(value: float, digits: int = 1) -> str:
    """``value`` rounded to ``digits`` decimals, with a decimal comma (« 0,12 »)."""
    return f"{value:.{digits}f}".replace(".", ",")


def french_percent(share: float, digits: int = 0) -> str:
    """A share between 0 and 1 as a French percentage (« 58 % », no-break space)."""
    return f"{french_number(100 * share, digits)}{NBSP}%"
