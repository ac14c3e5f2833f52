"""Compare: two to four alliances side by side, the CSTO against NATO unless chosen otherwise."""

import streamlit as st

from alliance_atlas import alts, cached, charts, layout, queries, routing, session, widgets
from alliance_atlas.vocab import COMPARED_BY_DEFAULT, MOST_COMPARED, compare_order

routing.through_router()
ds, t, lang, today = session.dataset(), session.translator(), session.language(), session.today()
names = cached.alliance_names(ds, lang)
layout.heading(t("compare.title"), t("compare.intro"))

# 1. The alliances to compare, kept in the URL (none chosen is the default pair).
options = compare_order(names)
default = [a for a in COMPARED_BY_DEFAULT if a in names]
default = (default + [a for a in options if a not in default])[:2]
with layout.filters():
    chosen = widgets.linked_multiselect(
        st, t("compare.choose"), options, names.get, "compared", default, MOST_COMPARED, "alliance"
    )
if len(chosen) < 2:
    st.info(t("compare.choose_two"))
shown = tuple(chosen or default)

# 2. Treaty, founding, seat, mutual-defence clause and size, side by side.
comparison = cached.comparison(ds, shown, today, lang)
st.table(comparison, alt=alts.comparison(comparison, lang))
st.caption(t("compare.obligations_note"))

# 3. Members over time.
st.header(t("compare.members_chart"))
figure = cached.counts_figure(ds, shown, today, lang, session.scheme(), layout.compact())
alt = cached.counts_alt(ds, shown, today, lang)
st.plotly_chart(figure, key="compare_counts", config=charts.CHART_CONFIG, alt=alt)
st.caption(cached.describe_counts(ds, shown, today, lang))

# 4. Every request for collective help, and every intervention.
st.header(t("compare.requests_title"))
st.caption(t("compare.requests_intro"))
requests = cached.requests_table(ds, shown, lang)
st.dataframe(requests, hide_index=True, alt=alts.requests(ds, shown, requests, lang))
st.caption(cached.caption(ds, queries.sources_in(cached.requests(ds, shown)), lang))
st.page_link("pages/timeline.py", label=t("compare.to_timeline"))
