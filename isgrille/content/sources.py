"""Reading content files as text and YAML while keeping track of line numbers.

The loaders validate plain Python data (dicts, lists, strings); when
validation fails they need the line of the faulty field. :class:`YamlDocument`
keeps PyYAML's node tree beside the data so that a field path such as
``("dimensions", 0, "criteria", 2)`` can be turned back into a line.

Everything that can go wrong before validation is reported here as a
:class:`~isgrille.content.errors.ContentError`: a missing file, bytes that are not
UTF-8, an empty file, a YAML syntax error, a key written twice.
"""

from __future__ import annotations

import codecs
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from .errors import ContentError

__all__ = ["read_text", "YamlDocument", "read_yaml", "parse_json"]


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file (a BOM is accepted), or raise a clear ContentError."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ContentError.single(path, "fichier introuvable") from None
    except IsADirectoryError:
        raise ContentError.single(path, "c'est un dossier, pas un fichier") from None
    except OSError as exc:
        raise ContentError.single(path, f"lecture impossible ({exc.strerror})") from None
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError.single(
            path,
            f"le fichier n'est pas encodé en UTF-8 (octet 0x{raw[exc.start]:02x} invalide) ; "
            "enregistrez-le en UTF-8",
            line=line,
        ) from None
    if not text.strip():
        raise ContentError.single(path, "le fichier est vide")
    return text


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML file: its data and the node tree that locates each value."""

    path: Path
    data: Any
    root: Any  # yaml.Node

    def line_of(self, loc: Sequence[str | int], key: bool = False) -> int | None:
        """Line (1-based) of the value at ``loc``, or of its key when ``key``.

        The deepest node that exists along ``loc`` is used, so a missing
        field is reported at the line of the mapping that should hold it.
        """
        import yaml

        if self.root is None:
            return None
        node, key_node = self.root, None
        for part in loc:
            if part == "[key]":
                key = True
                continue
            if isinstance(node, yaml.MappingNode):
                match = next(((k, v) for k, v in node.value if k.value == str(part)), None)
                if match is None:
                    break
                key_node, node = match
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                key_node, node = None, node.value[part]
            else:
                break
        target = key_node if key and key_node is not None else node
        return target.start_mark.line + 1 if target is not None else None


def read_yaml(path: str | Path) -> YamlDocument:
    """Parse a YAML file holding one mapping; raise ContentError on any syntax problem."""
    import yaml

    path = Path(path)
    text = read_text(path)
    loader = _loader_class()(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise ContentError.single(path, "le fichier ne contient aucune donnée YAML")
        _reject_duplicate_keys(path, root)
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = _french(exc.problem or exc.context or "erreur")
        if "cannot start any token" in problem and mark is not None and mark.index < len(text):
            char = text[mark.index]
            problem = (
                "tabulation interdite : indentez avec des espaces" if char == "\t"
                else f"caractère « {char} » interdit en début de valeur : mettez le texte entre guillemets"
            )
        raise ContentError.single(
            path,
            f"syntaxe YAML invalide ({problem}, colonne {mark.column + 1})" if mark else
            f"syntaxe YAML invalide ({problem})",
            line=mark.line + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise ContentError.single(path, f"syntaxe YAML invalide ({exc})") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise ContentError.single(
            path,
            f"le fichier doit contenir une table de champs (clé: valeur), pas {_kind_of(data)}",
            line=root.start_mark.line + 1,
        )
    return YamlDocument(path, data, root)


# PyYAML's usual syntax problems, said for a trainer.
_SYNTAX = (
    ("mapping values are not allowed", "« : » inattendu : mettez entre guillemets un texte qui contient « : »"),
    ("could not find expected ':'", "« : » attendu après la clé"),
    ("did not find expected key", "indentation incohérente"),
    ("did not find expected '-' indicator", "indentation incohérente dans une liste"),
    ("found unexpected end of stream", "fin de fichier inattendue : guillemet non fermé ?"),
    ("expected ',' or ']'", "« , » ou « ] » attendu : crochet non fermé ?"),
    ("expected ',' or '}'", "« , » ou « } » attendu : accolade non fermée ?"),
    ("found undefined alias", "alias (*) non défini"),
)


def _french(problem: str) -> str:
    for english, french in _SYNTAX:
        if english in problem:
            return french
    return problem


_INT = r"[-+]?(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+"
_FLOAT = r"[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"


@functools.lru_cache(maxsize=None)
def _loader_class():
    """PyYAML's safe loader (C if available) minus YAML 1.1 base-60 numbers.

    Without this, an unquoted time such as ``end: 10:30`` would be read as
    the number 630; here it stays the text "10:30".
    """
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    numbers = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}

    class _IsgrilleLoader(base):  # type: ignore[misc, valid-type]
        pass

    _IsgrilleLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in numbers]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    _IsgrilleLoader.add_implicit_resolver(
        "tag:yaml.org,2002:int", re.compile(f"^(?:{_INT})$"), list("-+0123456789")
    )
    _IsgrilleLoader.add_implicit_resolver(
        "tag:yaml.org,2002:float", re.compile(f"^(?:{_FLOAT})$"), list("-+.0123456789")
    )
    return _IsgrilleLoader


_JSON = {
    "Expecting value": "valeur attendue",
    "Expecting ',' delimiter": "« , » attendu",
    "Expecting ':' delimiter": "« : » attendu",
    "Expecting property name enclosed in double quotes": "nom de champ entre guillemets droits attendu",
    "Unterminated string starting at": "guillemet non fermé",
    "Extra data": "données en trop après la fin de l'objet",
    "Invalid control character at": "caractère de contrôle interdit dans un texte",
}


def parse_json(text: str, path: str | Path) -> YamlDocument:
    """Parse a JSON object; ContentError with line and column on a syntax error.

    JSON is YAML too, so the node tree (for the line of a faulty field) is
    taken from the YAML parser when it accepts the text; otherwise problems
    are reported by field path alone.
    """
    import json

    import yaml

    path = Path(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContentError.single(
            path, f"JSON invalide ({_JSON.get(exc.msg, exc.msg)}, colonne {exc.colno})", line=exc.lineno
        ) from None
    if not isinstance(data, dict):
        raise ContentError.single(path, f"le fichier doit contenir un objet JSON {{…}}, pas {_kind_of(data)}")
    try:
        root = yaml.compose(text, Loader=_loader_class())
    except yaml.YAMLError:
        root = None
    return YamlDocument(path, data, root)


def _reject_duplicate_keys(path: Path, node: Any) -> None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                raise ContentError.single(
                    path,
                    f"la clé '{name}' est écrite deux fois (déjà à la ligne {seen[name]})",
                    line=key.start_mark.line + 1,
                )
            seen[name] = key.start_mark.line + 1
            _reject_duplicate_keys(path, value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _reject_duplicate_keys(path, item)


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, str):
        return "un texte"
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, (int, float)):
        return "un nombre"
    return f"une valeur de type {type(value).__name__}"
