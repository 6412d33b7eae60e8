"""A results file's text to its parsed document — what ``parse_json`` gives, faster for a plain file.

``content.sources.parse_json`` first scans every token of a JSON text in
Python, to refuse in French what is too deep, too many values or a huge
number before :func:`json.loads` sees it. On a class of 10,000 small files
that scan was the largest cost of reading. :func:`read_document` gives the
very same document without it when the text plainly needs no such refusal:
at most ``MAX_VALUES`` characters (so no more values than that), no lone
surrogate, no float nor integer of 19 digits or more (refused by the parser
itself), at most ``MAX_DEPTH`` deep. Any other text — and every broken one —
goes through ``parse_json`` and gets its messages; the index of lines, for
messages about a valid text, is made by ``parse_json`` only when asked.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import json

    from ..content.validation import YamlDocument

__all__ = ["read_document"]


def read_document(text: str, source: str | Path) -> YamlDocument:
    """``parse_json(text, source)``, faster: a text of at most MAX_VALUES characters, no surrogate, no float
    nor integer of 19+ digits, at most MAX_DEPTH deep, is what parse_json's scan accepts: json parses it at
    once (parse_json makes the index of lines when a message asks). Any other text goes through parse_json.
    """
    from ..content.limits import MAX_DEPTH, MAX_VALUES
    from ..content.sources import parse_json
    from ..content.validation import YamlDocument

    if len(text) <= MAX_VALUES and not _has_surrogate(text):
        try:
            data = _decoder().decode(text)
        except (ValueError, RecursionError):
            data = None
        if isinstance(data, dict) and (text.count("{") + text.count("[") <= MAX_DEPTH or _shallow(data)):
            path = source if isinstance(source, Path) else Path(source)
            return YamlDocument(path, data, lambda: parse_json(text, source).index)
    return parse_json(text, source)


def _has_surrogate(text: str) -> bool:
    """Whether ``text`` may hold a lone surrogate, raw or escaped (parse_json's search, ten times faster)."""
    try:
        return bool("\\u" in text and re.search(r"\\u[dD][89a-fA-F]", text)) or not (text.isascii() or text.encode())
    except UnicodeEncodeError:
        return True


@functools.cache
def _decoder() -> json.JSONDecoder:
    """JSON's decoder, refusing (ValueError) any float or constant and integers of 19 digits or more."""
    import json

    def refuse(text: str) -> None:
        raise ValueError(text)

    return json.JSONDecoder(
        parse_float=refuse,
        parse_constant=refuse,
        parse_int=lambda text: int(text) if len(text.lstrip("-")) < 19 else refuse(text),
    )


def _shallow(data: dict[str, Any]) -> bool:
    """Whether parsed JSON is at most MAX_DEPTH deep."""
    from ..content.limits import MAX_DEPTH

    todo: list[tuple[dict[str, Any] | list[Any], int]] = [(data, 1)]
    while todo:
        node, depth = todo.pop()
        if depth > MAX_DEPTH:
            return False
        todo += [
            (value, depth + 1)
            for value in (node.values() if type(node) is dict else node)
            if type(value) is dict or type(value) is list
        ]
    return True
