"""No text of the kit gives a mean of ordinal levels (issue 16): one rule for figures, said the same way everywhere.

Levels are ordinal, so the kit's figures are the median level and the share of
rated criteria at or above the grid's reference level
(:func:`isgrille.analysis.scoring.figure_rule`). This scans every place a
learner, trainer or analyst reads text from: the package's string literals
(docstrings included), the notebooks' markdown and code cells, README.md, the
developers' docs and the text files under ``data/``, for « moyenne », « mean »,
« average » and the old « % du niveau maximal ».

The allowances are explicit and narrow: the rule itself, which names the mean
only to refuse it (« jamais de moyenne », « never a mean »…), and one quiz fact
of the source, a figure about food waste and not about levels, allowed in the
quiz file only. Each allowance must still be in use, so none outlives its reason.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Words that give (or name) a mean, and the old heading of the bars.
MEAN = re.compile(r"\b(?:moyennes?|mean|averages?|niveau maximal)\b", re.IGNORECASE)

#: Phrases that name the mean only to refuse it: allowed anywhere.
REFUSALS = ("jamais de moyenne", "jamais la moyenne", "never a mean")
#: A figure of the source, not of levels: allowed in this file only.
QUIZ_FACT = ("data/quiz.yaml", "jetés en moyenne par Français et par an")


def _words(text: str) -> str:
    """``text`` with every kind of space as one ASCII space (no-break spaces, line breaks in a paragraph)."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def offending(text: str, where: str = "") -> list[str]:
    """Each place in ``text`` that names a mean, once the allowed phrases are taken out."""
    text = _words(text)
    for phrase in REFUSALS:
        text = re.sub(re.escape(phrase), "…", text, flags=re.IGNORECASE)
    if where == QUIZ_FACT[0]:
        text = text.replace(QUIZ_FACT[1], "…")
    return [text[max(0, m.start() - 50) : m.end() + 30] for m in MEAN.finditer(text)]


def _literals(path: Path) -> list[str]:
    """Every string literal of a module: docstrings, plain strings and the fixed parts of f-strings."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def _notebook_cells(path: Path) -> list[str]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] in ("markdown", "code")]


def _read(path: Path) -> str:
    """A text file as the kit reads it: UTF-8 (with or without BOM), else Windows-1252 (a trainer's CSV)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _sources() -> dict[str, list[str]]:
    """What is scanned, by file (relative to the repository): each file's texts."""
    sources: dict[str, list[str]] = {}
    for path in sorted((ROOT / "isgrille").rglob("*.py")):
        sources[path.relative_to(ROOT).as_posix()] = _literals(path)
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        sources[path.relative_to(ROOT).as_posix()] = _notebook_cells(path)
    texts = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    texts += [p for p in sorted((ROOT / "data").rglob("*")) if p.suffix in (".yaml", ".yml", ".csv", ".json", ".md")]
    for path in texts:
        sources[path.relative_to(ROOT).as_posix()] = [_read(path)]
    return sources


@pytest.fixture(scope="module")
def sources() -> dict[str, list[str]]:
    return _sources()


def test_the_scan_reaches_every_kind_of_text(sources):
    assert "isgrille/analysis/scoring.py" in sources and "README.md" in sources and "data/quiz.yaml" in sources
    assert {name for name in sources if name.startswith("notebooks/")} >= {
        "notebooks/02_caracteriser.ipynb",
        "notebooks/06_analyse.ipynb",
    }
    assert any(name.startswith("data/grids/") for name in sources)


def test_no_text_gives_a_mean_of_levels(sources):
    found = {name: hits for name, texts in sources.items() if (hits := [h for t in texts for h in offending(t, name)])}
    assert found == {}


@pytest.mark.parametrize(
    "text",
    [
        "le **pourcentage** situe la moyenne des niveaux entre le plus bas (0\u00a0%)",
        "Par dimension (% du niveau maximal, médiane)",
        "The percentage is the mean rank as a share of the top rank",
        "la moyenne des niveaux",
        "Moyennes par dimension",
        "average level",
        "jamais de moyenne, sauf ici\u00a0: la moyenne vaut 2,5",  # a refusal does not cover the next sentence
    ],
)
def test_the_scan_catches_a_mean(text):
    assert offending(text) != []


@pytest.mark.parametrize(
    "text, where",
    [
        ("Les niveaux sont ordinaux\u00a0: le kit donne le niveau médian des critères notés, jamais de moyenne.", ""),
        ("on compte et on prend la médiane, jamais\nla moyenne.", "notebooks/06_analyse.ipynb"),
        ("the median level (ordinal: the lower median, never a mean) and the spread", ""),
        ("what a level means to the trainer", ""),  # « means »: not a mean
        (
            "20 kg de produits alimentaires encore consommables sont jetés en moyenne par Français et par an.",
            "data/quiz.yaml",
        ),
    ],
)
def test_the_allowances_are_explicit(text, where):
    assert offending(text, where) == []


def test_the_quiz_fact_is_allowed_in_the_quiz_file_only():
    fact = "20 kg sont jetés en moyenne par Français et par an."
    assert offending(fact, "data/quiz.yaml") == []
    assert offending(fact, "README.md") != []


def test_every_allowance_is_still_in_use(sources):
    """An allowance that nothing needs any more is taken out, so the list stays as narrow as the texts."""
    everything = _words(" ".join(t for texts in sources.values() for t in texts)).lower()
    assert [phrase for phrase in REFUSALS if phrase not in everything] == []
    assert QUIZ_FACT[1] in _words(" ".join(sources[QUIZ_FACT[0]]))
