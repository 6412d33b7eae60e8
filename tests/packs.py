"""A content pack unlike the shipped one, for tests: :func:`write_unlike_pack` (issue 17)."""

from __future__ import annotations

from pathlib import Path

import yaml

from isgrille.delivery.content_pack import write_pack

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
    data["items"] = [{"id": f"affirmation_{i}", "statement": f"Affirmation d'essai numéro {i}.",
                      "answer": CHOICES[(i + 1) % 2], "explanation": f"Explication de l'essai {i}."}
                     for i in range(1, STATEMENTS + 1)]


def _workshop(data: dict) -> None:
    data.update(title=TITLE, organisation=ORGANISATION, offers=[])
    data["programme"].update(end="16:00", entries=[
        {"start": "14:00", "label": "Le quiz du collectif", "sequence": 1},
        {"start": "15:00", "label": "La grille et les pitchs", "sequence": 2}])


def write_unlike_pack(folder: Path) -> Path:
    """A pack in ``folder``: fifty OUI / NON statements, a two-entry programme at other times, another title
    and organisation, stages with no offer; the shipped concepts and grid."""
    write_pack(folder)
    _edit(folder / "quiz.yaml", _quiz)
    _edit(folder / "workshop.yaml", _workshop)
    return folder
