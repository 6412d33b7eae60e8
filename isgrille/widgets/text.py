"""HTML for the widgets: escaping, the content's inline Markdown, tables, the kit's CSS.

Every text typed by a learner goes through :func:`escape` before it is put
in an HTML widget, so a pitch containing ``<script>`` shows as text. Content
from ``data/`` may use ``**gras**`` and ``*italique*``, rendered by
:func:`inline_markdown` after escaping.
"""

from __future__ import annotations

import html
import re
from typing import Iterable, Sequence

__all__ = ["escape", "inline_markdown", "table_html", "profile_table_html", "STYLE"]

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)
_ITALIC = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", re.S)


def escape(text: str) -> str:
    """Escape text for HTML (quotes too); line breaks become ``<br>``.

    >>> escape('<script>alert("x")</script>\\nfin')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>fin'
    """
    return html.escape(text, quote=True).replace("\n", "<br>")


def inline_markdown(text: str) -> str:
    """Escape, then render ``**bold**`` and ``*italic*``.

    >>> inline_markdown("une **réponse** *nouvelle* <b>")
    'une <strong>réponse</strong> <em>nouvelle</em> &lt;b&gt;'
    """
    out = _BOLD.sub(r"<strong>\1</strong>", escape(text))
    return _ITALIC.sub(r"<em>\1</em>", out)


def table_html(header: Sequence[str], rows: Iterable[Sequence[object]], caption: str = "",
               row_headers: bool = True, css: str = "isg-table") -> str:
    """An accessible HTML table (caption, header cells with scope); every cell is escaped.

    With ``row_headers`` the first cell of each row is a row header.
    """
    head = "".join(f'<th scope="col">{escape(str(h))}</th>' for h in header)
    body = "".join(
        "<tr>" + "".join(
            (f'<th scope="row">{escape(str(c))}</th>' if i == 0 and row_headers
             else f"<td>{escape('' if c is None else str(c))}</td>")
            for i, c in enumerate(row)
        ) + "</tr>"
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


def _summary(summary) -> str:
    if summary.median is None:
        return "non renseigné"
    text = f"{summary.median}, {summary.percent:.0f} %"
    if summary.not_rated:
        text += f" ({summary.not_rated} non renseigné{'s' if summary.not_rated > 1 else ''})"
    return text


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
</style>"""
