"""The atlas's pages in menu order, listed once for the router, the tests and the benchmark."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    """One page: its script `pages/<name>.py`, its menu icon, and its title `nav.<name>`."""

    name: str  # the script's stem, the page's URL path and its catalogue keys
    icon: str  # the menu's emoji (no icon font: nothing is fetched from outside)
    default: bool = False  # the page at the site's root

    @property
    def script(self) -> str:
        """The script's path from the project root, as st.Page and AppTest take it."""
        return f"pages/{self.name}.py"

    @property
    def address(self) -> str:
        """The path a browser opens: empty for the default page."""
        return "" if self.default else self.name


PAGES = (
    PageSpec("overview", "🏠", default=True),
    PageSpec("timeline", "🕰️"),
    PageSpec("map", "🗺️"),
    PageSpec("members", "📋"),
    PageSpec("compare", "⚖️"),
    PageSpec("sources", "📚"),
    PageSpec("data", "📂"),
)
