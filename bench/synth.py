"""Synthetic data folders N times the shipped data, built with a fixed seed, for load timings."""

import copy
import csv
import datetime as dt
import itertools
import random
import shutil
import string
from pathlib import Path
from typing import Any

import yaml

from alliance_atlas.loader import STATUS_COLUMNS
from alliance_atlas.schema import country_columns
from alliance_atlas.vocab import JOINED_AS

SEED = 20240601
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
PER_ALLIANCE = 14  # memberships of each synthetic alliance, as in the shipped data
STATUSES_PER_UNIT = 6


def _read_yaml(path: Path) -> list[dict]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


def _dump(records: list[dict]) -> str:
    return yaml.dump(records, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)


def _cite(record: Any, ids: list[str]) -> Any:
    """The record with every `sources` list, at any depth, replaced by `ids`."""
    if isinstance(record, dict):
        return {k: list(ids) if k == "sources" else _cite(v, ids) for k, v in record.items()}
    if isinstance(record, list):
        return [_cite(item, ids) for item in record]
    return record


def country_codes(taken: set[str]) -> list[str]:
    """Three-capital-letter codes, the Q and X ranges first, none of them a real country's."""
    upper = string.ascii_uppercase
    firsts = "QX" + "".join(c for c in upper if c not in "QX")
    return [a + b + c for a in firsts for b in upper for c in upper if a + b + c not in taken]


class Builder:
    """Writes synthetic alliances, countries, memberships, statuses, events and sources."""

    def __init__(self, shipped: Path, folder: Path, seed: int = SEED):
        self.rng, self.folder = random.Random(seed), folder
        self.sources = _read_yaml(shipped / "sources.yaml")
        self.alliances = _read_yaml(shipped / "alliances.yaml")
        self.events = [
            e for p in sorted((shipped / "events").glob("*.yaml")) for e in _read_yaml(p)
        ]
        with (shipped / "memberships.csv").open(encoding="utf-8", newline="") as f:
            self.memberships = list(csv.DictReader(f))
        with (shipped / "countries.csv").open(encoding="utf-8", newline="") as f:
            real = list(csv.DictReader(f))
        self.n_countries = len(real)
        self.pool = iter(dict.fromkeys(country_codes({r["code"] for r in real})))
        self.codes: list[str] = []

    def unit(self, u: int) -> tuple[list[dict], list[dict], list[dict], list[dict], dict]:
        """One synthetic copy of the shipped data: as many records of each kind, all cross-linked."""
        rng = self.rng
        countries = [
            {
                "code": c,
                "name_en": f"Synthland {c}",
                "name_fr": f"Synthie {c}",
                "historical": "false",
                "shape": c,
            }
            for c in itertools.islice(self.pool, self.n_countries)
        ]
        self.codes += [c["code"] for c in countries]
        alliances, memberships, events = [], [], {}
        for a, template in enumerate(self.alliances):
            aid = f"synth_{u:04d}_{a}"
            alliance = copy.deepcopy(template)
            for key in ("predecessor", "successor", "dissolved"):
                alliance.pop(key, None)
            alliance |= {"id": aid, "name": {"en": f"Synthetic {aid}", "fr": f"Synthétique {aid}"}}
            alliances.append(alliance)
            start = dt.date.fromisoformat(alliance["in_force"])
            for code in rng.sample(self.codes, PER_ALLIANCE):
                joined = start + dt.timedelta(days=rng.randrange(3000))
                left = (
                    joined + dt.timedelta(days=rng.randrange(1, 5000))
                    if rng.random() < 0.3
                    else None
                )
                note = rng.choice(self.memberships)["note"]
                signed = joined - dt.timedelta(days=rng.randrange(200))
                memberships.append(
                    {
                        "alliance": aid,
                        "country": code,
                        "signed": signed.isoformat(),
                        "joined": joined.isoformat(),
                        "left": left.isoformat() if left else "",
                        "joined_as": rng.choice(JOINED_AS),
                        "note": note,
                    }
                )
            events[aid] = []
        ids = list(events)
        for e in range(len(self.events)):
            aid = ids[e % len(ids)]
            event = copy.deepcopy(rng.choice(self.events))
            start = dt.date.fromisoformat(next(a for a in alliances if a["id"] == aid)["in_force"])
            day = start + dt.timedelta(days=rng.randrange(8000))
            event |= {
                "id": f"synth-{u:04d}-{e:03d}",
                "date": day.isoformat(),
                "alliance": aid,
                "countries": rng.sample(self.codes, rng.randrange(7)),
                "highlight": False,
            }
            events[aid].append(event)
        open_ended = [m for m in memberships if not m["left"]]
        statuses = []
        for m in rng.sample(open_ended, min(STATUSES_PER_UNIT, len(open_ended))):
            start = dt.date.fromisoformat(m["joined"]) + dt.timedelta(days=10)
            statuses.append(
                {
                    "alliance": m["alliance"],
                    "country": m["country"],
                    "status": "frozen",
                    "start": start.isoformat(),
                    "note": "Synthetic status period.",
                }
            )
        return alliances, countries, memberships, statuses, events

    def sources_for(self, u: int, records: list[dict]) -> list[dict]:
        """As many synthetic sources as the shipped data has, each cited by at least one record."""
        sources = []
        for j, template in enumerate(self.sources):
            source = dict(template)
            source |= {"id": f"synth-{u:04d}-{j:03d}", "url": f"https://example.org/synth/{u}/{j}"}
            sources.append(source)
        cites: list[list[str]] = [[] for _ in records]
        for j, source in enumerate(sources):
            cites[j % len(records)].append(source["id"])
        for record, ids in zip(records, cites, strict=True):
            record["sources"] = ids or [sources[0]["id"]]
        return sources


def _header(path: Path) -> list[str]:
    """A CSV file's columns, in its order."""
    with path.open(encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def build(shipped: Path, folder: Path, scale: int) -> Path:
    """Copy `shipped` to `folder` and add (scale - 1) synthetic copies of its records."""
    shutil.copytree(shipped, folder, ignore=shutil.ignore_patterns("notes", "*.md"))
    builder = Builder(shipped, folder)
    files = {
        name: (folder / name).open("a", encoding="utf-8", newline="")
        for name in (
            "sources.yaml",
            "alliances.yaml",
            "countries.csv",
            "memberships.csv",
            "statuses.csv",
        )
    }
    writers = {
        "countries.csv": (csv.DictWriter(files["countries.csv"], country_columns(), restval=""),),
        "memberships.csv": (  # the shipped file's columns: the optional last may be absent
            csv.DictWriter(
                files["memberships.csv"], _header(shipped / "memberships.csv"), restval=""
            ),
        ),
        "statuses.csv": (csv.DictWriter(files["statuses.csv"], STATUS_COLUMNS, restval=""),),
    }
    try:
        for u in range(1, scale):
            alliances, countries, memberships, statuses, events = builder.unit(u)
            flat = [e for group in events.values() for e in group]
            sources = builder.sources_for(
                u, [*alliances, *countries, *memberships, *statuses, *flat]
            )
            for alliance in alliances:
                alliance.update(_cite(alliance, alliance["sources"]))
            files["sources.yaml"].write("\n" + _dump(sources))
            files["alliances.yaml"].write("\n" + _dump(alliances))
            for name, rows in (
                ("countries.csv", countries),
                ("memberships.csv", memberships),
                ("statuses.csv", statuses),
            ):
                for row in rows:
                    row["sources"] = ";".join(row["sources"])
                    writers[name][0].writerow(row)
            for aid, group in events.items():
                (folder / "events" / f"{aid}.yaml").write_text(_dump(group), encoding="utf-8")
    finally:
        for f in files.values():
            f.close()
    return folder
