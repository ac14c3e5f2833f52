"""Plotly charts built from query results (timeline, counts, Gantt); data text is escaped for hovers."""

import datetime as dt
import html
import tomllib
from collections.abc import Callable, Iterable
from functools import cache

import pandas as pd
import plotly.graph_objects as go

from alliance_atlas.i18n import format_date, typeset_each
from alliance_atlas.paths import ROOT
from alliance_atlas.vocab import ALLIANCES, FORCE_KINDS, MEMBER, PARTIAL_STATUSES, REQUEST_KINDS

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
# Partial statuses get a pattern as well as a colour, so they never rest on colour alone.
STATUS_PATTERNS = dict(zip((MEMBER, *PARTIAL_STATUSES), ("", "x", "/", ".", "-"), strict=True))
LEGEND_GREY = "#777777"
CHART_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "svg"},  # the toolbar exports in the browser, as SVG
}

Translate = Callable[..., str]


@cache
def _palette() -> tuple[str, ...]:
    """The theme's chart colours in .streamlit/config.toml (one source of truth)."""
    with (ROOT / ".streamlit" / "config.toml").open("rb") as config:
        return tuple(tomllib.load(config)["theme"]["light"]["chartCategoricalColors"])


def alliance_colours(alliances: Iterable[str] = ALLIANCES) -> dict[str, str]:
    """Each alliance's colour: those of the atlas keep theirs; any other (from uploaded data)
    takes a colour that none of the atlas's alliances present uses, in turn, and once the
    theme has none left, the theme's colours again (the theme has fifteen)."""
    palette, alliances = _palette(), list(alliances)
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


def _layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 30, "b": 10})
    fig.update_layout(legend={"orientation": "h", "y": -0.15, "x": 0})
    return fig


def timeline(events: pd.DataFrame, names: dict[str, str], t: Translate, lang: str) -> go.Figure:
    """Events on a time axis, one lane per alliance, marker shape by kind, colour by alliance."""
    colours = alliance_colours(names)
    present = set(events["alliance"]) if len(events) else set()
    lanes = [a for a in names if a in present][::-1]  # first alliance on top
    lane_of = {alliance: index for index, alliance in enumerate(lanes)}
    groups = events["kind"].map(kind_group)
    traces = []
    for offset, (group, symbol) in enumerate(GROUP_SYMBOLS.items()):
        rows = events[groups == group]
        if rows.empty:
            continue
        name = t(f"group.{group}")
        # A neutral key for the legend: shapes mean kinds, lanes mean alliances.
        key = {"symbol": symbol, "size": 11, "color": LEGEND_GREY}
        traces.append(
            go.Scatter(x=[None], y=[None], mode="markers", name=name, legendgroup=group, marker=key)
        )
        colour = rows["alliance"].map(colours).tolist()
        customdata = zip(
            rows["id"],
            typeset_each(rows[f"title_{lang}"], lang).map(escape),
            rows["date"].map(lambda d: format_date(d, lang)),
            rows["kind"].map(lambda k: t(f"kind.{k}")),
            strict=True,
        )
        traces.append(
            go.Scatter(
                x=rows["when"],
                # each kind sits on its own row inside the lane, so clusters stay readable
                y=rows["alliance"].map(lane_of) + (offset - 3) * 0.11,
                mode="markers",
                name=name,
                legendgroup=group,
                showlegend=False,
                marker={
                    "symbol": [f"{symbol}-open" if u else symbol for u in rows["uncertain"]],
                    "size": 13,
                    "color": colour,
                    "line": {"width": 1.5, "color": colour},
                },
                customdata=list(customdata),
                hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]} · %{customdata[3]}"
                "<extra></extra>",
            )
        )
    rule = {"width": 1, "color": "rgba(128,128,128,0.3)"}
    xaxis = {"title": None, "type": "date"}
    if len(events):  # half a year of margin, so a lone event does not zoom to milliseconds
        margin = pd.Timedelta(days=183)
        xaxis["range"] = [events["when"].min() - margin, events["when"].max() + margin]
    layout = {
        "xaxis": xaxis,
        "yaxis": {
            "tickvals": list(range(len(lanes))),
            "ticktext": [names[a] for a in lanes],
            "range": [-0.6, len(lanes) - 0.4],
            "zeroline": False,
            "showgrid": False,
            "fixedrange": True,
            "title": None,
        },
        "shapes": [  # thin rules between the lanes
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": y - 0.5,
                "y1": y - 0.5,
                "line": rule,
            }
            for y in range(1, len(lanes))
        ],
        "clickmode": "event+select",
        "dragmode": "zoom",
    }
    return _layout(go.Figure(data=traces, layout=layout), 170 + 110 * len(lanes))


def membership_counts(
    counts: pd.DataFrame,
    names: dict[str, str],
    today: dt.date,
    t: Translate,
    handed: dict[str, tuple[str, dt.date]],
) -> go.Figure:
    """Member counts over time, one step line per alliance. An alliance in `handed` (label, day)
    passed its members to a successor that day: its line stops at its last count with the label
    ("→ CSTO") instead of falling to zero, so that a handover never reads as a collapse."""
    fig = go.Figure()
    colours = alliance_colours(names)
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
        elif rows["members"].iloc[-1] > 0:  # carry the last count to today
            extend = pd.DataFrame(
                {"date": [pd.Timestamp(today)], "members": [rows["members"].iloc[-1]]}
            )
            rows = pd.concat([rows, extend], ignore_index=True)
        fig.add_trace(
            go.Scatter(
                x=rows["date"],
                y=rows["members"],
                name=names[alliance],
                mode="lines",
                line={"shape": "hv", "width": 3, "color": colours[alliance]},
                hovertemplate=t("chart.count_hover", alliance=escape(names[alliance]), count="%{y}")
                + "<extra></extra>",
            )
        )
    fig.update_yaxes(title=t("chart.members"), rangemode="tozero")
    fig.update_xaxes(title=None)
    return _layout(fig, 380)


def gantt(
    segments: pd.DataFrame, labels: dict[str, str], names: dict[str, str], t: Translate, lang: str
) -> go.Figure:
    """One bar per state per membership, coloured by alliance; partial statuses are patterned.
    `segments` has a `family` column (queries.treaty_families): a state's lane holds one family."""
    fig = go.Figure()
    colours = alliance_colours(names)
    order = segments.assign(label=_lanes(segments, labels, names))
    rank = order["alliance"].map({a: i for i, a in enumerate(names)})  # the display order
    lanes = order.assign(rank=rank).sort_values(["rank", "start"])["label"].drop_duplicates()
    lanes = lanes.tolist()
    for alliance in names:
        for status, pattern in STATUS_PATTERNS.items():
            rows = order[(order["alliance"] == alliance) & (order["status"] == status)]
            if rows.empty:
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
                    name=label,
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
    """A caption naming the publishers behind what a chart shows, built from its records."""
    publishers = sorted({sources[s].publisher for s in source_ids if s in sources})
    shown = ", ".join(publishers[:8])
    more = t("caption.more", count=len(publishers) - 8) if len(publishers) > 8 else ""
    return t("caption.sources", publishers=shown, more=more, count=len(publishers))
