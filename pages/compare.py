"""Compare: the CSTO, its 1992 treaty, NATO and the Warsaw Pact side by side."""

import streamlit as st

from alliance_atlas import cached, charts

cached.through_router()
t, lang = cached.translator(), cached.language()
st.title(t("compare.title"))
st.write(t("compare.intro"))

# 1. Treaty, founding, seat, mutual-defence clause and size, side by side.
st.table(cached.comparison(lang))
st.caption(t("compare.obligations_note"))

# 2. Members over time.
st.subheader(t("compare.members_chart"))
st.plotly_chart(cached.counts_figure(lang), key="compare_counts", config=charts.CHART_CONFIG)
st.caption(cached.describe_counts(lang))

# 3. Every request for collective help, and every intervention.
st.subheader(t("compare.requests_title"))
st.caption(t("compare.requests_intro"))
requests = cached.requests_table(lang)
st.dataframe(requests, hide_index=True)
st.caption(cached.caption(cached.sources_in(cached.requests_and_interventions()), lang))
st.page_link("pages/timeline.py", label=t("compare.to_timeline"))
