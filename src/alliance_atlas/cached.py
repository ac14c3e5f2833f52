"""The only module that imports streamlit: cached wrappers around the loader and queries."""

import streamlit as st

from alliance_atlas.dataset import Dataset
from alliance_atlas.loader import load
from alliance_atlas.paths import data_dir


@st.cache_resource(show_spinner=False)
def dataset() -> Dataset:
    """The validated dataset, read once per process."""
    return load(data_dir())
