"""Plotly maps of who belonged to which alliance, on a date or year by year, drawn from served shapes."""

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from alliance_atlas.charts import CHART_CONFIG, PAGE, Translate, alliance_colours, escape
from alliance_atlas.contrast import NON_TEXT, ratio
from alliance_atlas.i18n import format_date
from alliance_atlas.shapes import small_state_points
from alliance_atlas.vocab import MEMBER

# Land outside the shown alliances, the borders (the page's colour), and the ink of the marks
# written on states (✕, 2, 3...) with a halo, for each theme: light land on a light page, dark on
# a dark one.
LOOKS = {
    "light": {"land": "#e6e6e6", "border": PAGE["light"], "ink": "#000000", "halo": "#ffffff"},
    "dark": {"land": "#30343d", "border": PAGE["dark"], "ink": "#ffffff", "halo": "#000000"},
}
# Shapes from static/maps. The framing is the page's to choose, and kept in its link: no wheel
# zoom (it would also catch the page's scrolling) and no zoom buttons, whose view no link keeps.
MAP_CONFIG = {
    **CHART_CONFIG,
    "topojsonURL": "app/static/maps/",
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["zoomInGeo", "zoomOutGeo", "resetGeo"],
}
# A state tapped or clicked is chosen (its details open under the map): no state fades.
UNFADED = {"selected": {"marker": {"opacity": 1}}, "unselected": {"marker": {"opacity": 1}}}


def _map_parts(
    rows: pd.DataFrame, alliances: Iterable[str]
) -> list[tuple[str | None, pd.DataFrame]]:
    """The map's trace groups for every date alike: no alliance, each alliance, partial status."""
    member = rows["alliance"].notna()
    return [
        (None, rows[~member]),
        *((alliance, rows[rows["alliance"] == alliance]) for alliance in alliances),
        ("partial", rows[member & (rows["status"] != MEMBER)]),
    ]


def _hover_data(
    part: pd.DataFrame, names: dict[str, str], t: Translate, lang: str, name_alliance: bool
) -> list[tuple[str, str, str]]:
    """(state, detail, state's id) per location; the detail names the status and since when,
    and the alliance too where one trace spans several (`name_alliance`); the id tells the page
    which state a tap chose."""
    data = []
    for r in part.itertuples():
        detail = ""
        if pd.notna(r.alliance):
            date = format_date(r.since, lang)
            detail = escape(t("map.since", status=t(f"status.{r.status}"), date=date))
        for alliance, status, since in r.also_detail:  # drawn in its first alliance only
            also = t("map.also_one", name=names.get(alliance, alliance))
            also += " " + t(
                "map.since", status=t(f"status.{status}"), date=format_date(since, lang)
            )
            detail = f"{detail}<br>{escape(also)}"
        if name_alliance:
            detail = f"{escape(names.get(r.alliance, r.alliance))}<br>{detail}"
        data.append((escape(r.name), detail, r.country))
    return data


def _map_traces(
    rows: pd.DataFrame, names: dict[str, str], t: Translate, lang: str, scheme: str
) -> list:
    """The full traces: plain land for no alliance, one colour per alliance, ✕ for partial,
    dots for members too small for an outline, and the number of shown alliances a state is in
    where it is more than one."""
    colours, look, traces = alliance_colours(names, scheme), LOOKS[scheme], []
    for group, part in _map_parts(rows, names):
        customdata = _hover_data(part, names, t, lang, name_alliance=group == "partial")
        if group == "partial":
            traces.append(
                go.Scattergeo(
                    locations=part["shape"],
                    locationmode="ISO-3",
                    mode="markers+text",
                    text=["✕"] * len(part),
                    textfont={"size": 14, "color": look["ink"], "shadow": _halo(look)},
                    marker={"size": 1, "opacity": 0},
                    selected={"marker": {"opacity": 0}},
                    unselected={"marker": {"opacity": 0}, "textfont": {"color": look["ink"]}},
                    name=t("map.partial"),
                    customdata=customdata,
                    hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
                )
            )
            continue
        label = names.get(group, group) if group else t("map.no_alliance")
        colour = colours[group] if group else look["land"]
        line = _line(colour, look) if group else {"color": look["border"], "width": 0.5}
        traces.append(
            go.Choropleth(
                locations=part["shape"],
                z=[1] * len(part),
                locationmode="ISO-3",
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                name=escape(label),
                showlegend=True,
                marker={"line": line},
                **UNFADED,
                customdata=customdata,
                hovertemplate=f"<b>%{{customdata[0]}}</b><br>{escape(label)}"
                "<br>%{customdata[1]}<extra></extra>",
            )
        )
    dots, several = _dots(rows, names, t, lang, scheme, full=True), _several(rows, t, look)
    return [*traces, dots, several]


def _outline(fill: str, look: dict[str, str]) -> str:
    """The outline of a state in `fill`: the map's border (the page's colour) where the fill
    stands 3:1 apart from the land; otherwise the ink or the halo, whichever stands 3:1 apart from
    the land and furthest from the fill, so that a line of 3:1 runs between state and land."""
    if ratio(fill, look["land"]) >= NON_TEXT:
        return look["border"]
    apart = [mark for mark in (look["ink"], look["halo"]) if ratio(mark, look["land"]) >= NON_TEXT]
    return max(apart, key=lambda mark: ratio(mark, fill), default=look["border"])


def _line(fill: str, look: dict[str, str]) -> dict:
    """The outline of an alliance's states: 1 px, so that it still separates two neighbours
    whose fills stand close (NATO's blue and the Warsaw Pact's pink) on a screen of 1x pixels."""
    return {"color": _outline(fill, look), "width": 1}


def _halo(look: dict[str, str]) -> str:
    """A ring of the halo's colour around a mark written on a state (✕, 2, 3...), so that on any
    fill either the ink or its ring stands 3:1 apart (black on white, or white on black)."""
    return ", ".join(f"{x}px {y}px 1px {look['halo']}" for x in (-1, 1) for y in (-1, 1))


def _dots(
    rows: pd.DataFrame, names: dict[str, str], t: Translate, lang: str, scheme: str, full: bool
):
    """A dot in its alliance's colour for each member too small to have an outline on the world
    map (Malta, Bahrain...), crossed for a partial status; `full` adds the looks that year-by-year frames keep."""
    points, colours = small_state_points(), alliance_colours(names, scheme)
    part = rows[rows["alliance"].notna() & rows["shape"].isin(list(points))]
    where = [points[shape] for shape in part["shape"]]
    dots = {"lon": [lon for lon, _ in where], "lat": [lat for _, lat in where]}
    dots["customdata"] = _hover_data(part, names, t, lang, name_alliance=True)
    dots["marker"] = {
        "color": [colours[a] for a in part["alliance"]],
        # a partial status is crossed, as ✕ marks it on an outline: never colour alone
        "symbol": ["circle" if s == MEMBER else "circle-x" for s in part["status"]],
        "line": {"color": [_outline(colours[a], LOOKS[scheme]) for a in part["alliance"]]},
    }
    if not full:  # a frame: the dots' places, colours and outlines change with the members
        return go.Scattergeo(**dots)
    dots["marker"]["size"], dots["marker"]["line"]["width"] = 8, 1
    return go.Scattergeo(
        **dots,
        **UNFADED,
        mode="markers",
        showlegend=False,
        hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
    )


def _several(rows: pd.DataFrame, t: Translate, look: dict[str, str] | None):
    """How many of the shown alliances a state belonged to, written on it where more than one
    (2, 3, 4): the overlap reads without colour. With a `look`, the looks frames keep too."""
    part = rows[rows["also"].map(len) > 0]
    marks = {"locations": part["shape"], "text": [str(1 + len(a)) for a in part["also"]]}
    if look is None:
        return go.Scattergeo(**marks)
    return go.Scattergeo(
        **marks,
        locationmode="ISO-3",
        mode="text",
        textposition="bottom center",  # below a partial status's ✕, which sits on the point
        textfont={
            "size": 13,
            "color": look["ink"],
            "weight": "bold",
            "shadow": _halo(look),
        },
        name=t("map.several"),
        hoverinfo="skip",
        unselected={"textfont": {"color": look["ink"]}},
    )


def _frame_traces(
    rows: pd.DataFrame, names: dict[str, str], t: Translate, lang: str, scheme: str
) -> list:
    """Only what changes from year to year; colours, names and hovers stay on the full traces."""
    traces = []
    for group, part in _map_parts(rows, names):
        customdata = _hover_data(part, names, t, lang, name_alliance=group == "partial")
        if group == "partial":
            text = ["✕"] * len(part)
            traces.append(go.Scattergeo(locations=part["shape"], text=text, customdata=customdata))
        else:
            z = [1] * len(part)
            traces.append(go.Choropleth(locations=part["shape"], z=z, customdata=customdata))
    return [*traces, _dots(rows, names, t, lang, scheme, full=False), _several(rows, t, None)]


def _map_figure(traces: list, others: list[str], height: int, scheme: str) -> go.Figure:
    """The traces over the outlines of every other state, drawn once as plain land."""
    look = LOOKS[scheme]
    world = go.Choropleth(
        locations=others,
        z=[0] * len(others),
        locationmode="ISO-3",
        colorscale=[[0, look["land"]], [1, look["land"]]],
        showscale=False,
        showlegend=False,
        hoverinfo="skip",
        marker={"line": {"color": look["border"], "width": 0.5}},
    )
    fig = go.Figure(data=[world, *traces])
    fig.update_layout(
        geo={
            "scope": "world",
            "resolution": 110,
            "projection": {"type": "miller"},
            "showcountries": False,
            "showframe": False,
            "showcoastlines": False,
            "showland": True,
            "landcolor": look["land"],
            "bgcolor": "rgba(0,0,0,0)",  # follows the light or dark theme
            # From Canada to New Zealand and from Mexico to Thailand: every pact's members.
            "lataxis": {"range": [-48, 78]},
            "lonaxis": {"range": [-130, 180]},
        },
        # Below the map, in rows that wrap on a narrow screen: never over a state, and never
        # under the title above the map, however many rows it takes.
        legend={"orientation": "h", "y": 0, "yanchor": "top", "x": 0},
        height=height,
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
    )
    return fig


def membership_map(
    rows: pd.DataFrame,
    names: dict[str, str],
    t: Translate,
    lang: str,
    others: list[str],
    scheme: str = "light",
) -> go.Figure:
    """Who belonged to which alliance on one date; `others` are every other state's outline."""
    return _map_figure(_map_traces(rows, names, t, lang, scheme), others, 480, scheme)


SLIDER_START = {False: 0.12, True: 0.28}  # of the width: Play's button is about 80 px wide


def membership_years(
    frames: dict[int, pd.DataFrame],
    names: dict[str, str],
    t: Translate,
    lang: str,
    others: list[str],
    scheme: str = "light",
    narrow: bool = False,
) -> go.Figure:
    """The map year by year (`frames`: rows at each year's end), opened at the first year, with
    a play control and a year slider that run in the browser without a rerun; on a `narrow`
    screen the slider starts further right, clear of the Play button."""
    years = list(frames)
    first = _map_traces(frames[years[0]], names, t, lang, scheme)
    fig = _map_figure(first, others, 560, scheme)
    moving = list(range(1, len(fig.data)))  # every trace but the plain land underneath
    fig.frames = [
        go.Frame(name=str(y), data=_frame_traces(rows, names, t, lang, scheme), traces=moving)
        for y, rows in frames.items()
    ]
    # Years change in steps, never slide (no transition), and only when the reader asks.
    still = {"duration": 0}
    step = {"mode": "immediate", "frame": {"duration": 0, "redraw": True}, "transition": still}
    play = {"frame": {"duration": 800, "redraw": True}, "fromcurrent": True, "transition": still}
    pause = {"mode": "immediate", "frame": {"duration": 0}, "transition": still}
    fig.update_layout(
        legend={"y": -0.3},  # below the play button and the year slider
        updatemenus=[
            {
                "type": "buttons",
                "showactive": False,
                "x": 0,
                "y": 0,
                "xanchor": "left",
                "yanchor": "top",
                "buttons": [
                    {"label": t("map.play"), "method": "animate", "args": [None, play]},
                    {"label": t("map.pause"), "method": "animate", "args": [[None], pause]},
                ],
            }
        ],
        sliders=[
            {
                "steps": [
                    {"label": str(y), "method": "animate", "args": [[str(y)], step]} for y in years
                ],
                "x": SLIDER_START[narrow],
                "len": 1 - SLIDER_START[narrow],
                "y": 0,
                "currentvalue": {"prefix": t("map.year") + " "},
                "transition": still,
                "active": 0,
            }
        ],
    )
    return fig


def opened_at(figure: go.Figure, year: str) -> go.Figure:
    """The year-by-year map opened at `year`: its traces as that year's frame draws them, and the
    slider on that year, so that Play goes on from it. The figure itself is left as it is (it is
    shared by every session); the first year opens it as it is."""
    years = [frame.name for frame in figure.frames]
    if year not in years[1:]:
        return figure
    frame = figure.frames[years.index(year)]
    data = [trace.to_plotly_json() for trace in figure.data]
    for index, part in zip(frame.traces, frame.data, strict=True):
        data[index] = _merged(data[index], part.to_plotly_json())
    layout = figure.layout.to_plotly_json()
    layout["sliders"][0]["active"] = years.index(year)
    return go.Figure(data=data, layout=layout, frames=figure.frames)


def _merged(whole: dict, part: dict) -> dict:
    """`whole` with `part` laid over it, key by key and into nested dicts, as Plotly lays a frame
    over a trace."""
    return whole | {
        key: _merged(whole[key], value)
        if isinstance(value, dict) and isinstance(whole.get(key), dict)
        else value
        for key, value in part.items()
    }


def members_by_alliance(rows: pd.DataFrame) -> dict[str, list[str]]:
    """The outlines of each shown alliance's members in `rows` (queries.map_rows), those drawn
    in another alliance's colour included: what a framing fits."""
    members: dict[str, list[str]] = {}
    for r in rows[rows["alliance"].notna()].itertuples():
        for alliance in (r.alliance, *r.also):
            members.setdefault(alliance, []).append(r.shape)
    return members
