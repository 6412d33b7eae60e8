"""The house: isgrille's subpackages, the direction of their imports, and the tests' mirror.

Every import inside the package is read from the source (including imports
deferred into a function and those under ``TYPE_CHECKING``): a layer may
import its own room and the rooms below it, never one above, and no chain of
imports may come back to where it started. The checker is tested on a small
tree of its own first, so that a green run means something.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "isgrille"
#: The rooms, lowest first: each may import the ones before it.
LAYERS = ("content", "results", "analysis", "plots", "widgets", "delivery")
#: Around 300 lines is a signal to look for a second job (STYLE.md), not a number to fit; past this ceiling a
#: module certainly holds two and must be split by meaning.
MAX_LINES = 500


def module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_modules(package: Path) -> dict[str, Path]:
    return {module_name(path, package): path for path in sorted(package.rglob("*.py"))}


def imported_modules(path: Path, package: Path, known: set[str]) -> set[str]:
    """The package's modules that ``path`` imports, wherever the import statement stands."""
    name = module_name(path, package)
    is_package = path.name == "__init__.py"
    here = name.split(".") if is_package else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            # ``from pkg import mod`` imports the module pkg.mod; ``from mod import name`` imports mod.
            targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in known else module for a in node.names]
        else:
            continue
        found |= {target for target in targets if target in known and target != name}
    return found


def import_graph(package: Path) -> dict[str, set[str]]:
    modules = package_modules(package)
    return {name: imported_modules(path, package, set(modules)) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a list of modules (first == last), or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def layer_of(module: str) -> int:
    """Index of the module's room; the top-level ``isgrille`` and ``__main__`` sit above all rooms."""
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else len(LAYERS)


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        for target in targets
        if layer_of(target) > layer_of(module)
    )


# --- the checker, on a tree of its own ---------------------------------------------


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    package = tmp_path / "isgrille"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


def test_checker_finds_a_circle_through_a_deferred_import(tmp_path):
    package = _tree(
        tmp_path,
        {
            "__init__.py": "",
            "content/__init__.py": "",
            "content/a.py": "from .b import x\n",
            "content/b.py": "def f():\n    from . import c\n",
            "content/c.py": "import isgrille.content.a\n",
        },
    )
    cycle = find_cycle(import_graph(package))
    assert cycle is not None and cycle[0] == cycle[-1]
    assert set(cycle) == {"isgrille.content.a", "isgrille.content.b", "isgrille.content.c"}


def test_checker_finds_an_upward_import_even_under_type_checking(tmp_path):
    package = _tree(
        tmp_path,
        {
            "__init__.py": "",
            "content/__init__.py": "",
            "content/model.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..results.store import S\n",
            "results/__init__.py": "",
            "results/store.py": "from ..content.model import M\n",
        },
    )
    graph = import_graph(package)
    assert find_cycle(graph) == ["isgrille.content.model", "isgrille.results.store", "isgrille.content.model"]
    assert upward_imports(graph) == ["isgrille.content.model imports isgrille.results.store"]


def test_checker_accepts_a_clean_tree(tmp_path):
    package = _tree(
        tmp_path,
        {
            "__init__.py": "from .results.store import S\n",
            "content/__init__.py": "",
            "content/model.py": "import json\n",
            "results/__init__.py": "",
            "results/store.py": "from ..content import model\n",
        },
    )
    graph = import_graph(package)
    assert graph["isgrille.results.store"] == {"isgrille.content.model"}
    assert find_cycle(graph) is None and upward_imports(graph) == []


# --- the package ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph(PACKAGE)


def test_no_import_circle(graph):
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_lower_rooms_never_import_higher_ones(graph):
    assert upward_imports(graph) == []


def test_every_module_lives_in_a_room():
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert loose == []
    rooms = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
    assert rooms == sorted(LAYERS)


@pytest.mark.parametrize("room", LAYERS)
def test_every_room_has_a_map(room):
    doc = ast.get_docstring(ast.parse((PACKAGE / room / "__init__.py").read_text(encoding="utf-8")))
    assert doc and doc.startswith(room), f"isgrille/{room}/__init__.py needs a docstring opening with its name"
    modules = sorted(p.stem for p in (PACKAGE / room).glob("*.py") if p.stem != "__init__")
    assert [m for m in modules if f"``{m}``" not in doc] == [], "every module of the room is on its map"


def test_no_module_past_the_ceiling():
    too_long = {
        str(path.relative_to(ROOT)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}


def test_every_module_opens_with_a_docstring():
    missing = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert missing == []


def test_tests_mirror_the_package():
    modules = {
        path.relative_to(PACKAGE).with_name(f"test_{path.name}")
        for path in PACKAGE.rglob("*.py")
        if path.name not in ("__init__.py", "__main__.py")
    }
    tested = {path.relative_to(ROOT / "tests") for path in (ROOT / "tests").rglob("test_*.py")}
    assert sorted(map(str, modules - tested)) == []


def test_readme_layout_table_matches_the_tree():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Layout") :]
    table = table[: table.index("\n## ")]
    rows = re.findall(r"^\| `isgrille/(\w+)/` \| (.+) \|$", table, flags=re.MULTILINE)
    assert [room for room, _ in rows] == list(reversed(LAYERS)), "one row per room, top room first"
    for room, text in rows:
        named = set(re.findall(r"`(\w+)`", text))
        modules = {p.stem for p in (PACKAGE / room).glob("*.py") if p.stem != "__init__"}
        if room != "widgets":  # one module per screen: the row says so rather than listing twelve
            assert modules <= named, f"README row of {room} misses {sorted(modules - named)}"


def test_top_level_docstring_draws_the_same_order():
    import isgrille

    drawn = re.findall(r"^ {4}(\w+) {2,}", isgrille.__doc__, flags=re.MULTILINE)
    assert [room for room in drawn if room in LAYERS] == list(reversed(LAYERS))
