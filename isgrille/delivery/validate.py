"""Check any file of the kit, whatever it holds: ``python -m isgrille validate``.

A YAML file is content (grid, quiz, concepts, workshop), recognised by its
``kind`` field or its keys; a ``.csv`` file is a cohort of assessments; a
``.json`` file is a learner's results. This dispatcher sits above the layers
whose readers it calls (content, results, analysis), so none of them needs
to know about the others.

Whatever the file — huge, deeply nested, a FIFO, ``/dev/zero``, a YAML
« billion laughs » — each reader keeps to the bounds of
:mod:`isgrille.content.limits` and the answer is a kind or a
:class:`~isgrille.content.errors.ContentError` in French, never a traceback
(``bench/bench_hostile.py`` shows the time and memory it takes).

>>> from isgrille.content.loading import data_dir
>>> validate_file(data_dir() / "grid.yaml")
'grid'
"""

from __future__ import annotations

from pathlib import Path

from ..content.model import Grid

__all__ = ["validate_file"]


def validate_file(path: str | Path, grid: Grid | None = None) -> str:
    """Check any content file; return its kind, or raise ContentError.

    YAML files are recognised by their ``kind`` field (or their keys); a
    ``.csv`` file is a cohort of assessments and a ``.json`` file a learner's
    results, both checked against ``grid`` (default: the AMI grid).
    """
    path = Path(path)
    if path.suffix.lower() == ".json":
        from ..results.store import read_results

        read_results(path, grid)
        return "results"
    if path.suffix.lower() == ".csv":
        from ..analysis.cohort import load_assessments

        load_assessments(path, grid)
        return "cohort"
    from ..content.loading import validate_yaml

    kind, _ = validate_yaml(path)
    return kind
