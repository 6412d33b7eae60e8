"""widgets — isgrille's screens (ipywidgets 8).

They hold no business logic: they call the core (content, results, analysis)
and the charts (plots), show the results, and save what the learner enters
through the :class:`~isgrille.results.store.ResultsStore` they are given —
always via a :class:`~isgrille.widgets.status.SaveStatus` beside the input,
so a failed save is a French message there, never a traceback.
Nothing below imports this package; only delivery and the notebooks do.

=================  ==============================================================
module             what it holds
=================  ==============================================================
``welcome``        static screens from the workshop file: ATIS, objectives,
                   programme, sequence headers
``session``        the session panel: project name, where results are saved,
                   download and resume
``quiz``           the VRAI / FAUX quiz, one statement at a time
``concepts``       sequence 1: dimensions of innovation, definitions, key points
``assessment``     the self-assessment with its live profile
``profile``        a profile on screen: radar with its text alternative, the values as
                   a table; two assessments compared in words
``axes``           improvement axes: the next level's descriptor as a target
``pitch``          the pitch outline, its preview and countdown
``ecosystem``      sequence 3: offers and resources by the project's stage
``booster``        sequence 4: the exchange sheet
``timer``          the countdown a trainer starts, pauses and resets
``status``         the save status beside an input: empty, or why the save failed
``text``           HTML building blocks: escaping, inline Markdown, tables, CSS
``card_download``  « Télécharger ma fiche projet »: the card built on a click,
                   its files linked
``class_view``     a class's charts (heatmap, levels, quiz misses) as images
                   with their text alternative; a cohort's summary
``room_panel``     the live room's address with its QR code, who joined, the
                   refresh every few seconds on the kernel's loop
``room_votes``     the room's quiz votes, hidden until « Révéler »; the misses
``room_profile``   the room's projects × criteria, levels, self vs another
``room_booster``   séquence 4 on the projector: the project that pitches, its
                   exchange sheet saved in its file
``room_cards``     every project's card, one or all in one PDF
``phone_steps``    the live room's welcome on a phone, and the phones' CSS
``phone_quiz``     the room's quiz on a phone: the trainer's statement, full-width
                   answers, the verdict and explanation once revealed
``phone_grid``     the grid on a phone: full-width levels with their whole
                   descriptors, the profile; rating the project that pitches
``room_words``     « mon projet en 2 mots » of every project as a word cloud
``room_live_ratings``
                   the room's ratings of the pitch arriving live, over the
                   project's self-assessment
=================  ==============================================================

    from isgrille import open_kit
    from isgrille.widgets import quiz_widget
    kit = open_kit()                      # grid, content and the learner's results store
    quiz_widget(kit.quiz, kit.store)
"""

from .assessment import AssessmentWidget, assessment_widget
from .axes import AxesWidget, axes_widget
from .booster import ExchangeSheet, exchange_sheet
from .class_view import cohort_summary_html, frame_html, heatmap_html, levels_html, quiz_misses_html
from .concepts import (
    DimensionsChecklist,
    definitions_html,
    dimensions_checklist,
    dimensions_html,
    key_points_html,
    key_questions_html,
)
from .ecosystem import DirectoryWidget, directory_widget, resources_html
from .pitch import PitchWidget, pitch_widget
from .profile import ProfileView, comparison_html, profile_view, summary_view
from .quiz import QuizWidget, quiz_widget
from .session import SessionPanel, example_notice, session_panel
from .status import SaveStatus, save_status
from .timer import CountdownWidget, countdown_widget
from .welcome import atis_html, objectives_html, offers_by_stage_html, programme_html, sequence_header_html

__all__ = [
    "AssessmentWidget",
    "AxesWidget",
    "CountdownWidget",
    "DimensionsChecklist",
    "DirectoryWidget",
    "ExchangeSheet",
    "PitchWidget",
    "ProfileView",
    "QuizWidget",
    "SaveStatus",
    "SessionPanel",
    "assessment_widget",
    "atis_html",
    "axes_widget",
    "cohort_summary_html",
    "comparison_html",
    "countdown_widget",
    "definitions_html",
    "dimensions_checklist",
    "dimensions_html",
    "directory_widget",
    "example_notice",
    "exchange_sheet",
    "frame_html",
    "heatmap_html",
    "key_points_html",
    "key_questions_html",
    "levels_html",
    "objectives_html",
    "offers_by_stage_html",
    "pitch_widget",
    "profile_view",
    "programme_html",
    "quiz_misses_html",
    "quiz_widget",
    "resources_html",
    "save_status",
    "sequence_header_html",
    "session_panel",
    "summary_view",
]
