"""Static screens built from ``data/workshop.yaml``: ATIS, objectives, programme, sequence headers.

Each returns HTML (to show with ``ipywidgets.HTML`` or IPython's ``HTML``).
"""

from __future__ import annotations

from ..content.workshop_file import Workshop, minutes_of
from .text import STYLE, escape, inline_markdown, table_html

__all__ = ["atis_html", "objectives_html", "programme_html", "sequence_header_html", "offers_by_stage_html"]


def atis_html(workshop: Workshop) -> str:
    a = workshop.atis
    figures = "".join(f"<li>{escape(f)}</li>" for f in a.figures)
    return (f'{STYLE}<div class="isg-card"><h3>{escape(a.name)} — {escape(a.tagline)}</h3>'
            f"<p><strong>Vision.</strong> {escape(a.vision)}</p><p><strong>Mission.</strong> {escape(a.mission)}</p>"
            f"<ul>{figures}</ul><p><strong>Territoire d'intervention :</strong> {escape(a.territory)}</p></div>")


def offers_by_stage_html(workshop: Workshop) -> str:
    blocks = []
    for stage in workshop.stages:
        offers = "".join(f"<li><strong>{escape(o.name)}</strong> — {inline_markdown(o.description)}</li>"
                         for o in workshop.offers_for(stage.id))
        blocks.append(f"<h4>{escape(stage.label)}</h4><ul>{offers}</ul>")
    return STYLE + "".join(blocks)


def objectives_html(workshop: Workshop) -> str:
    items = "".join(f"<li>{escape(o)}</li>" for o in workshop.objectives)
    return f'{STYLE}<div class="isg-card"><h4>Objectifs de l\'atelier</h4><ul>{items}</ul></div>'


def programme_html(workshop: Workshop) -> str:
    """The programme as a table: start, duration, what, which sequence."""
    p = workshop.programme
    rows = [
        [entry.start.replace(":", "h"), f"{p.minutes(i)} min", entry.label,
         f"Séquence {entry.sequence}" if entry.sequence else "—"]
        for i, entry in enumerate(p.entries)
    ]
    rows.append([p.end.replace(":", "h"), "", "Fin", ""])
    return STYLE + table_html(["Heure", "Durée", "Au programme", "Séquence"], rows, p.title)


def sequence_header_html(workshop: Workshop, number: int) -> str:
    """A sequence's title, its time in the programme, and the workshop's objectives it serves."""
    seq = workshop.sequence(number)
    entries = [e for e in workshop.programme.entries if e.sequence == number]
    first, minutes = entries[0].start if entries else "", workshop.sequence_minutes(number)
    end = minutes_of(first) + minutes if first else None
    when = (f"{first.replace(':', 'h')} – {end // 60:02d}h{end % 60:02d}, {minutes} minutes" if end is not None else "")
    parts = "".join(f"<li>{escape(e.label)}</li>" for e in entries)
    return (f'{STYLE}<div class="isg-card"><h2>Séquence {seq.number} : {escape(seq.title)}</h2>'
            f"<p><strong>Durée :</strong> {escape(when)}</p><p><strong>Au programme :</strong></p><ul>{parts}</ul></div>")
