"""Content packs in tests: one unlike the shipped one (:func:`write_unlike_pack`), notebooks run on a pack."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import yaml
from nbclient import NotebookClient

from isgrille.content.loading import CONTENT_ENV
from isgrille.delivery.content_pack import write_pack

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
STATEMENTS = 50
TITLE = "Atelier d'essai du Collectif Zèbre"
ORGANISATION = "Collectif Zèbre"
CHOICES = ["OUI", "NON"]


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _quiz(data: dict) -> None:
    data["title"] = "Le OUI / NON d'essai"
    data["choices"] = CHOICES
    data["items"] = [
        {
            "id": f"affirmation_{i}",
            "statement": f"Affirmation d'essai numéro {i}.",
            "answer": CHOICES[(i + 1) % 2],
            "explanation": f"Explication de l'essai {i}.",
        }
        for i in range(1, STATEMENTS + 1)
    ]


def _workshop(data: dict) -> None:
    data.update(title=TITLE, organisation=ORGANISATION, offers=[])
    data["programme"].update(
        end="16:00",
        entries=[
            {"start": "14:00", "label": "Le quiz du collectif", "sequence": 1},
            {"start": "15:00", "label": "La grille et les pitchs", "sequence": 2},
        ],
    )


def write_unlike_pack(folder: Path) -> Path:
    """A pack in ``folder``: fifty OUI / NON statements, a two-entry programme at other times, another title
    and organisation, stages with no offer; the shipped concepts and grid."""
    write_pack(folder)
    _edit(folder / "quiz.yaml", _quiz)
    _edit(folder / "workshop.yaml", _workshop)
    return folder


def pack_without(folder: Path, number: int, part: str) -> Path:
    """The shipped content as a pack in ``folder``, with ``part`` (``pitch``, ``exchange``…) left out of sequence
    ``number`` — the workshop's schema allows a sequence without it."""
    write_pack(folder)

    def leave_out(data: dict) -> None:
        (sequence,) = [s for s in data["sequences"] if s["number"] == number]
        del sequence[part]

    _edit(folder / "workshop.yaml", leave_out)
    return folder


def run_with_pack(name: str, pack: Path, tmp_path: Path, monkeypatch) -> nbformat.NotebookNode:
    """Notebook ``name`` executed in a real kernel with the pack and a results file of this attempt's own."""
    monkeypatch.setenv(CONTENT_ENV, str(pack))
    monkeypatch.delenv("ISGRILLE_GRID", raising=False)
    monkeypatch.setenv("ISGRILLE_RESULTS", str(tmp_path / "resultats" / "mes_resultats.json"))
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [str(NOTEBOOKS.parent), os.environ.get("PYTHONPATH")]))
    )
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    ).execute()
    return notebook


def shown_html(notebook: nbformat.NotebookNode) -> str:
    """The HTML outputs of an executed notebook, then the value of every widget (its stored state)."""
    outputs = [
        output.get("data", {}).get("text/html", "") for cell in notebook.cells for output in cell.get("outputs", [])
    ]
    states = notebook.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    values = [str(state["state"].get("value", "")) for state in states.get("state", {}).values()]
    return "\n".join(outputs + values)
