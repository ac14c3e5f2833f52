"""Translation: every user-facing string comes from a catalogue file in locales/."""

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

LOCALES = Path(__file__).parent / "locales"
DEFAULT_LANGUAGE = "en"


def languages() -> list[str]:
    """The languages that have a catalogue, default first."""
    found = sorted(path.stem for path in LOCALES.glob("*.yaml"))
    return sorted(found, key=lambda code: code != DEFAULT_LANGUAGE)


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The strings of one language, keyed by stable ids such as `timeline.title`."""
    return yaml.safe_load((LOCALES / f"{lang}.yaml").read_text(encoding="utf-8"))


def translator(lang: str) -> Callable[..., str]:
    """A function `t(key, **values)` for `lang`; a key missing in `lang` falls back to English."""
    strings = {**catalogue(DEFAULT_LANGUAGE), **catalogue(lang)}

    def t(key: str, **values: object) -> str:
        text = strings.get(key, key)
        return text.format(**values) if values else text

    return t


def format_date(value: object, lang: str) -> str:
    """A date for readers: `7 October 2002`, `June 2010` or `1961`, as precise as the data."""
    text = value if isinstance(value, str) else pd.Timestamp(value).date().isoformat()
    t = translator(lang)
    parts = text.split("-")
    if len(parts) == 1:
        return parts[0]
    month = t(f"month.{int(parts[1])}")
    if len(parts) == 2:
        return t("date.month", month=month, year=parts[0])
    return t("date.day", day=int(parts[2]), month=month, year=parts[0])
