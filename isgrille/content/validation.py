"""Validate parsed YAML against a pydantic model and explain failures in French.

pydantic does the checking (types, required fields, unknown fields,
cross-field rules written as validators); this module only turns its errors
into :class:`~isgrille.content.errors.Problem` lines that name the file, the line and
the field, and say what was expected. A cross-field rule reports the exact
place it is about by raising :class:`LocatedError` inside a validator.

What is validated is a :class:`YamlDocument`, as the readers of :mod:`.sources`
give it: the data, and the index of its lines that turns a field path back
into a line. Every error type of pydantic is said in French (never its
English), values quoted from the file are shortened, and at most
``MAX_PROBLEMS`` problems are described, then how many more there are.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import ErrorDetails

from .errors import ContentError, Problem, format_field
from .limits import MAX_PROBLEMS, shorten
from .reader_words import kind_of

__all__ = ["FileModel", "LocatedError", "YamlDocument", "validate_document"]

#: Where each value of a file stands: a mapping is ``(line, {key text: (key line, index)})``,
#: a list ``(line, [index, …])``, a scalar its line (see :mod:`.sources`, which builds it).
Index = Any


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML or JSON file: its data, and the index of its lines (``locate()``, called on first use)."""

    path: Path
    data: Any
    locate: Callable[[], Index] = field(default=lambda: None, repr=False, compare=False)

    @functools.cached_property
    def index(self) -> Index:
        return self.locate()

    def line_of(self, loc: Sequence[str | int], key: bool = False) -> int | None:
        """Line (1-based) of the value at ``loc``, or of its key when ``key``; O(len(loc)).

        The deepest node that exists along ``loc`` is used, so a missing
        field is reported at the line of the mapping that should hold it.
        """
        node, key_line = self.index, None
        if node is None:
            return None
        for part in loc:
            if part == "[key]":
                key = True
                continue
            if isinstance(node, tuple) and isinstance(node[1], dict):
                found = node[1].get(str(part))
                if found is None:
                    break
                key_line, node = found
            elif isinstance(node, tuple) and isinstance(part, int) and 0 <= part < len(node[1]):
                key_line, node = None, node[1][part]
            else:
                break
        line: int = key_line if key and key_line is not None else node if isinstance(node, int) else node[0]
        return line


M = TypeVar("M", bound=BaseModel)


class FileModel(BaseModel):
    """Base of every file model: unknown fields are errors, values are frozen."""

    # defer_build: a model's validator is built on first use, not at import,
    # so loading the grid does not pay for the workshop's models.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


class LocatedError(ValueError):
    """Raised by a validator to point at a place deeper than the model it checks.

    ``loc`` is relative to the model being validated; ``key`` points at a
    mapping key rather than at its value.
    """

    def __init__(self, message: str, loc: Sequence[str | int], key: bool = False):
        super().__init__(message)
        self.loc = tuple(loc)
        self.key = key


_TABLE = "table de champs (clé\u00a0: valeur) attendue"
# pydantic's error types that a file can reach, in French; any other gets a French sentence too (see _problem).
_GROUPS = {
    "champ obligatoire manquant": ("missing",),
    "texte attendu": ("string_type", "string_sub_type", "bytes_type", "bytes_invalid_encoding", "json_type"),
    "texte attendu (caractères invalides)": ("string_unicode",),
    "texte vide\u00a0: un texte est attendu": ("string_too_short",),
    "texte trop long (au plus {max_length} caractères)": ("string_too_long",),
    "texte sans accent attendu": ("string_not_ascii",),
    "liste attendue": ("list_type", "tuple_type", "set_type", "frozen_set_type", "iterable_type", "deque_type"),
    _TABLE: ("dict_type", "mapping_type", "model_type", "model_attributes_type", "dataclass_type"),
    "nombre entier attendu": ("int_type", "int_parsing", "int_from_float", "int_parsing_size"),
    "nombre attendu": ("float_type", "float_parsing", "decimal_type", "decimal_parsing"),
    "nombre fini attendu": ("finite_number",),
    "vrai ou faux attendu": ("bool_type", "bool_parsing"),
    "aucune valeur attendue": ("none_required",),
    "nombre supérieur à {gt} attendu": ("greater_than",),
    "nombre supérieur ou égal à {ge} attendu": ("greater_than_equal",),
    "nombre inférieur à {lt} attendu": ("less_than",),
    "nombre inférieur ou égal à {le} attendu": ("less_than_equal",),
    "multiple de {multiple_of} attendu": ("multiple_of",),
    "valeur invalide (attendu\u00a0: {expected})": ("enum",),
    "adresse web invalide (attendu\u00a0: https://…)": (
        "url_type",
        "url_parsing",
        "url_scheme",
        "url_syntax_violation",
        "url_too_long",
    ),
    "date attendue (AAAA-MM-JJ)": (
        "date_type",
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
    ),
    "date et heure attendues (AAAA-MM-JJTHH:MM)": (
        "datetime_type",
        "datetime_parsing",
        "datetime_from_date_parsing",
        "datetime_object_invalid",
    ),
    "horaire attendu (HH:MM)": ("time_type", "time_parsing"),
    "imbrication trop profonde ou circulaire": ("recursion_loop", "recursion_depth_exceeded"),
}
_MESSAGES = {kind: message for message, kinds in _GROUPS.items() for kind in kinds}
_LENGTH = {"too_short": "min_length", "too_long": "max_length"}


#: What each text pattern used in the file models means, for its error message.
PATTERNS = {
    "id": r"^[a-z][a-z0-9_]*$",
    "time": r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
    "url": r"^https?://\S+$",
}
_PATTERNS = {
    PATTERNS["id"]: "identifiant '{value}' invalide (attendu\u00a0: lettres minuscules sans accent, "
    "chiffres et _, en commençant par une lettre)",
    PATTERNS["time"]: "horaire '{value}' invalide (attendu\u00a0: HH:MM, par exemple \"09:40\")",
    PATTERNS["url"]: "adresse web '{value}' invalide (attendu\u00a0: https://…)",
}


def _describe(value: Any) -> str:
    if value is None:
        return "rien"
    if isinstance(value, str):
        return f"le texte '{shorten(value)}'"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"le nombre {shorten(str(value))}"
    return kind_of(value)


def _fields_at(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """Field names the model expects at ``loc`` (for 'unknown field' messages)."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, str) and isinstance(annotation, type) and issubclass(annotation, BaseModel):
            info = annotation.model_fields.get(part)
            if info is None:
                return []
            annotation = info.annotation
        elif isinstance(part, int):
            args = typing.get_args(annotation)
            annotation = args[0] if args else Any
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated so that a nested model class is reached."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _problem(model: type[BaseModel], doc: YamlDocument, error: ErrorDetails) -> Problem:
    loc, kind, ctx = tuple(error["loc"]), error["type"], error.get("ctx") or {}
    key = False
    cause = ctx.get("error")
    if isinstance(cause, LocatedError):
        loc, key, message = loc + cause.loc, cause.key, str(cause)
    elif kind in ("value_error", "assertion_error") and cause is not None:
        message = str(cause)  # the file models' own validators speak French
    elif kind == "extra_forbidden":
        expected = _fields_at(model, loc[:-1])
        message = f"champ '{shorten(str(loc[-1]))}' inconnu"
        message += f" (attendu\u00a0: {', '.join(expected)})" if expected else ""
        key = True
    elif kind == "literal_error":
        message = f"valeur '{shorten(str(error.get('input')))}' invalide (attendu\u00a0: {ctx.get('expected', '?')})"
    elif kind == "string_pattern_mismatch":
        message = _PATTERNS.get(str(ctx.get("pattern")), "texte '{value}' invalide (attendu\u00a0: {pattern})")
        message = message.format(value=shorten(str(error.get("input"))), pattern=shorten(str(ctx.get("pattern"))))
    elif kind in ("too_short", "too_long") and isinstance(ctx.get(_LENGTH[kind]), int):
        count = ctx[_LENGTH[kind]]
        plural = "s" if count > 1 else ""
        message = f"{'au moins' if kind == 'too_short' else 'au plus'} {count} élément{plural} attendu{plural}"
    else:
        try:
            message = _MESSAGES[kind].format(**ctx)
        except (KeyError, IndexError):  # a type no file model uses, or a context pydantic did not give
            message = f"{_describe(error.get('input'))} ne convient pas ici"
        else:
            if kind != "missing" and not kind.startswith("string_too"):
                message += f", pas {_describe(error.get('input'))}"
    if "[key]" in loc:
        loc, key = tuple(p for p in loc if p != "[key]"), True
    field = format_field(loc)
    return Problem(str(doc.path), message, line=doc.line_of(loc, key=key), field=field or None)


def validate_document(model: type[M], doc: YamlDocument) -> M:
    """Validate a parsed document; raise ContentError with its first MAX_PROBLEMS problems, sorted by line."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        problems = sorted((_problem(model, doc, error) for error in errors[:MAX_PROBLEMS]), key=lambda p: p.line or 0)
        raise ContentError(problems, more=len(errors) - len(problems)) from None
