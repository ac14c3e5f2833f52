"""Timeline: every event on a time axis, filtered, with the chosen event's details."""

import streamlit as st

from alliance_atlas import alts, cached, charts, layout, queries, routing, session, tables, widgets

routing.through_router()
ds, t, lang = session.dataset(), session.translator(), session.language()
names, countries = cached.alliance_names(ds, lang), cached.country_names(ds, lang)
layout.heading(t("timeline.title"), t("timeline.intro"))

# 1. Filters, each kept in the URL, and presets to start from.
with layout.filters():
    widgets.alliance_presets(st, names, cached.presets(ds, session.today()))
    left, middle, right = st.columns(3)
    alliances = widgets.linked_multiselect(
        left, t("filter.alliance"), list(names), names.get, "alliance"
    )
    kinds = widgets.linked_multiselect(
        middle, t("filter.kind"), cached.event_kinds(ds), lambda k: t(f"kind.{k}"), "kind"
    )
    chosen_countries = widgets.linked_multiselect(
        right, t("filter.country"), list(countries), countries.get, "country"
    )
    first, last, text_column = st.columns([1, 1, 2])
    start = widgets.linked_date(first, t("filter.from"), cached.first_event_day(ds), "from")
    end = widgets.linked_date(last, t("filter.to"), session.today(), "to")
    text = widgets.linked_text(text_column, t("filter.text"), "q")

# 2. The events that match (an empty choice is no filter).
shown = cached.events(
    ds, alliances or None, kinds or None, chosen_countries or None, start, end, text
)
table = cached.event_table(ds, shown, lang)


def choose_from_chart() -> None:
    points = st.session_state["timeline_chart"].selection.points
    if points:
        st.session_state["event"] = points[0]["customdata"][0]


def choose_from_table() -> None:
    rows = st.session_state["events_table"].selection.rows
    if rows:
        st.session_state["event"] = table["id"].iloc[rows[0]]


# 3. The chart and its sentence (on a phone without labels: the table below lists the events).
st.plotly_chart(
    cached.timeline_figure(ds, shown, lang, session.scheme(), layout.compact()),
    key="timeline_chart",
    on_select=choose_from_chart,
    selection_mode="points",
    config=charts.export_config(charts.CHART_CONFIG, "timeline"),
    alt=alts.timeline_chart(ds, shown, lang),
)
st.caption(cached.describe_events(ds, shown, lang))

# 4. The chosen event, kept in the URL, right under the chart that chose it, and steps
# through the events shown.
chosen = widgets.linked_selectbox(
    st,
    t("timeline.event"),
    cached.event_ids(ds),
    tables.event_label(ds, lang),
    "event",
    placeholder=t("timeline.choose"),
)
widgets.stepper(st, table["id"].tolist(), "event", t("timeline.previous"), t("timeline.next"))
details = cached.event_details(ds, chosen, lang) if chosen else None
if details:
    with st.container(border=True, key="chosen"):
        st.header(tables.literal(details["title"]), anchor=False)
        st.caption(tables.literal(details["line"]))
        if details["uncertain"]:
            st.info(t("timeline.uncertain"), icon="⚠️")
        st.text(details["summary"])
        st.text(t("timeline.countries", names=details["countries"]))
        if not details["figures"].empty:
            figures = details["figures"]
            st.dataframe(
                figures, hide_index=True, alt=alts.event_figures(ds, chosen, figures, lang)
            )
        st.dataframe(
            details["sources"],
            hide_index=True,
            column_config={
                t("column.url"): st.column_config.LinkColumn(display_text=t("sources.open"))
            },
            alt=alts.event_sources(ds, chosen, details["sources"], lang),
        )

# 5. Every event shown, as a table, and the exports.
st.dataframe(
    table,
    key="events_table",
    on_select=choose_from_table,
    selection_mode="single-row",
    hide_index=True,
    column_config={"id": None},
    alt=alts.events_table(ds, shown, table, lang),
)
st.caption(cached.caption(ds, queries.sources_in(shown), lang))
widgets.downloads(
    st,
    t("export.title"),
    [
        (
            t("export.timelinejs_csv"),
            lambda: cached.timelinejs_rows(ds, shown, lang),
            "alliance-atlas-timelinejs.csv",
            "text/csv",
        ),
        (
            t("export.timelinejs_json"),
            lambda: cached.timelinejs_json(ds, shown, lang),
            "alliance-atlas-timelinejs.json",
            "application/json",
        ),
    ],
)
