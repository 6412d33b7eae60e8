"""Tests of isgrille.content.sources: reading text, YAML and JSON before validation, keeping lines.

read_text: UTF-8 with or without a BOM, missing file, directory, other
encodings, empty files. read_yaml: the parsed data, and the problems found
while parsing (duplicate keys, non-mapping documents, syntax errors said in
French), also as a loader reports them; unquoted times stay text. line_of:
turning a field path back into a line, including ``"[key]"`` locations and
paths that go past the end of the document (a missing field is reported at
the line of the mapping that should hold it). parse_json: a JSON object with
the same lines, and its syntax errors said in French.

Bounds (``content.limits``), one test per hostile input with the message it
must give: anything but a regular file (FIFO, device) is refused without being
opened; a file over its kind's size (checked before reading, and again if it
grew); YAML aliases (billion laughs, recursive anchors), nesting deeper than
MAX_DEPTH (exactly MAX_DEPTH is fine), more than MAX_VALUES values, forbidden
characters, tags; JSON depth, values, huge numbers, lone surrogates; the
JSON line index built only when a line is asked for.
"""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path

import pytest

from isgrille.content.errors import ContentError, Problem
from isgrille.content.limits import MAX_BYTES, MAX_DEPTH, MAX_VALUES
from isgrille.content.loading import load_grid, load_quiz, load_workshop
from isgrille.content.reader_words import TOO_DEEP, TOO_MANY
from isgrille.content.sources import parse_json, read_text, read_yaml, without_surrogates
from isgrille.content.validation import YamlDocument

from ..documents import GRID, WORKSHOP, broken, problems_of

DOCUMENT = """\
# Une grille minimale
kind: grid
levels:
  - Bas
  - Haut
dimensions:
  - id: portage
    label: Portage
    criteria:
      - id: collectif
        descriptors:
          Bas: porté par une seule personne
          Haut: porté par un collectif
      - {id: ancrage, descriptors: {Bas: hors sol, Haut: territoire}}
"""


@pytest.fixture
def doc(write) -> YamlDocument:
    return read_yaml(write(DOCUMENT))


def only_problem(call, path) -> Problem:
    with pytest.raises(ContentError) as excinfo:
        call(path)
    [problem] = excinfo.value.problems
    return problem


# --- read_text ---------------------------------------------------------------------


def test_read_text_utf8(write):
    assert read_text(write("niveau: Intermédiaire\n")) == "niveau: Intermédiaire\n"


def test_read_text_accepts_a_bom(write):
    path = write("\ufeffniveau: Intermédiaire\n".encode("utf-8"))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_text(path) == "niveau: Intermédiaire\n"


def test_read_text_accepts_a_str_path(write):
    assert read_text(str(write("a: 1\n"))) == "a: 1\n"


def test_read_text_missing_file(tmp_path):
    path = tmp_path / "absent.yaml"
    assert only_problem(read_text, path) == Problem(str(path), "fichier introuvable")


def test_read_text_directory(tmp_path):
    assert only_problem(read_text, tmp_path) == Problem(str(tmp_path), "c'est un dossier, pas un fichier")


@pytest.mark.parametrize(
    "raw, line, byte",
    [
        pytest.param("niveau: Intermédiaire\n".encode("latin-1"), 1, "e9", id="first-line"),
        pytest.param("a: 1\nb: 2\n\nlabel: Caractère\n".encode("cp1252"), 4, "e8", id="fourth-line"),
    ],
)
def test_read_text_not_utf8(write, raw, line, byte):
    path = write(raw)
    assert only_problem(read_text, path) == Problem(
        str(path),
        f"le fichier n'est pas encodé en UTF-8 (octet 0x{byte} invalide)\u202f; enregistrez-le en UTF-8",
        line=line,
    )


def test_read_text_not_utf8_after_a_bom(write):
    path = write(b"\xef\xbb\xbfa: 1\nb: 2\n\x92\n")
    assert only_problem(read_text, path) == Problem(
        str(path),
        "le fichier n'est pas encodé en UTF-8 (octet 0x92 invalide)\u202f; enregistrez-le en UTF-8",
        line=3,
    )


@pytest.mark.parametrize("raw", [b"", b"\n\n", b" \t \r\n ", b"\xef\xbb\xbf", b"\xef\xbb\xbf  \n"])
def test_read_text_empty(write, raw):
    path = write(raw)
    assert only_problem(read_text, path) == Problem(str(path), "le fichier est vide")


# --- read_yaml -----------------------------------------------------------------------


def test_read_yaml_data_and_path(write, doc):
    assert doc.path == write(DOCUMENT)
    assert doc.data["levels"] == ["Bas", "Haut"]
    assert doc.data["dimensions"][0]["criteria"][1] == {
        "id": "ancrage",
        "descriptors": {"Bas": "hors sol", "Haut": "territoire"},
    }


def test_read_yaml_with_a_bom_keeps_line_numbers(write):
    doc = read_yaml(write(("\ufeff" + DOCUMENT).encode("utf-8")))
    assert doc.data["kind"] == "grid"
    assert doc.line_of(("levels", 1)) == 5


@pytest.mark.parametrize(
    "text, line, message",
    [
        pytest.param(
            "a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\n", 5, "la clé 'c' est écrite deux fois (déjà à la ligne 3)", id="nested"
        ),
        pytest.param(
            "items:\n  - id: x\n    label: X\n\n    id: y\n",
            5,
            "la clé 'id' est écrite deux fois (déjà à la ligne 2)",
            id="in-a-list-item",
        ),
        pytest.param(
            "a: {b: 1,\n    b: 2}\n", 2, "la clé 'b' est écrite deux fois (déjà à la ligne 1)", id="flow-mapping"
        ),
        pytest.param("# commentaire\n", None, "le fichier ne contient aucune donnée YAML", id="comments-only"),
        pytest.param(
            "- a\n- b\n",
            1,
            "le fichier doit contenir une table de champs (clé\u00a0: valeur), pas une liste",
            id="list",
        ),
        pytest.param(
            "# titre\n\n42\n",
            3,
            "le fichier doit contenir une table de champs (clé\u00a0: valeur), pas un nombre",
            id="number",
        ),
    ],
)
def test_read_yaml_problems(write, text, line, message):
    path = write(text)
    assert only_problem(read_yaml, path) == Problem(str(path), message, line=line)


def test_read_yaml_syntax_error_has_line_and_column(write):
    path = write("a: 1\nb: [1, 2\nc: 3\n")
    problem = only_problem(read_yaml, path)
    assert problem.line == 3
    assert problem.message.startswith("syntaxe YAML invalide (")
    assert problem.message.endswith(", colonne 2)")


def test_read_yaml_passes_read_text_problems_on(tmp_path):
    path = tmp_path / "absent.yaml"
    assert only_problem(read_yaml, path) == Problem(str(path), "fichier introuvable")


# --- problems found before validation, as the loaders report them ------------------


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("kind: grid\nlevels:\n\t- Bas\n", 3, "tabulation interdite\u00a0: indentez avec des espaces"),
        (
            "kind: grid\ntitle: Grille: AMI\n",
            2,
            "«\u00a0:\u00a0» inattendu\u00a0: mettez entre guillemets un texte qui contient «\u00a0:\u00a0»",
        ),
        (
            "kind: grid\ntitle: @AMI\n",
            2,
            "caractère «\u00a0@\u00a0» interdit en début de valeur\u00a0: mettez le texte entre guillemets",
        ),
    ],
)
def test_common_yaml_mistakes_are_explained_in_french(write, text, line, message):
    [problem] = problems_of(load_grid, write(text))
    assert problem.line == line
    assert problem.message.startswith(f"syntaxe YAML invalide ({message}, colonne ")


FILE_CASES = [
    pytest.param(b"", None, "le fichier est vide", id="empty"),
    pytest.param(b"  \n\t\n   \n", None, "le fichier est vide", id="whitespace-only"),
    pytest.param(
        b"# rien que des commentaires\n", None, "le fichier ne contient aucune donnée YAML", id="comments-only"
    ),
    pytest.param(
        b"- Bas\n- Haut\n",
        1,
        "le fichier doit contenir une table de champs (clé\u00a0: valeur), pas une liste",
        id="top-level-list",
    ),
    pytest.param(
        "\n# une grille\u202f?\nGrille de caractérisation\n".encode(),
        3,
        "le fichier doit contenir une table de champs (clé\u00a0: valeur), pas un texte",
        id="top-level-text",
    ),
    pytest.param(
        broken(GRID, "    label: Portage\n", "    label: Portage\n    label: Portage bis\n").encode(),
        6,
        "la clé 'label' est écrite deux fois (déjà à la ligne 5)",
        id="duplicate-key",
    ),
    pytest.param(
        broken(GRID, "dimensions:\n", "levels: [Bas, Moyen, Haut]\ndimensions:\n").encode(),
        3,
        "la clé 'levels' est écrite deux fois (déjà à la ligne 2)",
        id="duplicate-top-level-key",
    ),
    pytest.param(
        GRID.encode("latin-1"),
        8,
        "le fichier n'est pas encodé en UTF-8 (octet 0xe8 invalide)\u202f; enregistrez-le en UTF-8",
        id="latin-1",
    ),
]


@pytest.mark.parametrize("content, line, message", FILE_CASES)
def test_unreadable_file(write, content, line, message):
    path = write(content)
    assert problems_of(load_grid, path) == (Problem(str(path), message, line=line),)


@pytest.mark.parametrize(
    "old, new, line, column",
    [
        pytest.param("levels: [Bas, Haut]", "levels: [Bas, Haut", 3, 11, id="unclosed-bracket"),
        pytest.param("    label: Contexte\n", "   label: Contexte\n", 13, 4, id="bad-indentation"),
        pytest.param("kind: grid\n", "kind: grid\n---\n", 2, 1, id="two-documents"),
    ],
)
def test_bad_yaml_syntax(write, old, new, line, column):
    path = write(broken(GRID, old, new))
    [problem] = problems_of(load_grid, path)
    assert (problem.path, problem.line, problem.field) == (str(path), line, None)
    # The text between the parentheses is PyYAML's own (it differs between libyaml and pure Python).
    assert re.fullmatch(rf"syntaxe YAML invalide \(.+, colonne {column}\)", problem.message), problem.message


def test_file_not_found(tmp_path):
    path = tmp_path / "absente.yaml"
    with pytest.raises(ContentError) as excinfo:
        load_quiz(path)
    assert excinfo.value.problems == (Problem(str(path), "fichier introuvable"),)
    assert str(excinfo.value) == f"{path}: fichier introuvable"


def test_unquoted_times_stay_times(write):
    """YAML 1.1 reads 10:30 as the number 630; the kit's loader keeps it as text."""
    text = broken(WORKSHOP, 'end: "10:30"', "end: 10:30")
    workshop = load_workshop(write(broken(text, '- start: "09:30"', "- start: 09:30")))
    assert workshop.programme.end == "10:30"
    assert workshop.programme.entries[1].start == "09:30"


# --- YamlDocument.line_of --------------------------------------------------------------


@pytest.mark.parametrize(
    "loc, line",
    [
        pytest.param((), 2, id="root-after-comment"),
        pytest.param(("kind",), 2, id="scalar"),
        pytest.param(("levels",), 4, id="block-list-value"),
        pytest.param(("levels", 1), 5, id="list-item"),
        pytest.param(("dimensions", 0), 7, id="mapping-in-list"),
        pytest.param(("dimensions", 0, "label"), 8, id="nested-scalar"),
        pytest.param(("dimensions", 0, "criteria", 0, "descriptors"), 12, id="nested-mapping-value"),
        pytest.param(("dimensions", 0, "criteria", 0, "descriptors", "Haut"), 13, id="deep"),
        pytest.param(("dimensions", 0, "criteria", 1, "descriptors", "Bas"), 14, id="flow-style"),
    ],
)
def test_line_of_existing_paths(doc, loc, line):
    assert doc.line_of(loc) == line


@pytest.mark.parametrize(
    "loc, line",
    [
        pytest.param(("levels",), 3, id="list"),
        pytest.param(("dimensions", 0, "criteria", 0, "descriptors"), 11, id="nested-mapping"),
        pytest.param(("dimensions", 0, "criteria", 0, "descriptors", "Haut"), 13, id="scalar-same-line"),
    ],
)
def test_line_of_key(doc, loc, line):
    """A key and its block value are on different lines; ``key=True`` and "[key]" name the key."""
    assert doc.line_of(loc, key=True) == line
    assert doc.line_of((*loc, "[key]")) == line
    if len(loc) > 1:
        assert doc.line_of((*loc[:-1], "[key]", *loc[-1:])) == line


def test_line_of_key_of_a_list_item_is_the_item(doc):
    assert doc.line_of(("levels", 1, "[key]")) == 5
    assert doc.line_of(("dimensions", 0), key=True) == 7


@pytest.mark.parametrize(
    "loc, line",
    [
        pytest.param(("title",), 2, id="top-level-field"),
        pytest.param(("dimensions", 0, "criteria", 0, "label"), 10, id="nested-field"),
        pytest.param(("dimensions", 0, "criteria", 1, "label"), 14, id="field-of-flow-mapping"),
        pytest.param(("dimensions", 0, "criteria", 0, "descriptors", "Moyen"), 12, id="descriptor"),
        pytest.param(("dimensions", 3, "label"), 7, id="index-past-the-end"),
        pytest.param(("levels", "Bas"), 4, id="name-in-a-list"),
        pytest.param(("kind", "x", 0), 2, id="below-a-scalar"),
    ],
)
def test_line_of_missing_path_is_the_deepest_existing_node(doc, loc, line):
    assert doc.line_of(loc) == line


def test_line_of_integer_key(write):
    doc = read_yaml(write("descriptors:\n  0: bas\n  1: haut\n"))
    assert doc.line_of(("descriptors", 1)) == 3


# --- parse_json ---------------------------------------------------------------------------


def test_parse_json_keeps_lines():
    doc = parse_json('{\n  "format": "x",\n  "assessments": [\n    {"assessor": "a"}\n  ]\n}\n', "r.json")
    assert doc.path == Path("r.json")
    assert doc.data["assessments"] == [{"assessor": "a"}]
    assert (doc.line_of(("format",)), doc.line_of(("assessments", 0, "assessor"))) == (2, 4)


@pytest.mark.parametrize(
    "text, line, message",
    [
        pytest.param(
            '{\n  "a": 1,\n}',
            3,
            "JSON invalide (nom de champ entre guillemets droits attendu, colonne 1)",
            id="trailing-comma",
        ),
        pytest.param(
            '{"a": 1} {"b": 2}',
            1,
            "JSON invalide (données en trop après la fin de l'objet, colonne 10)",
            id="extra-data",
        ),
        pytest.param('{"a": "texte}', 1, "JSON invalide (guillemet non fermé, colonne 7)", id="unterminated"),
        pytest.param('"texte"', None, "le fichier doit contenir un objet JSON {…}, pas un texte", id="not-an-object"),
    ],
)
def test_parse_json_problems(text, line, message):
    with pytest.raises(ContentError) as excinfo:
        parse_json(text, "r.json")
    assert excinfo.value.problems == (Problem("r.json", message, line=line),)


def test_parse_json_line_of_a_key_with_escapes():
    doc = parse_json('{\n  "caract\\u00e8re": {\n    "a\\"b": 1\n  }\n}\n', "r.json")
    assert doc.data == {"caractère": {'a"b': 1}}
    assert (doc.line_of(("caractère",), key=True), doc.line_of(("caractère", 'a"b'))) == (2, 3)


# --- bounds: what read_text refuses, before reading --------------------------------------


def test_read_text_refuses_a_fifo_without_opening_it(tmp_path):
    """Opening a FIFO for reading waits for a writer: the test would hang if read_text opened it."""
    path = tmp_path / "tube.yaml"
    os.mkfifo(path)
    assert only_problem(read_text, path) == Problem(
        str(path), "ce n'est pas un fichier ordinaire (tube)\u00a0: donnez le chemin d'un fichier"
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_read_text_refuses_a_device():
    """/dev/zero never ends: reading it would fill the memory."""
    assert only_problem(read_text, Path("/dev/zero")) == Problem(
        "/dev/zero", "ce n'est pas un fichier ordinaire (périphérique)\u00a0: donnez le chemin d'un fichier"
    )


@pytest.mark.parametrize(
    "name, kind, what",
    [
        ("grille.yaml", "content", "un fichier de contenu"),
        ("mes_resultats.json", "results", "un fichier de résultats"),
        ("cohorte.csv", "cohort", "un tableau d'évaluations"),
    ],
)
def test_read_text_size_limit_of_each_kind(write, monkeypatch, name, kind, what):
    """The kind follows the suffix when not given; exactly the limit is read, one byte more is refused."""
    monkeypatch.setitem(MAX_BYTES, kind, 100)
    assert read_text(write("x" * 100, name)) == "x" * 100
    path = write("x" * 150, name)
    assert only_problem(read_text, path) == Problem(
        str(path), f"fichier trop volumineux (150 octets\u202f; au plus 100 octets pour {what})"
    )


def test_read_text_kind_given_overrides_the_suffix(write, monkeypatch):
    monkeypatch.setitem(MAX_BYTES, "results", 10)
    path = write("x" * 20, "notes.txt")
    with pytest.raises(ContentError) as excinfo:
        read_text(path, "results")
    assert (
        excinfo.value.problems[0].message
        == "fichier trop volumineux (20 octets\u202f; au plus 10 octets pour un fichier de résultats)"
    )
    assert read_text(path) == "x" * 20  # a .txt is content: 2 Mo allowed


@pytest.mark.parametrize("size, label", [(50_000_000, "50 Mo"), (2_340_000, "2,3 Mo"), (2_040_000, "plus de 2 Mo")])
def test_read_text_refuses_a_large_file_before_reading_it(tmp_path, size, label):
    """A sparse file: its size is known at once, and none of it is read."""
    path = tmp_path / "grille.yaml"
    with path.open("wb") as file:
        file.truncate(size)
    assert only_problem(read_text, path) == Problem(
        str(path), f"fichier trop volumineux ({label}\u202f; au plus 2 Mo pour un fichier de contenu)"
    )


def test_read_text_refuses_a_file_that_grew_after_stat(write, monkeypatch):
    """The size seen by stat is not trusted: at most limit + 1 bytes are read."""
    monkeypatch.setitem(MAX_BYTES, "content", 100)
    path = write("x" * 150)
    real_stat = os.stat
    small = os.stat_result((*tuple(real_stat(path))[:6], 10, *tuple(real_stat(path))[7:10]))
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: small if Path(p) == path else real_stat(p, *a, **k))
    assert only_problem(read_text, path) == Problem(
        str(path), "fichier trop volumineux (plus de 100 octets\u202f; au plus 100 octets pour un fichier de contenu)"
    )


def test_read_text_permission_denied_is_said_in_french(write, monkeypatch):
    path = write("a: 1\n")

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(os, "open", refuse)
    assert only_problem(read_text, path) == Problem(
        str(path), "lecture impossible (permission refusée\u00a0: vérifiez les droits de lecture du fichier)"
    )


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_read_text_unreadable_file(write):
    path = write("a: 1\n")
    path.chmod(0)
    try:
        assert only_problem(read_text, path) == Problem(
            str(path), "lecture impossible (permission refusée\u00a0: vérifiez les droits de lecture du fichier)"
        )
    finally:
        path.chmod(0o600)


# --- bounds: YAML, checked on the event stream before any data is built --------------------

BILLION_LAUGHS = "".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n']
    + [f"{name}: &{name} [{','.join(['*' + prev] * 9)}]\n" for prev, name in zip("abcdefgh", "bcdefghi", strict=True)]
)


@pytest.mark.parametrize(
    "text, line, message",
    [
        pytest.param(
            BILLION_LAUGHS, 2, "les alias YAML (*a) ne sont pas acceptés\u00a0: recopiez le texte", id="billion-laughs"
        ),
        pytest.param(
            "kind: grid\nlevels: &niveaux [*niveaux]\n",
            2,
            "les alias YAML (*niveaux) ne sont pas acceptés\u00a0: recopiez le texte",
            id="recursive-anchor",
        ),
        pytest.param(
            "a: 1\nb: *inconnu\n",
            2,
            "les alias YAML (*inconnu) ne sont pas acceptés\u00a0: recopiez le texte",
            id="undefined-alias",
        ),
        pytest.param(
            "a: !perso texte\n", 1, "étiquette YAML «\u00a0!perso\u00a0» inconnue\u00a0: retirez-la", id="unknown-tag"
        ),
        pytest.param("a: !!set {x, y}\n", 1, "étiquette YAML «\u00a0!!set\u00a0» non acceptée", id="set-tag"),
        pytest.param(
            "a: 2026-02-30\n",
            1,
            "date «\u00a02026-02-30\u00a0» invalide\u00a0: mettez le texte entre guillemets",
            id="impossible-date",
        ),
        pytest.param(
            "a: " + "1" * 5000 + "\n",
            1,
            f"nombre entier «\u00a0{'1' * 79}…\u00a0» invalide\u00a0: mettez le texte entre guillemets",
            id="huge-number",
        ),
        pytest.param(
            "? [a, b]\n: c\n",
            1,
            "clé complexe (liste ou table) non acceptée\u00a0: une clé est un texte",
            id="complex-key",
        ),
        pytest.param(
            "---\n",
            2,
            "le fichier doit contenir une table de champs (clé\u00a0: valeur), pas une valeur vide",
            id="empty-document",
        ),
        pytest.param(
            "a: 1\rb: 2\rb: 3\r", 3, "la clé 'b' est écrite deux fois (déjà à la ligne 2)", id="cr-only-line-ends"
        ),
        pytest.param(
            "a:\n  b:\n    - {c: 1, d: 2}\n    - {c: 1, c: 2}\n",
            4,
            "la clé 'c' est écrite deux fois (déjà à la ligne 4)",
            id="duplicate-deep-down",
        ),
        pytest.param(
            f"a: 1\n{'k' * 200}: 1\n{'k' * 200}: 2\n",
            3,
            f"la clé '{'k' * 79}…' est écrite deux fois (déjà à la ligne 2)",
            id="long-duplicate-key",
        ),
    ],
)
def test_read_yaml_refuses(write, text, line, message):
    path = write(text)
    assert only_problem(read_yaml, path) == Problem(str(path), message, line=line)


def test_read_yaml_billion_laughs_is_refused_at_once(write):
    """Nine aliases of nine aliases… would be 387 million texts: the first alias stops the reading."""
    assert len(BILLION_LAUGHS.encode()) < 500
    with pytest.raises(ContentError):
        read_yaml(write(BILLION_LAUGHS))


def test_read_yaml_an_anchor_without_alias_is_fine(write):
    doc = read_yaml(write("niveaux: &niveaux [Bas, Haut]\nautre: &x {a: 1}\n"))
    assert doc.data == {"niveaux": ["Bas", "Haut"], "autre": {"a": 1}}
    assert doc.line_of(("autre", "a")) == 2


def nested_yaml(depth: int) -> str:
    """A mapping (depth 1) whose key ``a``, on line 3, holds ``depth - 1`` nested lists."""
    return "# profondeur\nx: 1\na: " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"


def test_read_yaml_depth_max_depth_is_accepted(write):
    doc = read_yaml(write(nested_yaml(MAX_DEPTH)))
    assert doc.line_of(("a",) + (0,) * (MAX_DEPTH - 3)) == 3


def test_read_yaml_depth_max_depth_plus_one_is_refused(write):
    path = write(nested_yaml(MAX_DEPTH + 1))
    assert only_problem(read_yaml, path) == Problem(str(path), TOO_DEEP, line=3)
    assert TOO_DEEP == "imbrication trop profonde (au plus 32 niveaux de listes et de tables)"


def test_read_yaml_values_max_values_is_accepted_and_one_more_refused(write):
    """The mapping, its key and the list count: three values besides the items."""
    items = MAX_VALUES - 3
    assert len(read_yaml(write("a:\n  [" + "x," * (items - 1) + "x]\n")).data["a"]) == items
    path = write("a:\n  [" + "x," * items + "x]\n")
    assert only_problem(read_yaml, path) == Problem(str(path), TOO_MANY, line=2)
    assert TOO_MANY == "trop de valeurs (au plus 100\u202f000 textes, nombres, listes et tables, clés comprises)"


@pytest.mark.parametrize(
    "char, code",
    [("\x00", "0000"), ("\x1b", "001B"), ("\x7f", "007F"), ("\x80", "0080"), ("\ufffe", "FFFE")],
)
def test_read_yaml_forbidden_character(write, char, code):
    path = write(f"kind: grid\ntitle: Grille{char} AMI\n")
    assert only_problem(read_yaml, path) == Problem(
        str(path), f"caractère interdit (U+{code}) en colonne 14\u00a0: supprimez-le", line=2
    )


@pytest.mark.parametrize(
    "text",
    [
        'a: "\\q"\n',
        'a: "\\ud800"\n',
        "a: [1, 2\n",
        "a: {b: 1\n",
        'a: "texte\n',
        "a:\n  - b\n c: 1\n",
        "a: 1\n...\nb: 2\n",
        "a: |0\n  x\n",
        "a: &\n",
        "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
        "a: b: c\n",
        "- a\nb: 1\n",
        "a: 1\n- b\n",
        "{a: 1}}\n",
        "a: `x`\n",
        "a: !<> x\n",
    ],
)
def test_read_yaml_syntax_errors_are_said_in_french(write, text):
    path = write(text)
    problem = only_problem(read_yaml, path)
    assert re.fullmatch(r"syntaxe YAML invalide \(.+, colonne \d+\)", problem.message), problem.message
    english = re.findall(
        r"\b(?:expected|found|while|scanning|parsing|mapping|character|allowed|the)\b", problem.message
    )
    assert english == [], problem.message


# --- bounds: JSON ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, line, message",
    [
        pytest.param("[" * 990 + "]" * 990, 1, TOO_DEEP, id="990-levels"),
        pytest.param(
            '{\n  "a": 1,\n  "b":\n' + "[" * 100_000 + "]" * 100_000 + "}",
            4,
            TOO_DEEP,
            id="deeper-than-python-recursion",
        ),
        pytest.param('{"a": [' + "0," * MAX_VALUES + "0]}", 1, TOO_MANY, id="too-many-values"),
        pytest.param(
            '{\n"a": ' + "1" * 5000 + "}",
            2,
            "JSON invalide (valeur de plus de 4300 caractères hors guillemets)",
            id="huge-number",
        ),
    ],
)
def test_parse_json_refuses(text, line, message):
    with pytest.raises(ContentError) as excinfo:
        parse_json(text, "r.json")
    assert excinfo.value.problems == (Problem("r.json", message, line=line),)


def nested_json(depth: int) -> str:
    """An object (depth 1) whose field ``a``, on line 2, holds ``depth - 1`` nested lists."""
    return '{"x": 1,\n"a": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}"


def test_parse_json_depth_max_depth_is_accepted_and_one_more_refused():
    assert parse_json(nested_json(MAX_DEPTH), "r.json").line_of(("a",) + (0,) * (MAX_DEPTH - 3)) == 2
    with pytest.raises(ContentError) as excinfo:
        parse_json(nested_json(MAX_DEPTH + 1), "r.json")
    assert excinfo.value.problems == (Problem("r.json", TOO_DEEP, line=2),)


def test_parse_json_values_max_values_is_accepted():
    """The object, its key and the list: three values besides the items."""
    doc = parse_json('{"a": [' + "0," * (MAX_VALUES - 4) + "0]}", "r.json")
    assert len(doc.data["a"]) == MAX_VALUES - 3


def test_parse_json_brackets_and_numbers_inside_texts_do_not_count():
    text = json.dumps({"a": "[" * 1000 + "{" * 1000, "b": "9" * 10_000})
    assert parse_json(text, "r.json").data["a"].startswith("[[")


def test_parse_json_lone_surrogates_become_replacement_characters():
    """No file can hold half a character: ``\\ud800`` becomes « � »; a whole pair stays a character."""
    doc = parse_json('{\n"a\\ud800": "x\\udc00y",\n"b": ["\\ud83d\\ude00"]}', "r.json")
    assert doc.data == {"a\ufffd": "x\ufffdy", "b": ["\U0001f600"]}
    assert doc.line_of(("a\ufffd",)) == 2 and doc.line_of(("b", 0)) == 3
    json.dumps(doc.data, ensure_ascii=False).encode("utf-8")  # can be saved


def test_without_surrogates():
    assert without_surrogates("sans") == "sans"
    assert without_surrogates("a\ud800b\udfffc") == "a\ufffdb\ufffdc"
    assert without_surrogates("\ud83d\ude00") == "\U0001f600"  # two halves sent apart are one character


def test_parse_json_builds_its_line_index_only_when_a_line_is_asked_for():
    doc = parse_json('{\n  "a": 1\n}', "r.json")
    assert "index" not in vars(doc)
    assert doc.line_of(("a",)) == 2
    assert "index" in vars(doc)


def test_parse_json_bounds_a_text_given_directly(monkeypatch):
    """An uploaded file reaches parse_json as text, without read_text: it is bounded all the same."""
    monkeypatch.setitem(MAX_BYTES, "results", 100)
    with pytest.raises(ContentError) as excinfo:
        parse_json('{"a": "' + "x" * 200 + '"}', "envoi.json")
    assert excinfo.value.problems == (
        Problem(
            "envoi.json", "fichier trop volumineux (209 octets\u202f; au plus 100 octets pour un fichier de résultats)"
        ),
    )
