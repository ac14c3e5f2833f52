"""Sources and method: every source, the conventions, the licences, and how to cite a view."""

import streamlit as st

from alliance_atlas import alts, cached, layout, routing, session

routing.through_router()
ds, t, lang = session.dataset(), session.translator(), session.language()
layout.heading(t("sources.title"))

# 1. How to cite what you see.
st.header(t("sources.cite"))
st.write(t("sources.cite_intro"))
st.code(session.citation(), language=None, wrap_lines=True)

# 2. Every source, with the records that cite it.
sources = cached.source_table(ds, lang)
st.header(t("sources.list"))
st.caption(t("sources.list_intro", count=len(sources)))
st.dataframe(
    sources,
    hide_index=True,
    column_config={t("column.url"): st.column_config.LinkColumn(display_text=t("sources.open"))},
    alt=alts.listing("sources", sources, lang),
)

# 3. Where sources disagree.
st.header(t("sources.disputes"))
st.caption(t("sources.disputes_intro"))
disputes = cached.dispute_table(ds, lang)
st.dataframe(disputes, hide_index=True, alt=alts.listing("disputes", disputes, lang))

# 4. Conventions and licences.
st.header(t("sources.method"))
st.markdown(t("sources.conventions"))
st.header(t("sources.licences"))
st.markdown(t("sources.licences_text"))
