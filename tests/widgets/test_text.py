"""Tests of isgrille/widgets/text.py: escaping, the content's inline Markdown, tables, the CSS.

Every screen puts learner text and content through these functions, so they
are where a ``<script>`` in a pitch is made harmless.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import isgrille.widgets
from isgrille.analysis.scoring import score_assessment
from isgrille.content.model import Assessment
from isgrille.widgets.text import (
    STYLE,
    chart_alt,
    escape,
    image_html,
    inline_markdown,
    plain_text,
    profile_table_html,
    table_html,
)

from ..grids import make_grid
from .reading import table_rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("Tom & Jerry", "Tom &amp; Jerry"),
        ('dit "oui"', "dit &quot;oui&quot;"),
        ("l'atelier", "l&#x27;atelier"),
        ("ligne 1\nligne 2", "ligne 1<br>ligne 2"),
        ("«\u00a0Établi\u00a0» – 3 €", "«\u00a0Établi\u00a0» – 3 €"),
        ("", ""),
    ],
)
def test_escape(text, expected):
    assert escape(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("une **réponse** nouvelle", "une <strong>réponse</strong> nouvelle"),
        ("une *réponse* nouvelle", "une <em>réponse</em> nouvelle"),
        ("**gras** et *italique*", "<strong>gras</strong> et <em>italique</em>"),
        ("<b>gras</b>", "&lt;b&gt;gras&lt;/b&gt;"),
        ("**<i>x</i>**", "<strong>&lt;i&gt;x&lt;/i&gt;</strong>"),
        ("**sur\ndeux lignes**", "<strong>sur<br>deux lignes</strong>"),
        # a lone star, stars around spaces or inside words are not emphasis
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("a*b*c", "a*b*c"),
        ("note*", "note*"),
        # the source's underline, and the grid's « supra » (*scaling up*)
        ("des solutions ++adaptées++ à", "des solutions <u>adaptées</u> à"),
        ("«\u00a0supra\u00a0» (*scaling up*)", "«\u00a0supra\u00a0» (<em>scaling up</em>)"),
        ("++<u>x</u>++", "<u>&lt;u&gt;x&lt;/u&gt;</u>"),
        ("c++ et a++b++c", "c++ et a++b++c"),
        ("1 ++ 2 ++ 3", "1 ++ 2 ++ 3"),
    ],
)
def test_inline_markdown(text, expected):
    assert inline_markdown(text) == expected


def test_table_html_has_caption_column_and_row_headers():
    html = table_html(["Critère", "Niveau"], [["Portage", "Fort"], ["Contenu", None]], caption="Mon profil")
    assert html.startswith('<table class="isg-table"><caption>Mon profil</caption>')
    assert html.count('<th scope="col">') == 2
    assert '<th scope="row">Portage</th><td>Fort</td>' in html
    assert '<th scope="row">Contenu</th><td></td>' in html  # None shows as an empty cell
    assert table_rows(html) == [["Critère", "Niveau"], ["Portage", "Fort"], ["Contenu", ""]]


def test_table_html_escapes_every_cell_header_and_caption():
    html = table_html(["<h>"], [["<script>a</script>", "<img src=x onerror=alert(1)>"]], caption="<c>")
    assert "<script>" not in html and "<img" not in html and "<h>" not in html and "<c>" not in html
    assert "&lt;script&gt;a&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<caption>&lt;c&gt;</caption>" in html


def test_table_html_without_row_headers_and_with_own_class():
    html = table_html(["A", "B"], [["x", "y"]], row_headers=False, css="isg-table isg-levels")
    assert 'scope="row"' not in html
    assert "<tr><td>x</td><td>y</td></tr>" in html
    assert html.startswith('<table class="isg-table isg-levels">')
    assert "<caption>" not in html


@pytest.fixture
def small_profiles():
    grid = make_grid([2, 1], 3)  # levels N0 N1 N2; criteria c0_0 c0_1 | c1_0
    first = score_assessment(grid, Assessment("P", {"c0_0": 2, "c0_1": None, "c1_0": 1}))
    empty = score_assessment(grid, Assessment("P", {}))
    return first, empty


def test_profile_table_lists_levels_then_dimension_and_overall_summaries(small_profiles):
    first, _ = small_profiles
    rows = table_rows(profile_table_html([first], ["autoévaluation"]))
    assert rows == [
        ["Critère", "autoévaluation"],
        ["Critère 0.0", "N2"],
        ["Critère 0.1", "non renseigné"],
        ["Critère 1.0", "N1"],
        ["Dimension 0 (médiane, %)", "N2, 100\u00a0% au moins «\u00a0N1\u00a0» (1 sur 1, 1 non renseigné)"],
        ["Dimension 1 (médiane, %)", "N1, 100\u00a0% au moins «\u00a0N1\u00a0» (1 sur 1)"],
        ["Ensemble (médiane, %)", "N2, 100\u00a0% au moins «\u00a0N1\u00a0» (2 sur 2, 1 non renseigné)"],
    ]


def test_profile_table_puts_each_profile_in_its_column(small_profiles):
    first, empty = small_profiles
    html = profile_table_html([empty, first], ["formateur", "<b>pair</b>"], caption="Deux regards")
    rows = table_rows(html)
    assert rows[0] == ["Critère", "formateur", "<b>pair</b>"]  # the label, as text…
    assert "<b>pair</b>" not in html  # …never as markup
    assert rows[1] == ["Critère 0.0", "non renseigné", "N2"]
    assert rows[-1] == [
        "Ensemble (médiane, %)",
        "non renseigné",
        "N2, 100\u00a0% au moins «\u00a0N1\u00a0» (2 sur 2, 1 non renseigné)",
    ]
    assert "<caption>Deux regards</caption>" in html


def test_profile_table_counts_several_unrated_in_the_plural():
    grid = make_grid([3], 2)
    profile = score_assessment(grid, Assessment("P", {"c0_0": 1}))
    rows = table_rows(profile_table_html([profile], ["moi"]))
    assert rows[-1] == ["Ensemble (médiane, %)", "N1, 100\u00a0% au moins «\u00a0N1\u00a0» (1 sur 1, 2 non renseignés)"]


def test_profile_table_gives_the_median_and_the_share_never_a_mean():
    grid = make_grid([4], 4)  # levels N0…N3: the reference is N2
    profile = score_assessment(grid, Assessment("P", {"c0_0": 0, "c0_1": 1, "c0_2": 3, "c0_3": None}))
    html = profile_table_html([profile], ["moi"])
    # median N1 (the upper middle of N0 N1 N3), one criterion of three at N2 or above: 33 %, decimal-free
    assert table_rows(html)[-1] == [
        "Ensemble (médiane, %)",
        "N1, 33\u00a0% au moins «\u00a0N2\u00a0» (1 sur 3, 1 non renseigné)",
    ]
    summaries = [cell for row in table_rows(html) if "médiane" in row[0] for cell in row[1:]]
    assert "moyenne" not in html and [cell for cell in summaries if re.search(r"\d\.\d", cell)] == []


def test_profile_table_share_is_a_whole_french_percentage():
    grid = make_grid([3], 3)
    profile = score_assessment(grid, Assessment("P", {"c0_0": 0, "c0_1": 1, "c0_2": 2}))
    cell = table_rows(profile_table_html([profile], ["moi"]))[-1][1]
    assert cell == "N1, 67\u00a0% au moins «\u00a0N1\u00a0» (2 sur 3)"


def _style_sheets() -> str:
    """The kit's style sheet and the screens' own (a widget module's ``…_CSS`` constant: the phones', the room's)."""
    import importlib

    sheets = [STYLE]
    for module in sorted(Path(isgrille.widgets.__file__).parent.glob("*.py")):
        loaded = importlib.import_module(f"isgrille.widgets.{module.stem}") if module.stem != "__init__" else None
        sheets += [
            value
            for name, value in vars(loaded or isgrille.widgets).items()
            if name.endswith("_CSS") and isinstance(value, str)
        ]
    return "\n".join(dict.fromkeys(sheets))


SHEETS = _style_sheets()


def _classes_used_by_the_screens() -> list[str]:
    """Every ``isg-…`` class named in the widget modules' code (the CSS itself left out)."""
    used = set()
    for module in sorted(Path(isgrille.widgets.__file__).parent.glob("*.py")):
        code = module.read_text(encoding="utf-8")
        for sheet in SHEETS.split("\n"):
            code = code.replace(sheet, "") if sheet.strip().startswith((".", "@", "<style")) else code
        used |= set(re.findall(r"\bisg-[a-z]+(?:-[a-z]+)*", code))
    return sorted(used)


def test_the_screens_use_the_kit_classes():
    assert {"isg-card", "isg-feedback", "isg-example", "isg-timer", "isg-table", "isg-notice"} <= set(
        _classes_used_by_the_screens()
    )


@pytest.mark.parametrize("css_class", _classes_used_by_the_screens())
def test_style_defines_every_class_the_screens_use(css_class):
    assert STYLE.startswith("<style>") and STYLE.rstrip().endswith("</style>")
    assert re.search(rf"\.{css_class}\b[^{{]*\{{", SHEETS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(*scaling up*) et **net** et ++adaptées++", "(scaling up) et net et adaptées"),
        ("2 * 3 * 4 <b>", "2 * 3 * 4 <b>"),
    ],
)
def test_plain_text_drops_the_emphasis_marks_only(text, expected):
    assert plain_text(text) == expected


def test_table_html_renders_the_contents_emphasis_only_with_markup():
    row = [["(*scaling up*) ++adaptées++ <i>"]]
    assert "<td>(<em>scaling up</em>) <u>adaptées</u> &lt;i&gt;</td>" in table_html(
        ["A"], row, row_headers=False, markup=True
    )
    assert "<td>(*scaling up*) ++adaptées++ &lt;i&gt;</td>" in table_html(["A"], row, row_headers=False)


def test_image_html_escapes_the_alt_text_and_inlines_the_png():
    html = image_html(b"\x89PNG", 'a "b" <c> & d')
    assert html == (
        '<img class="isg-chart" alt="a &quot;b&quot; &lt;c&gt; &amp; d" src="data:image/png;base64,iVBORw==">'
    )


def test_chart_alt_gives_each_dimensions_median_and_counts(small_profiles):
    first, empty = small_profiles
    assert chart_alt("Radar", [first, empty], ["moi", "pair"]) == (
        "Radar. moi — Dimension 0\u00a0: médiane N2 (1 N2, 1 non renseigné)\u202f; Dimension 1\u00a0: médiane N1 (1 N1)\u202f; "
        "ensemble\u00a0: médiane N2 (1 N2, 1 N1, 1 non renseigné). "
        "pair — Dimension 0\u00a0: non renseigné\u202f; Dimension 1\u00a0: non renseigné\u202f; ensemble\u00a0: non renseigné. "
        "Le détail de chaque critère est dans le tableau des valeurs."
    )


def test_style_shows_the_keyboard_focus():
    rule = re.search(r"button\.jupyter-button:focus-visible[^{]*\{([^}]*)\}", STYLE)
    assert rule and "outline: 3px solid" in rule.group(1)
    assert "textarea:focus-visible" in STYLE and "input:focus-visible" in STYLE
