"""Names of alliances and states in the reader's language, in the order the pages list them."""

from alliance_atlas.dataset import Dataset
from alliance_atlas.i18n import localise
from alliance_atlas.vocab import display_order


def country_name(ds: Dataset, code: str, lang: str) -> str:
    """A state's short name in `lang`."""
    return localise(ds.country_by_code[code].name, lang)


def country_names(ds: Dataset, lang: str) -> dict[str, str]:
    """Each state's name in `lang`, sorted by name."""
    names = {code: country_name(ds, code, lang) for code in ds.country_by_code}
    return dict(sorted(names.items(), key=lambda item: item[1]))


def alliance_names(ds: Dataset, lang: str) -> dict[str, str]:
    """Each alliance's short name in `lang`, in display order."""
    by_id = ds.alliance_by_id
    return {a: localise(by_id[a].short_name, lang) for a in display_order(by_id)}
