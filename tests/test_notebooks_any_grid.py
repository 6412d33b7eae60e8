"""Every notebook runs with a grid other than the AMI one (``ISGRILLE_GRID``), and says which.

A trainer points the kit at their own grid with the environment variable
``ISGRILLE_GRID``; nothing in the notebooks may depend on the AMI grid's
shape. Each notebook is executed top to bottom in a real kernel (nbclient)
with a generated grid of 2 dimensions × 5 criteria × 3 levels and a results
file of its own in ``tmp_path``; a bad grid file stops the first cell with a
French message and no traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
LEVELS = ("Bas", "Moyen", "Haut")


def write_grid(path: Path, dimensions: int = 2, criteria: int = 5) -> Path:
    """A grid file of ``dimensions`` × ``criteria`` criteria and the three LEVELS."""
    lines = ["kind: grid", "id: grille_essai", 'title: "Grille d\'essai « maison »"',
             'source: "Une grille écrite pour les tests"', f"levels: [{', '.join(LEVELS)}]", "dimensions:"]
    for d in range(1, dimensions + 1):
        lines += [f"  - id: dim{d}", f'    label: "Dimension {d}"', "    criteria:"]
        for c in range(1, criteria + 1):
            descriptors = ", ".join(f'{level}: "critère {d}.{c}, niveau {level}"' for level in LEVELS)
            lines += [f"      - id: crit{d}_{c}", f'        label: "Critère {d}.{c}"',
                      f"        descriptors: {{{descriptors}}}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(name: str, tmp_path: Path, monkeypatch, grid: Path) -> nbformat.NotebookNode:
    """Execute notebook ``name`` with ``grid`` and a results file in ``tmp_path``; the executed notebook."""
    monkeypatch.setenv("ISGRILLE_GRID", str(grid))
    monkeypatch.setenv("ISGRILLE_RESULTS", str(tmp_path / "resultats" / "mes_resultats.json"))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(NOTEBOOKS.parent),
                                                                    os.environ.get("PYTHONPATH")])))
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return notebook


def html_of(notebook: nbformat.NotebookNode) -> str:
    """The HTML outputs, then the value of every HTML widget (its state, stored by nbclient)."""
    outputs = [output.get("data", {}).get("text/html", "") for cell in notebook.cells
               for output in cell.get("outputs", [])]
    return "\n".join(outputs + [str(state["state"].get("value", "")) for state in widget_states(notebook)
                                 if state["model_name"] == "HTMLModel"])


def widget_states(notebook: nbformat.NotebookNode) -> list[dict]:
    return list(notebook.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"].values())


@pytest.fixture
def grid(tmp_path) -> Path:
    return write_grid(tmp_path / "ma_grille.yaml")


@pytest.mark.parametrize("name", sorted(path.stem for path in NOTEBOOKS.glob("[0-9]*.ipynb")))
def test_every_notebook_runs_with_another_grid(name, tmp_path, monkeypatch, grid):
    html = html_of(run(name, tmp_path, monkeypatch, grid))
    assert "creativecommons.org/licenses/by-nc-sa/4.0/deed.fr" in html  # attribution at the end of each
    if name in ("00_accueil", "02_caracteriser"):
        assert "Grille d&#x27;essai « maison »" in html and "2 dimensions, 10 critères, 3 niveaux" in html
        assert str(grid) in html
    if name == "04_booster":
        assert "le projet fictif d&#x27;exemple n&#x27;existe que pour la grille de l&#x27;AMI" in html
        assert "(fictif)" not in html


def test_the_rating_screen_has_one_picker_per_criterion_of_the_grid(tmp_path, monkeypatch, grid):
    notebook = run("02_caracteriser", tmp_path, monkeypatch, grid)
    pickers = [state for state in widget_states(notebook) if state["model_name"] == "ToggleButtonsModel"
               and set(LEVELS) <= set(state["state"]["_options_labels"])]
    assert len(pickers) == 10


def test_a_bad_grid_file_stops_the_first_cell_with_a_french_message(tmp_path, monkeypatch):
    bad = tmp_path / "grille_cassee.yaml"
    bad.write_text("kind: grid\nid: cassee\nlevels: [Seul]\ndimensions: []\n", encoding="utf-8")
    with pytest.raises(CellExecutionError) as raised:
        run("00_accueil", tmp_path, monkeypatch, bad)
    message = str(raised.value)
    assert "Le kit ne s'ouvre pas : " in message and str(bad) in message
    assert "Traceback" not in message and "ContentError" not in message.split("KitNotOpened")[0]
