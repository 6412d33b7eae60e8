"""Sequence 1 screens: the six dimensions of innovation (ticked by the learner),
the four definitions side by side, the key points, the key questions.

Content comes from ``data/concepts.yaml`` (:func:`isgrille.load_concepts`).
"""

from __future__ import annotations

import ipywidgets as w

from ..content.concepts_file import Concepts
from ..results.store import ResultsStore
from .status import SaveStatus
from .text import STYLE, escape, inline_markdown

__all__ = [
    "DimensionsChecklist",
    "definitions_html",
    "dimensions_checklist",
    "dimensions_html",
    "key_points_html",
    "key_questions_html",
]


def dimensions_html(concepts: Concepts) -> str:
    """The six dimensions of innovation as cards, with their source."""
    dims = concepts.innovation_dimensions
    cards = "".join(
        f'<div class="isg-example"><h4>{escape(d.label)}</h4><p><em>{escape(d.definition)}</em></p></div>'
        for d in dims.items
    )
    return (
        f'{STYLE}<h4>{escape(dims.title)}</h4><div class="isg-examples">{cards}</div>'
        f"<p><small>Source\u00a0: {escape(dims.source)}</small></p>"
    )


def definitions_html(concepts: Concepts) -> str:
    """The definitions side by side (they wrap to one per line on a narrow screen)."""
    cards = "".join(
        f'<div class="isg-example"><h4>{escape(d.title)}</h4>'
        + "".join(f"<p>{inline_markdown(par)}</p>" for par in d.text.split("\n\n"))
        + f"<p><small>{escape(d.source)}</small></p></div>"
        for d in concepts.definitions
    )
    return f'{STYLE}<div class="isg-examples" style="grid-template-columns: repeat(auto-fill, minmax(22em, 1fr))">{cards}</div>'


def _list_html(title: str, items: list[str], conclusion: str = "") -> str:
    entries = "".join(f"<li>{inline_markdown(item)}</li>" for item in items)
    end = f"<p><strong>➔ {escape(conclusion)}</strong></p>" if conclusion else ""
    return f'{STYLE}<div class="isg-card"><h4>{escape(title)}</h4><ul>{entries}</ul>{end}</div>'


def key_points_html(concepts: Concepts) -> str:
    return _list_html(concepts.key_points_title, concepts.key_points)


def key_questions_html(concepts: Concepts) -> str:
    return _list_html(concepts.key_questions_title, concepts.key_questions, concepts.key_questions_conclusion)


class DimensionsChecklist(w.VBox):
    """``boxes[dimension_id]``: ticked when the learner's project touches that dimension; ``status`` says
    when a tick could not be saved."""

    def __init__(self, concepts: Concepts, store: ResultsStore):
        self.store = store
        ticked = set(store.load().innovation_dimensions)
        self.order = [d.id for d in concepts.innovation_dimensions.items]
        self.boxes = {}
        rows = []
        for d in concepts.innovation_dimensions.items:
            box = w.Checkbox(value=d.id in ticked, description=d.label, indent=False)
            box.observe(lambda _: self._save(), names="value")
            self.boxes[d.id] = box
            rows.append(w.VBox([box, w.HTML(f"<small><em>{escape(d.definition)}</em></small>")]))
        self.summary = w.HTML()
        self.status = SaveStatus(store)
        super().__init__([w.HTML(STYLE + "<p>Mon projet relève de\u00a0:</p>"), *rows, self.status, self.summary])
        self._show(len(ticked & set(self.order)))

    def _save(self) -> None:
        chosen = [i for i in self.order if self.boxes[i].value]
        self.status.save(lambda r: setattr(r, "innovation_dimensions", chosen))
        self._show(len(chosen))

    def _show(self, count: int) -> None:
        self.summary.value = (
            f"<p><strong>{count} dimension{'s' if count > 1 else ''} cochée{'s' if count > 1 else ''}</strong></p>"
        )


def dimensions_checklist(concepts: Concepts, store: ResultsStore) -> DimensionsChecklist:
    """Tick the dimensions of innovation the learner's project touches."""
    return DimensionsChecklist(concepts, store)
