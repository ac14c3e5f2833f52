"""The library's layers: only the Streamlit layer imports streamlit, and no import runs back up."""

import ast
from pathlib import Path

import pytest

from alliance_atlas.paths import ROOT

PACKAGE = ROOT / "src" / "alliance_atlas"
STREAMLIT_LAYER = {"cached", "session", "widgets", "routing", "layout"}
# The layers from the bottom up; a module may import only from its own layer or those below.
LAYERS = [
    {"vocab", "paths", "dates", "problems", "limits", "navigation", "contrast"},
    {"schema", "readers", "i18n", "shapes"},
    {"dataset", "names", "codes", "framing"},
    {"checks", "queries", "state", "provenance", "reconcile"},
    {"loader", "tables", "charts", "exporters"},
    {"upload", "maps", "importers", "folders"},
    {"views", "alts", "__main__"},
    STREAMLIT_LAYER,
]


def imports_of(path: Path) -> set[str]:
    """The top-level packages and alliance_atlas modules a file imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "alliance_atlas":
                found |= {alias.name for alias in node.names}
            else:
                parts = node.module.split(".")
                found.add(parts[1] if parts[0] == "alliance_atlas" and len(parts) > 1 else parts[0])
    return found


MODULES = sorted(p for p in PACKAGE.glob("*.py") if p.stem != "__init__")


def test_every_module_has_a_layer():
    assert len(MODULES) > 20
    placed = set().union(*LAYERS)
    assert {p.stem for p in MODULES} == placed


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_only_the_streamlit_layer_imports_streamlit(path):
    assert ("streamlit" in imports_of(path)) == (path.stem in STREAMLIT_LAYER)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_a_module_imports_nothing_from_a_layer_above_its_own(path):
    level = next(i for i, layer in enumerate(LAYERS) if path.stem in layer)
    above = set().union(*LAYERS[level + 1 :])
    assert imports_of(path) & above == set()
