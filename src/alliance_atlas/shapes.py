"""The country outlines the app serves from static/maps, and which ids they hold."""

import json
from functools import cache
from itertools import pairwise
from typing import NamedTuple

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


class Bounds(NamedTuple):
    """Where a shape lies: its box and the point its label (and a member's dot) goes to."""

    box: tuple[float, float, float, float]  # west, south, east, north; east > 180 across it
    point: tuple[float, float]  # (lon, lat): properties.ct, else the largest polygon's centroid
    # the box of each polygon, so that a frame of Europe can leave out French Guiana
    parts: tuple[tuple[float, float, float, float], ...]


@cache
def shape_bounds() -> dict[str, Bounds]:
    """The Bounds of every outline in world_110m.json and of every point in small_states.json."""
    topology = json.loads((MAPS_DIR / "world_110m.json").read_text(encoding="utf-8"))
    bounds = {code: Bounds((*p, *p), p, ((*p, *p),)) for code, p in small_state_points().items()}
    return bounds | topology_bounds(topology)


def topology_bounds(topology: dict) -> dict[str, Bounds]:
    """The Bounds of each feature with an id in a topojson's `countries`, from its arcs."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:  # quantized and delta-encoded: each point adds to the last
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    found = {}
    for feature in topology["objects"]["countries"]["geometries"]:
        if not feature.get("id"):
            continue  # e.g. Kosovo and N. Cyprus: no id, so no member can name them
        polygons = feature["arcs"] if feature["type"] == "MultiPolygon" else [feature["arcs"]]
        polygons = [polygon for polygon in polygons if polygon]  # RUS and FJI have empty ones
        outers = [_ring(arcs, polygon[0]) for polygon in polygons]  # holes lie inside them
        parts = tuple(_box([ring]) for ring in outers)
        ct = (feature.get("properties") or {}).get("ct")
        point = tuple(ct) if ct else _centroid(max(outers, key=lambda r: abs(_area(r))))
        found[feature["id"]] = Bounds(_box(outers), point, parts)
    return found


def _ring(arcs: list, indices: list[int]) -> list[tuple[float, float]]:
    """A ring's points, its longitudes unwrapped: a ring across 180\N{DEGREE SIGN} runs on past it."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]  # ~i: arc i, walked backwards
        points.extend(arc if not points else arc[1:])  # each arc starts where the last ended
    ring = [points[0]]
    for lon, lat in points[1:]:
        last = ring[-1][0]
        lon += 360 * round((last - lon) / 360)  # no edge of a 1:110m outline is 180 degrees long
        ring.append((lon, lat))
    return ring


def _box(rings: list[list[tuple[float, float]]]) -> tuple[float, float, float, float]:
    """(west, south, east, north) of rings, west to east the shortest way round."""
    west, east = covering_arc([(min(r)[0], max(r)[0]) for r in rings])
    lats = [lat for ring in rings for _, lat in ring]
    return (west, min(lats), east, max(lats))


def _area(ring: list[tuple[float, float]]) -> float:
    """Twice the signed planar area of a ring (shoelace)."""
    return sum(
        x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True)
    )


def _centroid(ring: list[tuple[float, float]]) -> tuple[float, float]:
    """The planar centroid of a ring, its longitude back in [-180, 180)."""
    pairs = list(zip(ring, ring[1:] + ring[:1], strict=True))
    twice = _area(ring) or 1e-12
    cx = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in pairs) / (3 * twice)
    cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in pairs) / (3 * twice)
    return ((cx + 180) % 360 - 180, cy)


def covering_arc(spans: list[tuple[float, float]]) -> tuple[float, float]:
    """The shortest (west, east) arc of the circle that covers every (west, east) span.

    West is in [-180, 180) and east may pass 180, so Chukotka (-180..-169) and the rest of
    Russia (27..180) give (27, 191), not (-180, 180). The arc is the circle minus its widest gap.
    """
    if any(east - west >= 360 for west, east in spans):
        return (-180.0, 180.0)
    starts = [(west + 180) % 360 - 180 for west, _ in spans]
    line = sorted(
        (start + shift, start + east - west + shift)
        for start, (west, east) in zip(starts, spans, strict=True)
        for shift in (0, 360)  # a second lap, so that a gap may run past 180
    )
    merged = [list(line[0])]
    for west, east in line[1:]:
        if west <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], east)
        else:
            merged.append([west, east])
    lap = merged[0][0] + 360  # the gaps that end by here go once round the circle
    gaps = [(a[1], b[0]) for a, b in pairwise(merged) if b[0] <= lap]
    if not gaps:
        return (-180.0, 180.0)
    gap_west, gap_east = max(gaps, key=lambda gap: gap[1] - gap[0])
    west = (gap_east + 180) % 360 - 180
    return (west, west + 360 - (gap_east - gap_west))
