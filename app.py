"""Alliance Atlas: the router. It sets up the page and runs the page the URL names."""

import streamlit as st

st.set_page_config(page_title="Alliance Atlas", page_icon="🗺️", layout="wide")
pages = [
    st.Page("pages/overview.py", title="Overview", icon="🏠", url_path="overview", default=True)
]
st.navigation(pages).run()
