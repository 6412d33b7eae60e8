"""Validate parsed YAML against a pydantic model and explain failures in French.

pydantic does the checking (types, required fields, unknown fields,
cross-field rules written as validators); this module only turns its errors
into :class:`~isgrille.content.errors.Problem` lines that name the file, the line and
the field, and say what was expected. A cross-field rule reports the exact
place it is about by raising :class:`LocatedError` inside a validator.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Sequence, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import ContentError, Problem, format_field
from .sources import YamlDocument

__all__ = ["FileModel", "LocatedError", "validate_document"]

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


_MESSAGES = {
    "missing": "champ obligatoire manquant",
    "string_type": "texte attendu",
    "list_type": "liste attendue",
    "dict_type": "table de champs (clé: valeur) attendue",
    "model_type": "table de champs (clé: valeur) attendue",
    "model_attributes_type": "table de champs (clé: valeur) attendue",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "int_from_float": "nombre entier attendu",
    "bool_type": "vrai ou faux attendu",
    "string_too_short": "texte vide : un texte est attendu",
    "greater_than": "nombre supérieur à {gt} attendu",
    "greater_than_equal": "nombre supérieur ou égal à {ge} attendu",
    "url_parsing": "adresse web invalide (attendu : https://…)",
    "url_scheme": "adresse web invalide (attendu : https://…)",
}


#: What each text pattern used in the file models means, for its error message.
PATTERNS = {
    "id": r"^[a-z][a-z0-9_]*$",
    "time": r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
    "url": r"^https?://\S+$",
}
_PATTERNS = {
    PATTERNS["id"]: "identifiant '{value}' invalide (attendu : lettres minuscules sans accent, "
    "chiffres et _, en commençant par une lettre)",
    PATTERNS["time"]: "horaire '{value}' invalide (attendu : HH:MM, par exemple \"09:40\")",
    PATTERNS["url"]: "adresse web '{value}' invalide (attendu : https://…)",
}


def _describe(value: Any) -> str:
    if value is None:
        return "rien"
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, (int, float)):
        return f"le nombre {value}"
    if isinstance(value, str):
        return f"le texte '{value}'"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "une table de champs"
    return type(value).__name__


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


def _problem(model: type[BaseModel], doc: YamlDocument, error: dict[str, Any]) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    key = False
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, LocatedError):
        loc, key, message = loc + cause.loc, cause.key, str(cause)
    elif kind == "value_error":
        message = str(cause) if cause is not None else error["msg"]
    elif kind == "extra_forbidden":
        expected = _fields_at(model, loc[:-1])
        message = f"champ '{loc[-1]}' inconnu"
        if expected:
            message += f" (attendu : {', '.join(expected)})"
        key = True
    elif kind == "literal_error":
        message = f"valeur '{error['input']}' invalide (attendu : {error['ctx']['expected']})"
    elif kind == "string_pattern_mismatch":
        message = _PATTERNS.get(error["ctx"]["pattern"], "texte '{value}' invalide (attendu : {pattern})")
        message = message.format(value=error["input"], pattern=error["ctx"]["pattern"])
    elif kind == "too_short":
        minimum = error["ctx"]["min_length"]
        message = f"au moins {minimum} élément{'s' if minimum > 1 else ''} attendu{'s' if minimum > 1 else ''}"
    elif kind in _MESSAGES:
        message = _MESSAGES[kind].format(**(error.get("ctx") or {}))
        if kind != "missing" and not kind.startswith("string_too"):
            message += f", pas {_describe(error.get('input'))}"
    else:
        message = error["msg"]
    if "[key]" in loc:
        loc, key = tuple(p for p in loc if p != "[key]"), True
    field = format_field(loc)
    return Problem(str(doc.path), message, line=doc.line_of(loc, key=key), field=field or None)


def validate_document(model: type[M], doc: YamlDocument) -> M:
    """Validate a parsed YAML document; raise ContentError listing every problem."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems = [_problem(model, doc, err) for err in exc.errors()]
        problems.sort(key=lambda p: (p.line or 0))
        raise ContentError(problems) from None
