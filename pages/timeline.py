"""Timeline: every event on a time axis, filtered, with the chosen event's details."""

import streamlit as st

from alliance_atlas import cached, charts

cached.through_router()
t, lang = cached.translator(), cached.language()
names, countries = cached.alliance_names(lang), cached.country_names(lang)
st.title(t("timeline.title"))
st.caption(t("timeline.intro"))

# 1. Filters, each kept in the URL.
left, middle, right = st.columns(3)
alliances = cached.linked_multiselect(
    left, t("filter.alliance"), list(names), names.get, "alliance"
)
kinds = cached.linked_multiselect(
    middle, t("filter.kind"), cached.event_kinds(), lambda k: t(f"kind.{k}"), "kind"
)
chosen_countries = cached.linked_multiselect(
    right, t("filter.country"), list(countries), countries.get, "country"
)
first, last, text_column = st.columns([1, 1, 2])
start = cached.linked_date(first, t("filter.from"), cached.first_event_day(), "from")
end = cached.linked_date(last, t("filter.to"), cached.today(), "to")
text = cached.linked_text(text_column, t("filter.text"), "q")

# 2. The events that match.
shown = cached.events(
    tuple(alliances) or None,
    tuple(kinds) or None,
    tuple(chosen_countries) or None,
    start,
    end,
    text,
)
table = cached.event_table(shown, lang)


def choose_from_chart() -> None:
    points = st.session_state["timeline_chart"].selection.points
    if points:
        st.session_state["event"] = points[0]["customdata"][0]


def choose_from_table() -> None:
    rows = st.session_state["events_table"].selection.rows
    if rows:
        st.session_state["event"] = table["id"].iloc[rows[0]]


# 3. The chart, its sentence, and the table beneath it.
st.plotly_chart(
    cached.timeline_figure(shown, lang),
    key="timeline_chart",
    on_select=choose_from_chart,
    selection_mode="points",
    config=charts.CHART_CONFIG,
)
st.caption(cached.describe_events(shown, lang))
st.dataframe(
    table,
    key="events_table",
    on_select=choose_from_table,
    selection_mode="single-row",
    hide_index=True,
    column_config={"id": None},
)
st.caption(cached.caption(cached.sources_in(shown), lang))

# 4. The chosen event, kept in the URL.
chosen = cached.linked_selectbox(
    st,
    t("timeline.event"),
    cached.event_ids(),
    cached.event_label(lang),
    "event",
    placeholder=t("timeline.choose"),
)
details = cached.event_details(chosen, lang) if chosen else None
if details:
    with st.container(border=True):
        st.subheader(cached.literal(details["title"]), anchor=False)
        st.caption(cached.literal(details["line"]))
        if details["uncertain"]:
            st.info(t("timeline.uncertain"), icon="⚠️")
        st.text(details["summary"])
        st.text(t("timeline.countries", names=details["countries"]))
        if not details["figures"].empty:
            st.dataframe(details["figures"], hide_index=True)
        st.dataframe(
            details["sources"],
            hide_index=True,
            column_config={
                t("column.url"): st.column_config.LinkColumn(display_text=t("sources.open"))
            },
        )
