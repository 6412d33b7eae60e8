"""HTML for the widgets: escaping, the content's inline Markdown, tables, the kit's CSS.

Every text typed by a learner goes through :func:`escape` before it is put
in an HTML widget, so a pitch containing ``<script>`` shows as text. Content
from ``data/`` may use ``**gras**``, ``*italique*`` and ``++souligné++``,
rendered by :func:`inline_markdown` after escaping (content authors' text
only: a learner's text is escaped, never interpreted). A chart is an
``<img>`` with its text alternative (:func:`image_html`, :func:`chart_alt`).
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable, Sequence

from ..content.model import BOLD as _BOLD, ITALIC as _ITALIC, UNDERLINE as _UNDERLINE, plain_text
from ..content.typography import french_percent

__all__ = [
    "STYLE",
    "chart_alt",
    "escape",
    "image_html",
    "inline_markdown",
    "plain_text",
    "profile_table_html",
    "table_html",
]


def escape(text: str) -> str:
    """Escape text for HTML (quotes too); line breaks become ``<br>``.

    >>> escape('<script>alert("x")</script>\\nfin')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>fin'
    """
    return html.escape(text, quote=True).replace("\n", "<br>")


def inline_markdown(text: str) -> str:
    """Escape, then render ``**bold**``, ``*italic*`` and ``++underline++`` (content authors' text only).

    >>> inline_markdown("une **réponse** *nouvelle* ++adaptée++ <b>")
    'une <strong>réponse</strong> <em>nouvelle</em> <u>adaptée</u> &lt;b&gt;'
    """
    out = _BOLD.sub(r"<strong>\1</strong>", escape(text))
    out = _UNDERLINE.sub(r"<u>\1</u>", out)
    return _ITALIC.sub(r"<em>\1</em>", out)


def table_html(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    caption: str = "",
    row_headers: bool = True,
    css: str = "isg-table",
    markup: bool = False,
) -> str:
    """An accessible HTML table (caption, header cells with scope); every cell is escaped.

    With ``row_headers`` the first cell of each row is a row header. With ``markup`` the data
    cells are content authors' text and their light emphasis is rendered (:func:`inline_markdown`).
    """
    cell = inline_markdown if markup else escape
    head = "".join(f'<th scope="col">{escape(str(h))}</th>' for h in header)
    body = "".join(
        "<tr>"
        + "".join(
            (
                f'<th scope="row">{escape(str(c))}</th>'
                if i == 0 and row_headers
                else f"<td>{cell('' if c is None else str(c))}</td>"
            )
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f'<table class="{css}">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def profile_table_html(profiles: Sequence, labels: Sequence[str], caption: str = "Valeurs du profil") -> str:
    """The text alternative of a profile chart: each criterion's level, then each dimension's summary.

    ``profiles`` are :class:`isgrille.analysis.scoring.Profile` objects of one grid.
    """
    first = profiles[0]
    header = ["Critère", *labels]
    rows = [
        [score.label, *[(p.criteria[i].level or "non renseigné") for p in profiles]]
        for i, score in enumerate(first.criteria)
    ]
    for j, dimension in enumerate(first.dimensions):
        rows.append([f"{dimension.label} (médiane, %)", *[_summary(p.dimensions[j].summary) for p in profiles]])
    rows.append(["Ensemble (médiane, %)", *[_summary(p.overall) for p in profiles]])
    return table_html(header, rows, caption)


def image_html(png: bytes, alt: str, css: str = "isg-chart") -> str:
    """A PNG as an ``<img>`` with its text alternative (escaped), inline as a data URI.

    >>> image_html(b"PNG", 'Radar "x" <y>')
    '<img class="isg-chart" alt="Radar &quot;x&quot; &lt;y&gt;" src="data:image/png;base64,UE5H">'
    """
    data = base64.b64encode(png).decode("ascii")
    return f'<img class="{css}" alt="{html.escape(alt, quote=True)}" src="data:image/png;base64,{data}">'


def chart_alt(title: str, profiles: Sequence, labels: Sequence[str]) -> str:
    """The text alternative of a profile chart: per assessor, each dimension's median and counts.

    ``profiles`` are :class:`isgrille.analysis.scoring.Profile` objects of one grid; the text is
    plain (escape it where it goes into HTML, as :func:`image_html` does).
    """
    parts = []
    for profile, label in zip(profiles, labels, strict=True):
        dimensions = "\u202f; ".join(f"{d.label}\u00a0: {_counts(d.summary)}" for d in profile.dimensions)
        parts.append(f"{label} — {dimensions}\u202f; ensemble\u00a0: {_counts(profile.overall)}.")
    return f"{title}. " + " ".join(parts) + " Le détail de chaque critère est dans le tableau des valeurs."


def _counts(summary) -> str:
    """« médiane Fort (2 Fort, 1 Faible, 1 non renseigné) »."""
    if summary.median is None:
        return "non renseigné"
    counts = [f"{n} {level}" for level, n in zip(summary.levels, summary.counts, strict=True) if n][::-1]
    if summary.not_rated:
        counts.append(f"{summary.not_rated} non renseigné{'s' if summary.not_rated > 1 else ''}")
    return f"médiane {summary.median} ({', '.join(counts)})"


def _summary(summary) -> str:
    """The median and the share (:mod:`isgrille.analysis.scoring`), e.g. ``Fort, 75 % au moins « Intermédiaire » (3 sur 4)``."""
    if summary.median is None:
        return "non renseigné"
    details = [f"{summary.at_least} sur {summary.rated}"]
    if summary.not_rated:
        details.append(f"{summary.not_rated} non renseigné{'s' if summary.not_rated > 1 else ''}")
    return (
        f"{summary.median}, {french_percent(summary.share)} au moins «\u00a0{summary.reference}\u00a0» "
        f"({', '.join(details)})"
    )


#: The kit's CSS, shown once by each screen (an HTML widget holding a <style> element).
STYLE = """<style>
.isg-card { border: 1px solid #888; border-radius: 6px; padding: 0.6em 1em; margin: 0.4em 0; background: #fafafa; }
.isg-statement { font-size: 1.35em; font-weight: 600; line-height: 1.3; }
.isg-good { color: #005a32; } .isg-bad { color: #8c1c13; }
.isg-feedback { border-left: 6px solid #555; padding: 0.4em 0.8em; margin-top: 0.4em; background: #f2f2f2; }
.isg-examples { display: grid; grid-template-columns: repeat(auto-fill, minmax(16em, 1fr)); gap: 0.5em; }
.isg-example { border: 1px solid #999; border-radius: 6px; padding: 0.5em; background: #fff; }
.isg-example h4 { margin: 0 0 0.3em 0; }
.isg-timer { font-size: 3em; font-weight: 700; font-variant-numeric: tabular-nums; }
.isg-table { border-collapse: collapse; margin: 0.4em 0; }
.isg-table th, .isg-table td { border: 1px solid #bbb; padding: 0.2em 0.5em; text-align: left; vertical-align: top; line-height: 1.35; }
.isg-table caption { font-weight: 600; text-align: left; }
.isg-levels td { width: 22%; font-size: 0.9em; }
.isg-notice { border: 2px solid #b35900; padding: 0.4em 0.8em; background: #fff4e5; }
.isg-chart { display: block; max-width: 100%; height: auto; }
/* A focus every keyboard user sees (WCAG 2.4.7): buttons, toggles, text boxes, links. */
button.jupyter-button:focus-visible:enabled, .jupyter-widgets input:focus-visible,
.jupyter-widgets textarea:focus-visible, .jupyter-widgets select:focus-visible, .widget-html-content a:focus-visible {
  outline: 3px solid #1a56c4; outline-offset: 2px; box-shadow: 0 0 0 5px #fff; }
</style>"""
