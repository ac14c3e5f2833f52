"""The only module that imports streamlit: cached wrappers around the loader and queries."""

import datetime as dt

import pandas as pd
import streamlit as st

from alliance_atlas import queries
from alliance_atlas.dataset import Dataset
from alliance_atlas.loader import load
from alliance_atlas.paths import data_dir
from alliance_atlas.problems import DataError


@st.cache_resource(show_spinner=False)
def _load() -> Dataset:
    return load(data_dir())


def dataset() -> Dataset:
    """The validated dataset, read once per process; invalid data stop the page with a list."""
    try:
        return _load()
    except DataError as error:
        lines = "\n".join(f"- `{problem}`" for problem in error.problems)
        st.error(f"The data in {data_dir()} break {len(error.problems)} rule(s):\n\n{lines}")
        st.stop()


@st.cache_data(show_spinner=False)
def alliance_summary(today: dt.date) -> pd.DataFrame:
    """Each alliance in figures on `today`."""
    return queries.alliance_summary(dataset(), today)
