"""axe-core, the accessibility rule engine, from its npm package, run in a page of the real app."""

import os
from pathlib import Path
from typing import NamedTuple

import pytest
from playwright.sync_api import Page

from alliance_atlas.paths import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"  # `make test` runs `npm ci` for it
KNOWN = Path(__file__).with_name("axe-known.txt")
BLOCKING = {"serious", "critical"}  # never listed as known: they fail the test

# Every text the charts draw in SVG, which axe does not measure: titles, source lines, axes,
# legends and annotations. Marks written on map states have a halo and are measured apart.
CHART_TEXT = """() => [...document.querySelectorAll(
    '.js-plotly-plot .gtitle, .js-plotly-plot .g-gtitle text, .js-plotly-plot .legendtext,'
    + '.js-plotly-plot .xtick text, .js-plotly-plot .ytick text,'
    + '.js-plotly-plot .g-xtitle text, .js-plotly-plot .g-ytitle text,'
    + '.js-plotly-plot .annotation-text')]
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
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)


def audit(page: Page) -> list[Finding]:
    """What axe-core finds wrong on the page as it stands, under WCAG 2.2 A and AA and best practice."""
    page.add_script_tag(path=AXE)
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => [v.id, v.impact, v.nodes.length,
                       v.nodes[0].target.join(' ') + ' ' + v.nodes[0].html.slice(0, 120)])"""
    )
    return [
        Finding(rule, impact, f"{count} at {where}") for rule, impact, count, where in violations
    ]


def known() -> dict[str, set[tuple[str, str]]]:
    """The moderate and minor findings accepted for each page, from axe-known.txt."""
    accepted: dict[str, set[tuple[str, str]]] = {}
    for line in KNOWN.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            page, rule, impact = line.split()[:3]
            assert impact not in BLOCKING, f"{KNOWN.name}: {line!r} is {impact}: fix it instead"
            accepted.setdefault(page, set()).add((rule, impact))
    return accepted


def chart_text(page: Page) -> list[tuple[str, str]]:
    """(text, fill) of every word the page's charts draw, fill as the browser computes it."""
    return [tuple(pair) for pair in page.evaluate(CHART_TEXT)]
