"""Baseline: the smallest Streamlit app, a title and one checkbox to time a rerun."""

import streamlit as st

st.title("Baseline")
st.checkbox("Tick me")
