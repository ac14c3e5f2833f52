"""axe-core, the accessibility rule engine, from its npm package, run in a page of the real app."""

from pathlib import Path
from typing import NamedTuple

from playwright.sync_api import Page

from alliance_atlas import navigation
from alliance_atlas.paths import ROOT
from tests.needs import missing

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"  # `make test` runs `npm ci` for it
KNOWN = Path(__file__).with_name("axe-known.txt")
BLOCKING = {"serious", "critical"}  # never listed as known: they fail the test
IMPACTS = {"minor", "moderate"}
# The rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices: named, so
# that a new axe-core cannot change what is judged without a change here.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
# Each page as it opens, and the views that only a choice shows: (page, address).
VIEWS = {page.name: (page.name, page.address) for page in navigation.PAGES} | {
    "map-years": ("map", "map?view=years"),
    "timeline-event": ("timeline", "timeline?event=csto-2022-01-kazakhstan-deployment"),
}
# Each page on a phone and in an embed, as tests/browser/test_phone.py names them: "phone-map".
COMPACT_VIEWS = {f"{size}-{page.name}" for size in ("phone", "embed") for page in navigation.PAGES}

# Every text the charts draw in SVG, which axe does not measure: titles, source lines, axes,
# legends, annotations, and the year-by-year map's slider and buttons. Marks written on map
# states (✕, 2, 3...) stand on their fills with a ring: tests/test_contrast.py measures them.
CHART_TEXT = """() => [...document.querySelectorAll(
    '.js-plotly-plot .gtitle, .js-plotly-plot .g-gtitle text, .js-plotly-plot .legendtext,'
    + '.js-plotly-plot .xtick text, .js-plotly-plot .ytick text,'
    + '.js-plotly-plot .g-xtitle text, .js-plotly-plot .g-ytitle text,'
    + '.js-plotly-plot .annotation-text, .js-plotly-plot .slider-label,'
    + '.js-plotly-plot .updatemenu-item-text')]
    .filter(t => t.textContent.trim())
    .map(t => [t.textContent.trim().slice(0, 40), getComputedStyle(t).fill])"""


class Finding(NamedTuple):
    """One rule that one page breaks, at an impact of axe's scale (minor to critical)."""

    rule: str
    impact: str
    where: str  # the first element axe points at, as a CSS selector, and its markup

    @property
    def known_as(self) -> tuple[str, str]:
        return self.rule, self.impact


def require_axe() -> None:
    """Fail in CI, skip elsewhere, when `npm ci` has not put axe-core in node_modules."""
    if not AXE.exists():
        why = f"axe-core is not at {AXE}: run `make test`, which runs `npm ci` first"
        missing(why)


def audit(page: Page) -> list[Finding]:
    """What axe-core finds wrong on the page as it stands, under WCAG 2.2 A and AA and best practice."""
    page.add_script_tag(path=AXE)
    violations = page.evaluate(
        """async tags => (await axe.run(document, {
                runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations
            .map(v => [v.id, v.impact, v.nodes.length,
                       v.nodes[0].target.join(' ') + ' ' + v.nodes[0].html.slice(0, 120)])""",
        TAGS,
    )
    return [
        Finding(rule, impact, f"{count} at {where}") for rule, impact, count, where in violations
    ]


def known() -> dict[str, set[tuple[str, str]]]:
    """The moderate and minor findings accepted for each view, from axe-known.txt: each line
    names a view of VIEWS or COMPACT_VIEWS, a rule, a moderate or minor impact, and why."""
    accepted: dict[str, set[tuple[str, str]]] = {}
    for number, line in enumerate(KNOWN.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split(maxsplit=3)
        where = f"{KNOWN.name}:{number}"
        assert len(fields) == 4, f"{where}: a view, a rule, an impact and why: {line!r}"
        view, rule, impact, _why = fields
        views = sorted(VIEWS) + sorted(COMPACT_VIEWS)
        assert view in views, f"{where}: no view {view!r}; the views: {views}"
        assert impact in IMPACTS, f"{where}: {impact!r} is not minor or moderate: fix it instead"
        accepted.setdefault(view, set()).add((rule, impact))
    return accepted


def chart_text(page: Page) -> list[tuple[str, str]]:
    """(text, fill) of every word the page's charts draw, fill as the browser computes it."""
    return [tuple(pair) for pair in page.evaluate(CHART_TEXT)]
