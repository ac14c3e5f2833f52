"""Overview page (a first version until the dashboard issue): the alliances in figures."""

import datetime as dt

import streamlit as st

from alliance_atlas import cached

st.title("Alliance Atlas")
st.write(
    "A sourced history of the CSTO and the 1992 Collective Security Treaty it grew from, "
    "NATO and the Warsaw Pact. Every figure below comes from the curated files in `data/`, "
    "each record citing its sources."
)
today = dt.date.today()
st.subheader(f"The alliances in figures, on {today:%d %B %Y}")
st.dataframe(
    cached.alliance_summary(today),
    hide_index=True,
    column_config={
        "alliance": None,
        "name": "Alliance",
        "signed": st.column_config.DateColumn("Treaty signed"),
        "in_force": st.column_config.DateColumn("In force"),
        "dissolved": st.column_config.DateColumn("Dissolved"),
        "members_now": st.column_config.NumberColumn("Members today"),
        "peak": st.column_config.NumberColumn("Most members"),
        "peak_since": st.column_config.DateColumn("Most members since"),
    },
)
counts = cached.dataset().counts()
st.caption(
    "The 1992 treaty (CST) is still in force and binds the CSTO's members; the atlas counts a "
    "state under the CST until the CSTO Charter took effect on 18 September 2003, and under the "
    "CSTO from that day. "
    f"Read from the data: {counts['memberships']} membership episodes, {counts['events']} events, "
    f"{counts['sources']} sources, {counts['disputes']} recorded disagreements between sources."
)
