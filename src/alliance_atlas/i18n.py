"""The reader's language: interface strings from the catalogues in locales/, dates and numbers
from Babel, data text typeset with the language's no-break spaces, translated column headers."""

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import yaml
from babel import Locale
from babel.dates import format_date as babel_date
from babel.dates import format_skeleton
from babel.numbers import format_decimal, get_group_symbol

from alliance_atlas.vocab import DEFAULT_LANGUAGE

if TYPE_CHECKING:
    from alliance_atlas.schema import Text

LOCALES = Path(__file__).parent / "locales"  # one catalogue per language of vocab.LANGUAGES


def language_name(code: str, lang: str | None = None) -> str:
    """A language's name in `lang` (by default in itself), from Babel (CLDR): `Français`,
    `Deutsch`; `Anglais` in French. An unknown code stays as it is."""
    name = Locale.parse(lang or code).languages.get(code, code)
    return name[:1].upper() + name[1:]


def reload() -> None:
    """Forget the catalogues read so far, so that one added or changed since is read."""
    for function in (catalogue, translator, _spacing):
        function.cache_clear()


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The strings of one language, keyed by stable ids such as `timeline.title`."""
    return yaml.safe_load((LOCALES / f"{lang}.yaml").read_text(encoding="utf-8"))


@cache
def translator(lang: str) -> Callable[..., str]:
    """A function `t(key, **values)` for `lang`; a key missing in `lang` falls back to English."""
    strings = {**catalogue(DEFAULT_LANGUAGE), **catalogue(lang)}

    def t(key: str, **values: object) -> str:
        text = strings.get(key, key)
        return text.format(**values) if values else text

    return t


def format_date(value: object, lang: str) -> str:
    """A date for readers, as precise as the data and in the reader's language: `7 October
    2002`, `1er janvier 1993`, `June 2010`, `1961`. Month names come from Babel (CLDR); the
    order of day, month and year is the catalogue's `date.day` pattern."""
    text = value if isinstance(value, str) else pd.Timestamp(value).date().isoformat()
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    day = dt.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
    if len(parts) == 2:
        return format_skeleton("yMMMM", day, locale=lang)
    t = translator(lang)
    return babel_date(day, t("date.first") if day.day == 1 else t("date.day"), locale=lang)


def format_number(value: float, lang: str) -> str:
    """A number with the reader's grouping and decimal marks: `2,500` or `2 500`."""
    return format_decimal(value, locale=lang)


def localise(text: "Text", lang: str) -> str:
    """A text of the data as readers see it: in `lang`, with that language's no-break spaces."""
    return typeset(text.get(lang), lang)


def typeset_each(texts: pd.Series, lang: str) -> pd.Series:
    """`typeset` over a column of data text, such as event titles."""
    return texts.map(lambda text: typeset(text, lang))


def typeset(text: str, lang: str) -> str:
    """Data text with the language's no-break spaces, so that a line never starts with `:` or
    `»` and a number never breaks: French `Bichkek : Poutine` and `2 500` keep together."""
    for pattern, space in _spacing(lang):
        text = pattern.sub(space, text)
    return text


@cache
def _spacing(lang: str) -> list[tuple[re.Pattern, str]]:
    """The rules of `typeset`: marks from the catalogue (`typography.*`), digit grouping from
    Babel (CLDR); none for English."""
    t, rules = translator(lang), []
    if before := t("typography.nbsp_before"):
        rules.append((re.compile(rf" (?=[{re.escape(before)}])"), "\u00a0"))
    if after := t("typography.nbsp_after"):
        rules.append((re.compile(rf"(?<=[{re.escape(after)}]) "), "\u00a0"))
    if (group := get_group_symbol(locale=lang)).isspace():
        rules.append((re.compile(r"(?<=\d) (?=\d{3}(?!\d))"), group))
    return rules


def alphabetical(text: str) -> str:
    """A key that sorts names as a reader's alphabet does: « États-Unis » among the E, not
    after « Zambie » (accents and case set aside)."""
    letters = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in letters if not unicodedata.combining(c))


def translated_headers(frame: pd.DataFrame, t: Callable[..., str]) -> pd.DataFrame:
    """Column names in the reader's language (`column.<name>`); `id` stays, for a page to hide."""
    return frame.rename(columns={c: t(f"column.{c}") for c in frame.columns if c != "id"})
