"""The Plotly floor: a title and one tiny Plotly chart, what any page with a chart must load."""

import plotly.graph_objects as go
import streamlit as st

st.title("Plotly floor")
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2])))
