"""Rules across records: unique ids, known references, dates in order, no overlaps."""

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from alliance_atlas import codes
from alliance_atlas.dataset import Dataset, Located, record_key
from alliance_atlas.dates import last_of, start_of
from alliance_atlas.problems import Problem
from alliance_atlas.schema import cited_ids
from alliance_atlas.vocab import DATE_FIELDS, STATE_SCHEMES


def check_all(ds: Dataset) -> list[Problem]:
    """Every cross-record problem in the dataset."""
    rules = (
        _unique_ids,
        _cited_sources_exist,
        _alliances_known,
        _countries_known,
        _events_in_their_file,
        _episodes_do_not_overlap,
        _memberships_within_lifetime,
        _statuses_within_memberships,
        _disputes_match_records,
        _codes_within_lifetime,
        _codes_name_one_state,
    )
    return [problem for rule in rules for problem in rule(ds)]


def _at(item: Located, rule: str, message: str) -> Problem:
    return Problem(item.file, item.line, rule, message, about=item)


def _unique_ids(ds: Dataset) -> Iterator[Problem]:
    keyed = {
        "source id": [(s.record.id, s) for s in ds.sources],
        "source url": [(s.record.url, s) for s in ds.sources],
        "alliance id": [(a.record.id, a) for a in ds.alliances],
        "country code": [(c.record.code, c) for c in ds.countries],
        "event id": [(e.record.id, e) for e in ds.events],
        "membership": [(record_key(m.record), m) for m in ds.memberships],
        "dispute": [(f"{d.record.record} {d.record.field}", d) for d in ds.disputes],
    }
    for what, pairs in keyed.items():
        seen: dict[str, Located] = {}
        for key, item in pairs:
            if key in seen:
                first = seen[key]
                yield _at(item, "duplicate-id", f"{what} {key!r} already used at line {first.line}")
            else:
                seen[key] = item


def _cited_sources_exist(ds: Dataset) -> Iterator[Problem]:
    known, used = set(ds.source_by_id), set()
    for item in ds.citing_items():
        for source_id in dict.fromkeys(cited_ids(item.record)):
            used.add(source_id)
            if source_id not in known:
                yield _at(item, "unknown-source", f"source {source_id!r} is not in sources.yaml")
    for item in ds.sources:
        if item.record.id not in used:
            yield _at(item, "unused-source", f"source {item.record.id!r} is cited by no record")


def _alliances_known(ds: Dataset) -> Iterator[Problem]:
    known = set(ds.alliance_by_id)
    for item in ds.alliances:
        a = item.record
        for link, other in (("predecessor", a.predecessor), ("successor", a.successor)):
            if other and other not in known:
                yield _at(item, "unknown-alliance", f"{link} {other!r} is not in alliances.yaml")
        back = ds.alliance_by_id.get(a.successor) if a.successor else None
        if back and back.predecessor != a.id:
            message = f"successor {a.successor!r} does not name {a.id!r} as its predecessor"
            yield _at(item, "alliance-link", message)
    for item in (*ds.memberships, *ds.statuses, *ds.events):
        if item.record.alliance not in known:
            message = f"alliance {item.record.alliance!r} is not in alliances.yaml"
            yield _at(item, "unknown-alliance", message)


def _countries_known(ds: Dataset) -> Iterator[Problem]:
    known = set(ds.country_by_code)
    for item in ds.countries:
        for code in item.record.successors:
            if code not in known:
                yield _at(item, "unknown-country", f"successor {code!r} is not in countries.csv")
    for item in (*ds.memberships, *ds.statuses, *ds.codes):
        if item.record.country not in known:
            message = f"country {item.record.country!r} is not in countries.csv"
            yield _at(item, "unknown-country", message)
    for item in ds.events:
        for code in item.record.countries:
            if code not in known:
                yield _at(item, "unknown-country", f"country {code!r} is not in countries.csv")


def _events_in_their_file(ds: Dataset) -> Iterator[Problem]:
    stems = {file: Path(file).stem for file in {item.file for item in ds.events}}
    for item in ds.events:
        if item.record.alliance != stems[item.file]:
            message = f"an event of {item.record.alliance!r} belongs in events/{item.record.alliance}.yaml"
            yield _at(item, "event-file", message)


def _episodes_do_not_overlap(ds: Dataset) -> Iterator[Problem]:
    episodes = defaultdict(list)
    for item in ds.memberships:
        episodes[(item.record.alliance, item.record.country)].append(item)
    for (alliance, country), items in episodes.items():
        ordered = sorted(items, key=lambda i: i.record.joined_day)
        for before, after in itertools.pairwise(ordered):
            if before.record.left_day is None or after.record.joined_day < before.record.left_day:
                message = (
                    f"{country} in {alliance}: the episode joined {after.record.joined} overlaps "
                    f"the one joined {before.record.joined} (line {before.line})"
                )
                yield _at(after, "overlap", message)


def _memberships_within_lifetime(ds: Dataset) -> Iterator[Problem]:
    for item in ds.memberships:
        m, alliance = item.record, ds.alliance_by_id.get(item.record.alliance)
        if alliance is None:
            continue
        if last_of(m.joined) < alliance.in_force:  # a month or a year may reach it
            message = f"joined {m.joined} is before {alliance.id} entered into force ({alliance.in_force})"
            yield _at(item, "outside-lifetime", message)
        if alliance.dissolved and (m.left_day is None or m.left_day > alliance.dissolved):
            message = (
                f"the membership must end by {alliance.id}'s dissolution ({alliance.dissolved})"
            )
            yield _at(item, "outside-lifetime", message)


def _statuses_within_memberships(ds: Dataset) -> Iterator[Problem]:
    episodes = defaultdict(list)  # indexed once, so the check stays linear in the data's size
    for m in ds.memberships:
        episodes[(m.record.alliance, m.record.country)].append(m.record)
    for item in ds.statuses:
        s = item.record
        start = start_of(s.start)
        end = start_of(s.end) if s.end else None
        inside = any(
            m.joined_day <= start
            and (m.left_day is None or (end is not None and end <= m.left_day))
            for m in episodes[(s.alliance, s.country)]
        )
        if not inside:
            message = (
                f"{s.country} has no {s.alliance} membership covering {s.start} to {s.end or 'now'}"
            )
            yield _at(item, "status-outside-membership", message)


def _disputes_match_records(ds: Dataset) -> Iterator[Problem]:
    records = {record_key(item.record): item.record for item in ds.citing_items()}
    for item in ds.disputes:
        d = item.record
        record = records.get(d.record)
        value = getattr(record, d.field, None) if record is not None else None
        if record is None:
            yield _at(item, "unknown-record", f"{d.record} does not exist")
        elif d.field in DATE_FIELDS and ("" if value is None else str(value)) != d.shown:
            message = f"shown value {d.shown} differs from the record's {d.field} ({value})"
            yield _at(item, "dispute-shown", message)


def _codes_within_lifetime(ds: Dataset) -> Iterator[Problem]:
    for item in ds.codes:
        c, country = item.record, ds.country_by_code.get(item.record.country)
        if country is None:
            continue
        if country.exists_from and c.start and c.start < country.exists_from:
            message = f"{c.country}'s numbers start before its exists_from ({country.exists_from})"
            yield _at(item, "code-outside-lifetime", message)
        if country.exists_until and c.end and c.end > country.exists_until:
            message = f"{c.country}'s numbers end after its exists_until ({country.exists_until})"
            yield _at(item, "code-outside-lifetime", message)


def _codes_name_one_state(ds: Dataset) -> Iterator[Problem]:
    """On any day, a number of a scheme stands for one state only, and a state has one span."""
    groups: dict[str, defaultdict[object, list[Located]]] = {
        "state": defaultdict(list),
        **{f"{scheme} number": defaultdict(list) for scheme in STATE_SCHEMES},
    }
    for item in ds.codes:
        groups["state"][item.record.country].append(item)
        for scheme in STATE_SCHEMES:
            groups[f"{scheme} number"][item.record.number(scheme)].append(item)
    for what, spans in groups.items():
        for key, items in spans.items():
            dated = sorted(((codes.span(ds, i.record), i) for i in items), key=_first_day)
            for (before_span, before), (after_span, after) in itertools.pairwise(dated):
                end, start = before_span[1], after_span[0] or dt.date.min
                if end is None or start < end:
                    message = f"{what} {key}: this span overlaps the one at line {before.line}"
                    yield _at(after, "ambiguous-code", message)


def _first_day(dated: tuple[tuple[dt.date | None, dt.date | None], Located]) -> dt.date:
    return dated[0][0] or dt.date.min
