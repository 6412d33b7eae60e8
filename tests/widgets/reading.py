"""Read what a widget shows: its HTML as plain text, its tables as rows, its HTML widgets.

The tests assert on what a learner reads, so they look at text (tags
removed, entities decoded) rather than at the exact markup, except where the
markup is the point (escaping, links, headers' ``scope``).
"""

from __future__ import annotations

import base64
import json
import re
from html.parser import HTMLParser

import ipywidgets as w

__all__ = ["count_class", "decode_data_uri", "html_values", "images_of", "shown_text", "table_rows", "text_of"]


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1
        elif tag in ("br", "p", "li", "div", "tr", "td", "th", "h2", "h3", "h4", "caption"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def text_of(html: str) -> str:
    """The text a reader sees: tags dropped, entities decoded, spaces collapsed."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return re.sub(r"[ \t\n\r\f\v]+", " ", "".join(parser.parts)).strip(" \t\n\r\f\v")  # no-break spaces kept


class _Rows(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(re.sub(r"[ \t\n\r\f\v]+", " ", "".join(self._cell)).strip(" \t\n\r\f\v"))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table_rows(html: str) -> list[list[str]]:
    """Every row of the tables in ``html`` (header row included), as cell texts."""
    parser = _Rows()
    parser.feed(html)
    parser.close()
    return parser.rows


def html_values(widget: w.Widget) -> list[str]:
    """The values of every HTML widget inside ``widget``, depth first."""
    found = []
    if isinstance(widget, w.HTML):
        found.append(widget.value)
    for child in getattr(widget, "children", ()):
        found.extend(html_values(child))
    return found


def shown_text(widget: w.Widget) -> str:
    """All the text of the HTML widgets inside ``widget``."""
    return " ".join(text_of(value) for value in html_values(widget))


def decode_data_uri(html: str) -> dict:
    """The JSON document of the first ``data:application/json;base64,`` link in ``html``."""
    match = re.search(r'href="data:application/json;base64,([A-Za-z0-9+/=]+)"', html)
    assert match, f"no JSON data: link in {html[:200]!r}"
    return json.loads(base64.b64decode(match.group(1)).decode("utf-8"))


def count_class(html: str, css_class: str) -> int:
    """How many elements carry exactly this class attribute."""
    return len(re.findall(rf'class="{re.escape(css_class)}"', html))


class _Images(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def images_of(html: str) -> list[tuple[str | None, bytes]]:
    """Every ``<img>`` in ``html``: its alt text (decoded; None when absent) and its PNG bytes (data URI)."""
    parser = _Images()
    parser.feed(html)
    parser.close()
    found = []
    for attrs in parser.images:
        src = attrs.get("src") or ""
        prefix = "data:image/png;base64,"
        assert src.startswith(prefix), f"not an inline PNG: {src[:60]!r}"
        found.append((attrs.get("alt"), base64.b64decode(src[len(prefix) :])))
    return found
