"""A content pack: an editable copy of the workshop's content, and ``python -m isgrille pack DIR``.

A trainer of another organisation runs the same workshop format with their
own statements, programme and grid from one folder, without touching the
package: :func:`write_pack` copies the workshop's content files (workshop,
quiz, concepts, grid, in the formats of ``data/``) with the JSON Schemas their
first line points to and a short French LISEZMOI.md, never over an existing
file unless asked to. ``ISGRILLE_CONTENT=DIR`` (or ``--content DIR`` before
any command) then makes the notebooks, the room and every command read it
(:func:`~isgrille.content.loading.content_dir`).

The copy keeps the workshop file's attribution and licence (CC BY-NC-SA is
share-alike): the trainer edits its title, author and adaptation there.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from ..content.errors import ContentError
from ..content.loading import CONTENT_ENV, YAML_KINDS, default_path

__all__ = ["README_NAME", "PackResult", "add_pack_command", "pack_files", "readme_text", "write_pack"]

README_NAME = "LISEZMOI.md"
_SCHEMA_FOLDER = "schema"


@dataclass(frozen=True)
class PackResult:
    """What :func:`write_pack` did: the files written, or those it refused to overwrite."""

    written: tuple[Path, ...] = ()
    existing: tuple[Path, ...] = ()


def pack_files() -> dict[Path, Path]:
    """Each file of a pack (relative to the pack) and where it is copied from: the content in use."""
    files: dict[Path, Path] = {}
    for kind, name in YAML_KINDS.items():
        source = default_path(kind)
        files[Path(name)] = source
        schema = source.parent / _SCHEMA_FOLDER / f"{kind}.schema.json"
        if schema.is_file():
            files[Path(_SCHEMA_FOLDER) / schema.name] = schema
    return files


def readme_text(folder: Path) -> str:
    """LISEZMOI.md of a pack: what each file holds and how to use and check it (French)."""
    return "\n".join(
        [
            "# Contenu d'atelier (pack isgrille)",
            "",
            "Ce dossier contient tout le contenu de l'atelier, à modifier pour votre propre atelier\u00a0:",
            "",
            (
                "- `workshop.yaml`\u00a0: l'atelier (titre, organisation, programme, contact) et son attribution "
                "(œuvre, auteur, licence, adaptation)\u00a0; nommez-y votre atelier et ce qu'il reprend\u00a0;"
            ),
            "- `quiz.yaml`\u00a0: les affirmations du quiz, leurs réponses et explications\u00a0;",
            "- `concepts.yaml`\u00a0: les notions de la séquence 1 et l'annuaire des soutiens de la séquence 3\u00a0;",
            "- `grid.yaml`\u00a0: la grille de caractérisation (dimensions, critères, niveaux, descripteurs)\u00a0;",
            f"- `{_SCHEMA_FOLDER}/`\u00a0: les schémas JSON que votre éditeur utilise pour vous aider à écrire ces fichiers.",
            "",
            "Vérifier\u00a0: `python -m isgrille validate "
            + " ".join(str(folder / n) for n in YAML_KINDS.values())
            + "`",
            "",
            (
                f"Utiliser\u00a0: `{CONTENT_ENV}={folder} jupyter lab`, ou `python -m isgrille --content {folder} present` "
                "(de même pour room, cohort, card, validate)."
            ),
            "",
            (
                "Licence\u00a0: le contenu d'origine est sous licence CC BY-NC-SA 4.0 (voir workshop.yaml)\u00a0: une "
                "adaptation se partage sous la même licence, en citant l'œuvre d'origine et ce qui a été changé."
            ),
            "",
        ]
    )


def write_pack(folder: Path, force: bool = False) -> PackResult:
    """Copy the content in use into ``folder`` (created if need be), with its schemas and LISEZMOI.md.

    When a file is already there and ``force`` is false, nothing is written
    and the result names them all; a folder or a link in a file's place is
    never replaced.
    """
    files = pack_files()
    targets = {folder / name: source for name, source in files.items()}
    readme = folder / README_NAME
    every = [*targets, readme]
    existing = tuple(target for target in every if target.exists() or target.is_symlink())
    if existing and not force:
        return PackResult(existing=existing)
    for target in existing:
        if target.is_symlink() or not target.is_file():
            raise ContentError.single(
                target, "ce n'est pas un fichier ordinaire (dossier ou lien)\u00a0: non remplacé, même avec --force"
            )
    for target, source in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    _name_the_source(folder / YAML_KINDS["workshop"])
    readme.write_text(readme_text(folder), encoding="utf-8")
    return PackResult(written=tuple(every))


def _name_the_source(path: Path) -> None:
    """Name the copied workshop as the source of the pack's (``derived_from``), unless it names one already.

    CC BY-NC-SA asks every adaptation to credit the original: the pack's own
    title and organisation replace the copy's, and this line keeps the credit.
    """
    from ..content.loading import load_workshop

    workshop = load_workshop(path)
    if workshop.derived_from:
        return
    year = f", {workshop.date[:4]}" if workshop.date else ""
    credit = f"«\u00a0{workshop.title}\u00a0» ({workshop.organisation}{year}, {workshop.license})"
    text = path.read_text(encoding="utf-8")
    line = "derived_from: " + json.dumps(credit, ensure_ascii=False) + "\n"
    head, found, rest = text.partition("\nlicense:")
    if found:  # right after the licence line
        end = rest.find("\n") + 1
        text = head + found + rest[:end] + line + rest[end:]
    else:
        text = text.rstrip("\n") + "\n" + line
    path.write_text(text, encoding="utf-8")


def _pack(folder: Path, force: bool) -> int:
    """``python -m isgrille pack DIR``: the exit code, what happened said in French."""
    from ..content.errors import os_error_text

    try:
        result = write_pack(folder, force)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{folder}: {os_error_text(exc)}", file=sys.stderr)
        return 1
    if result.existing:
        names = ", ".join(str(path.relative_to(folder)) for path in result.existing)
        print(
            f"{folder}: déjà présents, rien n'est écrit\u00a0: {names} (ajoutez --force pour les remplacer)",
            file=sys.stderr,
        )
        return 1
    for path in result.written:
        print(f"écrit\u00a0: {path}")
    print(
        f"Ensuite\u00a0: modifiez ces fichiers, vérifiez-les (voir {folder / README_NAME}), puis "
        f"{CONTENT_ENV}={folder} ou --content {folder}"
    )
    return 0


def add_pack_command(commands, parser=None) -> None:
    """``pack DOSSIER [--force]`` on the command line's sub-commands; with ``parser``, ``--content DOSSIER``
    on it and on every sub-command already added (before or after the command: one setting)."""
    pack = commands.add_parser(
        "pack",
        help="copier le contenu de l'atelier dans un dossier, pour en faire le vôtre",
        description="Écrit dans DOSSIER (créé au besoin) une copie modifiable du contenu de l'atelier "
        "(workshop.yaml, quiz.yaml, concepts.yaml, grid.yaml, leurs schémas JSON) et un LISEZMOI.md. "
        f"Ensuite, {CONTENT_ENV}=DOSSIER ou --content DOSSIER le fait utiliser partout. "
        "Un fichier déjà présent n'est remplacé qu'avec --force.",
    )
    pack.set_defaults(run=lambda args: _pack(args.folder, args.force))
    pack.add_argument("folder", type=Path, metavar="DOSSIER")
    pack.add_argument("--force", action="store_true", help="remplacer les fichiers déjà présents dans DOSSIER")
    for command in {*commands.choices.values(), *([parser] if parser is not None else [])}:
        command.add_argument(
            "--content",
            metavar="DOSSIER",
            type=Path,
            default=argparse.SUPPRESS,
            help=f"le dossier de contenu (pack) à utiliser au lieu du contenu livré ({CONTENT_ENV})",
        )
