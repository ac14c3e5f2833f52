"""What each page shows, composed from queries, tables and charts for one dataset and language.

Every function takes what its answer depends on as arguments, the day included, so that the
cache wrappers in cached.py key on all of it; none reads a clock, a session or the URL.
"""

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from alliance_atlas import charts, framing, maps, provenance, queries, reconcile, shapes, tables
from alliance_atlas.dataset import Dataset
from alliance_atlas.i18n import (
    alphabetical,
    format_date,
    format_number,
    translated_headers,
    translator,
)
from alliance_atlas.names import alliance_names, country_names
from alliance_atlas.vocab import FIRST_DAY

# --- overview and timeline ----------------------------------------------------------------


def overview_figures(ds: Dataset, today: dt.date, lang: str) -> list[dict]:
    """The featured alliances (the CSTO and NATO) in figures on `today`."""
    summary = queries.alliance_summary(ds, today)
    names = alliance_names(ds, lang)
    return tables.overview_figures(summary, queries.featured(ds), names, translator(lang), lang)


def source_line(ds: Dataset, lang: str) -> str:
    """The line that credits a chart: the atlas and the data's version."""
    t = translator(lang)
    return t("chart.source", version=ds.cited_version)


def timeline_figure(
    ds: Dataset, shown: pd.DataFrame, lang: str, scheme: str = "light", narrow: bool = False
) -> go.Figure:
    """The timeline chart of the events shown, titled with their years and count, in the
    colours of the light or dark theme (`scheme`) and for a `narrow` screen or a wide one, as
    every figure here."""
    t = translator(lang)
    figure = charts.timeline(shown, alliance_names(ds, lang), t, lang, scheme, narrow)
    if shown.empty:
        return figure
    years = year_span(shown["when"].min().year, shown["when"].max().year)
    if len(shown) == 1:
        title = t("timeline.figure_title_one", years=years)
    else:
        title = t("timeline.figure_title", count=len(shown), years=years)
    return charts.credited(figure, title, source_line(ds, lang), scheme, narrow)


def year_span(first: int, last: int) -> str:
    """Two years joined by an en dash (`1992`, en dash, `2025`), or one year alone."""
    return str(first) if first == last else f"{first}\N{EN DASH}{last}"


def event_table(ds: Dataset, shown: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The events shown, as a table."""
    return tables.events(shown, alliance_names(ds, lang), translator(lang), lang)


def describe_events(ds: Dataset, shown: pd.DataFrame, lang: str) -> str:
    """The timeline's text alternative."""
    return tables.describe_events(shown, alliance_names(ds, lang), translator(lang))


def event_details(ds: Dataset, event_id: str, lang: str) -> dict | None:
    """Everything the details panel shows about one event, or None for no such event."""
    return tables.event_details(ds, event_id, translator(lang), lang)


def caption(ds: Dataset, source_ids: list[str], lang: str) -> str:
    """A caption naming who published the sources behind what a chart or table shows."""
    return charts.sources_caption(source_ids, ds.source_by_id, translator(lang))


# --- map ------------------------------------------------------------------------------------


def shown_names(ds: Dataset, alliances: tuple[str, ...] | None, lang: str) -> dict[str, str]:
    """The names of `alliances` (or of all) in display order."""
    names = alliance_names(ds, lang)
    return {a: name for a, name in names.items() if alliances is None or a in alliances}


def map_figure(
    ds: Dataset,
    day: dt.date,
    lang: str,
    alliances: tuple[str, ...] | None = None,
    scheme: str = "light",
    framed: str = framing.FRAMINGS[0],
    narrow: bool = False,
) -> go.Figure:
    """The membership map of `alliances` (or all) on `day`, `framed` as a name of
    framing.FRAMINGS says: fitted to their members (the default), or a region."""
    rows, names = queries.map_rows(ds, day, lang, alliances), shown_names(ds, alliances, lang)
    others, t = queries.other_outlines(ds, shapes.world_ids()), translator(lang)
    figure = maps.membership_map(rows, names, t, lang, others, scheme)
    figure.update_geos(framing.geo_axes(map_frame(rows, framed, narrow)))
    title = t("map.figure_title", date=format_date(day, lang))
    return charts.credited(figure, title, source_line(ds, lang), scheme, narrow)


def map_frame(rows: pd.DataFrame, framed: str, narrow: bool) -> framing.Frame:
    """Where the map of `rows` (queries.map_rows) looks, `framed` as a name of FRAMINGS says,
    shaped for a `narrow` screen or a wide one."""
    aspects = framing.NARROW if narrow else framing.WIDE
    return framing.frame(maps.members_by_alliance(rows), framed, aspects)


def outside_sentence(ds: Dataset, rows: pd.DataFrame, framed: str, narrow: bool, lang: str) -> str:
    """The members the map's frame leaves out ("" if none): by name where they are few, else
    how many of each alliance; and how to see them."""
    outside = rows[
        rows["alliance"].notna() & rows["shape"].isin(map_frame(rows, framed, narrow).outside)
    ]
    if outside.empty:
        return ""
    t = translator(lang)
    if len(outside) <= MOST_NAMED:
        left_out = ", ".join(sorted(outside["name"], key=alphabetical))
    else:
        names, counts = alliance_names(ds, lang), maps.members_by_alliance(outside)
        order = sorted(
            counts.items(), key=lambda item: (-len(item[1]), alphabetical(names[item[0]]))
        )
        left_out = ", ".join(f"{names[a]} {format_number(len(m), lang)}" for a, m in order)
    if framed == "world":  # no wider frame to offer
        return t("map.outside_world", names=left_out)
    return t("map.outside", names=left_out, world=t("map.frame.world"), frame=t("map.frame"))


MOST_NAMED = 6  # members outside the frame named one by one; more are counted by alliance


def years_figure(
    ds: Dataset,
    this_year: int,
    lang: str,
    alliances: tuple[str, ...] | None = None,
    scheme: str = "light",
    framed: str = framing.FRAMINGS[0],
    narrow: bool = False,
) -> go.Figure:
    """The map of `alliances` (or all) year by year: one frame per year-end, from 1945 to the
    year before `this_year`, framed on every member of any year (or a region)."""
    frames = {
        year: queries.map_rows(ds, dt.date(year, 12, 31), lang, alliances)
        for year in range(FIRST_DAY.year, this_year)
    }
    names, t = shown_names(ds, alliances, lang), translator(lang)
    others = queries.other_outlines(ds, shapes.world_ids())
    figure = maps.membership_years(frames, names, t, lang, others, scheme, narrow)
    every_year = pd.concat(frames.values(), ignore_index=True)
    figure.update_geos(framing.geo_axes(map_frame(every_year, framed, narrow)))
    title = t("map.years_title", start=FIRST_DAY.year, end=this_year - 1)
    return charts.credited(figure, title, source_line(ds, lang), scheme, narrow)


def state_details(
    ds: Dataset, rows: pd.DataFrame, code: str, day: dt.date, lang: str, today: dt.date
) -> dict:
    """A state chosen on the map: `name`, `line` (what it belonged to on `day` among the
    alliances shown, from `rows`, queries.map_rows), and `memberships`, every membership it
    ever had, with its source."""
    t, date = translator(lang), format_date(day, lang)
    row = rows[rows["country"] == code]
    if row.empty:
        line = t("map.state_absent", date=date)
    elif pd.isna(row["alliance"].iloc[0]):
        line = t("map.state_none", date=date)
    else:
        r = row.iloc[0]
        held = [(r.alliance, r.status, r.since), *r.also_detail]
        names = alliance_names(ds, lang)
        parts = [
            t(
                "map.state_part",
                alliance=names.get(a, a),
                since=t("map.since", status=t(f"status.{status}"), date=format_date(since, lang)),
            )
            for a, status, since in held
        ]
        line = t("map.state_in", date=date, parts="; ".join(parts))
    episodes = queries.membership_table(ds, countries=[code], today=today)
    table = member_table(ds, episodes, lang)
    kept = [t(f"column.{c}") for c in ("alliance", "joined", "left", "status", "source")]
    return {"name": country_names(ds, lang)[code], "line": line, "memberships": table[kept]}


def map_sentence(ds: Dataset, rows: pd.DataFrame, day: dt.date, lang: str) -> str:
    """The map's text alternative, from its rows (`queries.map_rows` on `day`)."""
    names = alliance_names(ds, lang)
    return tables.map_sentence(rows, names, translator(lang), format_date(day, lang))


def map_members(ds: Dataset, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The map's members as a table, from its rows."""
    return tables.map_members(rows, alliance_names(ds, lang), translator(lang), lang)


def changes_table(
    ds: Dataset, start: dt.date, end: dt.date, lang: str, alliances: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Who joined, left or changed status in `alliances` (or any) between two dates, worded."""
    frame = queries.changes_between(ds, start, end, alliances)
    names, countries = alliance_names(ds, lang), country_names(ds, lang)
    return tables.changes(frame, names, countries, translator(lang))


# --- members and compare --------------------------------------------------------------------


def member_table(ds: Dataset, episodes: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Membership episodes (from `queries.membership_table`) worded for reading and download."""
    names, countries = alliance_names(ds, lang), country_names(ds, lang)
    return tables.members(episodes, names, countries, translator(lang))


def counts_figure(
    ds: Dataset,
    alliances: tuple[str, ...],
    today: dt.date,
    lang: str,
    scheme: str = "light",
    narrow: bool = False,
) -> go.Figure:
    """Member counts of `alliances` over time, carried to `today`; a handover to a successor
    ends in an arrow to the successor's name, not in a drop to zero."""
    counts = queries.membership_counts(ds)
    names, t = alliance_names(ds, lang), translator(lang)
    handed = {
        alliance: (tables.arrow_to(successor, names, t), day)
        for alliance, (successor, day) in queries.handovers(ds, today).items()
    }
    shown = shown_names(ds, alliances, lang)
    figure = charts.membership_counts(counts, shown, today, t, handed, scheme)
    title = t("members.counts_title", date=format_date(today, lang))
    return charts.credited(figure, title, source_line(ds, lang), scheme, narrow)


def pacts_figure(
    ds: Dataset,
    alliances: tuple[str, ...],
    today: dt.date,
    lang: str,
    scheme: str = "light",
    narrow: bool = False,
) -> go.Figure:
    """The `alliances` on one page: each one's life span and member count over time, and how it
    stands on `today` (members, the successor it handed over to, or the year it ended)."""
    t, names = translator(lang), shown_names(ds, alliances, lang)
    summary = queries.alliance_summary(ds, today).set_index("alliance")
    ends = {}
    for alliance in names:
        row = summary.loc[alliance]
        if isinstance(row["handed_to"], str):
            ends[alliance] = tables.arrow_to(row["handed_to"], names, t)
        elif row["members_now"]:
            ends[alliance] = t("overview.members_today", count=row["members_now"])
        elif pd.notna(row["dissolved"]):
            ends[alliance] = t("overview.ended", year=row["dissolved"].year)
    counts = queries.membership_counts(ds)
    figure = charts.pacts_at_a_glance(counts, names, ends, today, t, scheme)
    return charts.credited(figure, t("overview.pacts_title"), source_line(ds, lang), scheme, narrow)


def describe_counts(ds: Dataset, alliances: tuple[str, ...], today: dt.date, lang: str) -> str:
    """The counts chart's text alternative."""
    summary = queries.alliance_summary(ds, today)
    summary = summary[summary["alliance"].isin(alliances)]
    return tables.describe_counts(summary, alliance_names(ds, lang), translator(lang), lang)


def gantt_figure(
    ds: Dataset,
    alliances: tuple[str, ...],
    today: dt.date,
    lang: str,
    scheme: str = "light",
    narrow: bool = False,
) -> go.Figure:
    """Membership episodes of `alliances` as bars up to `today`, patterned by status."""
    segments = queries.status_segments(ds, today, alliances)
    segments = segments.assign(family=segments["alliance"].map(queries.treaty_families(ds)))
    names, countries, t = alliance_names(ds, lang), country_names(ds, lang), translator(lang)
    figure = charts.gantt(segments, countries, names, t, lang, scheme)
    title = t("members.gantt_title", date=format_date(today, lang))
    return charts.credited(figure, title, source_line(ds, lang), scheme, narrow)


def comparison(ds: Dataset, alliances: tuple[str, ...], today: dt.date, lang: str) -> pd.DataFrame:
    """`alliances` side by side on `today`, the rows' labels under a header of their own (an
    empty header cell is one a screen reader cannot name)."""
    answers, names, t = queries.comparison(ds, today), alliance_names(ds, lang), translator(lang)
    table = tables.comparison(answers, names, t, lang, shown=alliances)
    return table.rename_axis(t("compare.point"))


def requests_table(ds: Dataset, alliances: tuple[str, ...], lang: str) -> pd.DataFrame:
    """Every request for help and every intervention or invocation in `alliances`, worded."""
    shown = queries.requests_and_interventions(ds, alliances)
    names, countries = alliance_names(ds, lang), country_names(ds, lang)
    return tables.requests(shown, names, countries, translator(lang), lang)


# --- sources --------------------------------------------------------------------------------


def differences_table(
    ds: Dataset, pairs: tuple[tuple[str, str | None], ...], lang: str
) -> pd.DataFrame:
    """Where the imported alliances of `ds` and the atlas's own disagree, for the `pairs`
    (imported id, atlas id) a reader settled on, worded for reading and download."""
    t, names = translator(lang), alliance_names(ds, lang)
    found = reconcile.differences(ds, ds, dict(pairs))
    return found.assign(
        atlas_alliance=found["atlas_alliance"].map(names),
        dataset_alliance=found["dataset_alliance"].map(names),
        field=found["field"].map(lambda f: t(f"reconcile.field.{f}")),
        **{"class": found["class"].map(lambda c: t(f"reconcile.class.{c}"))},
    ).pipe(translated_headers, t)


def describe_differences(ds: Dataset, pairs: tuple[tuple[str, str | None], ...], lang: str) -> str:
    """How many differences the pairs show, by class."""
    found = reconcile.differences(ds, ds, dict(pairs))
    counts = found["class"].value_counts()
    by_class = {kind: int(counts.get(kind, 0)) for kind in reconcile.CLASSES}
    t = translator(lang)
    return t("reconcile.count", count=len(found), **by_class)


def source_table(ds: Dataset, lang: str) -> pd.DataFrame:
    """Every source with the records that cite it."""
    frame = provenance.source_table(ds)
    return provenance.sources(frame, ds, alliance_names(ds, lang), translator(lang), lang)


def dispute_table(ds: Dataset, lang: str) -> pd.DataFrame:
    """Every disagreement between sources, and the value shown."""
    frame = provenance.dispute_table(ds)
    return provenance.disputes(frame, ds, alliance_names(ds, lang), translator(lang), lang)
