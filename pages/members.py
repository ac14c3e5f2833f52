"""Members: every membership episode, filtered and downloadable, with counts and episodes over time."""

import streamlit as st

from alliance_atlas import cached, charts

cached.through_router()
t, lang = cached.translator(), cached.language()
names, countries = cached.alliance_names(lang), cached.country_names(lang)
st.title(t("members.title"))
st.caption(t("members.intro"))

# 1. Filters, each kept in the URL.
left, middle, right = st.columns(3)
alliances = cached.linked_multiselect(
    left, t("filter.alliance"), list(names), names.get, "alliance"
)
chosen_countries = cached.linked_multiselect(
    middle, t("filter.country"), list(countries), countries.get, "country"
)
statuses = cached.linked_multiselect(
    right, t("filter.status"), cached.STATUSES, lambda s: t(f"status.{s}"), "status"
)
on = cached.linked_date(st, t("filter.on"), None, "on")

# 2. The table and its downloads.
rows = cached.member_table(
    tuple(alliances) or None, tuple(chosen_countries) or None, tuple(statuses) or None, on, lang
)
st.caption(t("members.count", count=len(rows)))
link = st.column_config.LinkColumn(display_text=t("members.open_source"))
picked = st.dataframe(
    cached.for_reading(rows),
    key="members_table",
    on_select="rerun",
    selection_mode="single-row",
    hide_index=True,
    column_config={t("column.source"): link},
)
row_sources = cached.row_sources(rows, picked.selection.rows, lang)
if row_sources is not None:
    st.caption(t("members.row_sources"))
    st.dataframe(row_sources, hide_index=True, column_config={t("column.url"): link})
else:
    st.caption(t("members.pick_row"))
csv_column, json_column = st.columns(2)
csv_column.download_button(
    t("members.csv"), cached.as_csv(rows), "alliance-atlas-members.csv", "text/csv"
)
json_column.download_button(
    t("members.json"), cached.as_json(rows), "alliance-atlas-members.json", "application/json"
)

# 3. Counts over time, and each episode as a bar.
st.subheader(t("members.counts"))
st.plotly_chart(cached.counts_figure(lang), key="counts", config=charts.CHART_CONFIG)
st.caption(cached.describe_counts(lang))
st.subheader(t("members.gantt"))
st.plotly_chart(
    cached.gantt_figure(tuple(alliances) or tuple(names), lang),
    key="gantt",
    config=charts.CHART_CONFIG,
)
st.caption(t("members.gantt_text"))
st.caption(cached.caption(cached.membership_sources(), lang))
