"""Overview page (placeholder until the dashboard issue): what the data holds."""

import streamlit as st

from alliance_atlas import cached

st.title("Alliance Atlas")
st.write("A sourced history of the CSTO, NATO and the Warsaw Pact. The dashboard is being built.")
counts = cached.dataset().counts()
st.table({"records": counts})
