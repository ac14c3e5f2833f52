"""ATOP and COW alliance files read into membership stays of the atlas's states, with their
conventions, every row that cannot be carried over named by file, line and rule."""

import csv
import datetime as dt
import io
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from alliance_atlas import codes, folders
from alliance_atlas.dataset import Dataset
from alliance_atlas.dates import last_of, start_of
from alliance_atlas.folders import Imported, Stay
from alliance_atlas.problems import Problem
from alliance_atlas.readers import read_text

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
# The columns that tell each format's member file by its header.
SIGNATURES = {
    "atop": {"atopid", "member", "yrent"},
    "cow": {"version4id", "ccode", "mem_st_year"},
}
UNKNOWN_PARTS = {0, -9}  # how the datasets write a month or a day they do not know


@dataclass(frozen=True)
class Span:
    """An alliance's dates as an alliance-level file gives them."""

    start: str  # as precise as the file gives it
    end: str | None  # None: in force at the end of the dataset's coverage


@dataclass
class _Reading:
    """What reading one file gives: the stays found and every row that could not be used."""

    shown: str
    stays: list[Stay] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0

    def refuse(self, line: int, rule: str, message: str) -> None:
        self.problems.append(Problem(self.shown, line, rule, message))


def format_of(head: bytes) -> str | None:
    """ "atop" or "cow" when a file's first line is the header of that dataset's member file."""
    line = head.decode("utf-8", errors="replace").lstrip("\ufeff").splitlines()[:1]
    header = {cell.strip().strip('"').lower() for cell in (line[0] if line else "").split(",")}
    return next((kind for kind, needed in SIGNATURES.items() if needed <= header), None)


def read(kind: str, path: Path, atlas: Dataset, shown: str) -> Imported:
    """A member file of either format."""
    return read_atop(path, atlas, shown=shown) if kind == "atop" else read_cow(path, atlas, shown)


def read_atop(
    members: Path, atlas: Dataset, alliances: Path | None = None, shown: str | None = None
) -> Imported:
    """An ATOP member-level file (v4 or v5: `atopid, member, yrent, moent, dayent, yrexit,
    moexit, dayexit, phase`, and the obligation columns where present), with the alliance-level
    file's start and end dates (`begyr, begmo, begday, endyr, endmo, endday`) if given."""
    problems: list[Problem] = []
    spans = _atop_spans(alliances, problems) if alliances else {}
    columns = ("atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit")

    def stay(line: int, row: dict[str, str]) -> Stay:
        joined = _date(row["yrent"], row["moent"], row["dayent"])
        if joined is None:
            raise ValueError("the entry year is 0 or blank")
        left = _date(row["yrexit"], row["moexit"], row["dayexit"])  # 0: not left by the end
        promises = _obligations(row, OBLIGATION_COLUMNS["atop"])
        return Stay(line, _id(row["atopid"]), _number(row["member"]), joined, left, promises)

    reading = _read("atop", members, shown or str(members), columns, stay, atlas, spans)
    reading.problems[:0] = problems
    return folders.build(
        "atop", reading.shown, reading.stays, reading.problems, reading.rows, atlas, spans
    )


def read_cow(members: Path, atlas: Dataset, shown: str | None = None) -> Imported:
    """A COW Formal Alliances by-member file (v4.1: `version4id, ccode, mem_st_day, ...,
    mem_end_year, right_censor`, and the type columns)."""
    columns = ("version4id", "ccode", "mem_st_day", "mem_st_month", "mem_st_year")
    columns += ("mem_end_day", "mem_end_month", "mem_end_year")

    def stay(line: int, row: dict[str, str]) -> Stay:
        joined = _date(row["mem_st_year"], row["mem_st_month"], row["mem_st_day"])
        if joined is None:
            raise ValueError("the start year is blank")
        still_in = _value(row.get("right_censor", "")) == 1
        end = _date(row["mem_end_year"], row["mem_end_month"], row["mem_end_day"])
        promises = _obligations(row, OBLIGATION_COLUMNS["cow"])
        number = _number(row["ccode"])
        return Stay(
            line, _id(row["version4id"]), number, joined, None if still_in else end, promises
        )

    reading = _read("cow", members, shown or str(members), columns, stay, atlas, {})
    return folders.build(
        "cow", reading.shown, reading.stays, reading.problems, reading.rows, atlas, {}
    )


def _atop_spans(path: Path, problems: list[Problem]) -> dict[str, Span]:
    """Each alliance's start and end, by atopid, from ATOP's alliance-level file."""
    spans: dict[str, Span] = {}
    columns = ("atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday")
    for line, row in _rows(path, str(path), columns, problems):
        try:
            alliance = _id(row["atopid"])
            start = _date(row["begyr"], row["begmo"], row["begday"])
            end = _date(row["endyr"], row["endmo"], row["endday"])
            if start is None:
                raise ValueError("the alliance has no start year")
            if end and last_of(end) < start_of(start):
                raise ValueError(f"its end {end} is before its start {start}")
        except ValueError as error:
            problems.append(Problem(str(path), line, "invalid-value", str(error)))
            continue
        if alliance in spans:
            message = f"alliance {alliance} is already given on an earlier line"
            problems.append(Problem(str(path), line, "duplicate-id", message))
            continue
        spans[alliance] = Span(start, end)
    return spans


def _read(
    dataset: str,
    path: Path,
    shown: str,
    columns: tuple[str, ...],
    stay: Callable[[int, dict[str, str]], Stay],
    atlas: Dataset,
    spans: dict[str, Span],
) -> _Reading:
    """Every row as a stay of a state of the atlas, its phases and numbers joined into one."""
    reading = _Reading(shown)
    found = []
    rows = _rows(path, shown, columns, reading.problems)
    reading.rows = len(rows) + sum(p.rule == "csv-width" for p in reading.problems)
    for line, row in rows:
        try:
            read_stay = stay(line, row)
        except (ValueError, OverflowError) as error:
            reading.refuse(line, "invalid-value", str(error))
            continue
        if read_stay.left and last_of(read_stay.left) < start_of(read_stay.joined):
            message = f"the exit {read_stay.left} is before the entry {read_stay.joined}"
            reading.refuse(line, "dates-order", message)
            continue
        span = spans.get(read_stay.alliance)
        if read_stay.left is None and span and span.end:  # in to the end: out when it ended
            read_stay = replace(read_stay, left=span.end, closed=True)
        found.append(read_stay)
    _refuse_clashing_ids(dataset, found, reading)
    placed = list(_placed([s for s in found if s.line not in _refused(reading)], atlas, reading))
    reading.stays = _merged(placed, reading)
    return reading


def _refused(reading: _Reading) -> set[int]:
    return {p.line for p in reading.problems if p.line is not None}


def _rows(
    path: Path, shown: str, columns: tuple[str, ...], problems: list[Problem]
) -> list[tuple[int, dict[str, str]]]:
    """The file's rows by column name (other columns are ignored), with their line numbers; a
    row with more or fewer cells than the header is named and left out."""
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
            if None in row or None in row.values():  # cells beyond the header, or too few
                message = f"expected {len(header)} cells, as the header has"
                problems.append(Problem(shown, reader.line_num, "csv-width", message))
                continue
            rows.append((reader.line_num, {key: value.strip() for key, value in row.items()}))
    except csv.Error as error:
        problems.append(Problem(shown, reader.line_num, "csv-syntax", str(error)))
    return rows


def _value(cell: str) -> int | None:
    """A whole number as the files write it (`365`, or `365.0` from a statistics package);
    None for a blank or `.` cell."""
    text = cell.strip()
    if text in {"", "."}:
        return None
    number = float(text)  # ValueError for words
    if not math.isfinite(number) or not number.is_integer():
        raise ValueError(f"{cell!r} is not a whole number")
    return int(number)


def _date(year: str, month: str, day: str) -> str | None:
    """A date as precise as the row gives it: an unknown day (blank, 0, -9) or month lowers
    the precision; a year of 0 or blank is no date (ATOP's exit of 0: not left by the end of
    its coverage)."""
    y = _value(year)
    if y in (None, 0):
        return None
    if not 1 <= y <= 9999:
        raise ValueError(f"the year {y} is not a year of the calendar")
    m = _value(month)
    if m is None or m in UNKNOWN_PARTS:
        return f"{y:04d}"
    if not 1 <= m <= 12:
        raise ValueError(f"month {m} does not exist")
    d = _value(day)
    if d is None or d in UNKNOWN_PARTS:
        return f"{y:04d}-{m:02d}"
    return dt.date(y, m, d).isoformat()  # ValueError for a day that does not exist


def _number(cell: str) -> int:
    """A state number, required."""
    number = _value(cell)
    if number is None:
        raise ValueError("the state number is blank")
    return number


def _id(cell: str) -> str:
    """An alliance's id as the dataset writes it (`3180`, `3180.0`), required."""
    text = cell.strip()
    if not text:
        raise ValueError("the alliance id is blank")
    try:
        number = _value(text)
    except ValueError:
        return text
    return str(number)


def _obligations(row: dict[str, str], columns: dict[str, str]) -> dict[str, bool]:
    return {ours: _value(row.get(theirs, "")) == 1 for ours, theirs in columns.items()}


def _refuse_clashing_ids(dataset: str, stays: list[Stay], reading: _Reading) -> None:
    """Two ids that would become one of the atlas's (`A1`, `a1`) are named, not joined."""
    first: dict[str, str] = {}
    for s in stays:
        ours = folders.alliance_id(dataset, s.alliance)
        if first.setdefault(ours, s.alliance) != s.alliance:
            message = f"alliance {s.alliance!r} would share the id {ours} with {first[ours]!r}"
            reading.refuse(s.line, "duplicate-id", message)


def _state_on(atlas: Dataset, number: int, date: str) -> tuple[str | None, dt.date]:
    """The state a number stands for on a date, on its first day or, for a month or a year,
    on its last (Germany is 255 from 3 October 1990, a row may say only `1990-10`)."""
    for day in (start_of(date), last_of(date)):
        country = codes.state_of(atlas, "cow", number, day)
        if country:
            return country, day
    return None, start_of(date)


def _placed(stays: list[Stay], atlas: Dataset, reading: _Reading) -> Iterator[Stay]:
    """Each stay with its state of the atlas, split where the number passes to another state
    (COW's 365: the Soviet Union, then Russia); a number that stands for no state of the atlas
    is named, never guessed."""
    for s in stays:
        country, start = _state_on(atlas, s.number, s.joined)
        if country is None:
            message = f"COW number {s.number} stands for no state of the atlas on {s.joined}"
            reading.refuse(s.line, "unknown-code", message)
            continue
        end = start_of(s.left) if s.left else None
        handed = codes.number_ends(atlas, country, start)
        goes_on = handed and codes.number_of(atlas, "cow", country, handed) is not None
        if handed is None or (end is not None and end <= handed) or goes_on:
            yield replace(s, country=country)  # Germany goes on as 255 where a row still says 260
            continue
        yield replace(s, country=country, left=handed.isoformat(), closed=False)
        successor = codes.state_of(atlas, "cow", s.number, handed)
        if successor:
            yield replace(s, country=successor, joined=handed.isoformat())
        else:
            message = (
                f"COW number {s.number} stands for no state of the atlas from {handed}: "
                f"{country}'s membership is cut there"
            )
            reading.problems.append(Problem(reading.shown, s.line, "unknown-code", message))


def _merged(stays: list[Stay], reading: _Reading) -> list[Stay]:
    """One stay per time in the alliance: an alliance's phases, and the rows of one state under
    two numbers (Germany, 260 then 255), are joined where one ends when the next begins; rows
    that overlap are named, and the later one left out."""
    merged: list[Stay] = []
    for s in sorted(stays, key=lambda s: (s.alliance, s.country, start_of(s.joined), s.line)):
        last = merged[-1] if merged else None
        same = last is not None and (last.alliance, last.country) == (s.alliance, s.country)
        if not same:
            merged.append(s)
        elif last.left is None or last_of(s.joined) < start_of(last.left):
            message = f"{s.country} is already in alliance {s.alliance} then (line {last.line})"
            reading.refuse(s.line, "overlap", message)
        elif (start_of(s.joined) - last_of(last.left)).days <= 1:  # a phase boundary
            promises = {k: v or s.obligations.get(k, False) for k, v in last.obligations.items()}
            lines = (*last.lines, *s.lines)
            merged[-1] = replace(
                last, left=s.left, closed=s.closed, obligations=promises, lines=lines
            )
        else:
            merged.append(s)  # a real exit, and a return
    return merged
