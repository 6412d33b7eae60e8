"""Every notebook runs with a grid other than the AMI one (``ISGRILLE_GRID``), and says which.

A trainer points the kit at their own grid with the environment variable
``ISGRILLE_GRID``; nothing in the notebooks may depend on the AMI grid's
shape. Each notebook is executed top to bottom in a real kernel (nbclient)
with a generated grid of 2 dimensions × 5 criteria × 3 levels and a results
file of its own in ``tmp_path``; a bad grid file stops the first cell with a
French message and no traceback.

Each notebook runs again with the kit's second shipped grid, named rather than
given as a path (``ISGRILLE_GRID=questions_cles``: 1 dimension, 7 criteria, 3
levels, an adaptation of the source). Those runs end with a cell of their own
that drives the screens as a learner would (a level chosen, an axis typed) and
prints what the screens then show; the test reads that and the results file.
A run is a kernel of its own (a few seconds each), so the drives go into the
same five runs rather than into more of them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from .widgets.reading import table_rows

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
LEVELS = ("Bas", "Moyen", "Haut")


def write_grid(path: Path, dimensions: int = 2, criteria: int = 5) -> Path:
    """A grid file of ``dimensions`` × ``criteria`` criteria and the three LEVELS."""
    lines = [
        "kind: grid",
        "id: grille_essai",
        'title: "Grille d\'essai «\u00a0maison\u00a0»"',
        'source: "Une grille écrite pour les tests"',
        f"levels: [{', '.join(LEVELS)}]",
        "dimensions:",
    ]
    for d in range(1, dimensions + 1):
        lines += [f"  - id: dim{d}", f'    label: "Dimension {d}"', "    criteria:"]
        for c in range(1, criteria + 1):
            descriptors = ", ".join(f'{level}: "critère {d}.{c}, niveau {level}"' for level in LEVELS)
            lines += [
                f"      - id: crit{d}_{c}",
                f'        label: "Critère {d}.{c}"',
                f"        descriptors: {{{descriptors}}}",
            ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(name: str, tmp_path: Path, monkeypatch, grid: Path | str, then: str = "") -> nbformat.NotebookNode:
    """Execute notebook ``name`` with ``grid`` (a file or a shipped grid's name) and a results file in
    ``tmp_path``, then the code ``then`` in a last cell of its own; the executed notebook."""
    monkeypatch.setenv("ISGRILLE_GRID", str(grid))
    monkeypatch.setenv("ISGRILLE_RESULTS", str(tmp_path / "resultats" / "mes_resultats.json"))
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [str(NOTEBOOKS.parent), os.environ.get("PYTHONPATH")]))
    )
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    if then:
        notebook.cells.append(nbformat.v4.new_code_cell(then))
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    ).execute()
    return notebook


def html_of(notebook: nbformat.NotebookNode) -> str:
    """The HTML outputs, then the value of every HTML widget (its state, stored by nbclient)."""
    outputs = [
        output.get("data", {}).get("text/html", "") for cell in notebook.cells for output in cell.get("outputs", [])
    ]
    return "\n".join(
        outputs
        + [
            str(state["state"].get("value", ""))
            for state in widget_states(notebook)
            if state["model_name"] == "HTMLModel"
        ]
    )


def widget_states(notebook: nbformat.NotebookNode) -> list[dict]:
    states = notebook.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    return list(states.get("state", {}).values())  # a notebook without widgets (06) has none


@pytest.fixture
def grid(tmp_path) -> Path:
    return write_grid(tmp_path / "ma_grille.yaml")


@pytest.mark.parametrize("name", sorted(path.stem for path in NOTEBOOKS.glob("[0-9]*.ipynb")))
def test_every_notebook_runs_with_another_grid(name, tmp_path, monkeypatch, grid):
    html = html_of(run(name, tmp_path, monkeypatch, grid))
    assert "creativecommons.org/licenses/by-nc-sa/4.0/deed.fr" in html  # attribution at the end of each
    if name in ("00_accueil", "02_caracteriser", "06_analyse"):
        assert "Grille d&#x27;essai «\u00a0maison\u00a0»" in html and "2 dimensions, 10 critères, 3 niveaux" in html
        assert str(grid) in html
    if name == "06_analyse":  # no fictional class for a grid of one's own: empty analyses, said plainly
        assert "0 projet, 0 évaluation" in html and "Aucune évaluation\u00a0: pas de carte des projets." in html
    if name == "04_booster":
        assert "le projet fictif d&#x27;exemple n&#x27;existe que pour la grille de l&#x27;AMI" in html
        assert "(fictif)" not in html


def test_the_rating_screen_has_one_picker_per_criterion_of_the_grid(tmp_path, monkeypatch, grid):
    notebook = run("02_caracteriser", tmp_path, monkeypatch, grid)
    pickers = [
        state
        for state in widget_states(notebook)
        if state["model_name"] == "ToggleButtonsModel" and set(LEVELS) <= set(state["state"]["_options_labels"])
    ]
    assert len(pickers) == 10


def test_a_bad_grid_file_stops_the_first_cell_with_a_french_message(tmp_path, monkeypatch):
    bad = tmp_path / "grille_cassee.yaml"
    bad.write_text("kind: grid\nid: cassee\nlevels: [Seul]\ndimensions: []\n", encoding="utf-8")
    with pytest.raises(CellExecutionError) as raised:
        run("00_accueil", tmp_path, monkeypatch, bad)
    message = str(raised.value)
    assert "Le kit ne s'ouvre pas\u00a0: " in message and str(bad) in message
    assert "Traceback" not in message and "ContentError" not in message.split("KitNotOpened")[0]


# --- the shipped key-questions grid, by its name ------------------------------------------

KEY_QUESTIONS_TITLE = "Questions clés pour l&#x27;analyse d&#x27;un projet d&#x27;innovation sociale"
ADAPTATION = (
    "Grille adaptée par le kit isgrille à partir des questions clés de l&#x27;atelier\u202f; les descripteurs "
    "ne viennent pas de la source."
)
#: Printed by the last cell of a driven notebook, as one JSON line.
REPORT = "import json; print(json.dumps({k: v for k, v in report.items()}))"
#: What the test drives in each notebook, as a learner would: the report it prints is read below.
DRIVES = {
    "02_caracteriser": """
grid_screen.pickers["besoin"].value = "Oui"
grid_screen.pickers["parties_prenantes"].value = "Non"
grid_screen.pickers["impact_social"].value = "En partie"
axes.boxes["parties_prenantes"].value = "Associer les familles au choix des trajets."
report = {"pickers": {cid: list(p.options) for cid, p in grid_screen.pickers.items()},
          "profile": grid_screen.profile.table.value, "alt": grid_screen.profile.alt,
          "axes": list(axes.boxes)}
""",
    "04_booster": """
second.pickers["besoin"].value = "En partie"
second.pickers["ancrage_territorial"].value = "Oui"
report = {"assessor": second.assessor, "profile": second.profile.table.value, "alt": second.profile.alt,
          "pickers": len(second.pickers)}
""",
}


def report_of(notebook: nbformat.NotebookNode) -> dict:
    """The JSON line printed by the driving cell (the last one)."""
    [line] = [output["text"] for output in notebook.cells[-1].outputs if output.get("name") == "stdout"]
    return json.loads(line)


@pytest.mark.parametrize("name", sorted(path.stem for path in NOTEBOOKS.glob("[0-9]*.ipynb")))
def test_every_notebook_runs_with_the_shipped_key_questions_grid(name, tmp_path, monkeypatch):
    drive = DRIVES.get(name, "")
    notebook = run(name, tmp_path, monkeypatch, "questions_cles", then=drive + REPORT if drive else "")
    html = html_of(notebook)
    assert "creativecommons.org/licenses/by-nc-sa/4.0/deed.fr" in html
    saved = tmp_path / "resultats" / "mes_resultats.json"
    if name == "06_analyse":  # the key-questions grid's fictional class, its charts
        assert "4 projets, " in html and html.count('<img class="isg-chart" alt="') == 3
    if name in ("00_accueil", "02_caracteriser", "06_analyse"):  # the grid card: title, size, adaptation note
        assert f"La grille utilisée\u00a0: {KEY_QUESTIONS_TITLE}" in html
        assert "1 dimension, 7 critères, 3 niveaux (Non, En partie, Oui)" in html
        assert f'<p role="note"><small><strong>Adaptation\u00a0:</strong> {ADAPTATION}</small></p>' in html
    if name in ("02_caracteriser", "04_booster"):  # the profile beside the rating screen names the grid too
        assert (
            f'<p role="note"><small><strong>Grille «\u00a0{KEY_QUESTIONS_TITLE}\u00a0»\u00a0:</strong> {ADAPTATION}'
            "</small></p>"
        ) in html
    if name == "02_caracteriser":
        report = report_of(notebook)
        assert report["pickers"] == {
            cid: ["Non", "En partie", "Oui", "Non renseigné"]
            for cid in (
                "besoin",
                "nouveaute",
                "collectif",
                "parties_prenantes",
                "ancrage_territorial",
                "intensite_innovation",
                "impact_social",
            )
        }
        assert report["axes"] == ["parties_prenantes", "impact_social"]  # below the top level, in grid order
        rows = table_rows(report["profile"])
        assert ["Quel besoin est concerné\u202f? Est-il pas ou mal couvert\u202f?", "Oui"] in rows
        assert ["Ancrage territorial", "non renseigné"] in rows
        assert "Questions clés\u00a0: médiane En partie (1 Oui, 1 En partie, 1 Non, 4 non renseignés)" in report["alt"]
        results = json.loads(saved.read_text(encoding="utf-8"))
        assert results["grid"] == "questions_cles"
        [own] = results["assessments"]
        assert own["ratings"] == {"besoin": "Oui", "parties_prenantes": "Non", "impact_social": "En partie"}
        assert results["axes"] == {"parties_prenantes": "Associer les familles au choix des trajets."}
    if name == "04_booster":  # the fictional example is the AMI grid's: a French note, not a crash
        assert "le projet fictif d&#x27;exemple n&#x27;existe que pour la grille de l&#x27;AMI" in html
        assert f"pas pour la grille «\u00a0{KEY_QUESTIONS_TITLE}\u00a0»" in html and "(fictif)" not in html
        report = report_of(notebook)
        assert (report["assessor"], report["pickers"]) == ("formateur", 7)
        assert ["Ancrage territorial", "Oui"] in table_rows(report["profile"])  # no self-assessment to compare with
        assert "formateur — Questions clés\u00a0: médiane Oui (1 Oui, 1 En partie, 5 non renseignés)" in report["alt"]
        [trainer] = json.loads(saved.read_text(encoding="utf-8"))["assessments"]
        assert trainer == {"assessor": "formateur", "ratings": {"besoin": "En partie", "ancrage_territorial": "Oui"}}
