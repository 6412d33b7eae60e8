"""plots — matplotlib charts that draw what they are given.

Imports matplotlib, and below it only the analysis and content layers: a
chart computes nothing the core could compute. Each ``plot_*`` takes an
optional ``ax`` and returns the Axes it drew on; nothing touches global
matplotlib state. Text from data (names typed by learners, a grid's labels)
is drawn as it is, never as mathtext (``style.PLAIN_TEXT``). ``import
isgrille`` does not load this package.

==================  ==========================================================
module              what it holds
==================  ==========================================================
``style``           palette (Okabe–Ito), second cues, standalone axes
``radar``           ``plot_profile``: the radar of one or several assessments
``summary``         ``plot_dimension_summary``: bars per dimension and overall
``export``          ``figure_png``: a figure as PNG bytes
``live_radar``      LiveRadar: the radar redrawn fast for a live profile
``class_charts``    ``plot_cohort_heatmap``, ``plot_level_distribution`` (diverging
                    bars) and their alt texts ``heatmap_alt``, ``distribution_alt``
``quiz_charts``     ``plot_quiz_misses`` and ``quiz_misses_alt``
``class_figures``   a cohort's three charts, each with its alt text, from the tidy
                    frames: what ``cohort`` writes and ``06_analyse`` shows
``page_text``       text fitted to a printed page's columns (wrapped, « … », measured)
``card``            ``plot_card``: a project's card on one A4 page
``footer``          ``draw_footer``, ``add_footer``: the attribution at a figure's foot
==================  ==========================================================
"""

from .class_charts import distribution_alt, heatmap_alt, plot_cohort_heatmap, plot_level_distribution
from .export import figure_png
from .live_radar import LiveRadar
from .quiz_charts import plot_quiz_misses, quiz_misses_alt
from .radar import draw_profile_series, plot_profile
from .style import HATCHES, LINESTYLES, MARKERS, PALETTE
from .summary import plot_dimension_summary

__all__ = [
    "HATCHES",
    "LINESTYLES",
    "MARKERS",
    "PALETTE",
    "LiveRadar",
    "distribution_alt",
    "draw_profile_series",
    "figure_png",
    "heatmap_alt",
    "plot_cohort_heatmap",
    "plot_dimension_summary",
    "plot_level_distribution",
    "plot_profile",
    "plot_quiz_misses",
    "quiz_misses_alt",
]
