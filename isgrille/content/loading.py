"""Load and validate the kit's content files.

``load_grid()`` and ``load_quiz()`` return the domain objects of
:mod:`isgrille.content.model`; ``load_concepts()`` and ``load_workshop()`` the
validated file models of :mod:`isgrille.content.concepts_file` and
:mod:`isgrille.content.workshop_file`. Without a path, each
loads the workshop's own file: from the content pack named by
``$ISGRILLE_CONTENT`` (:func:`content_dir`: a folder holding a trainer's own
workshop, quiz, concepts and grid, in the formats of ``data/``), else from
the shipped ``data/`` folder. A pack missing a file is an error naming the
file, never a silent fall-back to the shipped content. Any problem
raises :class:`~isgrille.content.errors.ContentError` naming file, line and field.

Besides the workshop's grid (``data/grid.yaml``) the kit ships other grids in
``data/grids/``: :func:`shipped_grids` lists them all by id, and
:func:`grid_source` turns what a trainer writes (a path, a grid's id or its
short name such as ``ami`` or ``questions_cles``) into the grid file to load.

pydantic and PyYAML are imported on first load, not with the package.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .errors import ContentError
from .limits import shorten
from .model import Grid, Quiz

if TYPE_CHECKING:  # pragma: no cover
    from pydantic import BaseModel

    from .concepts_file import Concepts
    from .grid_file import GridFile
    from .quiz_file import QuizFile
    from .validation import YamlDocument
    from .workshop_file import Workshop

__all__ = [
    "CONTENT_ENV",
    "YAML_KINDS",
    "content_dir",
    "data_dir",
    "default_path",
    "detect_kind",
    "grid_source",
    "load_concepts",
    "load_grid",
    "load_quiz",
    "load_workshop",
    "model_for",
    "shipped_grids",
    "validate_yaml",
]

#: Kinds of YAML content file, with the file name of the shipped default.
YAML_KINDS = {
    "grid": "grid.yaml",
    "quiz": "quiz.yaml",
    "concepts": "concepts.yaml",
    "workshop": "workshop.yaml",
}

#: The environment variable naming a content pack (a folder of the files of :data:`YAML_KINDS`).
CONTENT_ENV = "ISGRILLE_CONTENT"

#: Short names of shipped grids other than their ids and file names: ``ami`` is the workshop's own grid.
GRID_ALIASES = {"ami": "grid.yaml"}

# A key that only one kind of file has, used when a file does not say its ``kind``.
_SIGNATURES = {"dimensions": "grid", "items": "quiz", "key_points": "concepts", "programme": "workshop"}


def data_dir() -> Path:
    """The folder holding the shipped content.

    In an installed wheel the content lives inside the package
    (``isgrille/_data``); in a source checkout or an editable install it is
    the repository's ``data/`` folder, so a trainer's edits take effect.
    """
    package = Path(__file__).resolve().parent.parent
    installed = package / "_data"
    return installed if installed.is_dir() else package.parent / "data"


def content_dir() -> Path:
    """The folder the workshop's content is read from: ``$ISGRILLE_CONTENT`` when set, else :func:`data_dir`.

    A pack that is not a folder raises ContentError in French naming it.
    """
    import os

    value = os.environ.get(CONTENT_ENV, "").strip()
    if not value:
        return data_dir()
    folder = Path(value).expanduser()
    if not folder.is_dir():
        raise ContentError.single(
            value,
            (
                f"dossier de contenu introuvable (variable {CONTENT_ENV} ou --content)\u00a0: attendu un dossier "
                "qui contient workshop.yaml, quiz.yaml, concepts.yaml et grid.yaml (python -m isgrille pack DOSSIER "
                "en crée un)"
            ),
        )
    return folder


def default_path(kind: str) -> Path:
    """Path of the workshop's file of this kind (``grid``, ``quiz``, ``concepts``, ``workshop``).

    From the content pack (:func:`content_dir`) when one is set, which must
    hold it; else the shipped file.
    """
    folder = content_dir()
    path = folder / YAML_KINDS[kind]
    if folder != data_dir() and not path.is_file():
        raise ContentError.single(
            path,
            (
                f"fichier manquant dans le dossier de contenu {folder}\u00a0: attendu le fichier "
                f"«\u00a0{YAML_KINDS[kind]}\u00a0» (kind: {kind}), en copie de celui que «\u00a0python -m isgrille pack\u00a0» écrit"
            ),
        )
    return path


def _shipped_grid_files() -> list[Path]:
    """The workshop's grid, then every grid file of ``data/grids/`` by name."""
    folder = data_dir() / "grids"
    extra = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    return [default_path("grid"), *extra]


def shipped_grids() -> dict[str, Path]:
    """Every grid shipped with the kit, by id: ``data/grid.yaml`` and each file of ``data/grids/``.

    A shipped file that cannot be read is left out (``python -m isgrille
    validate`` says what is wrong with it).

    >>> grids = shipped_grids()
    >>> sorted(grids)[:2], grids["questions_cles"].name
    (['ami_is_nouvelle_aquitaine', 'questions_cles'], 'questions_cles.yaml')
    """
    from .sources import read_yaml

    found: dict[str, Path] = {}
    for path in _shipped_grid_files():
        try:
            grid_id = read_yaml(path).data.get("id", "grid")
        except ContentError:
            continue
        if isinstance(grid_id, str):
            found.setdefault(grid_id, path)
    return found


def grid_source(value: str | Path) -> Path:
    """The grid file that ``value`` names: a path that exists, else a shipped grid's id or short name.

    Short names are ``ami`` (the workshop's grid) and the file names of
    ``data/grids/`` without ``.yaml``; case does not matter. Anything else
    raises ContentError in French listing the shipped names.

    >>> grid_source("questions_cles").name, grid_source("AMI").name
    ('questions_cles.yaml', 'grid.yaml')
    """
    path = Path(value)
    try:
        if path.exists():
            return path
    except (OSError, ValueError):  # a name too long, a NUL character: not a file, maybe not a name either
        pass
    name = str(value).strip().lower()
    files = _shipped_grid_files()
    short = {key: data_dir() / file for key, file in GRID_ALIASES.items()}
    short |= {file.stem: file for file in files[1:]}
    if name in short:
        return short[name]
    by_id = shipped_grids()
    if name in by_id:
        return by_id[name]
    names = ", ".join(sorted(set(short) | set(by_id)))
    raise ContentError.single(
        str(value),
        "grille introuvable\u00a0: ce n'est ni un fichier existant, ni le nom d'une grille livrée avec le kit "
        f"(attendu\u00a0: le chemin d'un fichier de grille, ou l'un des noms {names})",
    )


def detect_kind(data: dict[str, Any], path: str | Path, line: int | None = None) -> str:
    """Kind of a parsed YAML file: its ``kind`` field, else a key only that kind has.

    ``line`` is where the ``kind`` field stands, for the error message.
    """
    kind = data.get("kind")
    if isinstance(kind, str) and kind in YAML_KINDS:
        return kind
    if kind is not None:
        raise ContentError.single(
            path,
            f"type de fichier '{shorten(str(kind))}' inconnu (attendu\u00a0: {', '.join(YAML_KINDS)})",
            field="kind",
            line=line,
        )
    for key, found in _SIGNATURES.items():
        if key in data:
            return found
    raise ContentError.single(
        path,
        "impossible de reconnaître le type de fichier\u00a0: ajoutez un champ 'kind' "
        f"(attendu\u00a0: {', '.join(YAML_KINDS)})",
    )


def _load(kind: str, path: str | Path | None) -> BaseModel:
    from .sources import read_yaml

    return _validate(kind, read_yaml(default_path(kind) if path is None else path))


def model_for(kind: str) -> type[BaseModel]:
    """The file model class of a kind, importing only the module that defines it."""
    if kind == "grid":
        from .grid_file import GridFile

        return GridFile
    if kind == "quiz":
        from .quiz_file import QuizFile

        return QuizFile
    if kind == "concepts":
        from .concepts_file import Concepts

        return Concepts
    from .workshop_file import Workshop

    return Workshop


def _validate(kind: str, doc: YamlDocument) -> BaseModel:
    from .validation import validate_document

    found = detect_kind(doc.data, doc.path, doc.line_of(("kind",)))
    if found != kind:
        raise ContentError.single(
            doc.path,
            f"ce fichier est de type '{found}', pas '{kind}'",
            field="kind",
            line=doc.line_of(("kind",)),
        )
    return validate_document(model_for(kind), doc)


def load_grid(path: str | Path | None = None) -> Grid:
    """Load a characterisation grid (default: the AMI Innovation sociale grid).

    >>> grid = load_grid()
    >>> len(grid.dimensions), len(grid.criteria), grid.levels[0]
    (3, 12, 'Inexistant')
    """
    return cast("GridFile", _load("grid", path)).to_grid()


def load_quiz(path: str | Path | None = None) -> Quiz:
    """Load a quiz (default: the VRAI / FAUX of social innovation).

    >>> quiz = load_quiz()
    >>> quiz.choices
    ('VRAI', 'FAUX', 'PAS FORCÉMENT')
    """
    return cast("QuizFile", _load("quiz", path)).to_quiz()


def load_concepts(path: str | Path | None = None) -> Concepts:
    """Load the teaching content: dimensions of innovation, definitions, key points."""
    return cast("Concepts", _load("concepts", path))


def load_workshop(path: str | Path | None = None) -> Workshop:
    """Load the workshop: objectives, programme, sequences, ATIS, offers, resources."""
    return cast("Workshop", _load("workshop", path))


def validate_yaml(path: str | Path) -> tuple[str, BaseModel]:
    """Check a YAML content file of any kind; return ``(kind, model)``, or raise ContentError.

    The kind is the file's ``kind`` field, or else a key only that kind has.
    """
    from .sources import read_yaml

    doc = read_yaml(path)
    kind = detect_kind(doc.data, path, doc.line_of(("kind",)))
    return kind, _validate(kind, doc)
