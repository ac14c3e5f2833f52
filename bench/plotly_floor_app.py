"""The Plotly floor: a title, a checkbox and one tiny Plotly chart that the checkbox changes."""

import plotly.graph_objects as go
import streamlit as st

st.title("Plotly floor")
points = 4 if st.checkbox("Tick me") else 3
st.plotly_chart(
    go.Figure(go.Scatter(x=list(range(points)), y=[1, 3, 2, 4][:points], mode="markers"))
)
