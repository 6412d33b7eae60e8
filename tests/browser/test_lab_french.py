"""JupyterLab speaks French: the menus the notebooks quote are the ones a learner sees (issue 16).

The kit installs JupyterLab's French language pack and makes French the
default display language (``share/jupyter/lab/settings/overrides.d/isgrille.json``,
installed with the package). The welcome notebook tells learners to use
« Exécution › Exécuter toutes les cellules »: this opens a real JupyterLab in
chromium, reads the menu bar, opens the menu the notebook names and finds the
item it names there. No request may leave 127.0.0.1.
"""

from __future__ import annotations

import json
import re

import pytest

from .conftest import assert_local_only

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


TIMEOUT = 120_000  # ms: JupyterLab's first load on a busy machine
NOTEBOOK = "00_accueil.ipynb"


def quoted_menu_path() -> tuple[str, str]:
    """The menu and its item as the welcome notebook quotes them: « menu *Menu › Item* »."""
    from isgrille.delivery.kit_files import notebooks_dir

    text = "".join(
        "".join(cell["source"])
        for cell in json.loads((notebooks_dir() / NOTEBOOK).read_text(encoding="utf-8"))["cells"]
    )
    found = re.search(r"menu \*([^*›]+?)[\s\u00a0]*›[\s\u00a0]*([^*›]+?)\*", text)
    assert found, f"{NOTEBOOK} names no menu path (menu *Menu › Item*)"
    return found.group(1), found.group(2)


def test_the_quoted_menu_path_is_french():
    assert quoted_menu_path() == ("Exécution", "Exécuter toutes les cellules")


def test_the_menu_bar_reads_french_and_holds_the_quoted_item(page, lab, workspace):
    menu, item = quoted_menu_path()
    path = f"{workspace.folder}/{NOTEBOOK}"  # the notebook open, as a learner has it: its menu items shown
    page.goto(lab.url(f"lab/workspaces/{workspace.folder}/tree/{path}") + "&reset", timeout=TIMEOUT)
    page.wait_for_function(
        "window.jupyterapp && window.jupyterapp.shell.currentWidget "
        "&& window.jupyterapp.shell.currentWidget.context "
        f"&& window.jupyterapp.shell.currentWidget.context.path === {json.dumps(path)}",
        timeout=TIMEOUT,
    )
    labels = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel")
    labels.first.wait_for(timeout=TIMEOUT)
    shown = labels.all_inner_texts()
    assert menu in shown and "Fichier" in shown, shown
    assert "Run" not in shown and "File" not in shown
    page.locator("#jp-menu-panel .lm-MenuBar-item", has_text=menu).click()
    entry = page.locator(".lm-Menu .lm-Menu-itemLabel", has_text=item)
    entry.first.wait_for(timeout=30_000)
    assert item in entry.first.inner_text()
    assert_local_only(page)
