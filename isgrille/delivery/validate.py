"""Check any file of the kit, whatever it holds: ``python -m isgrille validate``.

A YAML file is content (grid, quiz, concepts, workshop), recognised by its
``kind`` field or its keys; a ``.csv`` or ``.xlsx`` file is a cohort of
assessments (a CSV in UTF-8, with or without BOM, or Windows-1252, as French
Excel writes it); a ``.json`` file is a learner's results. This dispatcher sits above the layers
whose readers it calls (content, results, analysis), so none of them needs
to know about the others.

Whatever the file — huge, deeply nested, a FIFO, ``/dev/zero``, a YAML
« billion laughs » — each reader keeps to the bounds of
:mod:`isgrille.content.limits` and the answer is a kind or a
:class:`~isgrille.content.errors.ContentError` in French, never a traceback
(``bench/bench_hostile.py`` shows the time and memory it takes).

A results file or a cohort is checked against its own grid: a results file
names it (``"grid": "<id>"``), a cohort's criterion columns are its grid's
criteria. Without ``grid``, that is the shipped grid (``data/grid.yaml``);
a file of another grid gets a French sentence saying to pass that grid's
file with ``--grid`` rather than one error per criterion.

A content pack (a folder, :mod:`~isgrille.delivery.content_pack`) is checked
as a whole by :func:`validate_pack`: each of its files, each of the kind its
name says, then the references between them (a quiz statement's ``see``
names a section of the concepts file).

>>> from isgrille.content.loading import data_dir
>>> validate_file(data_dir() / "grid.yaml")
'grid'
>>> validate_pack(data_dir())
['grid.yaml', 'quiz.yaml', 'concepts.yaml', 'workshop.yaml']
"""

from __future__ import annotations

from pathlib import Path

from ..content.errors import ContentError, Problem
from ..content.model import Grid

__all__ = ["COHORT_SUFFIXES", "validate_file", "validate_pack"]

#: Problems of a cohort whose columns are another grid's criteria.
_COLUMN_PROBLEMS = (
    "colonne inconnue",
    "colonnes inconnues pour la grille",
    "colonne de critère manquante",
    "colonnes de critère manquantes",
)
#: The suffixes of a cohort's table: CSV or an Excel workbook.
COHORT_SUFFIXES = (".csv", ".xlsx", ".xlsm")


def validate_file(path: str | Path, grid: Grid | None = None) -> str:
    """Check any content file; return its kind, or raise ContentError.

    YAML files are recognised by their ``kind`` field (or their keys); a
    ``.csv`` or ``.xlsx`` file is a cohort of assessments and a ``.json`` file
    a learner's results, both checked against ``grid`` (default: the AMI grid).
    """
    path = Path(path)
    if path.suffix.lower() not in (".json", *COHORT_SUFFIXES):
        from ..content.loading import validate_yaml

        kind, _ = validate_yaml(path)
        return kind
    from ..content.loading import default_path, load_grid

    which = "la grille donnée avec --grid" if grid is not None else f"la grille par défaut ({default_path('grid')})"
    grid = grid if grid is not None else load_grid()
    if path.suffix.lower() == ".json":
        from ..content.sources import read_text
        from ..results.learner import LearnerResults

        text = read_text(path, "results")  # read once: for its grid id, then for its results
        _check_grid_id(path, text, grid, which)
        LearnerResults.from_json(text, grid, path)
        return "results"
    from ..analysis.cohort import load_assessments

    try:
        load_assessments(path, grid)
    except ContentError as exc:
        if not any(p.message.startswith(_COLUMN_PROBLEMS) for p in exc.problems):
            raise
        raise ContentError(
            [
                *exc.problems,
                Problem(
                    str(path),
                    (
                        f"ses colonnes de critères ne sont pas celles de {which}, «\u00a0{grid.title or grid.id}\u00a0»\u00a0: si "
                        "cette cohorte est d'une autre grille, indiquez le fichier de sa grille avec --grid"
                    ),
                    line=1,
                ),
            ]
        ) from None
    return "cohort"


def _check_grid_id(path: Path, text: str, grid: Grid, which: str) -> None:
    """Raise ContentError when the results file's ``text`` names another grid than ``grid``."""
    import re

    from ..content.sources import parse_json
    from ..content.validation import PATTERNS

    try:
        document = parse_json(text, path)
    except ContentError:
        return  # not a bounded JSON object: LearnerResults.from_json says where and why
    named = document.data.get("grid") if isinstance(document.data, dict) else None
    if not isinstance(named, str) or len(named) > 64 or not re.fullmatch(PATTERNS["id"], named):
        return  # no id, or not a valid one: read_results says so
    if named != grid.id:
        raise ContentError.single(
            path,
            (
                f"fichier d'une autre grille que {which}, «\u00a0{grid.title or grid.id}\u00a0»\u00a0: indiquez avec --grid "
                f"le fichier de la grille dont l'identifiant est «\u00a0{named}\u00a0»"
            ),
            field="grid",
            line=document.line_of(["grid"]),
        )


def validate_pack(folder: str | Path) -> list[str]:
    """Check a content pack as a whole; return its files' names, or raise ContentError with every problem.

    Each file of :data:`~isgrille.content.loading.YAML_KINDS` must be there,
    valid and of the kind its name says; then each quiz statement's ``see``
    must name a section of the concepts file.
    """
    from ..content.concepts_file import Concepts
    from ..content.loading import YAML_KINDS, load_quiz
    from ..results.collect import problems_of

    folder = Path(folder)
    problems: list[Problem] = []
    valid: dict[str, Path] = {}
    for kind, name in YAML_KINDS.items():
        path = folder / name
        if not path.is_file():
            problems.append(
                Problem(
                    str(path),
                    f"fichier manquant du dossier de contenu\u00a0: attendu le fichier "
                    f"«\u00a0{name}\u00a0» (kind: {kind})",
                )
            )
            continue
        try:
            found = validate_file(path)
        except Exception as exc:  # noqa: BLE001 — whatever one file holds, the others are checked
            problems.extend(problems_of(path, exc))
            continue
        if found != kind:
            problems.append(
                Problem(
                    str(path),
                    f"ce fichier est de type «\u00a0{found}\u00a0»\u00a0: attendu "
                    f"«\u00a0{kind}\u00a0» pour «\u00a0{name}\u00a0»",
                    field="kind",
                )
            )
            continue
        valid[kind] = path
    if "quiz" in valid and "concepts" in valid:
        sections = sorted(
            name for name, field in Concepts.model_fields.items() if field.annotation is not str and name != "kind"
        )
        for index, item in enumerate(load_quiz(valid["quiz"]).items):
            if item.see is not None and item.see not in sections:
                problems.append(
                    Problem(
                        str(valid["quiz"]),
                        (
                            f"l'affirmation «\u00a0{item.id}\u00a0» renvoie à «\u00a0{item.see}\u00a0», qui n'est pas une "
                            f"section de {YAML_KINDS['concepts']} (attendu\u00a0: {', '.join(sections)})"
                        ),
                        field=f"items[{index}].see",
                    )
                )
    if problems:
        raise ContentError(problems)
    return list(YAML_KINDS.values())
