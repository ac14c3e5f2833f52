"""Compare: the CSTO, its 1992 treaty, NATO and the Warsaw Pact side by side."""

import streamlit as st

from alliance_atlas import cached, charts, queries, routing, session

routing.through_router()
ds, t, lang, today = session.dataset(), session.translator(), session.language(), session.today()
st.title(t("compare.title"))
st.write(t("compare.intro"))

# 1. Treaty, founding, seat, mutual-defence clause and size, side by side.
st.table(cached.comparison(ds, today, lang))
st.caption(t("compare.obligations_note"))

# 2. Members over time.
st.subheader(t("compare.members_chart"))
figure = cached.counts_figure(ds, today, lang)
st.plotly_chart(figure, key="compare_counts", config=charts.CHART_CONFIG)
st.caption(cached.describe_counts(ds, today, lang))

# 3. Every request for collective help, and every intervention.
st.subheader(t("compare.requests_title"))
st.caption(t("compare.requests_intro"))
st.dataframe(cached.requests_table(ds, lang), hide_index=True)
st.caption(cached.caption(ds, queries.sources_in(cached.requests(ds)), lang))
st.page_link("pages/timeline.py", label=t("compare.to_timeline"))
