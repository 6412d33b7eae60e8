"""Tests of isgrille.delivery.schema_export: the JSON Schemas generated from the file models.

The schemas committed in data/schema/ are the ones the models generate, and
they accept the shipped files.
"""

from __future__ import annotations

import json

import pytest

from isgrille.content.loading import YAML_KINDS, data_dir, default_path, shipped_grids
from isgrille.delivery.schema_export import SCHEMA_KINDS, render, schemas, write_schemas


@pytest.mark.parametrize("kind", sorted(SCHEMA_KINDS))
def test_committed_schema_is_up_to_date(kind):
    committed = (data_dir() / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == render(schemas()[kind]), "run: python -m isgrille schema"


@pytest.mark.parametrize("kind", sorted(YAML_KINDS))
def test_shipped_file_is_valid_for_its_json_schema(kind):
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    data = yaml.safe_load(default_path(kind).read_text(encoding="utf-8"))
    jsonschema.validate(data, schemas()[kind])


def test_json_schema_rejects_an_unknown_field():
    jsonschema = pytest.importorskip("jsonschema")
    with pytest.raises(jsonschema.ValidationError, match="Additional properties"):
        jsonschema.validate({"levels": ["a", "b"], "dimensions": [], "lable": "x"}, schemas()["grid"])


def test_shipped_yaml_points_editors_at_its_schema():
    for kind in YAML_KINDS:
        first = default_path(kind).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=schema/{kind}.schema.json"


@pytest.mark.parametrize("path", sorted((data_dir() / "grids").glob("*.yaml")), ids=lambda p: p.name)
def test_every_other_shipped_grid_points_at_the_grid_schema_and_is_valid_for_it(path):
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/grid.schema.json"
    assert (path.parent / "../schema/grid.schema.json").resolve() == (data_dir() / "schema" / "grid.schema.json")
    jsonschema.validate(yaml.safe_load(text), schemas()["grid"])
    assert path in shipped_grids().values()


def test_the_grid_schema_describes_the_adaptation_note():
    field = schemas()["grid"]["properties"]["adaptation"]
    assert (field["type"], field["default"]) == ("string", "")
    assert "adapted" in field["description"]


def test_write_schemas(tmp_path):
    paths = write_schemas(tmp_path)
    assert sorted(p.name for p in paths) == sorted(f"{k}.schema.json" for k in SCHEMA_KINDS)
    assert json.loads(paths[0].read_text(encoding="utf-8"))["type"] == "object"
