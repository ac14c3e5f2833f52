"""ATOP and COW alliance files read into a data folder of the atlas's format, with their conventions."""

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from alliance_atlas import codes
from alliance_atlas.dataset import Dataset
from alliance_atlas.dates import last_of, precision_of, start_of
from alliance_atlas.loader import MEMBERSHIP_COLUMNS
from alliance_atlas.problems import Problem
from alliance_atlas.readers import read_text
from alliance_atlas.schema import country_columns
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
OBLIGATION_COLUMNS = {
    "atop": {
        "defence": "defense",
        "offence": "offense",
        "neutrality": "neutral",
        "non_aggression": "nonagg",
        "consultation": "consul",
    },
    "cow": {
        "defence": "defense",
        "neutrality": "neutrality",
        "non_aggression": "nonaggression",
        "consultation": "entente",
    },
}
UNKNOWN = {"", "-9", "0", "."}  # how the datasets leave a month or a day unknown


@dataclass
class Episode:
    """One membership as a dataset gives it, with the place it was read from."""

    line: int
    alliance: str  # the dataset's id of the alliance (atopid, version4id)
    number: int  # the state's COW number
    joined: str  # a date as precise as the row gives it
    left: str | None  # None: no exit by the end of the dataset's coverage
    obligations: dict[str, bool]
    country: str = ""  # the atlas's state, once the number is placed


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


@dataclass(frozen=True)
class Span:
    """An alliance's dates as an alliance-level file gives them."""

    start: str  # as precise as the file gives it
    end: str | None  # None: in force at the end of the dataset's coverage


def read_atop(
    members: Path, atlas: Dataset, alliances: Path | None = None, shown: str | None = None
) -> Imported:
    """An ATOP member-level file (v4 or v5: `atopid, member, yrent, moent, dayent, yrexit,
    moexit, dayexit, phase`, and the obligation columns where present), with the alliance-level
    file's start and end dates (`begyr, begmo, begday, endyr, endmo, endday`) if given."""
    problems: list[Problem] = []
    spans = _atop_spans(alliances, problems) if alliances else {}
    columns = ("atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit")

    def episode(line: int, row: dict[str, str]) -> Episode:
        joined = _date(row["yrent"], row["moent"], row["dayent"])
        left = _date(row["yrexit"], row["moexit"], row["dayexit"])
        if joined is None:
            raise ValueError("the entry year is 0 or blank")
        obligations = _obligations(row, OBLIGATION_COLUMNS["atop"])
        return Episode(line, row["atopid"], _number(row["member"]), joined, left, obligations)

    imported = _import("atop", members, shown or str(members), columns, episode, atlas, spans)
    imported.problems[:0] = problems
    return imported


def _atop_spans(path: Path, problems: list[Problem]) -> dict[str, Span]:
    """Each alliance's start and end, by atopid, from ATOP's alliance-level file."""
    spans = {}
    columns = ("atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday")
    for line, row in _rows(path, str(path), columns, problems):
        try:
            start = _date(row["begyr"], row["begmo"], row["begday"])
            end = _date(row["endyr"], row["endmo"], row["endday"])
        except ValueError as error:
            problems.append(Problem(str(path), line, "invalid-value", str(error)))
            continue
        if start:
            spans[row["atopid"]] = Span(start, end)
    return spans


def read_cow(members: Path, atlas: Dataset, shown: str | None = None) -> Imported:
    """A COW Formal Alliances by-member file (v4.1: `version4id, ccode, mem_st_day, ...,
    mem_end_year, right_censor`, and the type columns)."""
    columns = ("version4id", "ccode", "mem_st_day", "mem_st_month", "mem_st_year")
    columns += ("mem_end_day", "mem_end_month", "mem_end_year")

    def episode(line: int, row: dict[str, str]) -> Episode:
        joined = _date(row["mem_st_year"], row["mem_st_month"], row["mem_st_day"])
        if joined is None:
            raise ValueError("the start year is blank")
        still_in = row.get("right_censor") == "1"
        left = (
            None
            if still_in
            else _date(row["mem_end_year"], row["mem_end_month"], row["mem_end_day"])
        )
        obligations = _obligations(row, OBLIGATION_COLUMNS["cow"])
        return Episode(line, row["version4id"], _number(row["ccode"]), joined, left, obligations)

    return _import("cow", members, shown or str(members), columns, episode, atlas, {})


# The columns that tell each format's member file by its header.
SIGNATURES = {
    "atop": {"atopid", "member", "yrent"},
    "cow": {"version4id", "ccode", "mem_st_year"},
}


def format_of(head: bytes) -> str | None:
    """ "atop" or "cow" when a file's first line is the header of that dataset's member file."""
    line = head.decode("utf-8", errors="replace").lstrip("\ufeff").splitlines()[:1]
    header = {cell.strip().strip('"').lower() for cell in (line[0] if line else "").split(",")}
    return next((kind for kind, needed in SIGNATURES.items() if needed <= header), None)


def read(kind: str, path: Path, atlas: Dataset, shown: str) -> Imported:
    """A member file of either format."""
    return read_atop(path, atlas, shown=shown) if kind == "atop" else read_cow(path, atlas, shown)


def _import(
    dataset: str,
    path: Path,
    shown: str,
    columns: tuple[str, ...],
    episode: Callable[[int, dict[str, str]], Episode],
    atlas: Dataset,
    spans: dict[str, Span],
) -> Imported:
    result = Imported()
    rows = _rows(path, shown, columns, result.problems)
    episodes = []
    for line, row in rows:
        result.rows += 1
        try:
            episodes.append(episode(line, row))
        except ValueError as error:
            result.problems.append(Problem(shown, line, "invalid-value", str(error)))
    placed = list(_placed(episodes, atlas, shown, result.problems))
    result.left_out = result.rows - len({e.line for e in placed})
    merged = _merged(placed)
    result.files = _folder(dataset, merged, atlas, spans) if merged else {}
    return result


def _rows(
    path: Path, shown: str, columns: tuple[str, ...], problems: list[Problem]
) -> list[tuple[int, dict[str, str]]]:
    """The file's rows by column name (other columns are ignored), with their line numbers."""
    text, found = read_text(path, shown)
    problems.extend(found)
    if text is None:
        return []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [c for c in columns if c not in header]
    if missing:
        message = f"the file lacks the column(s) {', '.join(missing)}; is it the right file?"
        problems.append(Problem(shown, 1, "csv-header", message))
        return []
    reader.fieldnames = header
    rows = []
    try:
        for row in reader:
            cells = {key: (value or "").strip() for key, value in row.items() if key}
            rows.append((reader.line_num, cells))
    except csv.Error as error:
        problems.append(Problem(shown, reader.line_num, "csv-syntax", str(error)))
    return rows


def _date(year: str, month: str, day: str) -> str | None:
    """A date as precise as the row gives it: no day or month lowers the precision; a year of
    0 or blank is no date (ATOP's exit of 0: not left by the end of coverage)."""
    if year.strip() in UNKNOWN:
        return None
    y = int(float(year))
    if month.strip() in UNKNOWN:
        return f"{y:04d}"
    m = int(float(month))
    if not 1 <= m <= 12:
        raise ValueError(f"month {m} does not exist")
    if day.strip() in UNKNOWN:
        return f"{y:04d}-{m:02d}"
    return dt.date(y, m, int(float(day))).isoformat()  # ValueError for a day that is not real


def _number(cell: str) -> int:
    """A state number as the files write it: `365`, or `365.0` from a statistics package."""
    number = float(cell)
    if not number.is_integer():
        raise ValueError(f"{cell!r} is not a state number")
    return int(number)


def _obligations(row: dict[str, str], columns: dict[str, str]) -> dict[str, bool]:
    return {ours: row.get(theirs, "") == "1" for ours, theirs in columns.items()}


def _placed(
    episodes: list[Episode], atlas: Dataset, shown: str, problems: list[Problem]
) -> Iterator[Episode]:
    """Each episode with its state of the atlas, split where the number changes state (COW's
    365 is the Soviet Union, then Russia); a number that stands for no state of the atlas on
    a day of the episode is reported, never guessed."""
    for e in episodes:
        start = start_of(e.joined)
        country = codes.state_of(atlas, "cow", e.number, start)
        if country is None:
            message = f"COW number {e.number} stands for no state of the atlas on {e.joined}"
            problems.append(Problem(shown, e.line, "unknown-code", message))
            continue
        end = start_of(e.left) if e.left else None
        handed = _span_end(atlas, country, start)
        goes_on = handed and codes.number_of(atlas, "cow", country, handed) is not None
        if handed is None or (end is not None and end <= handed) or goes_on:
            yield replace(e, country=country)  # Germany goes on as 255 where a row still says 260
            continue
        yield replace(e, country=country, left=handed.isoformat())
        successor = codes.state_of(atlas, "cow", e.number, handed)
        if successor:  # the Soviet Union's 365 passes to Russia
            yield replace(e, country=successor, joined=handed.isoformat())
        else:
            message = (
                f"COW number {e.number} stands for no state of the atlas from {handed}: "
                f"{country}'s membership is cut there"
            )
            problems.append(Problem(shown, e.line, "unknown-code", message))


def _span_end(atlas: Dataset, country: str, day: dt.date) -> dt.date | None:
    """The first day the state's COW number no longer stands for it, after `day`."""
    for item in atlas.codes:
        if item.record.country == country:
            start, end = codes.span(atlas, item.record)
            if (start is None or start <= day) and (end is None or day < end):
                return end
    return None


def _merged(episodes: list[Episode]) -> list[Episode]:
    """One episode per stay: an alliance's phases, and the rows of one state under two
    numbers (Germany, 260 then 255), are joined where one ends when the next begins."""
    merged: list[Episode] = []
    for e in sorted(episodes, key=lambda e: (e.alliance, e.country, start_of(e.joined))):
        last = merged[-1] if merged else None
        if last and _continues(last, e):
            obligations = {k: v or e.obligations[k] for k, v in last.obligations.items()}
            merged[-1] = replace(last, left=e.left, obligations=obligations)
        else:
            merged.append(e)
    return merged


def _continues(before: Episode, after: Episode) -> bool:
    """Whether `after` takes up the same stay where `before` ends, a day later at most (a phase
    boundary, or a new number), rather than a return after a real exit."""
    same = (before.alliance, before.country) == (after.alliance, after.country)
    return (
        same
        and before.left is not None
        and ((start_of(after.joined) - start_of(before.left)).days <= 1)
    )


def _folder(
    dataset: str, episodes: list[Episode], atlas: Dataset, spans: dict[str, Span]
) -> dict[str, str]:
    """The files of a data folder that holds the episodes, their alliances, their states and
    every source these cite, valid on its own and beside the shipped data."""
    source = CITATIONS[dataset]["id"]
    label = LABELS[dataset]
    by_alliance: dict[str, list[Episode]] = {}
    for e in episodes:
        by_alliance.setdefault(e.alliance, []).append(e)
    alliances, memberships, founded = {}, [], {}
    for alliance, own in by_alliance.items():
        founded[alliance] = last_of(_first_entry([e.joined for e in own]))  # founders by then
        alliances[alliance] = _alliance(dataset, alliance, own, source, spans.get(alliance))
    for e in episodes:
        record = alliances[e.alliance]
        founder = start_of(e.joined) <= founded[e.alliance]
        note = None if e.left else f"No exit by the end of {label}'s coverage."
        if e.left is None and "dissolved" in record:  # in to the end: out when it ended
            e = replace(e, left=record["dissolved"].isoformat())
            note = f"{label} gives no exit; the membership ends with the alliance."
        memberships.append(
            {
                "alliance": record["id"],
                "country": e.country,
                "joined": e.joined,
                "left": e.left,
                "joined_as": "founder" if founder else "acceded",
                "note": note,
                "sources": source,
                "joined_basis": "signature" if dataset == "atop" else "effect",
            }
        )
    country_records = [atlas.country_by_code[c] for c in _with_successors(episodes, atlas)]
    cited = [CITATIONS[dataset]]
    for source_id in dict.fromkeys(s for c in country_records for s in c.sources):
        cited.append(atlas.source_by_id[source_id].model_dump(mode="json", exclude_none=True))
    return {
        "sources.yaml": _yaml(cited),
        "alliances.yaml": _yaml(list(alliances.values())),
        "countries.csv": _csv(country_columns(), [_country_row(c) for c in country_records]),
        "memberships.csv": _csv(MEMBERSHIP_COLUMNS, memberships),
    }


def _first_entry(entries: list[str]) -> str:
    """The earliest entry, a full date where one falls in the earliest month or year given
    (`1949-04-04` rather than `1949-04`), so that no day is taken that the file does not give."""
    first = min(entries, key=start_of)
    days = [e for e in entries if precision_of(e) == "day" and start_of(e) <= last_of(first)]
    return min(days, key=start_of) if days else first


def _with_successors(episodes: list[Episode], atlas: Dataset) -> list[str]:
    """The states of the episodes, and those their records name as successors (the Soviet
    Union's fifteen), so that the folder's countries.csv holds every state it refers to."""
    wanted, found = [e.country for e in episodes], set()
    while wanted:
        code = wanted.pop()
        if code not in found:
            found.add(code)
            wanted.extend(atlas.country_by_code[code].successors)
    return sorted(found)


def _alliance(
    dataset: str, alliance: str, episodes: list[Episode], source: str, span: Span | None
) -> dict:
    """An alliance as the dataset gives it: its id, the promises its members make, and its
    start (the alliance file's, else the earliest entry: usually a signature in ATOP)."""
    label = LABELS[dataset]
    first = _first_entry([e.joined for e in episodes])
    given = span.start if span else first
    start = min(start_of(given), start_of(first))
    promised = {k: any(e.obligations.get(k, False) for e in episodes) for k in dict(TYPES)}
    kind = next((t for k, t in TYPES if promised[k]), "consultation_pact")
    name = {"en": f"{label} alliance {alliance}", "fr": f"Alliance {alliance} de {label}"}
    whence = "the alliance file's start" if span else "its earliest member entry"
    dissolved = {"dissolved": start_of(span.end)} if span and span.end else {}
    return {
        "id": f"{dataset}_{alliance}".lower().replace(".", "_").replace("-", "_"),
        "type": kind,
        "name": name,
        "short_name": {lang: f"{label} {alliance}" for lang in LANGUAGES},
        "treaty": {
            "en": f"Not named in the {label} file (alliance {alliance})",
            "fr": f"Non nommé dans le fichier {label} (alliance {alliance})",
        },
        "signed": start,
        "in_force": start,
        **dissolved,
        "obligations": {**promised, "note": f"As {label} codes its members' promises."},
        "note": f"Imported from {label}: {whence}, {given}, is taken as both signature and "
        "entry into force (a month or a year as its first day).",
        "sources": [source],
        "origin": label,
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


def _csv(columns: tuple[str, ...], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()
