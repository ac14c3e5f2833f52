"""Members: every membership episode, filtered and downloadable, with counts and episodes over time."""

import streamlit as st

from alliance_atlas import (
    alts,
    cached,
    charts,
    layout,
    provenance,
    queries,
    routing,
    session,
    tables,
    widgets,
)
from alliance_atlas.vocab import STATUSES

routing.through_router()
ds, t, lang, today = session.dataset(), session.translator(), session.language(), session.today()
names, countries = cached.alliance_names(ds, lang), cached.country_names(ds, lang)
layout.heading(t("members.title"), t("members.intro"))

# 1. Filters, each kept in the URL, and presets to start from.
with layout.filters():
    widgets.alliance_presets(st, names, cached.presets(ds, session.today()))
    left, middle, right = st.columns(3)
    alliances = widgets.linked_multiselect(
        left, t("filter.alliance"), list(names), names.get, "alliance"
    )
    chosen_countries = widgets.linked_multiselect(
        middle, t("filter.country"), list(countries), countries.get, "country"
    )
    statuses = widgets.linked_multiselect(
        right, t("filter.status"), list(STATUSES), lambda s: t(f"status.{s}"), "status"
    )
    on = widgets.linked_date(st, t("filter.on"), None, "on")

# 2. The table, the picked row's sources, and the downloads.
episodes = cached.memberships(
    ds, alliances or None, chosen_countries or None, statuses or None, on, today=today
)
rows = cached.member_table(ds, episodes, lang)
st.caption(t("members.count", count=len(rows)))
link = st.column_config.LinkColumn(display_text=t("members.open_source"))
picked = st.dataframe(
    tables.blank_missing(rows),
    key="members_table",
    on_select="rerun",
    selection_mode="single-row",
    hide_index=True,
    column_config={t("column.source"): link},
    alt=alts.members(ds, episodes, rows, lang),
)
row_sources = provenance.row_sources(ds, episodes, picked.selection.rows, t)
if row_sources is not None:
    st.caption(t("members.row_sources"))
    st.dataframe(
        row_sources,
        hide_index=True,
        column_config={t("column.url"): link},
        alt=alts.row_sources(ds, episodes, picked.selection.rows, row_sources, lang),
    )
else:
    st.caption(t("members.pick_row"))
csv_column, json_column = st.columns(2)
csv_column.download_button(
    t("members.csv"),
    tables.to_csv(rows),
    "alliance-atlas-members.csv",
    "text/csv",
    on_click="ignore",
)
json_column.download_button(
    t("members.json"),
    tables.to_json(rows),
    "alliance-atlas-members.json",
    "application/json",
    on_click="ignore",
)
widgets.downloads(
    st,
    t("export.title"),
    [
        (
            t("export.atop"),
            lambda: cached.atop_rows(ds, episodes),
            "alliance-atlas-atop.csv",
            "text/csv",
        ),
        (
            t("export.cow"),
            lambda: cached.cow_rows(ds, episodes),
            "alliance-atlas-cow.csv",
            "text/csv",
        ),
        (
            t("export.wikidata"),
            lambda: cached.wikidata_rows(ds, episodes),
            "alliance-atlas-wikidata.csv",
            "text/csv",
        ),
    ],
)

# 3. Counts over time, and each episode as a bar.
st.header(t("members.counts"))
shown = widgets.charted(st, names, alliances)
st.plotly_chart(
    cached.counts_figure(ds, shown, today, lang, session.scheme(), layout.compact()),
    key="counts",
    config=charts.CHART_CONFIG,
    alt=cached.counts_alt(ds, shown, today, lang),
)
st.caption(cached.describe_counts(ds, shown, today, lang))
st.header(t("members.gantt"))
st.plotly_chart(
    cached.gantt_figure(ds, shown, today, lang, session.scheme(), layout.compact()),
    key="gantt",
    config=charts.CHART_CONFIG,
    alt=cached.gantt_alt(ds, shown, today, lang),
)
st.caption(t("members.gantt_text"))
st.caption(cached.caption(ds, queries.membership_sources(ds), lang))
