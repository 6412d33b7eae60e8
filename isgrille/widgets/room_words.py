"""The room's « mon projet en 2 mots » as a word cloud on the projector, readable and accessible.

Each word is sized by how many projects used it and shows its count next to
it (the size is never the only clue); a table listing every word and its
count follows, folded under « Les mots et leur nombre », for a screen reader
or whoever wants the figures. Words are the participants' own text: always
escaped (:func:`~.text.escape`). The counting is
:func:`isgrille.analysis.room_live.word_counts`.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w

from .room_panel import plural
from .text import STYLE, escape, table_html

__all__ = ["WORDS_CSS", "RoomWords", "room_words", "words_html"]

#: Smallest and largest word size in the cloud, in em.
SMALLEST, LARGEST = 1.0, 3.2
#: The cloud's CSS: dark words on white (contrast above 7:1), wrapped, never past the edge.
WORDS_CSS = """<style>
.isg-cloud { list-style: none; margin: 0.3em 0; padding: 0.4em; display: flex; flex-wrap: wrap; gap: 0.2em 0.8em;
  align-items: baseline; justify-content: center; background: #fff; border: 1px solid #888; border-radius: 6px; }
.isg-cloud li { color: #102a54; line-height: 1.15; overflow-wrap: anywhere; max-width: 100%; }
.isg-cloud li:nth-child(3n+2) { color: #5a1e00; } .isg-cloud li:nth-child(3n) { color: #0f4d2a; }
.isg-cloud .isg-count { font-size: max(0.45em, 20px); color: #333; font-weight: normal; }
</style>"""


def _size(count: int, most: int, least: int) -> float:
    """A word's size in em, linear in its count between the least and the most frequent word."""
    if most == least:
        return (SMALLEST + LARGEST) / 2 if most > 1 else SMALLEST + 0.6
    return SMALLEST + (LARGEST - SMALLEST) * (count - least) / (most - least)


def words_html(counts: Sequence[tuple[str, int]], projects: int = 0, title: str = "Mon projet en 2 mots") -> str:
    """The cloud of ``counts`` (``(word, count)``, most frequent first), then its table; words escaped.

    >>> page = words_html([("<b>Recyclerie</b>", 3), ("solidaire", 1)], projects=4)
    >>> "&lt;b&gt;Recyclerie&lt;/b&gt;" in page, "<b>Recyclerie" in page, "font-size: 3.20em" in page
    (True, False, True)
    """
    said = f" ({plural(projects, 'projet')})" if projects else ""
    heading = f"<h2>{escape(title)}{said}</h2>"
    if not counts:
        return (
            f'{WORDS_CSS}{heading}<p role="status">Pas encore de mots : ils apparaîtront ici dès que les '
            "participants auront écrit «\u00a0mon projet en 2 mots\u00a0» dans l'étape Pitch.</p>"
        )
    most, least = max(n for _, n in counts), min(n for _, n in counts)
    items = "".join(
        f'<li style="font-size: {_size(n, most, least):.2f}em; font-weight: {700 if n == most else 600}">'
        f'{escape(word)}<span class="isg-count"> ({n})</span></li>'
        for word, n in counts
    )
    table = table_html(["Mot", "Nombre"], counts, caption="", row_headers=True)
    return (
        f'{WORDS_CSS}{heading}<ul class="isg-cloud" aria-label="Nuage de mots : chaque mot suivi du '
        f"nombre de projets qui l'emploient\">{items}</ul>"
        f"<details><summary>Les mots et leur nombre ({plural(len(counts), 'mot')})</summary>{table}</details>"
    )


class RoomWords(w.VBox):
    """``cloud`` shows the word cloud given to :meth:`show`."""

    def __init__(self, title: str = "Mon projet en 2 mots"):
        self.title = title
        self.cloud = w.HTML(words_html([], title=title), layout=w.Layout(width="100%"))
        super().__init__([w.HTML(STYLE), self.cloud], layout=w.Layout(width="100%"))

    def show(self, counts: Sequence[tuple[str, int]], projects: int = 0) -> None:
        self.cloud.value = words_html(counts, projects, self.title)


def room_words(title: str = "Mon projet en 2 mots") -> RoomWords:
    """The word cloud screen (empty until :meth:`RoomWords.show`)."""
    return RoomWords(title)
