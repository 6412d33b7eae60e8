"""Reading the kit's files as text, YAML and JSON — bounded — while keeping line numbers.

Every file must be a regular file of at most ``MAX_BYTES[kind]`` bytes (:mod:`.limits`),
checked before it is opened and while it is read. YAML is read from PyYAML's event
stream in one linear pass that refuses aliases (``*nom``: « billion laughs »,
recursive anchors), nesting deeper than ``MAX_DEPTH`` and keys written twice, before
any data is built. JSON is parsed by :mod:`json`, its depth checked, its lines indexed
only when a message needs one. Both give a :class:`~.validation.YamlDocument`; whatever
goes wrong is a :class:`~.errors.ContentError`, in French, naming the file.
"""

from __future__ import annotations

import codecs
import errno
import functools
import os
import re
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ContentError, os_error_text
from .limits import MAX_BYTES, MAX_DEPTH, MAX_VALUES, shorten, size_label
from .reader_words import (
    KIND_NAMES,
    TAG_NAMES,
    TOO_DEEP,
    TOO_MANY,
    json_problem_text,
    kind_of,
    tag_text,
    yaml_syntax_text,
)

if TYPE_CHECKING:  # pragma: no cover
    from .validation import Index, YamlDocument

__all__ = ["parse_json", "read_bytes", "read_text", "read_yaml", "without_surrogates"]


def read_text(path: str | Path, kind: str | None = None) -> str:
    """Read a UTF-8 text file (BOM accepted) with :func:`read_bytes`'s bounds, or raise ContentError (also if blank)."""
    raw = read_bytes(path, kind).removeprefix(codecs.BOM_UTF8)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError.single(
            path,
            f"le fichier n'est pas encodé en UTF-8 (octet 0x{raw[exc.start]:02x} invalide)"
            "\u202f; enregistrez-le en UTF-8",
            line=raw.count(b"\n", 0, exc.start) + 1,
        ) from None
    if not text.strip():
        raise ContentError.single(path, "le fichier est vide")
    return text


def read_bytes(path: str | Path, kind: str | None = None) -> bytes:
    """A regular file's bytes, at most ``MAX_BYTES[kind]`` (a folder, FIFO or device refused unopened), or ContentError.

    ``kind``: ``"content"``, ``"results"`` or ``"cohort"``; by default the suffix's (``.json``, ``.csv``, else content)."""
    path = Path(path)
    kind = kind or {".json": "results", ".csv": "cohort"}.get(path.suffix.lower(), "content")
    try:
        info = os.stat(path)
        _check(path, info.st_mode, info.st_size, kind)
        # O_NONBLOCK: were a FIFO put in the file's place after stat, opening it would not wait.
        with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as file:
            _check(path, os.fstat(file.fileno()).st_mode, 0, kind)
            raw = file.read(MAX_BYTES[kind] + 1)  # the file may have grown since stat
    except FileNotFoundError:
        raise ContentError.single(path, "fichier introuvable") from None
    except OSError as exc:
        hint = "\u00a0: vérifiez les droits de lecture du fichier" if exc.errno in (errno.EACCES, errno.EPERM) else ""
        raise ContentError.single(path, f"lecture impossible ({os_error_text(exc)}{hint})") from None
    _check(path, stat.S_IFREG, len(raw), kind, grown=True)
    return raw


def _check(path: Path, mode: int, size: int, kind: str, grown: bool = False) -> None:
    """Refuse a folder, anything but a regular file, and a file over its kind's limit."""
    if stat.S_ISDIR(mode):
        raise ContentError.single(path, "c'est un dossier, pas un fichier")
    if not stat.S_ISREG(mode):
        what = "tube" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "périphérique"
        raise ContentError.single(
            path, f"ce n'est pas un fichier ordinaire ({what})\u00a0: donnez le chemin d'un fichier"
        )
    limit = MAX_BYTES[kind]
    if size > limit:
        found = size_label(round(size, -5) if size >= 1_000_000 else size)  # 50 Mo, 2,3 Mo
        found = f"plus de {size_label(limit)}" if grown or found == size_label(limit) else found
        raise ContentError.single(
            path, f"fichier trop volumineux ({found}\u202f; au plus {size_label(limit)} pour {KIND_NAMES[kind]})"
        )


def read_yaml(path: str | Path) -> YamlDocument:
    """Parse a YAML file holding one mapping; raise ContentError on any syntax problem or bound."""
    import yaml

    from .validation import YamlDocument

    path = Path(path)
    text = read_text(path, "content").replace("\r\n", "\n").replace("\r", "\n")
    bad = _FORBIDDEN.search(text)
    if bad:
        column = bad.start() - text.rfind("\n", 0, bad.start())
        raise ContentError.single(
            path,
            f"caractère interdit (U+{ord(bad[0]):04X}) en colonne {column}\u00a0: supprimez-le",
            line=text.count("\n", 0, bad.start()) + 1,
        )
    loader = _loader_class()(text)
    try:
        data, index = _compose(path, loader)
    except yaml.YAMLError as exc:
        message, line = yaml_syntax_text(exc, text)
        raise ContentError.single(path, message, line=line) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise ContentError.single(
            path,
            f"le fichier doit contenir une table de champs (clé\u00a0: valeur), pas {kind_of(data)}",
            line=index if isinstance(index, int) else index[0],
        )
    return YamlDocument(path, data, lambda: index)


# What YAML does not accept in a file (outside its printable set), and the tags read as plain text.
_FORBIDDEN = re.compile("[^\t\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "merge", "value", "yaml")}


def _compose(path: Path, loader: Any) -> tuple[Any, Index]:
    """The document's data and index, from PyYAML's events: one pass, no alias, bounded depth, unique keys."""
    import yaml

    loader.get_event()  # StreamStartEvent
    if loader.check_event(yaml.StreamEndEvent):
        raise ContentError.single(path, "le fichier ne contient aucune donnée YAML")
    loader.get_event()  # DocumentStartEvent
    stack: list[list[Any]] = []  # [list or dict, its index, for a dict the pending (key, key text, key line) or None]
    values = 0
    while True:
        event = loader.get_event()
        line = event.start_mark.line + 1
        values += not isinstance(event, yaml.CollectionEndEvent)
        if values > MAX_VALUES:
            raise ContentError.single(path, TOO_MANY, line=line)
        if isinstance(event, yaml.AliasEvent):
            raise ContentError.single(
                path,
                f"les alias YAML (*{shorten(event.anchor or '')}) ne sont pas acceptés\u00a0: recopiez le texte",
                line=line,
            )
        if isinstance(event, yaml.CollectionStartEvent):
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:
                raise ContentError.single(
                    path, "clé complexe (liste ou table) non acceptée\u00a0: une clé est un texte", line=line
                )
            if len(stack) >= MAX_DEPTH:
                raise ContentError.single(path, TOO_DEEP, line=line)
            mapping = isinstance(event, yaml.MappingStartEvent)
            if event.tag not in (None, "!", "tag:yaml.org,2002:map" if mapping else "tag:yaml.org,2002:seq"):
                raise ContentError.single(
                    path, f"étiquette YAML «\u00a0{tag_text(event.tag)}\u00a0» non acceptée", line=line
                )
            stack.append([{} if mapping else [], (line, {} if mapping else []), None])
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            value, index = stack.pop()[:2]
        else:
            value, index = _scalar(path, loader, event), line
        if not stack:
            break
        frame = stack[-1]
        container, located, pending = frame[0], frame[1][1], frame[2]
        if isinstance(container, list):
            container.append(value)
            located.append(index)
        elif pending is None:  # ``value`` is a key (a scalar: collections were refused above)
            if event.value in located:
                raise ContentError.single(
                    path,
                    f"la clé '{shorten(event.value)}' est écrite deux fois (déjà à la ligne {located[event.value][0]})",
                    line=line,
                )
            frame[2] = (value, event.value, line)
        else:
            container[pending[0]] = value
            located[pending[1]] = (pending[2], index)
            frame[2] = None
    loader.get_event()  # DocumentEndEvent
    if not loader.check_event(yaml.StreamEndEvent):
        mark = loader.peek_event().start_mark
        raise ContentError.single(
            path,
            f"syntaxe YAML invalide (un seul document attendu\u00a0: retirez «\u00a0---\u00a0», "
            f"colonne {mark.column + 1})",
            line=mark.line + 1,
        )
    return value, index


def _scalar(path: Path, loader: Any, event: Any) -> Any:
    """A scalar's value: text unless YAML's implicit rules (or its tag) make it a number, a date…"""
    import yaml

    tag, value = event.tag, event.value
    if tag in (None, "!"):
        if not event.implicit[0] or (value and value[0] not in loader.yaml_implicit_resolvers):
            return value  # quoted, or cannot be anything but text: the fast path
        tag = loader.resolve(yaml.ScalarNode, value, event.implicit)
    if tag in _TEXT_TAGS:
        return value
    constructor = loader.yaml_constructors.get(tag)
    try:
        return constructor(loader, yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style))
    except Exception:  # noqa: BLE001 — an unknown tag, a date 2026-02-30, a number of 5,000 digits, bad base64…
        what = TAG_NAMES.get(tag.rsplit(":", 1)[-1]) if constructor else None
        raise ContentError.single(
            path,
            f"{what} «\u00a0{shorten(value)}\u00a0» invalide\u00a0: mettez le texte entre guillemets"
            if what
            else f"étiquette YAML «\u00a0{tag_text(tag)}\u00a0» inconnue\u00a0: retirez-la",
            line=event.start_mark.line + 1,
        ) from None


_INT = r"[-+]?(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+"
_FLOAT = r"[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"


@functools.cache
def _loader_class() -> type[Any]:
    """PyYAML's safe loader (C if available) minus YAML 1.1 base-60 numbers: ``end: 10:30`` stays text."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    numbers = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}

    class _IsgrilleLoader(base):  # type: ignore[misc, valid-type]  # base: the C loader if built, else Python's
        pass

    _IsgrilleLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in numbers]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    _IsgrilleLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(f"^(?:{_INT})$"), list("-+0123456789"))
    _IsgrilleLoader.add_implicit_resolver(
        "tag:yaml.org,2002:float", re.compile(f"^(?:{_FLOAT})$"), list("-+.0123456789")
    )
    return _IsgrilleLoader


def parse_json(text: str, path: str | Path) -> YamlDocument:
    """Parse a JSON object (depth ≤ MAX_DEPTH, values ≤ MAX_VALUES); ContentError with line and column otherwise.

    Lone surrogates (``"\\ud800"``, which no file can hold) become U+FFFD.
    The index of lines is built on first use, in one linear pass.
    """
    import json

    from .validation import YamlDocument

    path = Path(path)
    _check(path, stat.S_IFREG, len(text), "results")  # a text given directly, as an upload, is bounded too
    _check_shape(path, text)  # first: json.loads can then neither recurse too deep nor choke on a huge number
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContentError.single(
            path, f"JSON invalide ({json_problem_text(exc.msg)}, colonne {exc.colno})", line=exc.lineno
        ) from None
    if not isinstance(data, dict):
        raise ContentError.single(path, f"le fichier doit contenir un objet JSON {{…}}, pas {kind_of(data)}")
    if re.search(r"\\u[dD][89a-fA-F]|[\ud800-\udfff]", text):  # a lone surrogate can hide there
        data = json.loads(without_surrogates(json.dumps(data, ensure_ascii=False)))
    return YamlDocument(path, data, functools.partial(_json_index, text))


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (which UTF-8 cannot encode) replaced by U+FFFD « � ».

    >>> without_surrogates("a\\ud800b")
    'a�b'
    """
    if not re.search("[\ud800-\udfff]", text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}:,]|[^\s\[\]{}:,"]+')  # a text, a sign, or else
_DEPTH = {"[": 1, "{": 1, "]": -1, "}": -1, ":": 0, ",": 0}  # what a sign does to the depth; other tokens are values


def _check_shape(path: Path, text: str) -> None:
    """Refuse JSON ``text`` nesting deeper than MAX_DEPTH or holding more than MAX_VALUES values (one linear scan)."""
    depth = values = 0
    for match in _JSON_TOKEN.finditer(text):
        step = _DEPTH.get(match[0])
        depth, values = depth + (step or 0), values + (step is None or step > 0)
        huge = step is None and match[0][0] != '"' and len(match[0]) > sys.get_int_max_str_digits()
        if depth > MAX_DEPTH or values > MAX_VALUES or huge:
            problem = (
                TOO_DEEP
                if depth > MAX_DEPTH
                else TOO_MANY
                if values > MAX_VALUES
                else (f"JSON invalide (valeur de plus de {sys.get_int_max_str_digits()} caractères hors guillemets)")
            )
            raise ContentError.single(path, problem, line=text.count("\n", 0, match.start()) + 1)


def _json_index(text: str) -> Index:
    """The index of lines of valid JSON ``text`` (one pass over its tokens; JSON texts hold no raw newline)."""
    import json

    stack: list[list[Any]] = []  # [index, awaiting a key?, (key, key line)]
    line, position, index = 1, 0, None
    for match in _JSON_TOKEN.finditer(text):
        token, start = match[0], match.start()
        line, position = line + text.count("\n", position, start), start
        if token in ("{", "["):
            stack.append([(line, {} if token == "{" else []), token == "{", None])
        elif token == ",":
            stack[-1][1] = isinstance(stack[-1][0][1], dict)
        elif stack and stack[-1][1] and token[0] == '"':
            key = json.loads(token) if "\\" in token else token[1:-1]
            stack[-1][1:] = [False, (without_surrogates(key), line)]
        elif token != ":":
            index = stack.pop()[0] if token in ("}", "]") else line
            if not stack:
                return index
            container, key = stack[-1][0][1], stack[-1][2]
            if isinstance(container, list):
                container.append(index)
            else:
                container[key[0]] = (key[1], index)
    return index
