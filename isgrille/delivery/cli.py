"""The command line: ``python -m isgrille validate|score|schema|collect|cohort|card|init|present|room|pack``.

Messages are in French, like everything a trainer reads — argparse's own
words included (:class:`~.french_parser.FrenchParser`) — and never a traceback: an
unexpected error is one French line. CSV goes out through
:func:`~isgrille.analysis.spreadsheet.write_csv`, safe to open in a
spreadsheet. Exit codes: 0 when all is well, 1 when a file is invalid (or
an error was unexpected), 2 for a wrong command line.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ..analysis.spreadsheet import write_csv
from ..content.errors import ContentError
from ..content.limits import shorten
from ..content.loading import CONTENT_ENV
from ..results.collect import DEFAULT_PATTERN, problems_of
from .batch_cli import GRID_HELP, add_batch_commands
from .content_pack import add_pack_command
from .french_parser import FrenchParser, RawFormatter
from .room import add_room_command

__all__ = ["main"]

DESCRIPTION = """\
isgrille\u00a0: le kit de l'atelier «\u00a0Établi – Innovation sociale\u00a0».
Vérifie les fichiers de contenu (grille, quiz, concepts, atelier, évaluations),
calcule les profils d'une cohorte et produit les schémas JSON des fichiers\u202f;
analyse une cohorte (cohort) et produit une fiche profil par projet (card)\u202f;
copie l'atelier dans un dossier (init), le présente avec Voilà (present)
ou le sert à toute une salle sur le réseau local (room)."""

#: The kinds of file ``validate_file`` recognises, as a trainer reads them.
KINDS = {
    "grid": "grille",
    "quiz": "quiz",
    "concepts": "concepts",
    "workshop": "atelier",
    "cohort": "cohorte",
    "results": "résultats",
}


def _parser() -> FrenchParser:
    parser = FrenchParser(prog="python -m isgrille", description=DESCRIPTION, formatter_class=RawFormatter)
    parser._positionals.title = "commandes "
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=FrenchParser)

    validate = commands.add_parser(
        "validate",
        help="vérifier des fichiers de contenu",
        description="Vérifie chaque FICHIER\u00a0: YAML (grille, quiz, concepts, atelier) "
        "ou CSV (évaluations d'une cohorte)\u202f; un dossier de contenu (pack) est vérifié en entier, "
        "fichiers et renvois entre eux. Code de sortie 0 si tous sont valides, 1 sinon.",
    )
    validate.set_defaults(run=lambda args: _validate(args.files, args.grid))
    validate.add_argument("files", nargs="+", metavar="FICHIER", type=Path)
    validate.add_argument(
        "--grid",
        metavar="GRILLE",
        help="grille pour vérifier les CSV et les résultats\u00a0: un fichier YAML ou le nom "
        "d'une grille fournie (par défaut\u00a0: la grille de l'AMI)",
    )

    score = commands.add_parser(
        "score",
        help="calculer le profil de chaque évaluation d'une cohorte ou d'un fichier de résultats",
        description="Lit les évaluations d'une cohorte (CSV) ou d'un fichier de résultats d'apprenant "
        "(mes_resultats.json\u00a0: une évaluation par évaluateur) et écrit, pour chacune, par dimension "
        "et au total\u00a0: le nombre de critères à chaque niveau, le niveau médian, le nombre de critères notés "
        "au niveau de référence ou au-dessus (at_least) et leur part parmi les critères notés (share, de 0 à 1). "
        "Le niveau de référence est le premier de la moitié haute de l'échelle («\u00a0Intermédiaire\u00a0» "
        "pour la grille de l'AMI)\u00a0; les niveaux sont ordinaux, jamais de moyenne. CSV sur la sortie standard.",
    )
    score.set_defaults(run=lambda args: _score(args.file, args.grid))
    score.add_argument(
        "file",
        nargs="?",
        metavar="FICHIER",
        type=Path,
        help="cohorte (CSV) ou fichier de résultats (JSON)\u202f; par défaut\u00a0: la cohorte fictive fournie",
    )
    score.add_argument("--grid", metavar="GRILLE", help=GRID_HELP)

    schema = commands.add_parser(
        "schema",
        help="écrire les schémas JSON des fichiers de contenu",
        description="Écrit un schéma JSON par type de fichier YAML dans DOSSIER "
        "(par défaut\u00a0: data/schema du kit).",
    )
    schema.set_defaults(run=lambda args: _schema(args.out))
    schema.add_argument("--out", type=Path, metavar="DOSSIER")

    collect = commands.add_parser(
        "collect",
        help="rassembler les résultats des apprenants (formateur)",
        description="Cherche les fichiers de résultats sous DOSSIER (par exemple les dossiers personnels "
        "sur JupyterHub) et écrit une ligne par apprenant (CSV)\u00a0: fichier, projet, quiz, critères notés. "
        "Chaque fichier écarté (illisible, dossier, tube, lien cassé, lien hors de DOSSIER ou vers le "
        "fichier d'un autre apprenant) est signalé sur la sortie d'erreur, avec le nombre de dossiers "
        "sans fichier de résultats\u202f; code de sortie 1 si un fichier est écarté, 2 si DOSSIER n'est pas un dossier.",
    )
    collect.set_defaults(run=lambda args: _collect(args.folder, args.pattern, args.grid))
    collect.add_argument("folder", type=Path, metavar="DOSSIER")
    collect.add_argument(
        "--pattern",
        default=DEFAULT_PATTERN,
        metavar="MOTIF",
        help=f"motif des fichiers sous DOSSIER (par défaut\u00a0: {DEFAULT_PATTERN}, où qu'ils soient dans chaque dossier personnel)",
    )
    collect.add_argument("--grid", metavar="GRILLE", help=GRID_HELP)

    add_batch_commands(commands)

    init = commands.add_parser(
        "init",
        help="copier l'atelier (les carnets) dans un dossier",
        description="Copie les carnets de l'atelier dans DOSSIER (créé au besoin), sans résultats "
        "d'apprenants, puis dit quoi lancer. Un fichier déjà présent n'est remplacé qu'avec --force.",
    )
    init.set_defaults(run=lambda args: _init(args.folder, args.force))
    init.add_argument("folder", type=Path, metavar="DOSSIER")
    init.add_argument("--force", action="store_true", help="remplacer les carnets déjà présents dans DOSSIER")

    present = commands.add_parser(
        "present",
        help="présenter l'atelier avec Voilà (application ou diapositives)",
        description="Sert les carnets sur http://127.0.0.1:PORT avec Voilà, code masqué, sans réseau. "
        "Ouvrez ensuite /voila/render/00_accueil.ipynb. Un noyau dont la page est fermée est arrêté "
        "après 10 minutes d'inactivité.",
    )
    present.set_defaults(run=lambda args: _present(args.slides, args.port, args.dir))
    present.add_argument(
        "--dir",
        type=Path,
        metavar="DOSSIER",
        help="dossier des carnets (par défaut\u00a0: ceux du dépôt, sinon le dossier courant s'il contient l'atelier)",
    )
    present.add_argument("--slides", action="store_true", help="en diapositives (reveal.js)")
    present.add_argument("--port", type=int, default=8866, help="port (par défaut\u00a0: 8866)")
    add_room_command(commands)
    add_pack_command(commands, parser)  # and --content DOSSIER, before or after any command
    return parser


def _report(problems) -> None:
    """Print each problem, one sentence a line, on the error output."""
    for problem in problems:
        print(problem, file=sys.stderr)


def _validate(files: Sequence[Path], grid_path: Path | None) -> int:
    from ..content.loading import grid_source, load_grid
    from .validate import validate_file, validate_pack

    try:
        grid = load_grid(grid_source(grid_path)) if grid_path is not None else None
    except Exception as exc:  # noqa: BLE001 — whatever the grid file holds is said in French, never a traceback
        _report(problems_of(grid_path or "", exc))
        return 1
    failed = 0
    for path in files:
        try:
            names = validate_pack(path) if path.is_dir() else None  # a content pack: checked as a whole
            kind = "pack" if names is not None else validate_file(path, grid)
        except Exception as exc:  # noqa: BLE001 — whatever one file holds, the others are checked
            failed += 1
            _report(problems_of(path, exc))
        else:
            print(
                f"{path}: dossier de contenu valide ({', '.join(names)})"
                if names
                else f"{path}: valide ({KINDS.get(kind, kind)})"
            )
    if failed:
        print(
            f"{failed} fichier{'s' if failed > 1 else ''} invalide{'s' if failed > 1 else ''} sur {len(files)}",
            file=sys.stderr,
        )
    return 1 if failed else 0


def _score(path: Path | None, grid_path: Path | None) -> int:
    from ..content.loading import grid_source, load_grid
    from .score_table import load_for_score, score_rows

    try:
        grid = load_grid(grid_source(grid_path) if grid_path is not None else None)
        assessments = load_for_score(path, grid)
    except ContentError as exc:
        _report(exc.problems)
        if path is not None:
            print(f"{path}: score attend une cohorte (CSV) ou un fichier de résultats (JSON)", file=sys.stderr)
        return 1
    write_csv(score_rows(grid, assessments), sys.stdout)
    return 0


def _schema(out: Path | None) -> int:
    from .schema_export import write_schemas

    for path in write_schemas(out):
        print(path)
    return 0


def _collect(folder: Path, pattern: str, grid_path: Path | None) -> int:
    from ..analysis.quiz import score_quiz
    from ..content.loading import grid_source, load_grid, load_quiz
    from ..results.collect import collect_class
    from ..results.learner import SELF

    try:
        grid = load_grid(grid_source(grid_path) if grid_path is not None else None)
        quiz = load_quiz()
    except ContentError as exc:
        _report(exc.problems)
        return 1
    try:
        collection = collect_class(folder, grid, pattern)
    except ContentError as exc:  # the folder or the pattern: a wrong command line
        _report(exc.problems)
        return 2
    known = {i.id for i in quiz.items}  # answers to statements since removed are not scored

    def rows():
        yield ["file", "project", "learner", "quiz_correct", "quiz_answered", "criteria_rated", "assessors"]
        for path, results in collection.found.items():
            answers = {k: v for k, v in results.quiz.items() if k in known and v in quiz.choices}
            score = score_quiz(quiz, answers)
            rated = sum(1 for level in results.assessment(SELF).ratings.values() if level is not None)
            yield [
                path,
                results.project,
                results.learner,
                score.correct,
                score.answered,
                rated,
                "\u202f; ".join(results.assessments),
            ]

    write_csv(rows(), sys.stdout)
    _report(collection.problems)
    if homes := collection.without_results:  # one line: how many, and which
        print(
            f"{folder}: {len(homes)} dossier{'s' if len(homes) > 1 else ''} sans fichier de résultats "
            f"({pattern})\u00a0: {shorten(', '.join(home.name for home in homes))}",
            file=sys.stderr,
        )
    return 1 if collection.problems else 0  # a home without results is news, not an error


def _init(folder: Path, force: bool) -> int:
    from .kit_files import init_workshop

    try:
        result = init_workshop(folder, force)
    except ContentError as exc:
        _report(exc.problems)
        return 1
    except OSError as exc:
        from ..content.errors import os_error_text

        print(f"{folder}: {os_error_text(exc)}", file=sys.stderr)
        return 1
    if result.existing:
        names = ", ".join(path.name for path in result.existing)
        print(
            f"{folder}: {len(result.existing)} fichier{'s' if len(result.existing) > 1 else ''} "
            f"déjà présent{'s' if len(result.existing) > 1 else ''}, rien n'est copié\u00a0: {names} "
            "(ajoutez --force pour les remplacer)",
            file=sys.stderr,
        )
        return 1
    for path in result.written:
        print(f"copié\u00a0: {path}")
    print(
        f"Ensuite\u00a0: cd {folder} && python -m isgrille present "
        "(ou python -m isgrille present --dir DOSSIER depuis ailleurs)"
    )
    return 0


def _present(slides: bool, port: int, folder: Path | None = None) -> int:
    from .kit_files import FIRST_NOTEBOOK
    from .present import vendor_missing, voila_command, workshop_folder

    notebooks = workshop_folder(folder)
    if notebooks is None:
        where = folder if folder is not None else Path.cwd()
        print(
            f"{where}: l'atelier n'y est pas (attendu\u00a0: un dossier qui contient {FIRST_NOTEBOOK})\u202f; "
            f"lancez d'abord «\u00a0python -m isgrille init {folder or 'atelier'}\u00a0»",
            file=sys.stderr,
        )
        return 1
    if slides and vendor_missing(notebooks):
        print(
            f"reveal.js et jQuery manquent\u00a0: lancez «\u00a0npm ci --prefix {notebooks / '_vendor'}\u00a0» (ou make slides)",
            file=sys.stderr,
        )
        return 1
    argv, env = voila_command(slides, port, notebooks)
    print(f"Ouvrez http://127.0.0.1:{port}/voila/render/{FIRST_NOTEBOOK}", flush=True)
    os.execvpe(argv[0], argv, env)
    return 0  # pragma: no cover


def _quiet_stdout() -> None:
    """After a broken pipe (output piped into ``head``): send what is left to /dev/null, silently."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # no real file descriptor (e.g. captured output)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code. Never a traceback: one French line instead."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a wrong command line (2), already explained
        return exc.code if isinstance(exc.code, int) else 2
    if args.command is None:
        parser.print_help()
        return 2
    if "content" in args:  # every loader, and the servers this command starts, read the pack
        os.environ[CONTENT_ENV] = str(args.content)
    try:
        code = args.run(args)
        sys.stdout.flush()  # a pipe closed early breaks here, not after main() has returned
        return code
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except KeyboardInterrupt:
        print(f"python -m isgrille {args.command}\u00a0: interrompu", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 — the last guard: any error is one French sentence, never a traceback
        detail = shorten(" ".join(str(exc).split()))
        print(
            f"python -m isgrille {args.command}\u00a0: erreur inattendue\u00a0: {type(exc).__name__}"
            f"{f' ({detail})' if detail else ''}\u202f; signalez-la avec la commande et le fichier",
            file=sys.stderr,
        )
        return 1
