"""Where the project and its data live; every path is built from here."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_DATA_DIR = ROOT / "data"
STYLE_SHEET = Path(__file__).with_name("atlas.css")  # focus rings and calm motion, on every page
EMBED_STYLE_SHEET = Path(__file__).with_name("embed.css")  # inside another page's frame
TOUCH_SCRIPT = Path(__file__).with_name("touch.html")  # a swipe over a chart scrolls the page


def data_dir() -> Path:
    """The data folder: `ALLIANCE_ATLAS_DATA` if set, else the shipped `data/`."""
    override = os.environ.get("ALLIANCE_ATLAS_DATA")
    return Path(override) if override else SHIPPED_DATA_DIR
