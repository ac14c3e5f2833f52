"""Render the measurements as Markdown: the machine, the targets met or missed, the details."""

from pathlib import Path
from statistics import median

MB = 1_000_000
FIXES = Path(__file__).resolve().parent / "fixes.md"  # written by hand, after each fix


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _table(header: tuple[str, ...], rows: list[tuple]) -> list[str]:
    return [_row(*header), _row(*("---" for _ in header)), *(_row(*r) for r in rows)]


def _mark(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _kb(n: float) -> str:
    return f"{n / 1000:,.1f} kB"


def render(f: dict, machine: list[tuple[str, str]]) -> str:
    """The whole results.md."""
    base_load = median(x.ms for x in f["baseline_loads"])
    base_rerun = median(x.finished_ms for x in f["baseline_reruns"])
    pages = {name: median(x.ms for x in loads) for name, loads in f["loads"].items()}
    ratios = {name: ms / base_load for name, ms in pages.items()}
    base_cached = median(x.ms for x in f["baseline_cached"])
    cached = {name: median(x.ms for x in loads) for name, loads in f["cached_loads"].items()}
    cached_ratios = {name: ms / base_cached for name, ms in cached.items()}
    worst_cached = max(cached_ratios, key=cached_ratios.get)
    floor = median(x.ms for x in f["floor_loads"])
    floor_cached = median(x.ms for x in f["floor_cached"])
    floor_rerun = median(x.changed_ms for x in f["floor_reruns"])
    tl = median(x.changed_ms for x in f["timeline_reruns"])
    mp = median(x.changed_ms for x in f["map_reruns"])
    map_ws = median(x.ws_bytes for x in f["loads"]["map"])
    map_rerun_ws = median(x.ws_bytes for x in f["map_reruns"])
    refetched = sum(x.maps_fetched for x in (*f["map_reruns"], *f["timeline_reruns"]))
    reread = [p for x in (*f["timeline_reruns"], *f["map_reruns"]) for p in x.opened]
    mem20 = f["memory"]["20 sessions"]
    soaked = f["soak"]
    scale = {row["scale"]: row for row in f["scale"]}
    us = {s: row["load_s"] / row["records"] * 1e6 for s, row in scale.items()}
    drift = us[1000] / us[10] if 1000 in us and 10 in us else float("nan")
    worst = max(ratios, key=ratios.get)
    imp = f["import"]
    with_import = {name: median(x.ms for x in loads) for name, loads in imp["loads"].items()}
    import_ratios = {name: ms / pages[name] for name, ms in with_import.items()}
    slowest = max(import_ratios, key=import_ratios.get)
    lines = ["# Alliance Atlas benchmark", "", *_table(("Machine", ""), machine), ""]
    lines += [f"One `make bench` run, {f['elapsed'] / 60:.1f} min. Medians of 5 unless said.", ""]
    lines += ["## Targets", ""]
    lines += _table(
        ("Target", "Measured", "Verdict"),
        [
            ("New session ≤ 1.5x baseline (every page), empty browser cache",
             f"worst {worst} {pages[worst]:.0f} ms = {ratios[worst]:.2f}x baseline "
             f"{base_load:.0f} ms ({pages[worst] / floor:.2f}x the Plotly floor)",
             _mark(max(ratios.values()) <= 1.5)),
            ("New session ≤ 1.5x baseline (every page), browser cache warm",
             f"worst {worst_cached} {cached[worst_cached]:.0f} ms = "
             f"{cached_ratios[worst_cached]:.2f}x baseline {base_cached:.0f} ms "
             f"({cached[worst_cached] / floor_cached:.2f}x the Plotly floor)",
             _mark(max(cached_ratios.values()) <= 1.5)),
            ("Filter change ≤ 1.5x baseline rerun and < 300 ms",
             f"timeline search {tl:.0f} ms = {tl / base_rerun:.2f}x baseline rerun "
             f"{base_rerun:.0f} ms ({tl / floor_rerun:.2f}x the Plotly floor's rerun)",
             _mark(tl <= 1.5 * base_rerun and tl < 300)),
            ("Map date change, same target",
             f"{mp:.0f} ms = {mp / base_rerun:.2f}x baseline rerun "
             f"({mp / floor_rerun:.2f}x the Plotly floor's rerun)",
             _mark(mp <= 1.5 * base_rerun and mp < 300)),
            ("Map payload ≤ 1 MB per render", f"{_kb(map_ws)} over the websocket (new session)",
             _mark(map_ws <= MB)),
            ("Shapes never re-sent on rerun",
             f"{refetched} static/maps fetches on reruns; map rerun websocket {_kb(map_rerun_ws)}",
             _mark(refetched == 0)),
            ("Memory with 20 sessions ≤ 300 MB RSS", f"{mem20:.0f} MiB", _mark(mem20 <= 300)),
            (f"Memory levels off over a {soaked.seconds / 60:.0f}-min soak (slope of the last "
             f"two thirds ≤ {soaked.allowed_slope():.0f} MiB/min, one allocator step)",
             f"{soaked.samples[0][1]:.0f} → {soaked.samples[-1][1]:.0f} MiB, slope "
             f"{soaked.slope():+.1f} MiB/min",
             _mark(soaked.levelled())),
            ("Load + validation at 100x ≤ 2 s",
             f"{scale[100]['load_s']:.2f} s for {scale[100]['records']:,} records",
             _mark(scale[100]["load_s"] <= 2)),
            ("Per-record load cost within 20 % from 10x to 1000x",
             f"{us[10]:.0f} → {us[1000]:.0f} µs/record ({drift:.2f}x)",
             _mark(abs(drift - 1) <= 0.2)),
            ("Cached reruns never re-read files",
             f"{len(reread)} files of data/ or static/maps/ opened during the 10 reruns",
             _mark(not reread)),
            ("Import of a 2,500-row ATOP file < 10 s",
             f"{imp['seconds']:.2f} s for {imp['rows']:,} rows ({imp['left_out']} left out), "
             "checked by every rule", _mark(imp["seconds"] < 10)),
            ("With it beside the shipped data, map, timeline, members ≤ 2x their new session",
             f"worst {slowest} {with_import[slowest]:.0f} ms = {import_ratios[slowest]:.2f}x "
             f"({imp['alliances']} alliances, {imp['memberships']:,} memberships)",
             _mark(max(import_ratios.values()) <= 2)),
        ],
    )  # fmt: skip
    lines += ["", "## New session, warm server", ""]
    rows = [("baseline (title only)", f"{base_load:.0f}", "1.00", f"{base_cached:.0f}", "1.00",
             _kb(median(x.ws_bytes for x in f["baseline_loads"])), "", ""),
            ("Plotly floor (title and one tiny chart)", f"{floor:.0f}", f"{floor / base_load:.2f}",
             f"{floor_cached:.0f}", f"{floor_cached / base_cached:.2f}",
             _kb(median(x.ws_bytes for x in f["floor_loads"])), 1, "")]  # fmt: skip
    for name, loads in f["loads"].items():
        maps = {n: size for load in loads for n, size in load.maps}
        rows.append((
            name, f"{pages[name]:.0f}", f"{ratios[name]:.2f}", f"{cached[name]:.0f}",
            f"{cached_ratios[name]:.2f}", _kb(median(x.ws_bytes for x in loads)),
            f["plots"][name], ", ".join(f"{n} {_kb(s)}" for n, s in maps.items()) or "—",
        ))  # fmt: skip
    lines += [
        "The Plotly floor is the smallest Streamlit app with a Plotly chart: what any page with",
        "a chart pays for Plotly's script in the browser, before drawing anything of its own.",
        "",
        "Empty cache: each load in a new browser context. Warm cache: new tabs of one context",
        "that has opened the page once, as a returning visitor's browser would; each tab is a",
        "new Streamlit session all the same.",
        "",
    ]
    lines += _table(
        ("Page", "ms to drawn, empty cache", "x baseline", "ms to drawn, warm cache",
         "x baseline", "websocket", "plots", "static/maps"), rows,
    )  # fmt: skip
    lines += ["", "## Reruns (widget change on an open page)", ""]
    rows = []
    for label, reruns in (
        ("baseline checkbox", f["baseline_reruns"]),
        ("Plotly floor checkbox, chart redrawn", f["floor_reruns"]),
        ("timeline search + Enter", f["timeline_reruns"]),
        ("map date typed, click away", f["map_reruns"]),
    ):
        changed = median(x.changed_ms for x in reruns)
        done = median(x.finished_ms for x in reruns)
        rows.append((
            label, "—" if reruns is f["baseline_reruns"] else f"{changed:.0f}", f"{done:.0f}",
            f"{done / base_rerun:.2f}", _kb(median(x.ws_bytes for x in reruns)),
            sum(x.maps_fetched for x in reruns),
        ))  # fmt: skip
    lines += _table(("Action", "ms to view changed", "ms to run finished", "x baseline",
                     "websocket", "static/maps fetched"), rows)  # fmt: skip
    lines += ["", "## With a 2,500-row ATOP import beside the shipped data", ""]
    lines += _table(
        ("Page", "ms to drawn, shipped data", "ms to drawn, with the import", "x"),
        [(n, f"{pages[n]:.0f}", f"{with_import[n]:.0f}", f"{import_ratios[n]:.2f}")
         for n in with_import],
    )  # fmt: skip
    lines += ["", "## Memory of the app server (RSS, process and children)", ""]
    lines += _table(("Stage", "MiB"), [(k, f"{v:.0f}") for k, v in f["memory"].items()])
    lines += ["", "## Soak (`tests/soak.py`, as `make test` runs it for 60 s)", ""]
    lines += [soaked.summary(), ""]
    lines += ["## Data scale: `loader.load(folder)` (reading and validation)", ""]
    lines += _table(
        ("Scale", "Records", "Load s", "µs/record", "Build s", "Peak RSS MiB"),
        [(f"{s}x", f"{r['records']:,}", f"{r['load_s']:.2f}", f"{us[s]:.0f}",
          f"{r['build_s']:.1f}", f"{r['peak_rss_mb']:.0f}") for s, r in scale.items()],
    )  # fmt: skip
    lines += ["", "## Cold start (launch to first page drawn, 3 runs)", ""]
    rows = []
    for label, runs in (("app.py", f["cold_app"]), ("baseline", f["cold_baseline"])):
        rows.append(
            (label, f"{median(h for h, _ in runs):.2f}", f"{median(d for _, d in runs):.2f}")
        )
    lines += _table(("App", "s to /_stcore/health", "s to first page drawn"), rows)
    loads = sorted(set(f["opened_on_loads"]))
    lines += ["", "Opened in data/ and static/maps/ by the warm server while new sessions loaded",
              f"(a trailing / is a folder listed, not read): {loads or 'none'}.",
              f"During reruns, files opened there: {sorted(set(reread)) or 'none'}.", ""]  # fmt: skip
    return "\n".join(lines) + "\n" + FIXES.read_text(encoding="utf-8")
