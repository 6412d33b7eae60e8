"""The command line: ``python -m isgrille validate|score|schema``.

Messages are in French, like everything a trainer reads. Exit codes:
0 when all is well, 1 when a file is invalid, 2 for a wrong command line.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import Sequence

from ..content.errors import ContentError

__all__ = ["main"]

DESCRIPTION = """\
isgrille : le kit de l'atelier « Établi – Innovation sociale ».
Vérifie les fichiers de contenu (grille, quiz, concepts, atelier, évaluations),
calcule les profils d'une cohorte et produit les schémas JSON des fichiers."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m isgrille", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter, add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    parser._positionals.title = "commandes"
    parser._optionals.title = "options"
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE")

    validate = commands.add_parser(
        "validate", help="vérifier des fichiers de contenu",
        description="Vérifie chaque FICHIER : YAML (grille, quiz, concepts, atelier) "
        "ou CSV (évaluations d'une cohorte). Code de sortie 0 si tous sont valides, 1 sinon.",
    )
    validate.add_argument("files", nargs="+", metavar="FICHIER", type=Path)
    validate.add_argument("--grid", type=Path, metavar="GRILLE",
                          help="grille pour vérifier les CSV (par défaut : la grille de l'AMI)")

    score = commands.add_parser(
        "score", help="calculer le profil de chaque évaluation d'une cohorte",
        description="Lit les évaluations d'une cohorte (CSV) et écrit, pour chacune, "
        "le nombre de critères à chaque niveau, le niveau médian et le pourcentage "
        "par dimension et au total (CSV sur la sortie standard).",
    )
    score.add_argument("file", nargs="?", metavar="CSV", type=Path,
                       help="évaluations (par défaut : la cohorte fictive fournie)")
    score.add_argument("--grid", type=Path, metavar="GRILLE",
                       help="grille (par défaut : la grille de l'AMI)")

    schema = commands.add_parser(
        "schema", help="écrire les schémas JSON des fichiers de contenu",
        description="Écrit un schéma JSON par type de fichier YAML dans DOSSIER "
        "(par défaut : data/schema du kit).",
    )
    schema.add_argument("--out", type=Path, metavar="DOSSIER")

    collect = commands.add_parser(
        "collect", help="rassembler les résultats des apprenants (formateur)",
        description="Cherche les fichiers de résultats sous DOSSIER (par exemple les dossiers personnels "
        "sur JupyterHub) et écrit une ligne par apprenant (CSV) : fichier, projet, quiz, critères notés. "
        "Les fichiers illisibles sont signalés sur la sortie d'erreur ; code de sortie 1 s'il y en a.",
    )
    collect.add_argument("folder", type=Path, metavar="DOSSIER")
    collect.add_argument("--pattern", default="*/resultats/mes_resultats.json",
                         help="motif des fichiers sous DOSSIER (par défaut : */resultats/mes_resultats.json)")
    collect.add_argument("--grid", type=Path, metavar="GRILLE", help="grille (par défaut : la grille de l'AMI)")

    present = commands.add_parser(
        "present", help="présenter l'atelier avec Voilà (application ou diapositives)",
        description="Sert les carnets sur http://127.0.0.1:PORT avec Voilà, code masqué, sans réseau. "
        "Ouvrez ensuite /voila/render/00_accueil.ipynb.",
    )
    present.add_argument("--slides", action="store_true", help="en diapositives (reveal.js)")
    present.add_argument("--port", type=int, default=8866, help="port (par défaut : 8866)")
    for sub in (validate, score, schema, collect, present):
        sub._actions[0].help = "afficher cette aide et quitter"
        sub._positionals.title = "arguments"
        sub._optionals.title = "options"
    return parser


def _report(problems) -> None:
    """Print each problem, one sentence a line, on the error output."""
    for problem in problems:
        print(problem, file=sys.stderr)


def _validate(files: Sequence[Path], grid_path: Path | None) -> int:
    from ..content.loading import load_grid
    from .validate import validate_file

    try:
        grid = load_grid(grid_path) if grid_path else None
    except ContentError as exc:
        _report(exc.problems)
        return 1
    failed = 0
    for path in files:
        try:
            kind = validate_file(path, grid)
        except ContentError as exc:
            failed += 1
            _report(exc.problems)
        else:
            print(f"{path}: valide ({kind})")
    if failed:
        print(f"{failed} fichier{'s' if failed > 1 else ''} invalide{'s' if failed > 1 else ''} sur {len(files)}",
              file=sys.stderr)
    return 1 if failed else 0


def _score(path: Path | None, grid_path: Path | None) -> int:
    from ..analysis.cohort import load_assessments
    from ..content.loading import load_grid
    from ..analysis.scoring import score_assessment

    try:
        grid = load_grid(grid_path)
        assessments = load_assessments(path, grid)
    except ContentError as exc:
        _report(exc.problems)
        return 1
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["project", "assessor", "scope", *grid.levels, "not_rated", "median", "percent"])
    for assessment in assessments:
        profile = score_assessment(grid, assessment)
        scopes = [(d.dimension_id, d.summary) for d in profile.dimensions] + [("overall", profile.overall)]
        for scope, summary in scopes:
            percent = "" if summary.percent is None else f"{summary.percent:.1f}"
            writer.writerow([assessment.project, assessment.assessor, scope, *summary.counts,
                             summary.not_rated, summary.median or "", percent])
    return 0


def _schema(out: Path | None) -> int:
    from .schema_export import write_schemas

    for path in write_schemas(out):
        print(path)
    return 0


def _collect(folder: Path, pattern: str, grid_path: Path | None) -> int:
    from ..content.loading import load_grid, load_quiz
    from ..analysis.quiz import score_quiz
    from ..results.learner import SELF
    from ..results.collect import collect_results

    try:
        grid = load_grid(grid_path)
        quiz = load_quiz()
    except ContentError as exc:
        _report(exc.problems)
        return 1
    found, problems = collect_results(folder, grid, pattern)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["file", "project", "learner", "quiz_correct", "quiz_answered", "criteria_rated", "assessors"])
    known = {i.id for i in quiz.items}  # answers to statements since removed are not scored
    for path, results in found.items():
        score = score_quiz(quiz, {k: v for k, v in results.quiz.items() if k in known and v in quiz.choices})
        rated = sum(1 for level in results.assessment(SELF).ratings.values() if level is not None)
        writer.writerow([path, results.project, results.learner, score.correct, score.answered, rated,
                         " ; ".join(results.assessments)])
    _report(problems)
    return 1 if problems else 0


def _present(slides: bool, port: int) -> int:
    import os

    from .present import vendor_missing, voila_command

    if slides and vendor_missing():
        print("reveal.js et jQuery manquent : lancez « npm ci --prefix notebooks/_vendor » (ou make slides)",
              file=sys.stderr)
        return 1
    argv, env = voila_command(slides, port)
    print(f"Ouvrez http://127.0.0.1:{port}/voila/render/00_accueil.ipynb", flush=True)
    os.execvpe(argv[0], argv, env)
    return 0  # pragma: no cover


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "validate":
        return _validate(args.files, args.grid)
    if args.command == "score":
        try:
            return _score(args.file, args.grid)
        except BrokenPipeError:  # output piped into `head`: stop quietly
            sys.stderr.close()
            return 0
    if args.command == "schema":
        return _schema(args.out)
    if args.command == "collect":
        return _collect(args.folder, args.pattern, args.grid)
    if args.command == "present":
        return _present(args.slides, args.port)
    _parser().print_help()
    return 2
