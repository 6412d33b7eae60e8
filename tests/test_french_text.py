"""Everything a learner or trainer reads is typeset in French (issue 16): no-break spaces, decimal commas.

The check is :func:`isgrille.content.typography.ascii_spacing`: an ASCII space
before « ? », « ! », « ; », « : » or inside « » is a place where a phone wraps
the line before the mark. It scans, and finds none in:

- every text of the content files (``data/*.yaml``, ``data/grids/*.yaml``);
- the notebooks' markdown;
- every string literal of the package a screen, a chart or a message shows
  (docstrings are developer documentation, in English, and are left out);
- what every notebook shows once executed in a real kernel: its text and HTML
  outputs and the state of every widget (labels, options, HTML values);
  and in those outputs no number is written with a decimal point.

Styles, scripts and ``data:`` addresses are taken out of HTML before the scan:
they are code, not text.
"""

from __future__ import annotations

import ast
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from isgrille.content.typography import ascii_spacing

from .test_notebooks_any_grid import widget_states

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
#: The module that defines the rule holds its patterns as literals.
RULE_MODULE = ROOT / "isgrille" / "content" / "typography.py"

_CODE = re.compile(r"<(style|script)\b.*?</\1>|data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+|`[^`\n]*`", re.S | re.I)
#: A number with a decimal point, but not a version (« CC BY-NC-SA 4.0 », « 3.11 ») nor part of an address.
_DECIMAL_POINT = re.compile(r"(?<![\w./-])\d+\.\d+(?![\w./-])")
_NOT_A_NUMBER = re.compile(
    r"(?:CC BY(?:-[A-Z]+)* \d\.\d|\d\.\d International|Python \d\.\d+|https?://\S+|\b[\w.-]+\.(?:ipynb|py|json|yaml))"
)


def _strings(value) -> Iterator[str]:
    """Every string inside a parsed YAML or JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _visible(text: str) -> str:
    """``text`` without styles, scripts, ``data:`` addresses and code spans."""
    return _CODE.sub(" ", text)


def _content_files() -> list[Path]:
    return sorted([*(ROOT / "data").glob("*.yaml"), *(ROOT / "data" / "grids").glob("*.yaml")])


@pytest.mark.parametrize("path", _content_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_content_files_carry_the_no_break_spaces(path: Path) -> None:
    texts = list(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert texts, f"{path} holds no text"
    assert [place for text in texts for place in ascii_spacing(text)] == []


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_notebook_markdown_carries_the_no_break_spaces(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    markdown = ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown"]
    assert markdown
    assert [place for text in markdown for place in ascii_spacing(_visible(text))] == []


def _shown_literals(path: Path) -> Iterator[tuple[int, str]]:
    """The string literals of a module (the fixed parts of f-strings too), docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def test_package_literals_carry_the_no_break_spaces() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: {place!r}"
        for path in sorted((ROOT / "isgrille").rglob("*.py"))
        if path != RULE_MODULE
        for line, text in _shown_literals(path)
        for place in ascii_spacing(text)
    ]
    assert found == []


def test_the_scan_finds_a_planted_fault(tmp_path: Path) -> None:
    planted = tmp_path / "module.py"
    planted.write_text(
        '"""Doc : an English docstring, not scanned."""\nMESSAGE = f"Quel besoin ? {1}"\n', encoding="utf-8"
    )
    found = [place for _, text in _shown_literals(planted) for place in ascii_spacing(text)]
    assert [place.strip() for place in found] == ["Quel besoin ?"]
    assert _DECIMAL_POINT.findall(_NOT_A_NUMBER.sub(" ", "(0.12 s), CC BY-NC-SA 4.0, 0,12 s")) == ["0.12"]


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> dict[str, nbformat.NotebookNode]:
    """Every notebook executed top to bottom in a real kernel, its results in a folder of this run's own."""
    folder = tmp_path_factory.mktemp("francais")
    saved = dict(os.environ)
    os.environ["ISGRILLE_RESULTS"] = str(folder / "mes_resultats.json")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), saved.get("PYTHONPATH")]))
    try:
        notebooks = {}
        for path in sorted(NOTEBOOKS.glob("*.ipynb")):
            notebook = nbformat.read(path, as_version=4)
            NotebookClient(
                notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
            ).execute()
            notebooks[path.name] = notebook
        return notebooks
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _shown(notebook: nbformat.NotebookNode) -> list[str]:
    """What the executed notebook shows: its text and HTML outputs, then every widget's strings."""
    texts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            texts.append(output.get("text", ""))
            data = output.get("data", {})
            texts += [data.get("text/html", ""), data.get("text/markdown", "")]
            if not {"text/html", "application/vnd.jupyter.widget-view+json"} & set(data):
                texts.append(data.get("text/plain", ""))  # a widget's repr is for a plain console, not shown
    for state in widget_states(notebook):
        if state["model_name"].endswith(("LayoutModel", "StyleModel")):
            continue  # sizes and colours, not text
        shown = {key: value for key, value in state["state"].items() if not key.startswith("_")}
        texts += list(_strings(shown))
    return [_visible(text) for text in texts if text]


@pytest.mark.parametrize("name", sorted(path.name for path in NOTEBOOKS.glob("*.ipynb")))
def test_executed_notebooks_show_french_typography(executed, name: str) -> None:
    shown = _shown(executed[name])
    assert shown, f"{name} showed nothing"
    assert [place for text in shown for place in ascii_spacing(text)] == []
    points = [number for text in shown for number in _DECIMAL_POINT.findall(_NOT_A_NUMBER.sub(" ", text))]
    assert points == [], f"{name}: nombres écrits avec un point décimal"
