"""The analyst's batch commands: ``cohort`` (tidy tables, class charts) and ``card`` (profile cards).

Both read whatever the trainer has — learners' results files, folders of
them, cohort tables in CSV or xlsx (:func:`~isgrille.analysis.tidy.load_cohort`)
— and go on past a bad input: each rejected input is one French line on the
error output, and the exit code is 1 once all the others are processed. A
batch that takes more than a second shows a progress bar (tqdm) on the error
output. :mod:`.cli` registers them with :func:`add_batch_commands`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence, Sized
from pathlib import Path
from typing import TypeVar

from ..content.errors import ContentError, os_error_text

__all__ = ["add_batch_commands", "parse_formats", "progress", "run_card", "run_cohort"]

T = TypeVar("T")
#: The card formats, as ``--format`` takes them.
CARD_FORMATS = ("png", "pdf", "html")
INPUTS_HELP = (
    "fichiers de résultats (.json), dossiers qui en contiennent, tableaux d'évaluations "
    "(.csv en UTF-8 ou Windows-1252, séparateur «\u202f;\u00a0» ou «\u00a0,\u00a0», ou classeur .xlsx)"
)
GRID_HELP = (
    "grille\u00a0: un fichier YAML, ou le nom d'une grille fournie (par défaut\u00a0: la grille de l'AMI "
    "Innovation sociale)"
)


def progress(description: str, unit: str = "fichier") -> Callable[[Iterable[T]], Iterable[T]]:
    """A wrapper that shows a progress bar on the error output once a batch has taken a second."""

    def wrap(items: Iterable[T]) -> Iterable[T]:
        from tqdm import tqdm

        total = len(items) if isinstance(items, Sized) else None
        return tqdm(
            items,
            total=total,
            desc=description,
            unit=f" {unit}",
            delay=1.0,
            file=sys.stderr,
            leave=False,
            dynamic_ncols=True,
        )

    return wrap


def parse_formats(value: str) -> tuple[str, ...]:
    """``png,pdf`` → ``("png", "pdf")``; an unknown format is a French argparse error."""
    import argparse

    formats = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [f for f in formats if f not in CARD_FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(
            f"format inconnu\u00a0: {', '.join(unknown) or repr(value)} (attendu\u00a0: {', '.join(CARD_FORMATS)}, "
            "séparés par des virgules)"
        )
    return formats


def _inputs_out_grid(command) -> None:
    """The arguments both commands take: what to read, where to write, with which grid."""
    command.add_argument("inputs", nargs="+", metavar="ENTRÉE", type=Path, help=INPUTS_HELP)
    command.add_argument(
        "--out", type=Path, required=True, metavar="DOSSIER", help="dossier où écrire (créé au besoin)"
    )
    command.add_argument("--grid", metavar="GRILLE", help=GRID_HELP)


def add_batch_commands(commands) -> None:
    """Add ``cohort`` and ``card`` to the command line's sub-parsers."""
    cohort = commands.add_parser(
        "cohort",
        help="analyser une cohorte\u00a0: tableau tidy, quiz et graphiques de la classe",
        description="Lit chaque ENTRÉE et écrit dans DOSSIER\u00a0: cohorte.csv (une ligne par critère évalué\u00a0: "
        "projet, apprenant, evaluateur, date, dimension, critere, critere_libelle, niveau — l'indice du niveau, "
        "0 pour le plus bas, vide si non renseigné —, niveau_libelle, source), quiz.csv (une ligne par réponse) "
        "et les graphiques de la classe en PNG. Chaque entrée écartée est signalée sur la sortie d'erreur avec "
        "sa raison\u202f; code de sortie 1 si une entrée est écartée, après avoir traité toutes les autres.",
    )
    cohort.set_defaults(run=lambda args: run_cohort(args.inputs, args.out, args.grid, args.excel))
    _inputs_out_grid(cohort)
    cohort.add_argument(
        "--excel",
        action="store_true",
        help="pour Excel\u00a0: CSV en UTF-8 avec BOM et séparateur «\u202f;\u00a0», et classeurs .xlsx",
    )

    card = commands.add_parser(
        "card",
        help="une fiche profil d'une page (A4) par projet",
        description="Lit chaque ENTRÉE et écrit dans DOSSIER une fiche par projet trouvé\u00a0: nom, date, "
        "évaluateurs, radar et tableau, synthèse par dimension, axes de progrès et pitch. "
        "Code de sortie 1 si une entrée est écartée, après avoir traité toutes les autres.",
    )
    card.set_defaults(run=lambda args: run_card(args.inputs, args.out, args.grid, args.format))
    _inputs_out_grid(card)
    card.add_argument(
        "--format",
        type=parse_formats,
        default=("png",),
        metavar="FORMATS",
        help="png, pdf, html ou plusieurs séparés par des virgules (par défaut\u00a0: png)",
    )


def _report(lines: Iterable[object]) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def _prepare(inputs: Sequence[Path], out: Path, grid_value: str | None, writes: Sequence[str] = ()):
    """The grid and the cohort read from ``inputs``, the output folder created; or None after saying why.

    An input that is one of the files the command ``writes`` in ``out`` is refused before
    anything is read: the command never writes over what it was given.
    """
    import os

    from ..analysis.tidy import load_cohort
    from ..content.loading import grid_source, load_grid

    outputs = {os.path.realpath(out / name) for name in writes}
    clashes = [path for path in inputs if os.path.realpath(path) in outputs]
    for path in clashes:
        print(
            f"{path}: c'est un des fichiers que la commande écrit dans {out}\u202f; choisissez un autre "
            "dossier avec --out (rien n'est écrit)",
            file=sys.stderr,
        )
    target = Path(os.path.realpath(out))
    inside = [
        path
        for path in inputs
        if writes
        and Path(path).is_dir()  # cards (images, PDF) are never read back
        and target.is_relative_to(os.path.realpath(path))
    ]
    for path in inside:  # the next run would read this run's tables as a cohort
        print(
            f"{path}: le dossier de sortie {out} est dans ce dossier lu\u202f; choisissez un dossier --out "
            "en dehors (rien n'est écrit)",
            file=sys.stderr,
        )
    if clashes or inside:
        return None

    try:
        grid = load_grid(grid_source(grid_value)) if grid_value else load_grid()
    except ContentError as exc:
        _report(exc.problems)
        return None
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"{out}: {os_error_text(exc)}", file=sys.stderr)
        return None
    return load_cohort(*inputs, grid=grid, progress=progress("lecture"))


def run_cohort(inputs: Sequence[Path], out: Path, grid_value: str | None = None, excel: bool = False) -> int:
    """``cohort``: the tables and charts of ``inputs`` in ``out``; 0, or 1 if an input was rejected."""
    from ..content.loading import load_quiz
    from .cohort_files import CHARTS, write_cohort

    writes = [f"{name}.{ext}" for name in ("cohorte", "quiz") for ext in ("csv", "xlsx")]
    cohort = _prepare(inputs, out, grid_value, writes + [name for name, _ in CHARTS.values()])
    if cohort is None:
        return 1
    try:
        written, notes = write_cohort(cohort, load_quiz(), out, excel)
    except OSError as exc:
        print(f"{out}: {os_error_text(exc)}", file=sys.stderr)
        return 1
    print(cohort.summary())
    for path in written:
        print(f"écrit\u00a0: {path}")
    _report(notes)
    _report(cohort.problems)
    return 1 if cohort.problems else 0


def run_card(
    inputs: Sequence[Path], out: Path, grid_value: str | None = None, formats: Sequence[str] = ("png",)
) -> int:
    """``card``: one profile card per project of ``inputs`` in ``out``; 0, or 1 if an input was rejected."""
    from ..analysis.card import card_from_record
    from ..content.loading import load_workshop
    from .card_files import write_cards

    cohort = _prepare(inputs, out, grid_value)
    if cohort is None:
        return 1
    pitch = load_workshop().sequence(2).pitch
    outline = pitch.outline if pitch is not None else None  # a pack's sequence 2 may have no pitch
    cards = [card_from_record(cohort.grid, record, outline) for record in cohort.projects]
    try:
        paths = write_cards(cards, cohort.grid, out, formats, progress=progress("fiches", "fiche"))
    except OSError as exc:
        print(f"{out}: {os_error_text(exc)}", file=sys.stderr)
        return 1
    for path in paths:
        print(f"écrit\u00a0: {path}")
    print(f"{len(cards)} fiche{'s' if len(cards) != 1 else ''} projet")
    _report(cohort.problems)
    return 1 if cohort.problems else 0
