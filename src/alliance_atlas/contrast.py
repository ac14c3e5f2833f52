"""WCAG contrast between colours: the ratio, and the least ratios for text and for shapes."""

NON_TEXT = 3.0  # WCAG 1.4.11: shapes that carry meaning stand 3:1 apart from what is next to them
TEXT = 4.5  # WCAG 1.4.3: normal text on its background


def _luminance(colour: str) -> float:
    """The relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours, from 1 to 21."""
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)
