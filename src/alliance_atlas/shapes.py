"""The country outlines the app serves from static/maps, and which ids they hold."""

import json
from functools import cache

from alliance_atlas.paths import ROOT

MAPS_DIR = ROOT / "static" / "maps"
# built by scripts/build_map_shapes.py; YMD and YAR are only in world_110m.json
HISTORICAL_SHAPES = frozenset({"SUN", "CSK", "DDR", "FRG", "YUG", "YMD", "YAR"})


@cache
def world_ids() -> tuple[str, ...]:
    """The ISO-3 ids of today's countries in world_110m.json (the historical outlines excluded)."""
    topology = json.loads((MAPS_DIR / "world_110m.json").read_text(encoding="utf-8"))
    ids = (geometry.get("id") for geometry in topology["objects"]["countries"]["geometries"])
    return tuple(sorted(i for i in ids if i and i not in HISTORICAL_SHAPES))


@cache
def small_state_points() -> dict[str, tuple[float, float]]:
    """(lon, lat) of each state too small for an outline in world_110m, such as Malta."""
    points = json.loads((MAPS_DIR / "small_states.json").read_text(encoding="utf-8"))
    return {code: (lon, lat) for code, (lon, lat) in points.items()}
