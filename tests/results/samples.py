"""A learner's results to save and read back, and a results file's data to break, for the results tests."""

from __future__ import annotations

from isgrille.results.learner import SELF, LearnerResults


def sample(grid) -> LearnerResults:
    """Results touching every field, rated by two assessors on the shipped grid's criteria."""
    results = LearnerResults(project="Ma recyclerie <b>", learner="Camille", stage="incuber")
    results.quiz = {"publics_fragiles": "FAUX"}
    results.innovation_dimensions = ["sociale"]
    results.rate("caractere_collectif", 1)
    results.rate("rupture_existant", None)
    results.rate("caractere_collectif", 3, assessor="formateur")
    results.axes = {"caractere_collectif": "Associer deux bénévoles"}
    results.pitch = {"a": "Une recyclerie", "b": "", "c": "Des questions\u202f?"}
    results.exchange = {"retour": "Clair"}
    return results


def base(**changes) -> dict:
    """A valid results file's data (one self-assessment), with ``changes`` applied."""
    data = {
        "format": "isgrille-results",
        "version": 1,
        "assessments": [{"assessor": SELF, "ratings": {"caractere_collectif": "Faible"}}],
    }
    data.update(changes)
    return data
