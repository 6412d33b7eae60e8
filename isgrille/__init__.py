"""isgrille: the kit of the workshop « Établi – Innovation sociale » (ATIS).

The package is a house of six rooms, each a subpackage whose ``__init__``
docstring is its map. Imports point down only — a room never imports one
above it, not even inside a function — and no module imports itself back
through another (``tests/test_layers.py`` checks both)::

    delivery   open_kit, the command line, Voilà         (what a person starts)
       ↓
    widgets    ipywidgets screens, no business logic
       ↓
    plots      matplotlib charts that draw what they are given
       ↓
    analysis   scoring, quiz scoring, cohorts            (pure)
       ↓
    results    a learner's work, its file format, the store
       ↓
    content    the grid and quiz model, reading and validating files

The core — content, results, analysis, and ``open_kit`` — imports neither
matplotlib nor ipywidgets, and pydantic and PyYAML only when a file is first
loaded, so ``import isgrille`` is fast in a script, a test or a notebook alike::

    from isgrille import load_grid, load_assessments, score_assessment
    grid = load_grid()
    for assessment in load_assessments(grid=grid):
        print(assessment.project, score_assessment(grid, assessment).overall.median)
"""

from .analysis.cohort import assessments_frame, load_assessments
from .analysis.distribution import (
    Comparison,
    compare_assessors,
    compare_dates,
    dimension_medians,
    level_counts,
    level_medians,
    project_matrix,
)
from .analysis.frames import ratings_frame
from .analysis.quiz import QuizResult, score_quiz
from .analysis.quiz_tally import answer_counts, quiz_misses
from .analysis.scoring import (
    AssessmentGap,
    ImprovementAxis,
    LevelSummary,
    Profile,
    compare_assessments,
    figure_rule,
    find_improvement_axes,
    score_assessment,
)
from .analysis.tidy import Cohort, ProjectRecord, load_cohort
from .content.attribution import Attribution, attribution_of
from .content.errors import ContentError, Problem
from .content.loading import data_dir, load_concepts, load_grid, load_quiz, load_workshop
from .content.model import NOT_RATED, Assessment, Criterion, Dimension, Grid, Quiz, QuizItem, SectorExample
from .delivery.kit import Kit, open_kit
from .delivery.validate import validate_file
from .results.learner import LearnerResults
from .results.store import ResultsStore, SaveError, read_results, save_results

__version__ = "0.1.0"

__all__ = [
    "NOT_RATED",
    "Assessment",
    "AssessmentGap",
    "Attribution",
    "Cohort",
    "Comparison",
    "ContentError",
    "Criterion",
    "Dimension",
    "Grid",
    "ImprovementAxis",
    "Kit",
    "LearnerResults",
    "LevelSummary",
    "Problem",
    "Profile",
    "ProjectRecord",
    "Quiz",
    "QuizItem",
    "QuizResult",
    "ResultsStore",
    "SaveError",
    "SectorExample",
    "answer_counts",
    "assessments_frame",
    "attribution_of",
    "compare_assessments",
    "compare_assessors",
    "compare_dates",
    "data_dir",
    "dimension_medians",
    "figure_rule",
    "find_improvement_axes",
    "level_counts",
    "level_medians",
    "load_assessments",
    "load_cohort",
    "load_concepts",
    "load_grid",
    "load_quiz",
    "load_workshop",
    "open_kit",
    "project_matrix",
    "quiz_misses",
    "ratings_frame",
    "read_results",
    "save_results",
    "score_assessment",
    "score_quiz",
    "validate_file",
]
