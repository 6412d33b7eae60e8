"""Sequence 3: ATIS's offers and the further resources, filtered by the project's stage.

The learner's stage (inventer / incuber / accélérer) is saved with their
results; the directory shows the offers for that stage (or all).
"""

from __future__ import annotations

import ipywidgets as w

from ..content.workshop_file import Workshop
from ..results.store import ResultsStore
from .status import SaveStatus
from .text import STYLE, escape, inline_markdown

__all__ = ["ALL", "DirectoryWidget", "directory_widget", "resources_html"]

ALL = "tous"


def resources_html(workshop: Workshop) -> str:
    """The further resources, with their links (opened in a new tab)."""
    items = []
    for r in workshop.resources:
        title = escape(r.title)
        if r.url:
            title = f'<a href="{escape(r.url)}" target="_blank" rel="noopener">{title}</a>'
        details = ", ".join(escape(x) for x in (r.author, r.date) if x)
        items.append(f"<li>{title}{' — ' + details if details else ''}</li>")
    return f"<h4>Ressources complémentaires (non exhaustif)</h4><ul>{''.join(items)}</ul>"


class DirectoryWidget(w.VBox):
    """``stage`` picks a stage (``status`` says when it could not be saved); ``listing`` shows the offers for it."""

    def __init__(self, workshop: Workshop, store: ResultsStore):
        self.workshop, self.store = workshop, store
        options = [("Toutes les étapes", ALL)] + [(s.label, s.id) for s in workshop.stages]
        saved = store.load().stage
        self.stage = w.ToggleButtons(
            options=options,
            value=saved if saved in dict(options).values() else ALL,
            description="Mon projet en est à\u00a0:",
            style={"description_width": "initial"},
        )
        self.stage.observe(lambda change: self._choose(change["new"]), names="value")
        self.listing = w.HTML()
        self.status = SaveStatus(store)
        super().__init__([w.HTML(STYLE), self.stage, self.status, self.listing])
        self._show()

    def _choose(self, stage: str) -> None:
        self.status.save(lambda r: setattr(r, "stage", None if stage == ALL else stage))
        self._show()

    def _show(self) -> None:
        stages = [s for s in self.workshop.stages if self.stage.value in (ALL, s.id)]
        blocks = []
        for stage in stages:
            offers = "".join(
                f'<div class="isg-example"><h4>{escape(o.name)}</h4><p>{inline_markdown(o.description)}</p></div>'
                for o in self.workshop.offers_for(stage.id)
            )
            blocks.append(f'<h4>{escape(stage.label)}</h4><div class="isg-examples">{offers}</div>')
        self.listing.value = "".join(blocks) + resources_html(self.workshop)


def directory_widget(workshop: Workshop, store: ResultsStore) -> DirectoryWidget:
    """ATIS's offers by project stage, and the resources."""
    return DirectoryWidget(workshop, store)
