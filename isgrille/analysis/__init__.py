"""analysis — what the kit computes: profiles, quiz scores, cohorts.

Pure functions on the content model (pandas only where a frame is asked
for). Imports the content and results layers, never plots, widgets or delivery.

==============  ==============================================================
module          what it holds
==============  ==============================================================
``scoring``     ``score_assessment`` (profile: counts, median, share at or
                above the reference level),
                ``find_improvement_axes``, ``compare_assessments``
``quiz``        ``score_quiz``: a learner's answers against the quiz
``cohort``      a cohort's CSV of assessments (``load_assessments``) and its
                tidy pandas table (``assessments_frame``)
``spreadsheet`` CSV safe to open in a spreadsheet: ``safe_cell`` neutralises
                formulas, ``write_csv`` writes every export of the kit
``distribution`` a class at a glance from its tidy ratings frame: ``level_counts``,
                ``level_medians``, ``dimension_medians``, ``project_matrix``,
                ``compare_assessors``, ``compare_dates``
``assessment_keys`` the rows of one assessment, the one per project, its
                levels as a projects × criteria matrix, all on codes
``quiz_tally``  the class's quiz answers: ``quiz_misses`` (the statements
                missed most), ``answer_counts`` (the votes per choice)
``card``        a project's card computed (``card_data``, ``card_from_results``,
                ``cards_by_project``): profiles, summaries, axes, pitch
``frames``      the tidy frames, built column by column: ``ratings_frame``
                (one row per assessment and criterion), ``quiz_frame``
``tidy``        ``load_cohort``: results files, folders and cohort tables
                read into one ``Cohort`` (frames, ``ProjectRecord`` per
                project, the problems of the sources refused)
``room``        the live room: its files re-read when changed (``RoomReader``),
                who joined, projects × criteria, votes, two assessments' gaps
``room_live``   the live room's figures: « mon projet en 2 mots » as word
                counts, the room's ratings of a pitch (count, median, spread)
==============  ==============================================================
"""

from .frames import ratings_frame
from .tidy import Cohort, ProjectRecord, load_cohort

__all__ = ["Cohort", "ProjectRecord", "load_cohort", "ratings_frame"]
