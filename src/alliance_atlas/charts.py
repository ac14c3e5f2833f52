"""Plotly charts built from query results (timeline, counts, Gantt); data text is escaped for hovers."""

import datetime as dt
import html
import textwrap
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache

import pandas as pd
import plotly.graph_objects as go

from alliance_atlas.i18n import format_date, typeset_each
from alliance_atlas.paths import ROOT
from alliance_atlas.schema import MAX_LABEL
from alliance_atlas.vocab import (
    ALLIANCES,
    FIRST_DAY,
    FORCE_KINDS,
    MEMBER,
    PARTIAL_STATUSES,
    REQUEST_KINDS,
)

# Event kinds grouped under one marker shape each, so the legend stays short.
KIND_GROUPS = {
    "treaty": ("treaty", "entry_into_force", "founding"),
    "joining": ("accession", "reinstatement", "reunification"),
    "leaving": (
        "withdrawal",
        "partial_withdrawal",
        "non_renewal",
        "suspension",
        "freeze",
        "dissolution",
    ),
    "request": REQUEST_KINDS,
    "force": (*FORCE_KINDS, "withdrawal_of_forces"),
    "meeting": ("summit", "consultation"),
    "other": ("headquarters", "statement", "other"),
}
GROUP_SYMBOLS = {
    "treaty": "square",
    "joining": "triangle-up",
    "leaving": "triangle-down",
    "request": "diamond",
    "force": "star",
    "meeting": "circle",
    "other": "cross",
}
# Each group's markers sit on a row of their own inside a lane, so clusters stay readable.
KIND_OFFSETS = {group: (i - 3) * 0.11 for i, group in enumerate(GROUP_SYMBOLS)}
# Partial statuses get a pattern as well as a colour, so they never rest on colour alone.
STATUS_PATTERNS = dict(zip((MEMBER, *PARTIAL_STATUSES), ("", "x", "/", ".", "-"), strict=True))
LEGEND_GREY = "#777777"
CHART_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "svg"},  # the toolbar exports in the browser, as SVG
}

Translate = Callable[..., str]


SCHEMES = ("light", "dark")  # the themes of .streamlit/config.toml; charts are drawn for one


@cache
def theme(scheme: str) -> dict:
    """The light or dark theme of .streamlit/config.toml, the one source of the atlas's colours."""
    with (ROOT / ".streamlit" / "config.toml").open("rb") as config:
        return tomllib.load(config)["theme"][scheme]


INK = {scheme: theme(scheme)["textColor"] for scheme in SCHEMES}  # each theme's text colour
PAGE = {scheme: theme(scheme)["backgroundColor"] for scheme in SCHEMES}


def alliance_colours(alliances: Iterable[str] = ALLIANCES, scheme: str = "light") -> dict[str, str]:
    """Each alliance's colour in the light or dark theme: those of the atlas keep theirs; any
    other (from uploaded data) takes a colour that none of the atlas's alliances present uses,
    in turn, and once the theme has none left, the theme's colours again (it has fifteen)."""
    palette, alliances = theme(scheme)["chartCategoricalColors"], list(alliances)
    fixed = dict(zip(ALLIANCES, palette, strict=False))
    taken = {fixed[a] for a in alliances if a in fixed}
    unused = [colour for colour in palette if colour not in taken] or list(palette)
    others = [a for a in alliances if a not in fixed]
    return fixed | {a: unused[i % len(unused)] for i, a in enumerate(others)}


def kind_group(kind: str) -> str:
    """The marker group of an event kind."""
    return next(group for group, kinds in KIND_GROUPS.items() if kind in kinds)


def escape(value: object) -> str:
    """Data text for a hover or label: markup shows as typed."""
    return html.escape(str(value), quote=False)


HOVER_LINE = 42  # characters: a hover label of lines this long fits a phone's screen


def wrapped(text: str, width: int) -> list[str]:
    """Data text, escaped, in lines of about `width` characters broken at spaces only."""
    return textwrap.wrap(escape(text), width, break_long_words=False, break_on_hyphens=False)


def hover_lines(text: str) -> str:
    """Escaped text for a hover, broken into lines of about HOVER_LINE characters at spaces, so
    that a long title's hover label stays inside a phone's screen."""
    return "<br>".join(wrapped(text, HOVER_LINE))


# A phone's plot is about 340 px wide, a wide screen's at least PLOT_PX: on a phone, titles
# break into lines and legends into more rows, which the figure grows to hold.
PHONE_PLOT_PX = 340
TITLE_LINE = (36, 20)  # characters to a line of a title on a phone, and the line's height in px
SOURCE_LINE = (56, 14)  # the same for the source line under it
# Plotly sets a title of several lines 11 px higher than a title of one (measured in Chromium):
# pushed down by as much, its first line is not cut off at the top.
LIFT_PX = 11
LEGEND_ROW_PX = 21


def legend_rows(fig: go.Figure, width: int) -> int:
    """How many rows the figure's horizontal legend takes at a plot `width` px wide: Plotly lays
    its entries in columns as wide as the widest (its symbol and its name, about 7 px a
    character), as many to a row as fit, and at least one."""
    names = [t.name for t in fig.data if t.name and t.showlegend is not False]
    if not names:
        return 0
    per_row = max(1, width // (40 + 7 * max(map(len, names))))
    return -(-len(names) // per_row)


def credited(
    fig: go.Figure, title: str, source: str, scheme: str, narrow: bool = False
) -> go.Figure:
    """The chart with its title and its source line inside the figure, so that a PNG or SVG
    exported from its toolbar, or a chart cut out of the page, keeps its attribution; all its
    words in the theme's text colour (Streamlit's lighter chart grey is under 4.5:1 on white).
    For a `narrow` screen, a phone's or an embed's, the title and the source break into lines
    and the figure grows by those lines and by the legend's extra rows, which no longer scroll."""
    margin, lines, sources = fig.layout.margin, [escape(title)], [escape(source)]
    if narrow:
        lines, sources = wrapped(title, TITLE_LINE[0]), wrapped(source, SOURCE_LINE[0])
        extra_rows = legend_rows(fig, PHONE_PLOT_PX) - legend_rows(fig, PLOT_PX)
        fig.update_layout(
            height=(fig.layout.height or 450) + LEGEND_ROW_PX * extra_rows,
            legend={"maxheight": 1},  # never a scroll box, which a touch cannot scroll
        )
    lift = LIFT_PX if len(lines) > 1 else 0
    grown = TITLE_LINE[1] * (len(lines) - 1) + SOURCE_LINE[1] * (len(sources) - 1) + lift
    fig.update_layout(
        font={"color": INK[scheme]},
        title={
            "text": "<br>".join(lines),
            "subtitle": {"text": "<br>".join(sources), "font": {"size": 11}},
            "x": 0,
            "xanchor": "left",
            "xref": "container",  # flush with the figure's edge, not after the axis labels
            "y": 1,
            "yanchor": "top",
            "yref": "container",
            "pad": {"t": 6 + lift, "l": 4},
            "font": {"size": 15},
        },
        margin={"t": (margin.t or 0) + 52 + grown},
        height=(fig.layout.height or 450) + 52 + grown,
        legend={"font": {"color": INK[scheme]}},
    )
    # Streamlit's chart theme writes ticks and axis titles in its own grey, 3.6:1 on white.
    axes = {"tickfont": {"color": INK[scheme]}, "title": {"font": {"color": INK[scheme]}}}
    return fig.update_xaxes(**axes).update_yaxes(**axes)


def export_config(config: dict, name: str) -> dict:
    """A chart's config whose toolbar exports an SVG named after the view, e.g.
    `alliance-atlas-map-1985-06-01.svg`."""
    image = {**config.get("toImageButtonOptions", {}), "filename": f"alliance-atlas-{name}"}
    return {**config, "toImageButtonOptions": image}


def _layout(fig: go.Figure, height: int) -> go.Figure:
    """The common frame: height, margins, and the legend in a row just under the axis (a fixed
    gap in pixels, so that a tall chart's legend does not drift far below it)."""
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 30, "b": 10})
    fig.update_layout(legend={"orientation": "h", "y": -40 / height, "yanchor": "top", "x": 0})
    return fig


LABEL_ROW = 0.17  # the height of a row of labels, in lanes (a lane is LANE_PX high)
LANE_PX = 110
BARE_LANE_PX = 56  # a lane without labels, as on a phone, where the event table lists them
CHAR_PX, PLOT_PX = 6.5, 700  # a label's width per character, and the narrowest wide plot


def _label_rows(
    events: pd.DataFrame, texts: pd.Series, first: pd.Timestamp, last: pd.Timestamp
) -> tuple[dict[str, tuple[int, str]], dict[str, int]]:
    """Each labelled event's (row, anchor), and each lane's number of rows. A label starts at
    its event and runs right ("left" anchor), or ends there where it would run past `last`.
    Rows stack above the lane's markers; a label takes the lowest row where it does not run
    into another (at a plot PLOT_PX wide; a wider plot only spaces them more)."""
    per_px = (last - first) / PLOT_PX
    placed, rows_in = {}, {}
    for alliance, lane in events.groupby("alliance", sort=False):
        extents = []
        for event in lane.itertuples():
            width = per_px * (CHAR_PX * len(texts[event.Index]) + 12)
            if event.when + width <= last:
                extents.append((event.when, event.when + width, "left", event.id))
            else:
                extents.append((event.when - width, event.when, "right", event.id))
        ends: list[pd.Timestamp] = []  # where each row's last label ends
        for start, end, anchor, event_id in sorted(extents):
            row = next((i for i, taken in enumerate(ends) if taken < start), len(ends))
            if row == len(ends):
                ends.append(end)
            ends[row] = end
            placed[event_id] = (row, anchor)
        rows_in[alliance] = len(ends)
    return placed, rows_in


def _label(row, lang: str) -> str:
    """A highlighted event's label, or the start of its title where it has none."""
    label = row[f"label_{lang}"]
    if isinstance(label, str) and label:
        return label
    title = row[f"title_{lang}"]
    return title if len(title) <= MAX_LABEL else title[: MAX_LABEL - 1].rstrip() + "…"


def timeline(
    events: pd.DataFrame,
    names: dict[str, str],
    t: Translate,
    lang: str,
    scheme: str = "light",
    narrow: bool = False,
) -> go.Figure:
    """Events on a time axis, one lane per alliance, marker shape by kind, colour by alliance.
    Highlighted events carry their label above the lane's markers, with a line down to the
    marker, in rows placed so that labels do not run into each other. For a `narrow` screen,
    where the labels could not be read, the lanes are slim, the markers alone, and the lanes'
    names break into short lines."""
    colours = alliance_colours(names, scheme)
    present = set(events["alliance"]) if len(events) else set()
    lanes = [a for a in names if a in present][::-1]  # first alliance on top
    margin = pd.Timedelta(days=183)  # half a year, so a lone event does not zoom to milliseconds
    first = events["when"].min() - margin if len(events) else None
    last = events["when"].max() + margin if len(events) else None
    marked = events[events["highlight"]] if len(events) and not narrow else events.iloc[:0]
    texts = typeset_each(marked.apply(_label, axis=1, lang=lang), lang) if len(marked) else None
    row_of, rows_in = _label_rows(marked, texts, first, last) if len(marked) else ({}, {})
    lane_of, bottom = {}, 0.0
    for alliance in lanes:  # each lane's marker centre; a lane grows by its rows of labels
        lane_of[alliance] = bottom + 0.5
        bottom += 1 + LABEL_ROW * rows_in.get(alliance, 0)
    groups = events["kind"].map(kind_group)
    traces = []
    for group, symbol in GROUP_SYMBOLS.items():
        part = events[groups == group]
        if part.empty:
            continue
        name = t(f"group.{group}")
        # A neutral key for the legend: shapes mean kinds, lanes mean alliances.
        key = {"symbol": symbol, "size": 11, "color": LEGEND_GREY}
        traces.append(
            go.Scatter(x=[None], y=[None], mode="markers", name=name, legendgroup=group, marker=key)
        )
        colour = part["alliance"].map(colours).tolist()
        customdata = zip(
            part["id"],
            typeset_each(part[f"title_{lang}"], lang).map(hover_lines),
            part["date"].map(lambda d: format_date(d, lang)),
            part["kind"].map(lambda k: t(f"kind.{k}")),
            strict=True,
        )
        traces.append(
            go.Scatter(
                x=part["when"],
                y=part["alliance"].map(lane_of) + KIND_OFFSETS[group],
                mode="markers",
                name=name,
                legendgroup=group,
                showlegend=False,
                marker={
                    "symbol": [f"{symbol}-open" if u else symbol for u in part["uncertain"]],
                    "size": 13,
                    "color": colour,
                    "line": {"width": 1.5, "color": colour},
                },
                customdata=list(customdata),
                hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]} · %{customdata[3]}"
                "<extra></extra>",
            )
        )
    traces += _labels(marked, texts, row_of, lane_of)
    rule = {"width": 1, "color": "rgba(128,128,128,0.3)"}
    xaxis = {"title": None, "type": "date"}
    if len(events):
        xaxis["range"] = [first, last]
    tops = [lane_of[a] - 0.5 for a in lanes[1:]]  # where each lane above the first begins
    layout = {
        "xaxis": xaxis,
        "yaxis": {
            "tickvals": [lane_of[a] for a in lanes],
            "ticktext": [lane_name(names[a], narrow) for a in lanes],
            "range": [-0.1, bottom + 0.1],
            "zeroline": False,
            "showgrid": False,
            "fixedrange": True,
            "title": None,
        },
        "shapes": [  # thin rules between the lanes
            {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": y, "y1": y, "line": rule}
            for y in tops
        ],
        "clickmode": "event+select",
        "dragmode": "zoom",
    }
    height = 170 + round((BARE_LANE_PX if narrow else LANE_PX) * bottom)
    return _layout(go.Figure(data=traces, layout=layout), height)


LANE_NAME = 14  # characters to a line of a lane's name on a narrow screen


def lane_name(name: str, narrow: bool) -> str:
    """A lane's name, escaped; on a narrow screen in lines of about LANE_NAME characters, so that
    the names leave the markers most of the width."""
    if not narrow:
        return escape(name)
    return "<br>".join(wrapped(name, LANE_NAME))


def _labels(
    marked: pd.DataFrame,
    texts: pd.Series | None,
    row_of: dict[str, tuple[int, str]],
    lane_of: dict[str, float],
) -> list[go.Scatter]:
    """The highlighted events' labels in their rows above the lanes, each with a thin line down
    to its marker: two traces (lines, then words), which the browser draws far faster than one
    annotation per label, and which do not answer hovers or clicks."""
    marked = marked[marked["alliance"].isin(list(lane_of))] if len(marked) else marked
    if marked.empty:
        return []
    xs, ys, line_xs, line_ys, places = [], [], [], [], []
    for event in marked.itertuples():
        row, anchor = row_of[event.id]
        marker = lane_of[event.alliance] + KIND_OFFSETS[kind_group(event.kind)]
        label = lane_of[event.alliance] + 0.45 + LABEL_ROW * (row + 0.5)
        xs.append(event.when)
        ys.append(label)
        line_xs += [event.when, event.when, None]
        line_ys += [marker + 0.07, label, None]  # from just above the marker to the label
        places.append("middle right" if anchor == "left" else "middle left")
    quiet = {"hoverinfo": "skip", "showlegend": False}
    leaders = go.Scatter(
        x=line_xs,
        y=line_ys,
        mode="lines",
        line={"width": 1, "color": "rgba(128,128,128,0.7)"},
        **quiet,
    )
    words = go.Scatter(
        x=xs,
        y=ys,
        mode="text",
        text=[escape(texts[i]) for i in marked.index],
        textposition=places,
        textfont={"size": 11},  # the theme's text colour: readable in light and dark
        **quiet,
    )
    return [leaders, words]


def _carried(rows: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """An alliance's count steps, the last carried to `today` while it has members."""
    last = rows["members"].iloc[-1]
    if last <= 0:
        return rows
    today_row = pd.DataFrame({"date": [pd.Timestamp(today)], "members": [last]})
    return pd.concat([rows, today_row], ignore_index=True)


def membership_counts(
    counts: pd.DataFrame,
    names: dict[str, str],
    today: dt.date,
    t: Translate,
    handed: dict[str, tuple[str, dt.date]],
    scheme: str = "light",
) -> go.Figure:
    """Member counts over time, one step line per alliance. An alliance in `handed` (label, day)
    passed its members to a successor that day: its line stops at its last count with the label
    ("→ CSTO") instead of falling to zero, so that a handover never reads as a collapse."""
    fig = go.Figure()
    colours = alliance_colours(names, scheme)
    for alliance in names:
        rows = counts[counts["alliance"] == alliance][["date", "members"]]
        if rows.empty:
            continue
        if alliance in handed:
            label, day = handed[alliance]
            rows = rows[rows["date"] < pd.Timestamp(day)]
            end = pd.DataFrame({"date": [pd.Timestamp(day)], "members": [rows["members"].iloc[-1]]})
            rows = pd.concat([rows, end], ignore_index=True)
            fig.add_annotation(
                x=end["date"].iloc[0],
                y=end["members"].iloc[0],
                text=escape(label),
                showarrow=False,
                xanchor="left",
                yanchor="bottom",
                font={"size": 12},  # the theme's text colour: readable in light and dark
            )
        else:
            rows = _carried(rows, today)
        fig.add_trace(
            go.Scatter(
                x=rows["date"],
                y=rows["members"],
                name=escape(names[alliance]),
                mode="lines",
                line={"shape": "hv", "width": 3, "color": colours[alliance]},
                hovertemplate=t("chart.count_hover", alliance=escape(names[alliance]), count="%{y}")
                + "<extra></extra>",
            )
        )
    fig.update_yaxes(title=t("chart.members"), rangemode="tozero")
    fig.update_xaxes(title=None)
    return _layout(fig, 380)


def pacts_at_a_glance(
    counts: pd.DataFrame,
    names: dict[str, str],
    ends: dict[str, str],
    today: dt.date,
    t: Translate,
    scheme: str = "light",
) -> go.Figure:
    """Every pact on one page: a lane per alliance (the first on top) whose filled steps are
    its member count over time, all on one scale, with how it stands today at the lane's end
    (`ends`: "32 today", "→ CSTO", "ended 1977")."""
    colours, lanes = alliance_colours(names, scheme), list(names)[::-1]
    top = max(int(counts["members"].max()), 1) if len(counts) else 1
    fig = go.Figure()
    for lane, alliance in enumerate(lanes):
        rows = counts[counts["alliance"] == alliance][["date", "members"]]
        if rows.empty:
            continue
        rows = _carried(rows, today)
        base = [lane] * len(rows)
        fig.add_trace(
            go.Scatter(
                x=rows["date"],
                y=base,
                mode="lines",
                line={"width": 0, "shape": "hv"},
                hoverinfo="skip",
                showlegend=False,
            )
        )
        fig.add_trace(
            go.Scatter(
                x=rows["date"],
                y=lane + rows["members"] / top * 0.85,
                customdata=rows["members"],
                mode="lines",
                line={"shape": "hv", "width": 1.5, "color": colours[alliance]},
                fill="tonexty",
                fillcolor=colours[alliance],
                name=escape(names[alliance]),
                showlegend=False,
                hovertemplate=t(
                    "chart.count_hover", alliance=escape(names[alliance]), count="%{customdata}"
                )
                + "<extra></extra>",
            )
        )
        fig.add_annotation(
            x=rows["date"].iloc[-1],
            y=lane + 0.3,
            text=escape(ends.get(alliance, "")),
            showarrow=False,
            xanchor="left",
            xshift=6,
            font={"size": 11},
        )
    fig.update_yaxes(
        tickvals=[lane + 0.3 for lane in range(len(lanes))],
        ticktext=[escape(names[a]) for a in lanes],
        range=[-0.2, len(lanes)],
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
    first = pd.Timestamp(FIRST_DAY)
    fig.update_xaxes(range=[first, pd.Timestamp(today) + pd.Timedelta(days=365 * 9)], title=None)
    return _layout(fig, 120 + 34 * len(lanes))


def gantt(
    segments: pd.DataFrame,
    labels: dict[str, str],
    names: dict[str, str],
    t: Translate,
    lang: str,
    scheme: str = "light",
) -> go.Figure:
    """One bar per state per membership, coloured by alliance; partial statuses are patterned.
    `segments` has a `family` column (queries.treaty_families): a state's lane holds one family."""
    fig = go.Figure()
    colours = alliance_colours(names, scheme)
    order = segments.assign(label=_lanes(segments, labels, names))
    rank = order["alliance"].map({a: i for i, a in enumerate(names)})  # the display order
    lanes = order.assign(rank=rank).sort_values(["rank", "start"])["label"].drop_duplicates()
    lanes = lanes.tolist()
    groups = dict(list(order.groupby(["alliance", "status"], sort=False)))
    for alliance in names:
        for status, pattern in STATUS_PATTERNS.items():
            rows = groups.get((alliance, status))
            if rows is None:
                continue
            name = names.get(alliance, alliance)
            label = (
                name
                if status == MEMBER
                else t("members.gantt_legend", alliance=name, status=t(f"status.{status}"))
            )
            fig.add_trace(
                go.Bar(
                    base=rows["start"].dt.strftime("%Y-%m-%d").tolist(),
                    x=((rows["end"] - rows["start"]).dt.total_seconds() * 1000).tolist(),
                    y=rows["label"].tolist(),
                    orientation="h",
                    name=escape(label),
                    marker={
                        "color": colours[alliance],
                        "pattern": {
                            "shape": pattern,
                            "fgcolor": "#000000",
                            "solidity": 0.35,
                            "fillmode": "overlay",  # the pattern sits on the alliance's colour
                        },
                        "line": {"width": 0},
                    },
                    customdata=list(
                        zip(
                            rows["start_as_given"].map(lambda d: format_date(d, lang)),
                            rows["end_as_given"].map(
                                lambda d: (
                                    format_date(d, lang) if isinstance(d, str) else t("date.now")
                                )
                            ),
                            strict=True,
                        )
                    ),
                    hovertemplate=t(
                        "members.gantt_hover",
                        state="%{y}",
                        start="%{customdata[0]}",
                        end="%{customdata[1]}",
                    )
                    + f"<extra>{escape(label)}</extra>",
                )
            )
    fig.update_xaxes(type="date", title=None)
    fig.update_yaxes(categoryorder="array", categoryarray=lanes[::-1], title=None)
    fig.update_layout(barmode="overlay", bargap=0.3)
    return _layout(fig, 160 + 18 * len(lanes))


def _lanes(segments: pd.DataFrame, labels: dict[str, str], names: dict[str, str]) -> pd.Series:
    """Each segment's lane: its state's name, and where the state was in more than one treaty
    family, the family's alliances too (`United States · SEATO`), so no bar hides another."""
    state = segments["country"].map(labels)
    if segments.empty:
        return state
    families = segments.groupby("country")["family"].transform("nunique")
    members = segments.groupby(["country", "family"])["alliance"].transform(
        lambda ids: "/".join(names.get(a, a) for a in dict.fromkeys(ids))
    )
    return state.where(families == 1, state + " · " + members)


def sources_caption(source_ids: list[str], sources: dict, t: Translate) -> str:
    """A caption naming the publishers behind what a chart shows, built from its records: the
    most cited first (then by name), so that a reader meets the sources that carry the chart."""
    cited = Counter(sources[s].publisher for s in source_ids if s in sources)
    publishers = sorted(cited, key=lambda publisher: (-cited[publisher], publisher))
    shown = ", ".join(publishers[:8])
    more = t("caption.more", count=len(publishers) - 8) if len(publishers) > 8 else ""
    return t("caption.sources", publishers=shown, more=more, count=len(publishers))
