"""Grids of any shape for tests: a builder and hypothesis strategies."""

from __future__ import annotations

from hypothesis import strategies as st

from isgrille.content.model import Assessment, Criterion, Dimension, Grid


def make_grid(shape: list[int], n_levels: int) -> Grid:
    """A grid with ``len(shape)`` dimensions holding ``shape[i]`` criteria each."""
    levels = tuple(f"N{k}" for k in range(n_levels))
    dimensions = tuple(
        Dimension(
            f"d{i}",
            f"Dimension {i}",
            tuple(
                Criterion(f"c{i}_{j}", f"Critère {i}.{j}", tuple(f"c{i}_{j} au niveau {k}" for k in range(n_levels)))
                for j in range(count)
            ),
        )
        for i, count in enumerate(shape)
    )
    return Grid(levels, dimensions)


@st.composite
def grids(draw) -> Grid:
    shape = draw(st.lists(st.integers(1, 6), min_size=1, max_size=5))
    return make_grid(shape, draw(st.integers(2, 7)))


@st.composite
def grids_and_assessments(draw, count: int = 1):
    grid = draw(grids())
    rating = st.one_of(st.none(), st.integers(0, grid.top_index))
    assessments = [Assessment(f"P{n}", {c.id: draw(rating) for c in grid.criteria}) for n in range(count)]
    return (grid, *assessments)
