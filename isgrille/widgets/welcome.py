"""Static screens built from the content: the workshop's edition, ATIS, objectives, programme,
sequence headers, the grid in use, the closing thanks and the attribution of the content.

Each returns HTML (to show with ``ipywidgets.HTML`` or IPython's ``HTML``).
:func:`shown_plainly` wraps the notebooks' first cell, so that a content file
that cannot be read is one French message on screen, not a traceback.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

from ..content.attribution import LICENCES, attribution_of, licence_page_url
from ..content.errors import ContentError
from ..content.model import Grid
from ..content.workshop_file import Workshop, minutes_of
from .text import STYLE, escape, inline_markdown, table_html

__all__ = [
    "LICENCES",
    "KitNotOpened",
    "adaptation_html",
    "atis_html",
    "attribution_html",
    "clock",
    "content_error_html",
    "edition_html",
    "french_date",
    "grid_dimensions_html",
    "grid_html",
    "objectives_html",
    "offers_by_stage_html",
    "programme_html",
    "sequence_header_html",
    "shown_plainly",
    "thanks_html",
]

_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def atis_html(workshop: Workshop) -> str:
    a = workshop.atis
    figures = "".join(f"<li>{escape(f)}</li>" for f in a.figures)
    return (
        f'{STYLE}<div class="isg-card"><h3>{escape(a.name)} — {escape(a.tagline)}</h3>'
        f"<p><strong>Vision.</strong> {escape(a.vision)}</p><p><strong>Mission.</strong> {escape(a.mission)}</p>"
        f"<ul>{figures}</ul><p><strong>Territoire d'intervention\u00a0:</strong> {escape(a.territory)}</p></div>"
    )


def offers_by_stage_html(workshop: Workshop) -> str:
    blocks = []
    for stage in workshop.stages:
        offers = "".join(
            f"<li><strong>{escape(o.name)}</strong> — {inline_markdown(o.description)}</li>"
            for o in workshop.offers_for(stage.id)
        )
        blocks.append(f"<h4>{escape(stage.label)}</h4><ul>{offers}</ul>")
    return STYLE + "".join(blocks)


def objectives_html(workshop: Workshop) -> str:
    items = "".join(f"<li>{escape(o)}</li>" for o in workshop.objectives)
    return f'{STYLE}<div class="isg-card"><h4>Objectifs de l\'atelier</h4><ul>{items}</ul></div>'


def programme_html(workshop: Workshop) -> str:
    """The programme as a table: start, duration, what (with its note, e.g. the pause's), which sequence."""
    p = workshop.programme
    rows = [
        [
            clock(minutes_of(entry.start)),
            f"{p.minutes(i)} min",
            f"{entry.label} — {entry.note}" if entry.note else entry.label,
            f"Séquence {entry.sequence}" if entry.sequence else "—",
        ]
        for i, entry in enumerate(p.entries)
    ]
    rows.append([clock(minutes_of(p.end)), "", "Fin", ""])
    return STYLE + table_html(["Heure", "Durée", "Au programme", "Séquence"], rows, p.title)


def sequence_header_html(workshop: Workshop, number: int) -> str:
    """A sequence's time slot in the programme and its parts (the notebook's own title names it)."""
    entries = [e for e in workshop.programme.entries if e.sequence == number]
    first, minutes = entries[0].start if entries else "", workshop.sequence_minutes(number)
    when = (
        f"{clock(minutes_of(first))} – {clock(minutes_of(first) + minutes)} ({minutes} minutes)"
        if first
        else f"{minutes} minutes"
    )
    parts = "".join(f"<li>{escape(e.label)}</li>" for e in entries)
    return (
        f'{STYLE}<div class="isg-card"><p><strong>Horaire\u00a0:</strong> {escape(when)}</p>'
        f"<p><strong>Au programme\u00a0:</strong></p><ul>{parts}</ul></div>"
    )


def clock(minutes: int) -> str:
    """A time of day written the French way.

    >>> clock(9 * 60 + 40), clock(11 * 60 + 5)
    ('9h40', '11h05')
    """
    return f"{minutes // 60}h{minutes % 60:02d}"


def french_date(iso: str) -> str:
    """``2020-05-19`` → ``19 mai 2020``; any other text is returned as it is.

    >>> french_date("2020-05-19"), french_date("2020-05-01"), french_date("printemps 2020")
    ('19 mai 2020', '1er mai 2020', 'printemps 2020')
    """
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        return iso
    day = int(match[3])
    return f"{'1er' if day == 1 else day} {_MONTHS[int(match[2]) - 1]} {match[1]}"


def edition_html(workshop: Workshop) -> str:
    """The workshop's edition, as on its first slide: its date and organiser (the notebook's title names it)."""
    date = french_date(workshop.date)
    parts = [f"<strong>Atelier du {escape(date)}</strong>" if date else "", escape(workshop.organisation)]
    return f'{STYLE}<div class="isg-card"><p>{" — ".join(p for p in parts if p)}</p></div>'


def grid_html(grid: Grid, path: str | Path | None = None) -> str:
    """The grid in use: its title, where it comes from (and its adaptation note), its size, and its file when
    it is not the shipped one."""
    title = escape(grid.title or grid.id)
    source = f"<p>{escape(grid.source)}</p>" if grid.source else ""
    size = (
        f"{_count(len(grid.dimensions), 'dimension')}, {_count(len(grid.criteria), 'critère')}, "
        f"{_count(len(grid.levels), 'niveau')} ({escape(', '.join(grid.levels))})"
    )
    where = (
        f"<p><strong>Fichier de la grille\u00a0:</strong> <code>{escape(str(path))}</code> "
        "(variable d'environnement ISGRILLE_GRID ou choix du formateur)</p>"
        if path is not None
        else ""
    )
    return (
        f'{STYLE}<div class="isg-card"><h4>La grille utilisée\u00a0: {title}</h4>{source}{adaptation_html(grid)}'
        f"<p>{size}</p>{where}</div>"
    )


def grid_dimensions_html(grid: Grid) -> str:
    """The dimensions the grid in use looks at, by their labels (never a grouping of the kit's own).

    >>> from isgrille.content.model import Criterion, Dimension
    >>> c = Criterion("c", "C", ("n", "o"))
    >>> grid_dimensions_html(Grid(("Non", "Oui"), (Dimension("a", "Portage", (c,)), Dimension("b", "<Contenu>", (c,))),
    ...                           title="G"))
    '<p>La grille «\\xa0G\\xa0» regarde un projet selon 2 dimensions\\xa0: Portage, &lt;Contenu&gt;.</p>'
    """
    labels = ", ".join(escape(d.label) for d in grid.dimensions)
    title = escape(grid.title or grid.id)
    return (
        f"<p>La grille «\u00a0{title}\u00a0» regarde un projet selon "
        f"{_count(len(grid.dimensions), 'dimension')}\u00a0: {labels}.</p>"
    )


def adaptation_html(grid: Grid, named: bool = False) -> str:
    """The grid's adaptation note as an ARIA note (escaped), or "" for a grid taken as it is from its source.

    ``named`` puts the grid's title first, for a screen that does not show it already.

    >>> from isgrille.content.model import Criterion, Dimension
    >>> grid = Grid(("Non", "Oui"), (Dimension("d", "D", (Criterion("c", "C", ("n", "o")),)),),
    ...             title="Q <clés>", adaptation="Descripteurs du kit.")
    >>> adaptation_html(grid, named=True)
    '<p role="note"><small><strong>Grille «\\xa0Q &lt;clés&gt;\\xa0»\\xa0:</strong> Descripteurs du kit.</small></p>'
    >>> adaptation_html(Grid(grid.levels, grid.dimensions))
    ''
    """
    if not grid.adaptation:
        return ""
    label = f"Grille «\u00a0{escape(grid.title or grid.id)}\u00a0»\u00a0:" if named else "Adaptation\u00a0:"
    return f'<p role="note"><small><strong>{label}</strong> {escape(grid.adaptation)}</small></p>'


def _count(n: int, word: str) -> str:
    plural = word + ("x" if word.endswith("au") else "s")
    return f"{n} {plural if n > 1 else word}"


def thanks_html(workshop: Workshop) -> str:
    """The closing slide: « Merci » and the workshop's contact."""
    contact = workshop.contact
    if contact is None:
        return f'{STYLE}<div class="isg-card"><h3>Merci</h3></div>'
    who = " – ".join(escape(x) for x in (contact.name, contact.organisation) if x)
    mail = f'<br><a href="mailto:{escape(contact.email)}">{escape(contact.email)}</a>' if contact.email else ""
    return f'{STYLE}<div class="isg-card"><h3>Merci</h3><p>Votre contact\u00a0:<br>{who}{mail}</p></div>'


def attribution_html(workshop: Workshop, grid: Grid | None = None, href: str | None = None) -> str:
    """Whose work the content is, under which licence, what the kit changed and added, and the grid used
    with its origin (end of every notebook), from :func:`~isgrille.content.attribution.attribution_of`.

    ``grid`` defaults to the shipped grid (a notebook passes ``kit.grid``). ``href`` is where
    LICENSE-CONTENT (the attribution and the list of changes) is read: by default the package's
    address (:func:`~isgrille.content.attribution.licence_page_url`); a notebook passes
    ``"LICENSE-CONTENT"``, the file beside the notebooks (``present`` serves it there too), which opens offline.
    """
    if grid is None:
        from ..content.loading import load_grid

        grid = load_grid()
    found = attribution_of(workshop, grid)
    name, url = LICENCES.get(found.licence, (found.licence, ""))
    licence = (
        f'<a href="{escape(url)}" rel="license" target="_blank">{escape(name)} ({escape(found.licence)})</a>'
        if url
        else escape(name)
    )
    date = f" ({escape(french_date(workshop.date))})" if workshop.date else ""
    adapted = f"<br>{escape(found.adaptation)}" if found.adaptation else ""
    link = escape(licence_page_url() if href is None else href)
    return (
        f"{STYLE}<p><small>D'après «\u00a0{escape(found.work)}\u00a0»{date}, "
        f"auteur\u00a0: {escape(found.author)}, sous licence {licence}.{adapted}"
        f"<br>{escape(found.grid_line())}"
        f'<br>Attribution et liste des modifications\u00a0: <a href="{link}" target="_blank">LICENSE-CONTENT</a>.'
        "</small></p>"
    )


class KitNotOpened(Exception):
    """Raised by :func:`shown_plainly` after showing why the kit could not open; shown as one French line."""

    def _render_traceback_(self) -> list[str]:  # IPython shows these lines instead of a traceback
        return [str(self)]


@contextlib.contextmanager
def shown_plainly() -> Iterator[None]:
    """Show a ContentError raised inside as a French message on screen, then stop the notebook.

    ``with shown_plainly(): kit = open_kit()`` — a bad grid file is a card
    naming the file, the place and what was expected; the cell then stops
    with one French line (no traceback), so *Exécution › Exécuter toutes les cellules* stops there.
    """
    try:
        yield
    except ContentError as exc:
        from IPython.display import HTML, display

        display(HTML(content_error_html(exc)))
        raise KitNotOpened(f"Le kit ne s'ouvre pas\u00a0: {exc}") from None


def content_error_html(exc: ContentError) -> str:
    """A content file that cannot be read, as a notice listing each problem."""
    problems = "".join(f"<li>{escape(str(p))}</li>" for p in exc.problems) or f"<li>{escape(str(exc))}</li>"
    return (
        f'{STYLE}<div class="isg-notice"><p><strong>Le kit ne peut pas s\'ouvrir\u00a0:</strong> un fichier de '
        f"contenu n'est pas valide.</p><ul>{problems}</ul><p>Corrigez le fichier (ou la variable "
        "d'environnement ISGRILLE_GRID), puis relancez le carnet.</p></div>"
    )
