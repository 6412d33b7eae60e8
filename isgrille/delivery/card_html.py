"""A project's card as one self-contained web page: no external resource, printable on A4.

:func:`card_html` writes a :class:`~isgrille.analysis.card.ProfileCard` as
an HTML5 page in French (``lang="fr"``): the radar as an ``<img>`` whose
``alt`` says each dimension's median per assessor
(:func:`~isgrille.widgets.text.chart_alt`), its values as a real table
(:func:`~isgrille.widgets.text.profile_table_html`: caption, ``<th scope>``),
the improvement axes, the pitch. The image is a ``data:`` URI and the CSS is
inline, so the file opens anywhere, offline, and can be sent by e-mail.
Every text typed by a learner is escaped and shortened to a generous bound;
the grid's descriptors keep their light emphasis. Text is #222 on white and
headings #1a3a5c (contrast above 7:1, WCAG AA and AAA); ``@page`` sets A4
for printing. The page says whose work it reproduces: a ``<footer>`` with
the attribution's lines (:class:`~isgrille.content.attribution.Attribution`),
its licence linked with ``rel="license"`` (also a ``<link rel="license">`` in
the head) and the page where the attribution and the list of changes are
read (``licence_page``, by default :func:`~isgrille.content.attribution.licence_page_url`).

>>> from isgrille import load_assessments, load_grid
>>> from isgrille.analysis.card import cards_by_project
>>> grid = load_grid()
>>> page = card_html(cards_by_project(grid, load_assessments(grid=grid))[0], grid)
>>> import re
>>> page.startswith("<!DOCTYPE html>"), '<html lang="fr">' in page, re.findall(r'src="http', page)
(True, True, [])
>>> re.findall('<link rel="license" href="[^"]*"', page)
['<link rel="license" href="https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr"']
"""

from __future__ import annotations

from ..analysis.card import ProfileCard
from ..analysis.scoring import share_label
from ..content.attribution import Attribution, attribution_of, licence_page_url
from ..content.limits import shorten
from ..content.model import Grid
from ..plots.export import figure_png
from ..plots.radar import plot_profile
from ..widgets.text import chart_alt, escape, image_html, inline_markdown, profile_table_html

__all__ = ["MAX_TEXT", "attribution_footer", "card_html", "default_attribution"]

#: Longest learner text shown in the page (a pitch part, a note), in characters.
MAX_TEXT = 3000

_CSS = """
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #222; background: #fff; margin: 0; }
main { max-width: 48em; margin: 0 auto; padding: 1em 1.5em; line-height: 1.45; }
h1 { font-size: 1.7em; margin: 0.2em 0; overflow-wrap: anywhere; }
h2 { font-size: 1.2em; color: #1a3a5c; border-bottom: 1px solid #888; margin-top: 1.2em; }
.facts { margin: 0; overflow-wrap: anywhere; }
.isg-chart { display: block; max-width: 100%; width: 30em; height: auto; margin: 0 auto; }
.isg-table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.92em; }
.isg-table th, .isg-table td { border: 1px solid #999; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
.isg-table caption { font-weight: 600; text-align: left; }
.axes li { margin-bottom: 0.5em; }
.note { font-style: italic; }
dt { font-weight: 600; margin-top: 0.4em; }
dd { margin-left: 1em; white-space: pre-wrap; overflow-wrap: anywhere; }
.empty { font-style: italic; color: #444; }
footer { max-width: 48em; margin: 1em auto; padding: 0.3em 1.5em; border-top: 1px solid #888; font-size: 0.85em;
  color: #444; }
footer p { margin: 0.3em 0; overflow-wrap: anywhere; }
footer a { color: #1a3a5c; }
@page { size: A4; margin: 12mm; }
@media print {
  main, footer { max-width: none; padding: 0; font-size: 10pt; }
  footer { font-size: 8pt; }
  .isg-chart { width: 11cm; }
  section { break-inside: avoid-page; }
  h2 { break-after: avoid; }
}
"""


_TO_WRITE = '<span class="empty">à écrire</span>'


def _text(value: str, limit: int = MAX_TEXT) -> str:
    """A learner's text, shortened to ``limit`` characters and escaped."""
    return escape(shorten(value.strip(), limit))


def _radar(card: ProfileCard, grid: Grid) -> str:
    if not card.profiles:
        return '<p class="empty">Aucune évaluation\u00a0: le profil est vide.</p>'
    names = [shorten(name, 60) for name in card.assessors]
    ax = plot_profile(grid, [p.assessment for p in card.profiles], labels=names)
    alt = chart_alt(f"Radar du profil du projet {shorten(card.project, 120)}", card.profiles, names)
    caption = f"Niveaux par critère, puis par dimension\u00a0: médiane et {share_label(grid.levels)}"
    table = profile_table_html(card.profiles, names, caption)
    return image_html(figure_png(ax, dpi=72), alt) + table


def _axes(card: ProfileCard) -> str:
    if not card.axes:
        return '<p class="empty">Aucun axe\u00a0: rien n\'est noté sous le niveau le plus haut.</p>'
    items = []
    for axis in card.axes:
        note = f'<br><span class="note">Mon axe\u00a0: {_text(axis.note)}</span>' if axis.note else ""
        items.append(
            f"<li><strong>{escape(axis.label)}</strong> ({escape(axis.dimension)})\u00a0: aujourd'hui "
            f"{escape(axis.current_level)}, niveau visé <strong>{escape(axis.target_level)}</strong>"
            f"<br>{inline_markdown(axis.target_descriptor)}{note}</li>"
        )
    return f'<ul class="axes">{"".join(items)}</ul>'


def _pitch(card: ProfileCard) -> str:
    if not card.pitch:
        return '<p class="empty">Pitch pas encore écrit.</p>'
    parts = "".join(
        f"<dt>{escape(label)}</dt><dd>{_text(text) if text.strip() else _TO_WRITE}</dd>" for label, text in card.pitch
    )
    return f"<dl>{parts}</dl>"


def default_attribution(grid: Grid) -> Attribution:
    """The attribution of ``grid`` with the shipped workshop, for a caller with no workshop at hand."""
    from ..content.loading import load_workshop

    return attribution_of(load_workshop(), grid)


def attribution_footer(attribution: Attribution, licence_page: str) -> str:
    """The page's ``<footer>``: the work's line (its licence linked, ``rel="license"``), the grid's, the changes."""
    work = escape(attribution.work_line())
    if attribution.licence_url and attribution.licence:
        link = (
            f'<a rel="license" href="{escape(attribution.licence_url)}" hreflang="fr">{escape(attribution.licence)}</a>'
        )
        work = work.replace(escape(attribution.licence), link, 1)
    changes = (
        (
            f'Attribution et liste des modifications\u00a0: <a href="{escape(licence_page)}">'
            f"{escape(licence_page.rsplit('/', 1)[-1] or licence_page)}</a>"
        )
        if licence_page
        else ""
    )
    lines = [work, escape(attribution.grid_line()), changes]
    return "<footer>" + "".join(f"<p>{line}</p>" for line in lines if line) + "</footer>\n"


def card_html(
    card: ProfileCard, grid: Grid, attribution: Attribution | None = None, licence_page: str | None = None
) -> str:
    """The card as a self-contained HTML page (UTF-8 text): header, radar and its table, axes, pitch, attribution.

    ``attribution`` defaults to :func:`default_attribution`; ``licence_page``
    (where LICENSE-CONTENT is read: the room's or ``present``'s own copy) to
    :func:`~isgrille.content.attribution.licence_page_url`.
    """
    attribution = attribution or default_attribution(grid)
    licence_page = licence_page_url() if licence_page is None else licence_page
    licence = f'<link rel="license" href="{escape(attribution.licence_url)}">\n' if attribution.licence_url else ""
    project = _text(card.project or "Projet sans nom", 300)
    facts = [
        f"Porteur·euse\u00a0: {_text(card.learner, 200)}" if card.learner else "",
        f"Date\u00a0: {escape(card.date)}" if card.date else "",
        f"Évaluation\u00a0: {_text(', '.join(card.assessors), 600)}" if card.assessors else "Aucune évaluation",
    ]
    who = f" ({_text(card.axes_assessor, 100)})" if card.axes_assessor else ""
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Fiche projet — {project}</title>\n{licence}<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        f'<header><h1>{project}</h1><p class="facts">{" · ".join(f for f in facts if f)}</p></header>\n'
        f'<section aria-labelledby="profil"><h2 id="profil">Profil</h2>{_radar(card, grid)}</section>\n'
        f'<section aria-labelledby="axes"><h2 id="axes">Axes d\'amélioration{who}</h2>{_axes(card)}</section>\n'
        f'<section aria-labelledby="pitch"><h2 id="pitch">Mon pitch</h2>{_pitch(card)}</section>\n'
        f"</main>\n{attribution_footer(attribution, licence_page)}</body>\n</html>\n"
    )
