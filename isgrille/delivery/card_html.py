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
for printing.

>>> from isgrille import load_assessments, load_grid
>>> from isgrille.analysis.card import cards_by_project
>>> grid = load_grid()
>>> page = card_html(cards_by_project(grid, load_assessments(grid=grid))[0], grid)
>>> import re
>>> outside_images = re.sub("base64,[A-Za-z0-9+/=]+", "", page)
>>> page.startswith("<!DOCTYPE html>"), '<html lang="fr">' in page, "http" in outside_images
(True, True, False)
"""

from __future__ import annotations

from ..analysis.card import ProfileCard
from ..content.limits import shorten
from ..content.model import Grid
from ..plots.export import figure_png
from ..plots.radar import plot_profile
from ..widgets.text import chart_alt, escape, image_html, inline_markdown, profile_table_html

__all__ = ["card_html", "MAX_TEXT"]

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
@page { size: A4; margin: 12mm; }
@media print {
  main { max-width: none; padding: 0; font-size: 10pt; }
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
        return '<p class="empty">Aucune évaluation : le profil est vide.</p>'
    names = [shorten(name, 60) for name in card.assessors]
    ax = plot_profile(grid, [p.assessment for p in card.profiles], labels=names)
    alt = chart_alt(f"Radar du profil du projet {shorten(card.project, 120)}", card.profiles, names)
    table = profile_table_html(card.profiles, names, "Niveaux par critère, puis médiane et % par dimension")
    return image_html(figure_png(ax, dpi=72), alt) + table


def _axes(card: ProfileCard) -> str:
    if not card.axes:
        return '<p class="empty">Aucun axe : rien n\'est noté sous le niveau le plus haut.</p>'
    items = []
    for axis in card.axes:
        note = f'<br><span class="note">Mon axe : {_text(axis.note)}</span>' if axis.note else ""
        items.append(
            f"<li><strong>{escape(axis.label)}</strong> ({escape(axis.dimension)}) : aujourd'hui "
            f"{escape(axis.current_level)}, niveau visé <strong>{escape(axis.target_level)}</strong>"
            f"<br>{inline_markdown(axis.target_descriptor)}{note}</li>"
        )
    return f'<ul class="axes">{"".join(items)}</ul>'


def _pitch(card: ProfileCard) -> str:
    if not card.pitch:
        return '<p class="empty">Pitch pas encore écrit.</p>'
    parts = "".join(
        f"<dt>{escape(label)}</dt><dd>{_text(text) if text.strip() else _TO_WRITE}</dd>"
        for label, text in card.pitch
    )
    return f"<dl>{parts}</dl>"


def card_html(card: ProfileCard, grid: Grid) -> str:
    """The card as a self-contained HTML page (UTF-8 text): header, radar and its table, axes, pitch."""
    project = _text(card.project or "Projet sans nom", 300)
    facts = [f"Porteur·se : {_text(card.learner, 200)}" if card.learner else "",
             f"Date : {escape(card.date)}" if card.date else "",
             f"Évaluation : {_text(', '.join(card.assessors), 600)}" if card.assessors else "Aucune évaluation"]
    who = f" ({_text(card.axes_assessor, 100)})" if card.axes_assessor else ""
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Fiche projet — {project}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        f'<header><h1>{project}</h1><p class="facts">{" · ".join(f for f in facts if f)}</p></header>\n'
        f'<section aria-labelledby="profil"><h2 id="profil">Profil</h2>{_radar(card, grid)}</section>\n'
        f'<section aria-labelledby="axes"><h2 id="axes">Axes d\'amélioration{who}</h2>{_axes(card)}</section>\n'
        f'<section aria-labelledby="pitch"><h2 id="pitch">Mon pitch</h2>{_pitch(card)}</section>\n'
        "</main>\n</body>\n</html>\n"
    )
