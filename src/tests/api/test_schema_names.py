"""The OpenAPI schema names its components by class name: two resources' schemas of one name
would silently share a single component, and one of them would be documented wrongly."""

import importlib
import pkgutil

import pytest
from ninja import Schema

import smeforum.api

pytestmark = pytest.mark.unit


def _schemas() -> dict[str, set[tuple]]:
    found: dict[str, set[tuple]] = {}
    for module_info in pkgutil.iter_modules(smeforum.api.__path__):
        module = importlib.import_module(f"smeforum.api.{module_info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Schema)
                and value.__module__ == module.__name__
            ):
                fields = tuple(sorted(value.model_fields))
                found.setdefault(value.__name__, set()).add(fields)
    return found


def test_schemas_of_one_name_are_the_same_schema():
    clashes = {name: shapes for name, shapes in _schemas().items() if len(shapes) > 1}

    assert clashes == {}
