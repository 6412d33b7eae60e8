"""The bounds on every input the kit reads, in one place.

A class's files include broken and hostile ones; every reader checks these
bounds before it parses, so that no file — however large, deep or strange —
can hang a notebook or exhaust a server's memory. Each reader names the
bound it hit in a French sentence. The README and ``data/README.md`` state
them for trainers.

>>> MAX_BYTES["results"] // 1_000_000, MAX_BYTES["cohort"] // 1_000_000
(2, 20)
"""

from __future__ import annotations

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_PROBLEMS", "MAX_ROWS", "MAX_SHOWN", "MAX_VALUES", "shorten", "size_label"]

#: Largest file accepted, by kind of file, in bytes (checked before reading it).
MAX_BYTES: dict[str, int] = {
    "content": 2_000_000,  # a grid, quiz, concepts or workshop YAML file (the shipped ones are < 20 kB)
    "results": 2_000_000,  # a learner's results JSON (a real one is < 50 kB)
    "cohort": 20_000_000,  # a cohort's CSV of assessments (at most MAX_ROWS rows)
}
#: Deepest nesting of lists and mappings accepted in YAML or JSON (the kit's files need 6).
MAX_DEPTH = 32
#: Most values (texts, numbers, lists and tables, keys included) in one YAML or JSON file. The kit's
#: files hold about 2,000; 2 MB of « 0, » would be a million, and validating as many wrong values
#: takes a gigabyte of memory. About 50,000 ratings (two values each) still fit.
MAX_VALUES = 100_000
#: Most lines in a cohort's CSV after its header: 20 MB of short lines would be ten million, each
#: looked at in Python (seconds); 100,000 real rows of assessments take about 15 MB.
MAX_ROWS = 100_000
#: Problems reported for one file; beyond, one last line says how many more there are.
MAX_PROBLEMS = 50
#: Longest piece of a file's own text quoted in a message, in characters.
MAX_SHOWN = 80


def size_label(size: int) -> str:
    """A size for a trainer: ``2 Mo``, ``20 Mo``, ``512 ko``.

    >>> size_label(2_000_000), size_label(512_000), size_label(12)
    ('2 Mo', '512 ko', '12 octets')
    """
    if size >= 1_000_000:
        return f"{size / 1_000_000:g} Mo".replace(".", ",")
    if size >= 1_000:
        return f"{size / 1_000:g} ko".replace(".", ",")
    return f"{size} octets"


def shorten(text: str, limit: int = MAX_SHOWN) -> str:
    """``text`` cut to ``limit`` characters (with « … ») for quoting in a message.

    >>> shorten("x" * 100, 10)
    'xxxxxxxxx…'
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"
