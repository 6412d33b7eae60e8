"""What the readers say of a file they refuse, in French: YAML and JSON syntax, kinds of values, tags, limits.

PyYAML's and ``json``'s messages are English and name the parser's own
terms; a trainer reads instead « syntaxe YAML invalide (« : » attendu après la
clé, colonne 5) » or « un texte », « nombre entier », « imbrication trop
profonde ». :mod:`.sources` and :mod:`.tables` put these words into the
:class:`~.errors.Problem` they raise; :mod:`.validation` names a value's kind.
"""

from __future__ import annotations

from .limits import MAX_DEPTH, MAX_ROWS, MAX_VALUES, shorten
from .typography import french_count

__all__ = [
    "KIND_NAMES",
    "TAG_NAMES",
    "TOO_DEEP",
    "TOO_MANY",
    "TOO_MANY_ROWS",
    "json_problem_text",
    "kind_of",
    "tag_text",
    "yaml_syntax_text",
]


# PyYAML's (libyaml's and pure Python's) syntax problems, said for a trainer; the first match wins.
_YAML = (
    (
        "mapping values are not allowed",
        "«\u00a0:\u00a0» inattendu\u00a0: mettez entre guillemets un texte qui contient «\u00a0:\u00a0»",
    ),
    ("could not find expected ':'", "«\u00a0:\u00a0» attendu après la clé"),
    ("found unexpected ':'", "«\u00a0:\u00a0» inattendu\u00a0: mettez le texte entre guillemets"),
    ("did not find expected key", "indentation incohérente"),
    ("expected <block end>", "indentation incohérente"),
    ("did not find expected '-' indicator", "indentation incohérente dans une liste"),
    (
        "block sequence entries are not allowed",
        "«\u00a0-\u00a0» inattendu\u00a0: indentation incohérente dans une liste",
    ),
    ("mapping keys are not allowed", "«\u202f?\u00a0» inattendu\u00a0: mettez le texte entre guillemets"),
    ("found unexpected end of stream", "fin de fichier inattendue\u00a0: guillemet non fermé\u202f?"),
    ("expected ',' or ']'", "«\u00a0,\u00a0» ou «\u00a0]\u00a0» attendu\u00a0: crochet non fermé\u202f?"),
    ("expected ',' or '}'", "«\u00a0,\u00a0» ou «\u00a0}\u00a0» attendu\u00a0: accolade non fermée\u202f?"),
    ("tab character", "tabulation interdite\u00a0: indentez avec des espaces"),
    (
        "unknown escape character",
        (
            "«\u00a0\\\u00a0» inconnu entre guillemets doubles\u00a0: doublez-le (\\\\) ou "
            "mettez le texte entre guillemets simples"
        ),
    ),
    ("escape", "code de caractère (\\x, \\u ou \\U) invalide entre guillemets doubles"),
    ("hexdecimal", "code de caractère (\\x, \\u ou \\U) invalide entre guillemets doubles"),
    (
        "alphabetic or numeric character",
        "nom invalide après «\u00a0&\u00a0», «\u00a0*\u00a0» ou «\u00a0!\u00a0»\u00a0: mettez le texte entre guillemets",
    ),
    ("comment or line break", "texte inattendu en fin de ligne\u00a0: guillemet mal placé\u202f?"),
    ("document indicator", "«\u00a0---\u00a0» ou «\u00a0...\u00a0» inattendu\u00a0: mettez le texte entre guillemets"),
    ("document start", "contenu inattendu\u00a0: indentation incohérente\u202f?"),
    ("node content", "valeur attendue"),
    ("indentation indicator", "indicateur de bloc («\u00a0|\u00a0» ou «\u00a0>\u00a0») invalide"),
    ("whitespace", "espace attendue après «\u00a0-\u00a0», «\u00a0:\u00a0» ou «\u202f?\u00a0»"),
    ("character", "caractère inattendu\u00a0: mettez le texte entre guillemets"),
)


def yaml_syntax_text(exc: Exception, text: str) -> tuple[str, int | None]:
    """A PyYAML error on ``text`` as a French sentence and its line, never PyYAML's English.

    >>> import yaml
    >>> try:
    ...     yaml.safe_load("a: 1\\nb: [1, 2\\n")
    ... except yaml.YAMLError as exc:
    ...     yaml_syntax_text(exc, "a: 1\\nb: [1, 2\\n")
    ('syntaxe YAML invalide («\\xa0,\\xa0» ou «\\xa0]\\xa0» attendu\\xa0: crochet non fermé\\u202f?, colonne 1)', 3)
    """
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or ""
    char = text[mark.index : mark.index + 1] if mark else ""
    if "cannot start any token" in problem and char:
        problem = (
            "tabulation interdite\u00a0: indentez avec des espaces"
            if char == "\t"
            else f"caractère «\u00a0{char}\u00a0» interdit en début de valeur\u00a0: mettez le texte entre guillemets"
        )
    else:
        problem = next((french for english, french in _YAML if english in problem), "erreur de syntaxe")
    if mark is None:
        return f"syntaxe YAML invalide ({problem})", None
    return f"syntaxe YAML invalide ({problem}, colonne {mark.column + 1})", mark.line + 1


_JSON = {
    "Expecting value": "valeur attendue",
    "Expecting ',' delimiter": "«\u00a0,\u00a0» attendu",
    "Expecting ':' delimiter": "«\u00a0:\u00a0» attendu",
    "Expecting property name enclosed in double quotes": "nom de champ entre guillemets droits attendu",
    "Unterminated string starting at": "guillemet non fermé",
    "Extra data": "données en trop après la fin de l'objet",
    "Invalid control character at": "caractère de contrôle interdit dans un texte",
    "Invalid \\escape": "«\u00a0\\\u00a0» inconnu dans un texte\u00a0: doublez-le (\\\\)",
    "Invalid \\uXXXX escape": "code de caractère \\uXXXX invalide",
    "Illegal trailing comma before end of object": "«\u00a0,\u00a0» en trop avant «\u00a0}\u00a0»",
    "Illegal trailing comma before end of array": "«\u00a0,\u00a0» en trop avant «\u00a0]\u00a0»",
}


def json_problem_text(message: str) -> str:
    """A ``json`` syntax problem in French; a French default for any other."""
    return _JSON.get(message, "erreur de syntaxe")


#: How a message names each kind of file (the keys of ``limits.MAX_BYTES``).
KIND_NAMES = {
    "content": "un fichier de contenu",
    "results": "un fichier de résultats",
    "cohort": "un tableau d'évaluations",
}
#: What a YAML value of each implicit type is called, by the last part of its tag.
TAG_NAMES = {
    "int": "nombre entier",
    "float": "nombre",
    "bool": "booléen",
    "timestamp": "date",
    "binary": "donnée binaire",
    "null": "valeur vide",
}


TOO_DEEP = f"imbrication trop profonde (au plus {MAX_DEPTH} niveaux de listes et de tables)"
TOO_MANY = f"trop de valeurs (au plus {french_count(MAX_VALUES)} textes, nombres, listes et tables, clés comprises)"
TOO_MANY_ROWS = f"trop de lignes (au plus {french_count(MAX_ROWS)} après la ligne d'en-tête)"


def tag_text(tag: str) -> str:
    """A YAML tag as a file writes it: ``!!set`` for ``tag:yaml.org,2002:set`` (shortened)."""
    return shorten(tag.replace("tag:yaml.org,2002:", "!!"))


def kind_of(value: object) -> str:
    """What a value read from a file is, in French: ``une liste``, ``un texte``…"""
    for kind, name in (
        (type(None), "une valeur vide"),
        (list, "une liste"),
        (dict, "une table de champs"),
        (str, "un texte"),
        (bool, "un booléen"),
        ((int, float), "un nombre"),
    ):
        if isinstance(value, kind):
            return name
    return f"une valeur de type {type(value).__name__}"
