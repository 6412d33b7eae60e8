"""Tests of isgrille.content.sources: reading text, YAML and JSON before validation, keeping lines.

read_text: UTF-8 with or without a BOM, missing file, directory, other
encodings, empty files. read_yaml: the parsed data, and the problems found
while parsing (duplicate keys, non-mapping documents, syntax errors said in
French), also as a loader reports them; unquoted times stay text. line_of:
turning a field path back into a line, including ``"[key]"`` locations and
paths that go past the end of the document (a missing field is reported at
the line of the mapping that should hold it). parse_json: a JSON object with
the same lines, and its syntax errors said in French.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from isgrille.content.errors import ContentError, Problem
from isgrille.content.loading import load_grid, load_quiz, load_workshop
from isgrille.content.sources import parse_json, read_text, read_yaml
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
        f"le fichier n'est pas encodé en UTF-8 (octet 0x{byte} invalide) ; enregistrez-le en UTF-8",
        line=line,
    )


def test_read_text_not_utf8_after_a_bom(write):
    path = write(b"\xef\xbb\xbfa: 1\nb: 2\n\x92\n")
    assert only_problem(read_text, path) == Problem(
        str(path),
        "le fichier n'est pas encodé en UTF-8 (octet 0x92 invalide) ; enregistrez-le en UTF-8",
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
        pytest.param("a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\n", 5,
                     "la clé 'c' est écrite deux fois (déjà à la ligne 3)", id="nested"),
        pytest.param("items:\n  - id: x\n    label: X\n\n    id: y\n", 5,
                     "la clé 'id' est écrite deux fois (déjà à la ligne 2)", id="in-a-list-item"),
        pytest.param("a: {b: 1,\n    b: 2}\n", 2,
                     "la clé 'b' est écrite deux fois (déjà à la ligne 1)", id="flow-mapping"),
        pytest.param("# commentaire\n", None, "le fichier ne contient aucune donnée YAML", id="comments-only"),
        pytest.param("- a\n- b\n", 1,
                     "le fichier doit contenir une table de champs (clé: valeur), pas une liste", id="list"),
        pytest.param("# titre\n\n42\n", 3,
                     "le fichier doit contenir une table de champs (clé: valeur), pas un nombre",
                     id="number"),
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
        ("kind: grid\nlevels:\n\t- Bas\n", 3, "tabulation interdite : indentez avec des espaces"),
        ("kind: grid\ntitle: Grille: AMI\n", 2, "« : » inattendu : mettez entre guillemets un texte qui contient « : »"),
        ("kind: grid\ntitle: @AMI\n", 2, "caractère « @ » interdit en début de valeur : mettez le texte entre guillemets"),
    ],
)
def test_common_yaml_mistakes_are_explained_in_french(write, text, line, message):
    [problem] = problems_of(load_grid, write(text))
    assert problem.line == line
    assert problem.message.startswith(f"syntaxe YAML invalide ({message}, colonne ")


FILE_CASES = [
    pytest.param(b"", None, "le fichier est vide", id="empty"),
    pytest.param(b"  \n\t\n   \n", None, "le fichier est vide", id="whitespace-only"),
    pytest.param(b"# rien que des commentaires\n", None, "le fichier ne contient aucune donnée YAML",
                 id="comments-only"),
    pytest.param("- Bas\n- Haut\n".encode(), 1,
                 "le fichier doit contenir une table de champs (clé: valeur), pas une liste", id="top-level-list"),
    pytest.param("\n# une grille ?\nGrille de caractérisation\n".encode(), 3,
                 "le fichier doit contenir une table de champs (clé: valeur), pas un texte", id="top-level-text"),
    pytest.param(broken(GRID, "    label: Portage\n", "    label: Portage\n    label: Portage bis\n").encode(), 6,
                 "la clé 'label' est écrite deux fois (déjà à la ligne 5)", id="duplicate-key"),
    pytest.param(broken(GRID, "dimensions:\n", "levels: [Bas, Moyen, Haut]\ndimensions:\n").encode(), 3,
                 "la clé 'levels' est écrite deux fois (déjà à la ligne 2)", id="duplicate-top-level-key"),
    pytest.param(GRID.encode("latin-1"), 8,
                 "le fichier n'est pas encodé en UTF-8 (octet 0xe8 invalide) ; enregistrez-le en UTF-8",
                 id="latin-1"),
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
    assert doc.line_of(loc + ("[key]",)) == line
    if len(loc) > 1:
        assert doc.line_of(loc[:-1] + ("[key]",) + loc[-1:]) == line


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
        pytest.param('{\n  "a": 1,\n}', 3, "JSON invalide (nom de champ entre guillemets droits attendu, colonne 1)",
                     id="trailing-comma"),
        pytest.param('{"a": 1} {"b": 2}', 1, "JSON invalide (données en trop après la fin de l'objet, colonne 10)",
                     id="extra-data"),
        pytest.param('{"a": "texte}', 1, "JSON invalide (guillemet non fermé, colonne 7)", id="unterminated"),
        pytest.param('"texte"', None, "le fichier doit contenir un objet JSON {…}, pas un texte", id="not-an-object"),
    ],
)
def test_parse_json_problems(text, line, message):
    with pytest.raises(ContentError) as excinfo:
        parse_json(text, "r.json")
    assert excinfo.value.problems == (Problem("r.json", message, line=line),)
