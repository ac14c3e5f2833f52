"""Questions the pages ask of a Dataset, answered with vectorised pandas."""

import datetime as dt
import re
from collections.abc import Iterable

import pandas as pd

from alliance_atlas.dataset import Dataset
from alliance_atlas.names import country_name
from alliance_atlas.vocab import (
    COLD_WAR_BLOCS,
    EVENT_KINDS,
    FIRST_DAY,
    FOCUS,
    FORCE_KINDS,
    FORMER,
    MEMBER,
    OUTCOMES,
    REQUEST_KINDS,
    RUSSIAS_COMMITMENTS,
    compare_order,
    display_order,
)


def members_on(ds: Dataset, when: dt.date, alliances: Iterable[str] | None = None) -> pd.DataFrame:
    """Who belonged to which alliance on `when`, with their status and `since` when it applies,
    as text at the data's precision (`2024-02-22`, `1961-12`, `1998`)."""
    day = pd.Timestamp(when)
    frame = ds.memberships_frame
    current = frame[(frame["joined"] <= day) & (frame["left"].isna() | (frame["left"] > day))]
    if alliances is not None:
        current = current[current["alliance"].isin(list(alliances))]
    statuses = ds.statuses_frame
    active = statuses[
        (statuses["start"] <= day) & (statuses["end"].isna() | (statuses["end"] > day))
    ]
    active = active[["alliance", "country", "status", "start_as_given"]]
    active = active.rename(columns={"start_as_given": "since"})
    result = current.merge(active, on=["alliance", "country"], how="left")
    result["status"] = result["status"].fillna(MEMBER)
    result["since"] = result["since"].fillna(result["joined_as_given"])  # as precise as given
    columns = ["alliance", "country", "status", "since", "joined", "joined_as", "sources"]
    return result[columns].sort_values(["alliance", "country"], ignore_index=True)


def membership_counts(ds: Dataset) -> pd.DataFrame:
    """Each alliance's member count after every change: columns alliance, date, members."""
    frame = ds.memberships_frame
    joins = frame[["alliance", "joined"]].rename(columns={"joined": "date"}).assign(change=1)
    leaves = frame.loc[frame["left"].notna(), ["alliance", "left"]]
    leaves = leaves.rename(columns={"left": "date"}).assign(change=-1)
    changes = pd.concat([joins, leaves], ignore_index=True)
    steps = changes.groupby(["alliance", "date"], as_index=False)["change"].sum()
    steps = steps.sort_values(["alliance", "date"], ignore_index=True)
    steps["members"] = steps.groupby("alliance")["change"].cumsum()
    return steps[["alliance", "date", "members"]]


def filter_events(
    ds: Dataset,
    alliances: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    countries: Iterable[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    text: str | None = None,
) -> pd.DataFrame:
    """Events matching every filter given; `None` means no filter on that field."""
    events = ds.events_frame
    if events.empty:
        return events
    keep = pd.Series(True, index=events.index)
    if alliances is not None:
        keep &= events["alliance"].isin(list(alliances))
    if kinds is not None:
        keep &= events["kind"].isin(list(kinds))
    if countries is not None:
        wanted = set(countries)
        keep &= events["countries"].map(lambda codes: not wanted.isdisjoint(codes))
    if start is not None:
        keep &= events["when"] >= pd.Timestamp(start)
    if end is not None:
        keep &= events["when"] <= pd.Timestamp(end)
    if text:
        columns = [c for c in events.columns if c.startswith(("title_", "summary_"))]
        haystack = events[columns].agg(" ".join, axis=1).map(_searchable)
        keep &= haystack.str.contains(_searchable(text), regex=False)
    return events[keep].reset_index(drop=True)


def _searchable(text: str) -> str:
    """Text as a search compares it: case folded, any space a plain one (`Bichkek : Poutine`
    typed with a plain space finds the French title with its no-break space)."""
    return re.sub(r"\s", " ", text.casefold())


def presets(ds: Dataset, today: dt.date) -> dict[str, tuple[str, ...]]:
    """The alliance choices a reader can start from, in the data's display order: the Cold
    War blocs, the alliances with members `today`, Russia's commitments (each only if the data
    has any of them), and everything (empty: no filter)."""
    present = display_order(ds.alliance_by_id)
    alive = set(members_on(ds, today)["alliance"])
    chosen = {
        "cold_war": tuple(a for a in present if a in COLD_WAR_BLOCS),
        "today": tuple(a for a in present if a in alive),
        "russia": tuple(a for a in present if a in RUSSIAS_COMMITMENTS),
    }
    # A preset with none of the data's alliances would fill an empty choice, which is all.
    return {name: ids for name, ids in chosen.items() if ids} | {"everything": ()}


def handovers(ds: Dataset, today: dt.date) -> dict[str, tuple[str, dt.date]]:
    """The alliances that live on as a successor, {alliance: (successor, day)}: by `today` none
    of their members is left, and every one that was there on the eve moved on that day (the
    CST as the CSTO, the Brussels Treaty as the WEU). A handover is not an ending."""
    found = {}
    for a in ds.alliance_by_id.values():
        successor = ds.alliance_by_id.get(a.successor or "")
        if not successor or not successor.in_force or successor.in_force > today:
            continue
        day = successor.in_force
        before = set(members_on(ds, day - dt.timedelta(days=1), [a.id])["country"])
        after = set(members_on(ds, day, [successor.id])["country"])
        if before and before <= after and members_on(ds, today, [a.id]).empty:
            found[a.id] = (successor.id, day)
    return found


def alliance_summary(ds: Dataset, today: dt.date) -> pd.DataFrame:
    """Each alliance in figures: founding dates, members on `today`, its peak size, and the
    successor it continues as (`handed_to`, `handed_on`), if it handed over."""
    counts = membership_counts(ds)
    peaks = counts.loc[counts.groupby("alliance")["members"].idxmax()].set_index("alliance")
    now = members_on(ds, today).groupby("alliance").size()
    handed = handovers(ds, today)
    rows = [
        {
            "alliance": a.id,
            "signed": a.signed,
            "in_force": a.in_force,
            "dissolved": a.dissolved,
            "members_now": int(now.get(a.id, 0)),
            "peak": int(peaks.at[a.id, "members"]) if a.id in peaks.index else 0,
            "peak_since": peaks.at[a.id, "date"].date() if a.id in peaks.index else None,
            "handed_to": handed.get(a.id, (None, None))[0],
            "handed_on": handed.get(a.id, (None, None))[1],
        }
        for a in ds.alliance_by_id.values()
    ]
    columns = [
        *("alliance", "signed", "in_force", "dissolved", "members_now", "peak", "peak_since"),
        *("handed_to", "handed_on"),
    ]
    summary = pd.DataFrame(rows, columns=columns)  # the columns even with no alliance
    for column in ("signed", "in_force", "dissolved", "peak_since", "handed_on"):
        summary[column] = pd.to_datetime(summary[column])  # missing dates become NaT, not None
    return summary


def shape_of(ds: Dataset, code: str, day: dt.date) -> str:
    """The map outline that stands for `code` on `day`: the Federal Republic before 1990 is FRG."""
    ddr = ds.country_by_code.get("DDR")
    if code == "DEU" and ddr and ddr.exists_until and day < ddr.exists_until:
        return "FRG"
    return ds.country_by_code[code].shape


def states_on(ds: Dataset, day: dt.date) -> list[str]:
    """Codes of the states in countries.csv that existed on `day`.

    A successor with no `exists_from` of its own appears when its predecessor ends.
    """
    countries = ds.country_by_code.values()
    parent_alive = {
        child
        for parent in countries
        if parent.exists_until and day < parent.exists_until
        for child in parent.successors
    }
    return [
        c.code
        for c in countries
        if (c.exists_until is None or day < c.exists_until)
        and (c.exists_from <= day if c.exists_from else c.code not in parent_alive)
    ]


def treaty_families(ds: Dataset) -> dict[str, str]:
    """Each alliance's family: the first alliance of its chain of predecessors (the CSTO's is
    the CST), so that a state's successive memberships of one treaty read as one."""
    by_id = ds.alliance_by_id

    def first(alliance: str, seen: frozenset = frozenset()) -> str:
        before = by_id[alliance].predecessor
        return (
            first(before, seen | {alliance}) if before in by_id and before not in seen else alliance
        )

    return {a: first(a) for a in by_id}


def featured(ds: Dataset) -> list[str]:
    """The two alliances the overview puts side by side: the CSTO and NATO, or in other data
    their first two."""
    return compare_order(ds.alliance_by_id)[:2]


def story(ds: Dataset) -> pd.DataFrame:
    """The overview's key moments: the highlighted events of the focus alliance and of the
    treaty it grew from; in data with no such highlights, every highlighted event."""
    focus = ds.alliance_by_id.get(FOCUS)
    own = filter_events(ds, alliances=[FOCUS, focus.predecessor] if focus else [])
    frame = own if own["highlight"].any() else ds.events_frame
    return frame[frame["highlight"]].reset_index(drop=True)


def event_kinds(ds: Dataset) -> list[str]:
    """Every kind of event that occurs in the data, in the vocabulary's order."""
    return [kind for kind in EVENT_KINDS if kind in set(ds.events_frame["kind"])]


def event_ids(ds: Dataset) -> list[str]:
    """Every event id, oldest first."""
    return ds.events_frame["id"].tolist()


def first_event_day(ds: Dataset) -> dt.date:
    """The date of the oldest event, or the first day the atlas covers if that is later (or if
    there is no event): a view never asks for a day before it."""
    first = ds.events_frame["when"].min()
    return FIRST_DAY if pd.isna(first) else max(first.date(), FIRST_DAY)


def ten_years_before(day: dt.date) -> dt.date:
    """The default start of the changes view: 1 January, ten years earlier."""
    return max(dt.date(day.year - 10, 1, 1), FIRST_DAY)


def requests_and_interventions(ds: Dataset, alliances: Iterable[str] | None = None) -> pd.DataFrame:
    """Every request for help, and every deployment of forces or invocation of a defence article,
    in `alliances` (or all)."""
    return filter_events(ds, alliances=alliances, kinds=(*REQUEST_KINDS, *FORCE_KINDS))


def sources_in(frame: pd.DataFrame) -> list[str]:
    """The source ids cited by the rows of an events or memberships frame."""
    return [source for ids in frame["sources"] for source in ids]


def membership_sources(ds: Dataset, alliances: Iterable[str] | None = None) -> list[str]:
    """The source ids behind every membership and status period of `alliances` (or all)."""
    frames = (ds.memberships_frame, ds.statuses_frame)
    if alliances is not None:
        frames = tuple(frame[frame["alliance"].isin(list(alliances))] for frame in frames)
    return [source for frame in frames for source in sources_in(frame)]


def other_outlines(ds: Dataset, outlines: Iterable[str]) -> list[str]:
    """The outlines of the map file that stand for none of the data's states: plain land."""
    ours = set(ds.country_by_code)  # drawn by date, with their history
    return [code for code in outlines if code not in ours]


def map_rows(
    ds: Dataset, day: dt.date, lang: str, alliances: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """One row per state that existed on `day`: outline, name, alliance (or NaN), status, since,
    `also`, the other alliances it belonged to that day, among `alliances` (or all), and
    `also_detail`, those as (alliance, status, since). A state in several alliances is drawn in
    the first of them in display order."""
    members = members_on(ds, day, alliances)
    rank = {a: i for i, a in enumerate(display_order(ds.alliance_by_id))}
    members = members.sort_values("alliance", key=lambda a: a.map(rank), kind="stable")
    others: dict[str, list[tuple[str, str, str]]] = {}
    for m in members.itertuples():
        others.setdefault(m.country, []).append((m.alliance, m.status, m.since))
    members = members.drop_duplicates("country")
    members = members.set_index("country")[["alliance", "status", "since"]]
    rows = pd.DataFrame({"country": pd.Series(states_on(ds, day), dtype=object)})  # even if none
    rows["shape"] = [shape_of(ds, code, day) for code in rows["country"]]
    rows["name"] = [country_name(ds, code, lang) for code in rows["country"]]
    rows = rows.join(members, on="country")
    rows["also_detail"] = [tuple(others.get(code, [])[1:]) for code in rows["country"]]
    rows["also"] = [tuple(a for a, _, _ in detail) for detail in rows["also_detail"]]
    return rows.sort_values("country", ignore_index=True)


def changes_between(
    ds: Dataset, start: dt.date, end: dt.date, alliances: Iterable[str] | None = None
) -> pd.DataFrame:
    """Who joined, left or changed status in `alliances` (or any) between two dates: columns
    change, alliance, country, before, after."""
    before = members_on(ds, start, alliances).set_index(["alliance", "country"])["status"]
    after = members_on(ds, end, alliances).set_index(["alliance", "country"])["status"]
    both = pd.concat({"before": before, "after": after}, axis=1).reset_index()
    both["change"] = "status"
    both.loc[both["before"].isna(), "change"] = "joined"
    both.loc[both["after"].isna(), "change"] = "left"
    changed = both[(both["change"] != "status") | (both["before"] != both["after"])]
    return changed[["change", "alliance", "country", "before", "after"]].sort_values(
        ["change", "alliance", "country"], ignore_index=True
    )


def status_segments(
    ds: Dataset, today: dt.date, alliances: Iterable[str] | None = None
) -> pd.DataFrame:
    """Membership episodes of `alliances` (or all) cut into periods of one status each, for a
    Gantt chart: `start` and `end` to draw, `start_as_given` and `end_as_given` to read (None:
    still going on)."""
    end_of_data = pd.Timestamp(today)
    episodes = ds.memberships_frame
    if alliances is not None:
        episodes = episodes[episodes["alliance"].isin(list(alliances))]
    episodes = episodes.assign(end=lambda f: f["left"].fillna(end_of_data))
    rows = []
    periods = {  # each state's periods in each alliance, found once, not once per episode
        key: group.sort_values("start")
        for key, group in ds.statuses_frame.groupby(["alliance", "country"])
    }
    nothing = ds.statuses_frame.iloc[:0]
    for episode in episodes.itertuples():
        state = (episode.alliance, episode.country)
        cuts = periods.get(state, nothing)
        cuts = cuts[(cuts["start"] >= episode.joined) & (cuts["start"] < episode.end)]
        left = episode.left_as_given
        cursor, cursor_given = episode.joined, episode.joined_as_given
        for period in cuts.itertuples():
            if period.start > cursor:
                rows.append(
                    (*state, MEMBER, cursor, period.start, cursor_given, period.start_as_given)
                )
            ends_inside = pd.notna(period.end) and period.end < episode.end
            end, end_given = (
                (period.end, period.end_as_given) if ends_inside else (episode.end, left)
            )
            rows.append(
                (*state, period.status, period.start, end, period.start_as_given, end_given)
            )
            cursor, cursor_given = end, end_given
        if cursor < episode.end:
            rows.append((*state, MEMBER, cursor, episode.end, cursor_given, left))
    columns = ["alliance", "country", "status", "start", "end", "start_as_given", "end_as_given"]
    return pd.DataFrame(rows, columns=columns)


def membership_table(
    ds: Dataset,
    alliances: Iterable[str] | None = None,
    countries: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
    on: dt.date | None = None,
    *,
    today: dt.date,
) -> pd.DataFrame:
    """Membership episodes with their status on `on`, or else on `today` (every episode, those
    ended being former ones), filtered, with sources."""
    current = members_on(ds, on or today)[["alliance", "country", "joined", "status"]]
    frame = ds.memberships_frame.merge(current, on=["alliance", "country", "joined"], how="left")
    if on is not None:
        frame = frame[frame["status"].notna()]
    frame["status"] = frame["status"].fillna(FORMER)
    if alliances is not None:
        frame = frame[frame["alliance"].isin(list(alliances))]
    if countries is not None:
        frame = frame[frame["country"].isin(list(countries))]
    if statuses is not None:
        frame = frame[frame["status"].isin(list(statuses))]
    urls = {s.id: s.url for s in ds.source_by_id.values()}
    frame["source_url"] = frame["sources"].map(lambda ids: urls[ids[0]])
    frame["source_count"] = frame["sources"].map(len)
    rank = {a: i for i, a in enumerate(display_order(ds.alliance_by_id))}
    frame = frame.assign(rank=frame["alliance"].map(rank))
    ordered = frame.sort_values(["rank", "joined", "country"], ignore_index=True)
    return ordered.drop(columns="rank")


COMPARED = (
    "type",
    "treaty",
    "signed",
    "in_force",
    "dissolved",
    "headquarters",
    "defence_article",
    "defence_paraphrase",
    "obligations",
    "members_now",
    "peak",
    "enlargements",
    "exits",
    "requests",
    "interventions",
)
OBLIGATIONS = ("defence", "offence", "neutrality", "non_aggression", "consultation")


def comparison(ds: Dataset, today: dt.date) -> dict[str, dict[str, object]]:
    """Each alliance's answer to every question in COMPARED, as raw values for the page to word."""
    summary = alliance_summary(ds, today).set_index("alliance")
    episodes = ds.memberships_frame
    events = ds.events_frame
    answers = {}
    for a in ds.alliance_by_id.values():
        own = events[events["alliance"] == a.id]
        ended = episodes[(episodes["alliance"] == a.id) & episodes["left"].notna()]
        if a.dissolved:  # leaving at the dissolution is not an exit
            ended = ended[ended["left"] < pd.Timestamp(a.dissolved)]
        if a.successor:  # nor is moving on to the successor alliance
            successor = ds.alliance_by_id.get(a.successor)
            if successor:
                ended = ended[ended["left"] != pd.Timestamp(successor.in_force)]
        answers[a.id] = {
            "type": a.type,
            "treaty": a.treaty,
            "signed": (a.signed, a.signed_at),
            "in_force": a.in_force,
            "dissolved": a.dissolved,
            "headquarters": [(hq.city, hq.start, hq.end) for hq in a.headquarters],
            "defence_article": a.defence_clause.article if a.defence_clause else None,
            "defence_paraphrase": a.defence_clause.paraphrase if a.defence_clause else None,
            "obligations": [name for name in OBLIGATIONS if getattr(a.obligations, name)],
            "members_now": tuple(summary.loc[a.id, ["members_now", "handed_to", "handed_on"]]),
            "peak": (int(summary.at[a.id, "peak"]), summary.at[a.id, "peak_since"]),
            "enlargements": int((own["kind"] == "accession").sum()),
            "exits": len(ended),
            "requests": {outcome: int((own["outcome"] == outcome).sum()) for outcome in OUTCOMES},
            "interventions": int(own["kind"].isin(FORCE_KINDS).sum()),
        }
    return answers
