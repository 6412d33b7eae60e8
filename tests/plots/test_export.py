"""Tests of isgrille.plots.export: figure_png, and charts that leave matplotlib's global state alone."""

from __future__ import annotations

import subprocess
import sys

import matplotlib
from matplotlib.figure import Figure

from isgrille.plots.export import figure_png
from isgrille.plots.radar import plot_profile
from isgrille.plots.summary import plot_dimension_summary

from .drawing import PNG, profiles_of


def test_figure_png_from_axes_and_figure(grid, pair):
    ax = plot_profile(grid, pair)
    for target in (ax, ax.figure):
        data = figure_png(target)
        assert isinstance(data, bytes) and data.startswith(PNG)


def test_figure_png_from_a_subfigure_axes(grid, pair):
    sub = Figure(figsize=(12, 6)).subfigures(1, 2)
    plot_profile(grid, pair, ax=sub[0].add_subplot(projection="polar"))
    ax = plot_dimension_summary(grid, profiles_of(grid, pair), ax=sub[1].add_subplot())
    assert figure_png(ax, dpi=50).startswith(PNG)


def test_no_pyplot_figures_and_no_rcparams_change(grid, pair):
    import matplotlib.pyplot as plt

    plt.close("all")
    before = dict(matplotlib.rcParams)
    backend = matplotlib.get_backend()
    for _ in range(3):  # a widget redrawing
        figure_png(plot_profile(grid, pair, title="x"))
        figure_png(plot_dimension_summary(grid, profiles_of(grid, pair)))
    assert plt.get_fignums() == []
    assert dict(matplotlib.rcParams) == before
    assert matplotlib.get_backend() == backend


def test_importing_the_module_changes_nothing_global():
    code = (
        "import sys, matplotlib\n"
        "before = dict(matplotlib.rcParams)\n"
        "import isgrille.plots\n"
        "assert dict(matplotlib.rcParams) == before\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert "isgrille.plots" not in " ".join(
        subprocess.run(
            [sys.executable, "-c", "import sys, isgrille; print(*sys.modules)"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    )


def test_figure_png_scales_with_dpi_and_has_a_white_background():
    import io

    from PIL import Image

    from isgrille.plots.style import new_axes

    ax = new_axes((3, 2))
    ax.figure.set_facecolor("none")  # transparent on screen: the PNG is still white
    ax.plot([0, 1], [0, 1])
    small, large = (Image.open(io.BytesIO(figure_png(ax, dpi=dpi))).convert("RGB") for dpi in (50, 100))
    assert abs(large.width - 2 * small.width) <= 2 and abs(large.height - 2 * small.height) <= 2
    assert small.width <= (3 + 0.2) * 50 and small.height <= (2 + 0.2) * 50  # the figure, padded 0.1 inch
    assert small.getpixel((0, 0)) == (255, 255, 255)


def test_figure_png_holds_the_metadata_given_as_text_chunks():
    import io

    from PIL import Image

    from isgrille.plots.style import new_axes

    metadata = {"Copyright": "Collectif X, CC BY 4.0", "Source": "D'après «\u00a0Une œuvre\u00a0» – adapté."}
    chunks = Image.open(io.BytesIO(figure_png(new_axes((2, 2)), metadata=metadata))).text
    assert {key: chunks[key] for key in metadata} == metadata
