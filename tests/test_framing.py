"""Where the map opens: the fit of the chosen alliances on a date, the region boxes, the bounds."""

import datetime as dt
import json
import math
import time

import pytest

from alliance_atlas import queries
from alliance_atlas.framing import (
    FIT_LATS,
    FRAMINGS,
    MAX_FIT_SPAN,
    NARROW,
    WIDE,
    Frame,
    frame,
    geo_axes,
)
from alliance_atlas.shapes import (
    MAPS_DIR,
    covering_arc,
    shape_bounds,
    small_state_points,
    topology_bounds,
    world_ids,
)

COLD_WAR = dt.date(1985, 6, 1)
TODAY = dt.date(2025, 6, 1)  # fixed, so that a later change in the data shows as a failure
PHONE = 358  # px: the map's width on a 360-px phone
TAP = 24  # px: the smallest target WCAG 2.5.8 allows


def members(ds, day: dt.date, alliances=None) -> dict[str, set[str]]:
    """Alliance -> the outlines of its members on `day`, as the map draws them."""
    found: dict[str, set[str]] = {}
    for row in queries.members_on(ds, day, alliances).itertuples():
        found.setdefault(row.alliance, set()).add(queries.shape_of(ds, row.country, day))
    return found


def inside(f: Frame, lon: float, lat: float) -> bool:
    """Whether a point lies in the frame, its longitude taken round to the frame's west."""
    west, east = f.lon
    return f.lat[0] <= lat <= f.lat[1] and west <= west + (lon - west) % 360 <= east


def label(shape: str) -> tuple[float, float]:
    return shape_bounds()[shape].point


def shows_part_of(f: Frame, shape: str) -> bool:
    """Whether any polygon of the shape reaches into the frame (its box overlaps)."""
    west, east = f.lon
    for p_west, p_south, p_east, p_north in shape_bounds()[shape].parts:
        start = (p_west - west) % 360  # the part's west, in degrees east of the frame's west
        reaches = start <= east - west or start + (p_east - p_west) >= 360
        if reaches and p_south <= f.lat[1] and p_north >= f.lat[0]:
            return True
    return False


def miller(lat: float) -> float:
    return 1.25 * math.log(math.tan(math.pi / 4 + 0.4 * math.radians(lat)))


def drawn_aspect(f: Frame) -> float:
    return math.radians(f.lon[1] - f.lon[0]) / (miller(f.lat[1]) - miller(f.lat[0]))


# --- the names -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["", "Europe", "fit ", "africa", "auto"])
def test_an_unknown_framing_is_rejected(name):
    with pytest.raises(ValueError, match="unknown framing"):
        frame({"nato": {"FRA"}}, name)


def test_fit_is_the_first_framing_so_the_default():
    assert FRAMINGS[0] == "fit"
    assert frame.__defaults__[0] == "fit"


@pytest.mark.parametrize("name", FRAMINGS)
def test_every_framing_gives_a_frame_that_is_a_box(name, real_ds):
    f = frame(members(real_ds, COLD_WAR), name)
    assert isinstance(f, Frame)
    assert -180 <= f.lon[0] < 180
    assert f.lon[0] < f.lon[1] <= f.lon[0] + 360
    assert -90 < f.lat[0] < f.lat[1] < 90
    assert list(f.outside) == sorted(set(f.outside))


# --- the regions -----------------------------------------------------------------------------


def test_world_is_the_box_the_map_drew_before_framing():
    assert frame({}, "world") == Frame((-130, 180), (-48, 78))


@pytest.mark.parametrize(
    ("region", "held", "left_out"),
    [
        ("europe", ["ISL", "TUR", "PRT", "NOR", "CYP", "GRC", "FIN"], ["USA", "EGY", "CHN"]),
        ("americas", ["CAN", "USA", "BRA", "ARG", "CHL", "MEX"], ["ISL", "IND"]),
        ("middle_east_africa", ["MAR", "CPV", "IRN", "ZAF", "EGY", "SAU"], ["NOR", "IND"]),
        ("asia_pacific", ["IND", "NZL", "AUS", "JPN", "IDN", "CHN"], ["EGY", "USA"]),
    ],
)
def test_a_region_holds_what_news_desks_show_of_it(region, held, left_out):
    f = frame({"probe": [*held, *left_out]}, region)
    assert f.outside == tuple(sorted(left_out))


@pytest.mark.parametrize(
    ("region", "whole"),
    [
        ("europe", ["ISL", "TUR", "DDR", "FRG", "GBR", "ITA"]),
        ("middle_east_africa", ["MAR", "IRN", "ZAF", "SAU", "EGY"]),
        ("asia_pacific", ["IND", "NZL", "JPN", "PNG"]),
    ],
)
def test_a_region_holds_the_whole_of_its_edge_states(region, whole):
    f = frame({}, region)
    for shape in whole:
        west, south, east, north = shape_bounds()[shape].box
        assert inside(f, west, south) and inside(f, east, north), shape


def test_the_americas_run_from_alaska_to_tierra_del_fuego():
    f = frame({}, "americas")
    usa = [part for part in shape_bounds()["USA"].parts if part[3] > 50]  # Alaska
    assert all(inside(f, w, s) and inside(f, e, n) for w, s, e, n in usa)
    assert f.lat[0] < shape_bounds()["CHL"].box[1]  # Cape Horn's latitude
    assert inside(f, shape_bounds()["BRA"].box[2], -8)  # Brazil's eastern tip


# --- the fit ---------------------------------------------------------------------------------


def test_a_fit_of_nothing_shows_the_world():
    f = frame({})
    assert f.lon[0] <= -130 and f.lon[1] >= 180
    assert f.lat[0] <= -48 and f.lat[1] >= 78
    assert f.outside == ()


def test_shapes_that_are_not_on_the_map_are_ignored():
    assert frame({"nato": {"FRA", "NOWHERE"}}) == frame({"nato": {"FRA"}})


def test_a_small_state_alone_is_framed_with_its_neighbours():
    f = frame({"probe": {"MLT"}})
    lon, lat = small_state_points()["MLT"]
    assert f.lon[0] <= lon - 2 + 1e-9 and f.lon[1] >= lon + 2 - 1e-9
    assert f.lat[0] <= lat - 2 + 1e-9 and f.lat[1] >= lat + 2 - 1e-9


@pytest.mark.parametrize("alliances", [["nato", "warsaw_pact"], None], ids=["two", "all"])
def test_the_cold_war_opens_on_europe(alliances, real_ds):
    given = members(real_ds, COLD_WAR, alliances)
    if alliances is None:  # every pact of 1985, which take in the Americas and the Pacific
        assert {"nato", "warsaw_pact", "rio", "weu", "anzus"} <= set(given)
    f = frame(given)
    for shape in ("DDR", "FRG"):
        west, south, east, north = shape_bounds()[shape].box
        assert inside(f, west, south) and inside(f, east, north), shape
    assert inside(f, *label("ISL")) and inside(f, *label("TUR"))
    assert {"USA", "CAN"} <= set(f.outside)
    assert not inside(f, *label("USA")) and not inside(f, *label("BRA"))
    centre = ((f.lon[0] + f.lon[1]) / 2, (f.lat[0] + f.lat[1]) / 2)
    assert -25 < centre[0] < 46 and 34 < centre[1] < 72
    every = {s for shapes in given.values() for s in shapes}
    assert set(f.outside) == {s for s in every if not shows_part_of(f, s)}
    assert "SUN" not in f.outside  # half of it is in the frame


def test_the_gdr_can_be_tapped_on_a_phone(real_ds):
    f = frame(members(real_ds, COLD_WAR))
    px = PHONE / math.radians(f.lon[1] - f.lon[0])  # Plotly fills the width at this aspect
    west, south, east, north = shape_bounds()["DDR"].box
    assert math.radians(east - west) * px >= TAP
    assert (miller(north) - miller(south)) * px >= TAP


def test_the_rio_treaty_opens_on_the_americas(real_ds):
    given = members(real_ds, COLD_WAR, ["rio"])
    assert {"USA", "BRA", "ARG"} <= given["rio"]
    f = frame(given)
    assert f.outside == ()
    for shape in ("ISL", "GBR", "FRA", "ESP", "MAR", "RUS", "JPN", "AUS"):
        assert not inside(f, *label(shape)), shape


def test_the_csto_today_runs_from_belarus_to_chukotka(real_ds):
    given = members(real_ds, TODAY, ["csto"])
    assert {"RUS", "BLR", "ARM", "TJK"} <= given["csto"]
    f = frame(given)
    assert f.lon[0] <= shape_bounds()["BLR"].box[0]
    assert f.lon[1] >= shape_bounds()["RUS"].box[2] > 185  # across the antimeridian
    assert inside(f, *label("ARM")) and inside(f, *label("TJK"))
    assert f.outside == ()


def test_anzus_opens_on_the_pacific(real_ds):
    given = members(real_ds, TODAY, ["anzus"])
    assert given["anzus"] >= {"AUS", "NZL", "USA"}
    f = frame(given)
    assert f.lon[0] < 180 < f.lon[1]
    assert all(inside(f, *label(s)) for s in ("AUS", "NZL", "USA"))
    assert not inside(f, *label("FRA")) and not inside(f, *label("IND"))


def test_seato_spread_round_the_world_opens_on_its_home_in_asia(real_ds):
    given = members(real_ds, dt.date(1960, 1, 1), ["seato"])
    assert {"USA", "GBR", "FRA", "AUS", "PHL", "THA", "PAK"} <= given["seato"]
    f = frame(given)
    assert all(inside(f, *label(s)) for s in ("AUS", "NZL", "PHL", "THA", "PAK"))
    assert {"USA", "GBR", "FRA"} <= set(f.outside)


def test_a_tie_between_homes_goes_to_the_region_holding_more_members():
    given = {"a": {"FRA", "DEU"}, "b": {"USA", "CAN", "MEX"}, "c": {"AUS"}}  # one home each
    f = frame(given)
    assert f.outside == ("AUS", "DEU", "FRA")


@pytest.mark.parametrize(
    ("day", "alliances"),
    [
        (COLD_WAR, None),
        (COLD_WAR, ["rio"]),
        (COLD_WAR, ["anzus"]),
        (TODAY, ["csto"]),
        (TODAY, None),
        (TODAY, ["nato"]),
        (dt.date(1960, 1, 1), ["seato"]),
    ],
)
@pytest.mark.parametrize("aspects", [NARROW, WIDE])
def test_a_fit_has_an_allowed_shape_and_stays_off_the_poles(day, alliances, aspects, real_ds):
    f = frame(members(real_ds, day, alliances), "fit", aspects)
    capped = f.lon[1] - f.lon[0] >= MAX_FIT_SPAN - 1e-9  # widened no further than this
    assert aspects[0] - 1e-9 <= drawn_aspect(f) or capped
    assert drawn_aspect(f) <= aspects[1] + 1e-9 and f.lon[1] - f.lon[0] <= 360
    assert FIT_LATS[0] - 1e-9 <= f.lat[0] < f.lat[1] <= FIT_LATS[1] + 1e-9


@pytest.mark.parametrize("day", [COLD_WAR, TODAY])
def test_a_wide_screen_s_fit_holds_all_of_the_phone_s(day, real_ds):
    given = members(real_ds, day)
    narrow, wide = frame(given, "fit", NARROW), frame(given, "fit", WIDE)
    assert drawn_aspect(wide) >= WIDE[0] - 1e-9
    assert wide.lon[0] <= narrow.lon[0] + 1e-9 and narrow.lon[1] <= wide.lon[1] + 1e-9
    assert wide.lat[0] <= narrow.lat[0] + 1e-9 and narrow.lat[1] <= wide.lat[1] + 1e-9


def test_a_tall_fit_is_widened_about_its_centre():
    f = frame({"probe": {"CHL"}})  # a thin strip, 4000 km long
    west, south, east, north = shape_bounds()["CHL"].box
    assert drawn_aspect(f) == pytest.approx(NARROW[0])
    assert (f.lon[0] + f.lon[1]) / 2 == pytest.approx((west + east) / 2)
    assert f.lat[0] < south and f.lat[1] > north


def test_geo_axes_draw_the_frame_as_it_is(real_ds):
    f = frame(members(real_ds, TODAY, ["anzus"]))
    axes = geo_axes(f)
    assert axes["lonaxis"]["range"] == list(f.lon)
    assert axes["lataxis"]["range"] == list(f.lat)
    assert "projection" not in axes  # it would replace the figure's Miller projection


# --- the bounds ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spans", "arc"),
    [
        ([(10, 20)], (10, 20)),
        ([(27, 180), (-180, -169)], (27, 191)),  # Russia and Chukotka
        ([(113, 154), (166, 178), (-172, -67)], (113, 293)),  # ANZUS
        ([(-10, 5), (0, 30)], (-10, 30)),
        ([(170, 190)], (170, 190)),
        ([(190, 200)], (-170, -160)),
        ([(-180, 180)], (-180, 180)),
        ([(0, 100), (100, 200), (200, 360)], (-180, 180)),
    ],
)
def test_the_covering_arc_is_the_shortest_way_round(spans, arc):
    assert covering_arc(spans) == pytest.approx(arc)


def test_every_outline_and_small_state_has_bounds():
    bounds = shape_bounds()
    assert set(world_ids()) | {"SUN", "CSK", "DDR", "FRG", "YUG", "YMD", "YAR"} <= set(bounds)
    assert set(small_state_points()) <= set(bounds)


def test_every_label_point_lies_in_its_box():
    wrong = [
        shape
        for shape, (box, (lon, lat), _) in shape_bounds().items()
        if not (box[1] <= lat <= box[3] and (lon - box[0]) % 360 <= box[2] - box[0])
    ]
    assert wrong == []


@pytest.mark.parametrize("shape", ["RUS", "SUN", "FJI"])
def test_a_state_across_the_antimeridian_has_one_continuous_box(shape):
    west, _, east, _ = shape_bounds()[shape].box
    assert west < 180 < east < 200


def test_a_small_state_is_a_point():
    lon, lat = small_state_points()["MLT"]
    assert shape_bounds()["MLT"].box == (lon, lat, lon, lat)


def test_the_bounds_match_the_file_and_are_quick():
    topology = json.loads((MAPS_DIR / "world_110m.json").read_text(encoding="utf-8"))
    start = time.perf_counter()
    bounds = topology_bounds(topology)
    assert time.perf_counter() - start < 0.5
    west, south, east, north = bounds["DDR"].box  # East Germany, roughly 9.9-15.0E, 50.2-54.7N
    assert (west, south, east, north) == pytest.approx((9.9, 50.2, 15.0, 54.5), abs=0.2)


def test_a_feature_without_a_label_point_gets_its_largest_polygons_centroid():
    topology = {
        "transform": {"scale": [1, 1], "translate": [-180, -90]},
        "arcs": [
            [[350, 90], [20, 0], [0, 10], [-20, 0], [0, -10]],  # 170..190 E, 0..10 N
            [[10, 90], [1, 0], [0, 1], [-1, 0], [0, -1]],  # a 1-degree islet at 170 W
        ],
        "objects": {
            "countries": {
                "geometries": [
                    {"type": "MultiPolygon", "id": "XXX", "arcs": [[[0]], [[1]]]},
                    {"type": "Polygon", "arcs": [[1]]},  # no id: not a state
                ]
            }
        },
    }
    (found,) = topology_bounds(topology).items()
    shape, (box, point, _) = found
    assert shape == "XXX"
    assert box == pytest.approx((170, 0, 191, 10))
    assert point == pytest.approx((-180, 5))


@pytest.mark.parametrize("aspects", [NARROW, WIDE])
def test_today_with_the_sco_the_default_map_still_opens_on_europe(aspects, real_ds):
    given = members(real_ds, TODAY)  # every alliance, the SCO and the Russia-DPRK treaty too
    assert "sco" in given and len(given["sco"]) > 5
    f = frame(given, "fit", aspects)
    assert all(inside(f, *label(s)) for s in ("DEU", "POL", "BEL", "TUR"))
    assert "DEU" not in f.outside
