"""Where the map opens: the box that frames the chosen alliances' members, or a region's."""

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from alliance_atlas.shapes import covering_arc, shape_bounds

FRAMINGS = ("fit", "world", "europe", "americas", "middle_east_africa", "asia_pacific")

Box = tuple[float, float, float, float]  # west, south, east, north; east > 180 across it

# Fixed boxes, (west, south, east, north), cut the way news map desks frame these regions.
REGIONS: dict[str, Box] = {
    # The map as the app drew it before framing: from Canada to New Zealand and from Mexico
    # to Thailand, every pact's members.
    "world": (-130.0, -48.0, 180.0, 78.0),
    # Iceland to Turkey, Georgia and Armenia, Crete and Cyprus to the North Cape (not Svalbard).
    "europe": (-25.0, 34.0, 46.0, 72.0),
    # Alaska and the Aleutians to Brazil's eastern tip, Tierra del Fuego to the Arctic coast.
    "americas": (-172.0, -57.0, -30.0, 75.0),
    # Cape Verde and Morocco to Iran, Turkey down to the Cape of Good Hope.
    "middle_east_africa": (-26.0, -36.0, 64.0, 42.0),
    # Pakistan and India to New Zealand and Japan, Indonesia and Australia on the way.
    "asia_pacific": (60.0, -48.0, 180.0, 56.0),
}
HOME_REGIONS = tuple(name for name in FRAMINGS if name in REGIONS and name != "world")

MARGIN = 0.05  # of the members' span, on each side, so that no member touches the edge
MIN_MARGIN = 2.0  # degrees: a small state alone still gets its neighbours around it
# Members that span more of the globe than this leave too little room for each state, so the
# fit falls back on the region most of the alliances call home.
MAX_FIT_SPAN = 200.0
# The latitudes a fit may show: Miller stretches the poles, and no member lies beyond them.
FIT_LATS = (-58.0, 84.0)
# Plotly letterboxes the map to the frame's aspect (width over height, in projected units), so
# the aspect is the map's shape, (narrowest, flattest): on a phone or in an embed no taller than
# square, so that Europe fills the width; on a wide screen about as flat as the space for it.
NARROW = (1.0, 2.0)
WIDE = (2.0, 2.6)


@dataclass(frozen=True)
class Frame:
    """A box to open the map on, and which of the shapes it was asked to frame fall outside."""

    lon: tuple[float, float]  # west, east in degrees; east may pass 180 across the antimeridian
    lat: tuple[float, float]  # south, north in degrees
    outside: tuple[str, ...] = ()  # the given shapes with no part inside the frame, sorted


def frame(
    members: Mapping[str, Collection[str]],
    framing: str = "fit",
    aspects: tuple[float, float] = NARROW,
) -> Frame:
    """The Frame of `framing` for `members`: alliance id -> the shape ids of its members.

    A shape id is an outline of world_110m.json (ISO-3, or SUN, DDR and the other historical
    ones) or a point of small_states.json; ids on neither are not drawn, so they are ignored.
    "fit" frames the members (see _fit); any other name of FRAMINGS is that region's fixed box.
    """
    if framing not in FRAMINGS:
        raise ValueError(f"unknown framing {framing!r}: expected one of {', '.join(FRAMINGS)}")
    bounds = shape_bounds()
    alliances = {a: sorted({s for s in shapes if s in bounds}) for a, shapes in members.items()}
    # A region is the fixed box a news desk draws; a fit takes the shape of the screen.
    box = _shaped(_fit(alliances), aspects) if framing == "fit" else REGIONS[framing]
    every = {shape for shapes in alliances.values() for shape in shapes}
    # Out of the frame: no part of it on the map (the USSR, half in a frame of Europe, is in).
    outside = sorted(s for s in every if not any(_meets(box, p) for p in bounds[s].parts))
    return Frame((box[0], box[2]), (box[1], box[3]), tuple(outside))


def geo_axes(frame: Frame) -> dict:
    """The `geo` layout keys that draw `frame`, for fig.update_geos (which keeps the rest).

    Only the ranges: Plotly turns the globe to the middle of the longitude range by itself
    and draws a range that passes 180 as it is (both measured in Chromium with plotly 7.1),
    so a frame across the antimeridian needs no projection.rotation; a figure must not set one.
    """
    return {"lonaxis": {"range": list(frame.lon)}, "lataxis": {"range": list(frame.lat)}}


def miller_y(lat: float) -> float:
    """The Miller projection's y for a latitude in degrees; its x is the longitude in radians."""
    return 1.25 * math.log(math.tan(math.pi / 4 + 0.4 * math.radians(lat)))


def _fit(alliances: Mapping[str, list[str]]) -> Box:
    """The box of every member, or of those in their alliances' shared home region."""
    bounds = shape_bounds()
    parts = [part for shapes in alliances.values() for s in shapes for part in bounds[s].parts]
    if not parts:
        box = REGIONS["world"]
    elif _span(parts) <= MAX_FIT_SPAN:
        box = _with_margin(_extent(parts))
    else:
        region = REGIONS[_shared_home(alliances)]
        # Only the parts that reach into the region: France's box would run to French Guiana.
        inside = [
            part
            for shapes in alliances.values()
            for s in shapes
            if _holds(region, bounds[s].point)
            for part in bounds[s].parts
            if _meets(region, part)
        ]
        # No member labelled in the region (the USSR's label point, in Siberia, is in none).
        box = _with_margin(_extent(inside)) if inside else REGIONS["world"]
    return box


def _shared_home(alliances: Mapping[str, list[str]]) -> str:
    """The region holding the most memberships (a state counted once for each of its
    alliances); of equals, the one home to most of the alliances, an alliance's home being the
    region holding the most of its members' label points. Memberships, not alliances, decide:
    a treaty of two (Russia and North Korea) does not outweigh NATO's thirty-two."""
    points = {a: [shape_bounds()[s].point for s in shapes] for a, shapes in alliances.items()}

    def held(region: str, alliance: str) -> int:
        return sum(_holds(REGIONS[region], point) for point in points[alliance])

    homes = [max(HOME_REGIONS, key=lambda r: held(r, a)) for a in alliances if points[a]]

    def rank(region: str) -> tuple[int, int]:
        return sum(held(region, a) for a in alliances), homes.count(region)

    return max(HOME_REGIONS, key=rank)  # max keeps the first of equals: FRAMINGS order


def _holds(box: Box, point: tuple[float, float]) -> bool:
    """Whether (lon, lat) lies in the box, whichever way round its longitude is written."""
    west, south, east, north = box
    lon, lat = point
    return south <= lat <= north and (lon - west) % 360 <= east - west


def _meets(region: Box, part: Box) -> bool:
    """Whether a part's box overlaps the region's."""
    west, south, east, north = region
    if part[3] < south or part[1] > north:
        return False
    start = (part[0] - west) % 360  # the part's west, in degrees east of the region's west
    return start <= east - west or start + part[2] - part[0] >= 360


def _span(parts: list[Box]) -> float:
    """How many degrees of longitude the boxes cover, the shortest way round."""
    west, east = _covering(parts)
    return east - west


def _covering(parts: list[Box]) -> tuple[float, float]:
    """The (west, east) of the boxes, the shortest way round."""
    return covering_arc([(west, east) for west, _, east, _ in parts])


def _extent(parts: list[Box]) -> Box:
    """The smallest box that holds every part, its longitudes the shortest way round."""
    west, east = _covering(parts)
    return (west, min(p[1] for p in parts), east, max(p[3] for p in parts))


def _with_margin(box: Box) -> Box:
    """The box grown on each side by MARGIN of its span, and at least MIN_MARGIN degrees."""
    west, south, east, north = box
    lon = max(MARGIN * (east - west), MIN_MARGIN)
    lat = max(MARGIN * (north - south), MIN_MARGIN)
    return (west - lon, south - lat, east + lon, north + lat)


def _shaped(box: Box, aspects: tuple[float, float]) -> Box:
    """The box within FIT_LATS, widened or heightened about its centre to an aspect within
    `aspects` (narrowest, flattest)."""
    narrowest, flattest = aspects
    west, south, east, north = box
    bottom, top = miller_y(max(south, FIT_LATS[0])), miller_y(min(north, FIT_LATS[1]))
    width, height = math.radians(east - west), top - bottom
    if width < narrowest * height:
        # Never wider than MAX_FIT_SPAN (a tall fit such as the Americas' would otherwise
        # become the world on a wide screen): past it, Plotly leaves room at the sides.
        wider = min(math.degrees(narrowest * height), max(MAX_FIT_SPAN, east - west))
        grow = (wider - (east - west)) / 2
        west, east = west - grow, east + grow
    elif width > flattest * height:
        grow = (width / flattest - height) / 2
        # Grown about its centre, then slid back within FIT_LATS, which are tall enough for
        # any width: 360 degrees at the flattest aspect is less than their height.
        low, high = miller_y(FIT_LATS[0]), miller_y(FIT_LATS[1])
        bottom, top = bottom - grow, top + grow
        shift = max(low - bottom, 0.0) - max(top - high, 0.0)
        bottom, top = bottom + shift, top + shift
    start = (west + 180) % 360 - 180  # west in [-180, 180); east passes 180 if it must
    return (start, _latitude(bottom), start + east - west, _latitude(top))


def _latitude(y: float) -> float:
    """The latitude in degrees whose Miller y is `y`."""
    return math.degrees((math.atan(math.exp(y / 1.25)) - math.pi / 4) / 0.4)
