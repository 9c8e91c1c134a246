"""The import direction of docs/architecture.md, checked on every module's imports."""

import ast
import sys
from pathlib import Path

import pytest

import smeforum

pytestmark = pytest.mark.unit

PACKAGE = Path(smeforum.__file__).resolve().parent
DATA_APPS = [
    "audit",
    "reference",
    "money",
    "orgs",
    "forums",
    "participants",
    "accounts",
    "scheduling",
    "matchmaking",
    "outcomes",
    "reporting",
]
SURFACE_APPS = ["public", "backoffice", "portal", "api", "demo"]
# Inside a data app: a module of layer L may import only layers listed for L.
LAYER_IMPORTS = {
    "validators": {"validators", "countries", "bilingual"},
    "models": {"models", "validators", "fields", "countries", "bilingual"},
    "queries": {"models", "queries", "countries", "bilingual", "engine", "recommend", "overview"},
    "domain": {
        "models",
        "queries",
        "validators",
        "domain",
        "tasks",
        "countries",
        "bilingual",
        "engine",
        "tabular",
        "overview",
    },
    "tasks": {"models", "queries", "domain", "tasks", "engine", "recommend", "overview"},
}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if "migrations" in rel.parts:
            continue
        yield rel, ast.parse(path.read_text(encoding="utf-8"))


def _smeforum_imports(tree) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.count(".") == 1:  # from smeforum.app import module
                names.extend(f"{node.module}.{alias.name}" for alias in node.names)
            else:
                names.append(node.module)
        elif isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
    return [n for n in names if n.startswith("smeforum.")]


def _violations() -> list[str]:
    problems = []
    for rel, tree in _modules():
        app = rel.parts[0] if len(rel.parts) > 1 else None
        layer = rel.parts[1].removesuffix(".py") if len(rel.parts) > 1 else None
        for name in _smeforum_imports(tree):
            parts = name.split(".")
            target_app = parts[1]
            target_layer = parts[2] if len(parts) > 2 else None
            if app in DATA_APPS:
                if target_app in SURFACE_APPS:
                    problems.append(f"{rel}: data app imports surface app {name}")
                elif target_app in DATA_APPS and DATA_APPS.index(target_app) > DATA_APPS.index(app):
                    problems.append(f"{rel}: {app} imports later data app {name}")
                elif (
                    target_app == app
                    and layer in LAYER_IMPORTS
                    and target_layer not in LAYER_IMPORTS[layer]
                ):
                    problems.append(f"{rel}: {layer} imports {target_layer} ({name})")
            elif app in SURFACE_APPS and target_app in SURFACE_APPS and target_app != app:
                problems.append(f"{rel}: surface app {app} imports surface app {name}")
    return problems


def test_imports_follow_the_layering():
    assert _violations() == []


def test_layering_check_sees_a_violation(tmp_path, monkeypatch):
    """Negative control: a data app importing a surface app is reported."""
    fake = tmp_path / "smeforum"
    (fake / "orgs").mkdir(parents=True)
    (fake / "orgs" / "models.py").write_text("from smeforum.public import views\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    assert _violations() == ["orgs/models.py: data app imports surface app smeforum.public.views"]
