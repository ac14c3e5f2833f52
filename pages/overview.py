"""Overview: what the atlas covers, the CSTO and NATO in figures, and the CSTO's story in brief."""

import streamlit as st

from alliance_atlas import alts, cached, charts, layout, queries, routing, session, widgets
from alliance_atlas.navigation import PAGES

routing.through_router()
ds, t, lang = session.dataset(), session.translator(), session.language()
layout.heading(t("overview.title"), t("overview.intro"))

# 1. The CSTO next to NATO, in figures.
figures = cached.overview_figures(ds, session.today(), lang)
for column, alliance in zip(st.columns(max(len(figures), 1)), figures, strict=False):
    with column, st.container(border=True):
        st.header(alliance["name"])
        st.metric(t("overview.members_now"), alliance["members_now"])
        st.metric(t("overview.peak"), alliance["peak"], help=alliance["peak_help"])
        st.caption(alliance["founded"])

# 2. The key moments of the CSTO's story on a compact timeline.
st.header(t("overview.story"))
story = cached.story(ds)
story_table = cached.event_table(ds, story, lang)
st.plotly_chart(
    cached.timeline_figure(ds, story, lang, session.scheme(), layout.compact()),
    config=charts.CHART_CONFIG,
    key="story",
    alt=alts.timeline_chart(ds, story, lang),
)
st.dataframe(
    story_table,
    hide_index=True,
    column_config={"id": None},
    alt=alts.events_table(ds, story, story_table, lang),
)
st.caption(cached.caption(ds, queries.sources_in(story), lang))

# 3. Every pact on one page: life span and member count over time.
st.header(t("overview.pacts"))
today = session.today()
pacts = widgets.charted(st, cached.alliance_names(ds, lang), [])
st.plotly_chart(
    cached.pacts_figure(ds, pacts, today, lang, session.scheme(), layout.compact()),
    config=charts.CHART_CONFIG,
    key="pacts",
    alt=cached.pacts_alt(ds, pacts, today, lang),
)
st.caption(cached.describe_counts(ds, pacts, today, lang))

# 4. Where to go next.
st.header(t("overview.explore"))
for page in (page for page in PAGES if not page.default):
    st.page_link(page.script, label=t(f"overview.link.{page.name}"))
