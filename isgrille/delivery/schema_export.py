"""JSON Schemas of the content files, generated from the pydantic file models.

Editors (VS Code with the YAML extension, JupyterLab's LSP…) read
``data/schema/NAME.schema.json`` through the ``$schema`` comment at the top
of each YAML file and then check and complete what a trainer types.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["SCHEMA_KINDS", "schemas", "write_schemas"]

#: Every kind of file that has a JSON Schema: the YAML content files and the results file.
SCHEMA_KINDS = ("grid", "quiz", "concepts", "workshop", "results")


def schemas() -> dict[str, dict]:
    """The JSON Schema of each kind of YAML content file, keyed by kind."""
    from ..content.loading import YAML_KINDS, model_for

    result = {}
    from ..results.file_format import ResultsFile

    models = {kind: model_for(kind) for kind in YAML_KINDS} | {"results": ResultsFile}
    for kind, model in models.items():
        schema = model.model_json_schema()
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{kind}.schema.json", **schema}
        result[kind] = schema
    return result


def render(schema: dict) -> str:
    """The text written to disk for a schema (stable, UTF-8, final newline)."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(out: Path | None = None) -> list[Path]:
    """Write every schema into ``out`` (default: the kit's data/schema); return the paths."""
    from ..content.loading import data_dir
    from ..results.atomic import write_atomic

    out = out if out is not None else data_dir() / "schema"
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, schema in schemas().items():
        path = out / f"{kind}.schema.json"
        write_atomic(path, render(schema))
        written.append(path)
    return written
