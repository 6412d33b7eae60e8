"""isgrille: the kit of the workshop « Établi – Innovation sociale » (ATIS).

The core — model, loading, scoring, cohort I/O — imports neither matplotlib
nor ipywidgets, and pydantic and PyYAML only when a file is first loaded, so
``import isgrille`` is fast in a script, a test or a notebook alike::

    from isgrille import load_grid, load_assessments, score_assessment
    grid = load_grid()
    for assessment in load_assessments(grid=grid):
        print(assessment.project, score_assessment(grid, assessment).overall.median)
"""

from .cohort import assessments_frame, load_assessments
from .errors import ContentError, Problem
from .kit import Kit, open_kit
from .loading import (
    data_dir,
    load_concepts,
    load_grid,
    load_quiz,
    load_workshop,
    validate_file,
)
from .model import NOT_RATED, Assessment, Criterion, Dimension, Grid, Quiz, QuizItem, SectorExample
from .quiz_scoring import QuizResult, score_quiz
from .results import LearnerResults, ResultsStore, read_results, save_results
from .scoring import (
    AssessmentGap,
    ImprovementAxis,
    LevelSummary,
    Profile,
    compare_assessments,
    find_improvement_axes,
    score_assessment,
)

__version__ = "0.1.0"

__all__ = [
    "NOT_RATED",
    "Assessment",
    "AssessmentGap",
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
    "Quiz",
    "ResultsStore",
    "QuizItem",
    "QuizResult",
    "SectorExample",
    "assessments_frame",
    "compare_assessments",
    "data_dir",
    "find_improvement_axes",
    "load_assessments",
    "load_concepts",
    "load_grid",
    "load_quiz",
    "load_workshop",
    "open_kit",
    "read_results",
    "save_results",
    "score_assessment",
    "score_quiz",
    "validate_file",
]
