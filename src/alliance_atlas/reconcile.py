"""Where an imported dataset and the atlas disagree on who was in an alliance when: each
difference in days, classed as a convention, a recorded dispute, or unexplained."""

import datetime as dt
from collections import defaultdict

import pandas as pd

from alliance_atlas.dataset import Dataset, record_key
from alliance_atlas.dates import last_of, start_of
from alliance_atlas.schema import Membership

# Where each dataset's coverage ends: a stay still open there may have ended since.
COVERAGE_ENDS = {"ATOP": dt.date(2018, 12, 31), "COW": dt.date(2012, 12, 31)}
CLASSES = ("convention", "disputed", "unexplained")
COLUMNS = [
    "atlas_alliance",
    "dataset_alliance",
    "state",
    "field",
    "atlas_value",
    "dataset_value",
    "days",
    "class",
    "explanation",
]
MATCH = 0.5  # the share of member states two alliances must have in common to be paired


def _members(ds: Dataset, alliance: str) -> set[str]:
    return {m.record.country for m in ds.memberships if m.record.alliance == alliance}


def suggested_mapping(atlas: Dataset, imported: Dataset) -> dict[str, str | None]:
    """Each imported alliance's counterpart among the atlas's own: the one with which it shares
    most of its member states (Jaccard index at least MATCH), or None. A reader checks and
    corrects it. The two may be one dataset holding both (an upload beside the shipped data)."""
    ours = {a: _members(atlas, a) for a, r in atlas.alliance_by_id.items() if r.origin is None}
    mapping: dict[str, str | None] = {}
    for theirs in (a for a, r in imported.alliance_by_id.items() if r.origin):
        states = _members(imported, theirs)
        scores = {a: len(states & s) / len(states | s) for a, s in ours.items() if states | s}
        best = max(scores, key=lambda a: (scores[a], a), default=None)
        mapping[theirs] = best if best and scores[best] >= MATCH else None
    return mapping


def differences(atlas: Dataset, imported: Dataset, mapping: dict[str, str | None]) -> pd.DataFrame:
    """Every difference of entry and exit, state by state, in the alliances paired by
    `mapping` (imported id -> atlas id), and every stay only one side has."""
    rows = []
    for theirs, ours in mapping.items():
        if not ours or ours not in atlas.alliance_by_id or theirs not in imported.alliance_by_id:
            continue
        origin = imported.alliance_by_id[theirs].origin or ""
        ours_by_state, theirs_by_state = _stays(atlas, ours), _stays(imported, theirs)
        for state in sorted(set(ours_by_state) | set(theirs_by_state)):
            mine, their = ours_by_state.get(state, []), theirs_by_state.get(state, [])
            for index in range(max(len(mine), len(their))):
                pair = (
                    mine[index] if index < len(mine) else None,
                    their[index] if index < len(their) else None,
                )
                for row in _compared(atlas, ours, theirs, state, *pair, origin):
                    rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)


def _stays(ds: Dataset, alliance: str) -> dict[str, list[Membership]]:
    found: dict[str, list[Membership]] = defaultdict(list)
    for m in sorted(ds.memberships, key=lambda m: m.record.joined_day):
        if m.record.alliance == alliance:
            found[m.record.country].append(m.record)
    return found


def _compared(
    atlas: Dataset,
    ours: str,
    theirs: str,
    state: str,
    mine: Membership | None,
    their: Membership | None,
    origin: str,
):
    """The rows for one stay: its entry and exit where they differ, or the stay itself where
    only one side has it."""
    row = {"atlas_alliance": ours, "dataset_alliance": theirs, "state": state}
    coverage = COVERAGE_ENDS.get(origin)
    if mine is None or their is None:
        only = mine or their
        after = coverage is not None and mine is not None and mine.joined_day > coverage
        yield {
            **row,
            "field": "membership",
            "atlas_value": f"{mine.joined} to {mine.left or 'now'}" if mine else None,
            "dataset_value": f"{their.joined} to {their.left or 'now'}" if their else None,
            "days": None,
            "class": "convention" if after else "unexplained",
            "explanation": (
                f"after the end of {origin}'s coverage ({coverage})"
                if after
                else f"only {'the atlas' if only is mine else origin or 'the dataset'} has it"
            ),
        }
        return
    for field in ("joined", "left"):
        a, b = getattr(mine, field), getattr(their, field)
        days = _days_apart(a, b)
        if days == 0:
            continue
        kind, why = _classed(atlas, ours, mine, their, field, coverage, origin)
        yield {
            **row,
            "field": field,
            "atlas_value": a,
            "dataset_value": b,
            "days": days,
            "class": kind,
            "explanation": why,
        }


def _days_apart(a: str | None, b: str | None) -> int | None:
    """How many days the dataset's date lies after the atlas's (0 where a month or a year holds
    the other date; None where only one side has a date)."""
    if a is None and b is None:
        return 0
    if a is None or b is None:
        return None
    if start_of(b) <= start_of(a) <= last_of(b) or start_of(a) <= start_of(b) <= last_of(a):
        return 0
    return (start_of(b) - start_of(a)).days


def _classed(
    atlas: Dataset,
    ours: str,
    mine: Membership,
    their: Membership,
    field: str,
    coverage: dt.date | None,
    origin: str,
) -> tuple[str, str]:
    value = getattr(their, field)
    if (
        field == "left"
        and value is None
        and coverage
        and mine.left_day
        and mine.left_day > coverage
    ):
        return "convention", f"left after the end of {origin}'s coverage ({coverage})"
    for alliance in _related(atlas, ours):
        pair = {alliance.signed, alliance.in_force}
        if value and len(pair) == 2 and {start_of(value), start_of(getattr(mine, field))} == pair:
            return "convention", f"signature versus entry into force of {alliance.id}"
    if field == "joined" and mine.signed and value and start_of(value) == start_of(mine.signed):
        return "convention", "signature versus the day membership took effect"
    for item in atlas.disputes:
        dispute = item.record
        if dispute.record == record_key(mine) and dispute.field == field:
            values = {v.value for v in dispute.values}
            if value in values:
                return "disputed", f"in disputes.yaml: {dispute.reason[:160]}"
    return "unexplained", "worth a look"


def _related(atlas: Dataset, alliance: str):
    """The alliance and those it continues or that continue it (the CST and the CSTO)."""
    record = atlas.alliance_by_id[alliance]
    for other in (alliance, record.predecessor, record.successor):
        if other in atlas.alliance_by_id:
            yield atlas.alliance_by_id[other]
