"""A data folder of the atlas written from imported stays, checked by the atlas's rules, each
problem traced back to the row of the dataset's file it came from."""

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from alliance_atlas.dataset import Dataset
from alliance_atlas.dates import last_of, precision_of, start_of
from alliance_atlas.loader import MEMBERSHIP_COLUMNS, load_partial
from alliance_atlas.problems import NOTICES, Problem
from alliance_atlas.schema import Alliance, Membership, country_columns
from alliance_atlas.tables import csv_text
from alliance_atlas.vocab import LANGUAGES

ACCESSED = "2026-11-30"  # when the pages the citations point to were read
# Each dataset's citation, which becomes the source every imported record cites.
CITATIONS = {
    "atop": {
        "id": "atop-dataset",
        "title": "Download ATOP Data",
        "publisher": "Alliance Treaty Obligations and Provisions (ATOP) project, Rice University",
        "url": "http://atop.rice.edu/data",
        "accessed": ACCESSED,
        "language": "en",
        "kind": "dataset",
        "note": "The project asks users to cite Leeds, Ritter, Mitchell and Long (2002), "
        "'Alliance Treaty Obligations and Provisions, 1815-1944', International Interactions "
        "28: 237-260. Imported from the member file a user supplied; the atlas ships no ATOP file.",
    },
    "cow": {
        "id": "cow-alliances-dataset",
        "title": "COW Alliances (v3.03)",
        "publisher": "Correlates of War Project",
        "url": "http://www.correlatesofwar.org/COW2%20Data/Alliances/alliance.htm",
        "accessed": ACCESSED,
        "language": "en",
        "kind": "dataset",
        "note": "The project's page for its formal alliance data; it asks users to cite Gibler "
        "and Sarkees (2004) and Gibler (2009), International Military Alliances, 1648-2008. "
        "Imported from the by-member file a user supplied; the atlas ships no COW file.",
    },
}
LABELS = {"atop": "ATOP", "cow": "COW"}
# The strongest promise names an imported alliance's type, as the atlas's ALLIANCE_TYPES do.
TYPES = (
    ("defence", "defence_pact"),
    ("offence", "offence_pact"),
    ("neutrality", "neutrality_pact"),
    ("non_aggression", "non_aggression_pact"),
    ("consultation", "consultation_pact"),
)


@dataclass
class Stay:
    """One state's time in one alliance, as the dataset's rows give it."""

    line: int  # the first row it was read from
    alliance: str  # the dataset's id of the alliance (atopid, version4id)
    number: int  # the state's COW number
    joined: str  # a date as precise as the row gives it
    left: str | None  # None: no exit by the end of the dataset's coverage
    obligations: dict[str, bool]
    country: str = ""  # the atlas's state, once the number is placed
    closed: bool = False  # the left date is the alliance's end, the row giving no exit
    lines: tuple[int, ...] = ()  # every row joined into it

    def __post_init__(self) -> None:
        self.lines = self.lines or (self.line,)


@dataclass
class Imported:
    """A data folder's files as text, by name, and every row that could not be carried over."""

    files: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0  # rows read from the dataset's file
    left_out: int = 0  # rows carried over in no part, each named in `problems`

    def write(self, folder: Path) -> None:
        """Write the files into `folder` (made if missing)."""
        for name, text in self.files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")


def alliance_id(dataset: str, alliance: str) -> str:
    """The atlas's id for a dataset's alliance: `atop_3180`, `cow_123`."""
    return re.sub(r"[^a-z0-9_]", "_", f"{dataset}_{alliance}".lower())


def build(
    dataset: str,
    shown: str,
    stays: list[Stay],
    problems: list[Problem],
    rows: int,
    atlas: Dataset,
    spans: dict,
) -> Imported:
    """The folder that holds the stays, checked by the atlas's rules: a stay or an alliance
    that breaks one is left out and named at its row of `shown`, so the folder passes."""
    imported = Imported(problems=list(problems), rows=rows)
    alliances = _alliances(dataset, stays, spans)
    memberships = [_membership(dataset, s, alliances[s.alliance]) for s in stays]
    kept = _checked(dataset, shown, stays, alliances, memberships, atlas, imported.problems)
    carried = {line for s, _ in kept for line in s.lines}
    imported.left_out = rows - len(carried)
    if kept:
        used = {s.alliance for s, _ in kept}
        records = [a for key, a in alliances.items() if key in used]
        imported.files = _files(dataset, [s for s, _ in kept], records, [m for _, m in kept], atlas)
    return imported


def _checked(
    dataset: str,
    shown: str,
    stays: list[Stay],
    alliances: dict[str, dict],
    memberships: list[dict],
    atlas: Dataset,
    problems: list[Problem],
) -> list[tuple[Stay, dict]]:
    """The stays whose records pass every rule; each problem found is named at its row."""
    origin_of_alliance = {}
    for s in stays:
        origin_of_alliance.setdefault(alliances[s.alliance]["id"], s.line)
    origin = {_membership_key(m): s.line for s, m in zip(stays, memberships, strict=True)}
    with tempfile.TemporaryDirectory(prefix="atlas-import-") as tmp:
        files = _files(dataset, stays, list(alliances.values()), memberships, atlas)
        Imported(files=files).write(Path(tmp))
        loaded = load_partial(Path(tmp), label=shown)
    for p in loaded.problems:
        if p.rule in NOTICES:
            continue
        record = p.about.record if p.about else None
        if isinstance(record, Membership):
            line = origin.get((record.alliance, record.country, record.joined))
        elif isinstance(record, Alliance):
            line = origin_of_alliance.get(record.id)
        elif p.file.endswith("memberships.csv") and p.line:  # a row that made no record
            line = stays[p.line - 2].line  # the header is line 1, the first stay line 2
        else:
            line = None
        problems.append(Problem(shown, line, p.rule, p.message))
    kept = {
        (m.record.alliance, m.record.country, m.record.joined) for m in loaded.dataset.memberships
    }
    return [(s, m) for s, m in zip(stays, memberships, strict=True) if _membership_key(m) in kept]


def _membership_key(m: dict) -> tuple[str, str, str]:
    return m["alliance"], m["country"], m["joined"]


def _alliances(dataset: str, stays: list[Stay], spans: dict) -> dict[str, dict]:
    by_alliance: dict[str, list[Stay]] = {}
    for s in stays:
        by_alliance.setdefault(s.alliance, []).append(s)
    source = CITATIONS[dataset]["id"]
    return {
        key: _alliance(dataset, key, own, source, spans.get(key))
        for key, own in by_alliance.items()
    }


def _membership(dataset: str, s: Stay, alliance: dict) -> dict:
    label = LABELS[dataset]
    note = None
    if s.left is None:
        note = f"No exit by the end of {label}'s coverage."
    elif s.closed:
        note = f"{label} gives no exit; the membership ends with the alliance."
    return {
        "alliance": alliance["id"],
        "country": s.country,
        "joined": s.joined,
        "left": s.left,
        "joined_as": "founder" if start_of(s.joined) <= alliance["_founded"] else "acceded",
        "note": note,
        "sources": CITATIONS[dataset]["id"],
        "joined_basis": "signature" if dataset == "atop" else "effect",
    }


def _first_entry(entries: list[str]) -> str:
    """The earliest entry, a full date where one falls in the earliest month or year given
    (`1949-04-04` rather than `1949-04`), so that no day is taken that the file does not give."""
    first = min(entries, key=start_of)
    days = [e for e in entries if precision_of(e) == "day" and start_of(e) <= last_of(first)]
    return min(days, key=start_of) if days else first


def _alliance(dataset: str, alliance: str, stays: list[Stay], source: str, span: Any) -> dict:
    """An alliance as the dataset gives it: its id, the promises its members make, and its
    start (the alliance file's, else the earliest entry: usually a signature in ATOP)."""
    label = LABELS[dataset]
    first = _first_entry([s.joined for s in stays])
    if span and start_of(span.start) <= start_of(first):
        given, whence = span.start, "the alliance file's start"
    elif span:
        given, whence = first, f"its earliest member entry (before the file's start, {span.start})"
    else:
        given, whence = first, "its earliest member entry"
    promised = {k: any(s.obligations.get(k, False) for s in stays) for k, _ in TYPES}
    kind = next((t for k, t in TYPES if promised[k]), "consultation_pact")
    dissolved = {"dissolved": last_of(span.end)} if span and span.end else {}
    return {
        "id": alliance_id(dataset, alliance),
        "type": kind,
        "name": {"en": f"{label} alliance {alliance}", "fr": f"Alliance {alliance} de {label}"},
        "short_name": {lang: f"{label} {alliance}" for lang in LANGUAGES},
        "treaty": {
            "en": f"Not named in the {label} file (alliance {alliance})",
            "fr": f"Non nommé dans le fichier {label} (alliance {alliance})",
        },
        "signed": start_of(given),
        "in_force": start_of(given),
        **dissolved,
        "obligations": {**promised, "note": f"As {label} codes its members' promises."},
        "note": f"Imported from {label}: {whence}, {given}, is taken as both signature and "
        "entry into force (a month or a year as its first day).",
        "sources": [source],
        "origin": label,
        "_founded": last_of(first),  # who joined by then is a founder; not written
    }


def _with_successors(stays: list[Stay], atlas: Dataset) -> list[str]:
    """The states of the stays, and those their records name as successors (the Soviet
    Union's fifteen), so that the folder's countries.csv holds every state it refers to."""
    wanted, found = [s.country for s in stays], set()
    while wanted:
        code = wanted.pop()
        if code not in found:
            found.add(code)
            wanted.extend(atlas.country_by_code[code].successors)
    return sorted(found)


def _files(
    dataset: str, stays: list[Stay], alliances: list[dict], memberships: list[dict], atlas: Dataset
) -> dict[str, str]:
    """The four files of a data folder, valid on their own and beside the shipped data."""
    countries = [atlas.country_by_code[c] for c in _with_successors(stays, atlas)]
    cited = [CITATIONS[dataset]]
    for source_id in dict.fromkeys(s for c in countries for s in c.sources):
        cited.append(atlas.source_by_id[source_id].model_dump(mode="json", exclude_none=True))
    written = [{k: v for k, v in a.items() if not k.startswith("_")} for a in alliances]
    return {
        "sources.yaml": _yaml(cited),
        "alliances.yaml": _yaml(written),
        "countries.csv": csv_text(country_columns(), [_country_row(c) for c in countries]),
        "memberships.csv": csv_text(MEMBERSHIP_COLUMNS, memberships),
    }


def _country_row(country) -> dict:
    row = country.model_dump(mode="json")
    names = {f"name_{lang}": country.name.get(lang) for lang in LANGUAGES}
    row.update(names, successors=";".join(country.successors), sources=";".join(country.sources))
    return row


class _Plain(yaml.SafeDumper):
    """YAML without anchors and aliases, which the atlas's files do not allow."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _yaml(records: list[dict]) -> str:
    return yaml.dump(records, Dumper=_Plain, allow_unicode=True, sort_keys=False)
