"""Charts drawn on the server as SVG, so they need no JavaScript and no CDN, and each
comes with its data as a table: the table is what screen-reader users, printouts and
anyone checking a figure read, the picture is for a quick look.

Colours come from CSS classes (static/src/portal.scss), not style attributes, so the
strict Content-Security-Policy holds. Render with
`{% include "includes/chart.html" with chart=chart %}`."""

import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
LABEL_WIDTH = 220
BAR_HEIGHT = 22
BAR_GAP = 8
PLOT_HEIGHT = 220
MARGIN = 40
SERIES_CLASSES = 6
LINE_HEIGHT = 16
LABEL_CHARACTERS = 27
"""About as many characters of 14px text as fit the label column; longer labels wrap
rather than run off the left edge of the picture (and the page)."""
LEGEND_ROW = 20
_ids = count(1)


@dataclass(frozen=True)
class Chart:
    title: str
    svg: SafeString
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    element_id: str


def _number(value: float, unit: str = "") -> str:
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{text}{unit}"


SIDED_PLACES = 6


def sided(value: float, reference: float = 1.0) -> str:
    """Two decimals, or as many more as it takes to show which side of `reference` the
    value is on: a confidence bound of 1.004 shown as 1.00 hid that its interval leaves
    out 1, beside a 0.999 also shown as 1.00 whose interval does not. Only the reference
    itself is shown as the reference."""
    if value == reference:
        return f"{value:.2f}"
    for places in range(2, SIDED_PLACES + 1):
        text = f"{value:.{places}f}"
        if float(text) != reference:
            return text
    step = 10**-SIDED_PLACES
    return f"{reference + step if value > reference else reference - step:.{SIDED_PLACES}f}"


def _label(value: object) -> str:
    """A moment with its time: imports of one day were rows all reading "6 Dec 2026"."""
    if isinstance(value, datetime):
        return value.strftime("%-d %b %Y %H:%M")
    return value.strftime("%-d %b %Y") if isinstance(value, date) else str(value)


def _svg(element_id: str, title: str, desc: str, width: int, height: int, body: list[str]) -> SafeString:
    return mark_safe(  # noqa: S308  # nosec B308 B703  # every value below is escaped
        f'<svg class="portal-chart__svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="{element_id}-title {element_id}-desc" focusable="false">'
        f'<title id="{element_id}-title">{escape(title)}</title>'
        f'<desc id="{element_id}-desc">{escape(desc)}</desc>{"".join(body)}</svg>'
    )


def bar_chart(
    *,
    title: str,
    rows: Sequence[tuple[str, float]],
    unit: str = "",
    value_label: str = "Value",
    label_header: str,
) -> Chart:
    """Horizontal bars, one per row, longest value filling the width. `label_header`
    heads the table's column of row labels: a table header needs words (WCAG 1.3.1)."""
    element_id = f"chart-{next(_ids)}"
    top = max((v for _, v in rows), default=0) or 1
    plot = WIDTH - LABEL_WIDTH - 70
    body = []
    y = 0.0
    for label, value in rows:
        lines, row = _wrapped(label)
        bar_top, middle = y + (row - BAR_HEIGHT) / 2, y + row / 2
        length = max(0.0, value) / top * plot
        body.append(
            _row_label(lines, middle)
            + f'<rect class="portal-chart__bar" x="{LABEL_WIDTH}" y="{bar_top:.1f}" width="{length:.1f}" '
            f'height="{BAR_HEIGHT}"></rect>'
            f'<text class="portal-chart__value" x="{LABEL_WIDTH + length + 6:.1f}" y="{middle + 5:.1f}">'
            f"{escape(_number(value, unit))}</text>"
        )
        y += row + BAR_GAP
    height = max(int(math.ceil(y)), BAR_HEIGHT + BAR_GAP)
    desc = f"Bar chart of {len(rows)} values; the same figures are in the table that follows."
    return Chart(
        title=title,
        svg=_svg(element_id, title, desc, WIDTH, height, body),
        headers=(label_header, value_label),
        rows=tuple((label, _number(value, unit)) for label, value in rows),
        element_id=element_id,
    )


def _wrapped(label: str) -> tuple[list[str], float]:
    """A row label's lines and the row's height, which grows with them."""
    lines = textwrap.wrap(label, LABEL_CHARACTERS) or [""]
    return lines, max(BAR_HEIGHT, len(lines) * LINE_HEIGHT + 6)


def _row_label(lines: list[str], middle: float) -> str:
    """A row's label, right-aligned to the plot and centred on the row's middle, one
    tspan per line."""
    first = middle + 5 - (len(lines) - 1) * LINE_HEIGHT / 2
    spans = "".join(
        f'<tspan x="{LABEL_WIDTH - 8}" y="{first + n * LINE_HEIGHT:.1f}">{escape(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    return f'<text class="portal-chart__label" text-anchor="end">{spans}</text>'


def line_chart(
    *,
    title: str,
    x_label: str,
    y_label: str,
    series: Mapping[str, Sequence[tuple[object, float]]],
    unit: str = "",
) -> Chart:
    """One line per series over shared x values (dates or labels), in the order given;
    a series without a value at some x has a gap in the table and skips the point."""
    element_id = f"chart-{next(_ids)}"
    xs = list(dict.fromkeys(x for points in series.values() for x, _ in points))
    top = max((v for points in series.values() for _, v in points), default=0) or 1
    position = _x_positions(xs, WIDTH - 2 * MARGIN)

    def y_of(value: float) -> float:
        return MARGIN / 2 + PLOT_HEIGHT - (value / top) * PLOT_HEIGHT

    body = [
        f'<line class="portal-chart__axis" x1="{MARGIN}" y1="{y_of(0):.1f}" x2="{WIDTH - MARGIN}" '
        f'y2="{y_of(0):.1f}"></line>',
        f'<text class="portal-chart__label" x="{MARGIN}" y="{MARGIN / 2 - 6}">'
        f"{escape(y_label)} (top {escape(_number(top, unit))})</text>",
    ]
    if xs:
        body.append(
            f'<text class="portal-chart__label" x="{MARGIN}" y="{y_of(0) + 18:.1f}">'
            f"{escape(_label(xs[0]))}</text>"
        )
    if len(xs) > 1:
        body.append(
            f'<text class="portal-chart__label" x="{WIDTH - MARGIN}" y="{y_of(0) + 18:.1f}" '
            f'text-anchor="end">{escape(_label(xs[-1]))}</text>'
        )
    for index, (name, points) in enumerate(series.items()):
        css = f"portal-chart__series--{index % SERIES_CLASSES + 1}"
        coords = " ".join(f"{position[x]:.1f},{y_of(v):.1f}" for x, v in points)
        body.append(f'<polyline class="portal-chart__line {css}" points="{coords}"></polyline>')
        body.extend(
            f'<circle class="portal-chart__point {css}" cx="{position[x]:.1f}" cy="{y_of(v):.1f}" r="3">'
            f"<title>{escape(name)}, {escape(_label(x))}: {escape(_number(v, unit))}</title></circle>"
            for x, v in points
        )
    height = int(PLOT_HEIGHT + MARGIN * 1.5)
    if len(series) > 1:
        body += _legend(list(series), top=height)
        height += LEGEND_ROW * len(series)
    desc = (
        f"Line chart of {y_label} by {x_label} for {len(series)} series; "
        "the same figures are in the table that follows."
    )
    values = {name: dict(points) for name, points in series.items()}
    return Chart(
        title=title,
        svg=_svg(element_id, title, desc, WIDTH, height, body),
        headers=(x_label, *series.keys()),
        rows=tuple(
            (_label(x), *(_number(values[n][x], unit) if x in values[n] else "" for n in series)) for x in xs
        ),
        element_id=element_id,
    )


def _legend(names: list[str], *, top: float) -> list[str]:
    """Which colour is which series: a line's colour alone tells nobody what it is."""
    keys = []
    for index, name in enumerate(names):
        css = f"portal-chart__series--{index % SERIES_CLASSES + 1}"
        y = top + index * LEGEND_ROW + LEGEND_ROW / 2
        keys.append(
            f'<line class="portal-chart__line {css}" x1="{MARGIN}" y1="{y:.1f}" x2="{MARGIN + 24}" '
            f'y2="{y:.1f}"></line>'
            f'<text class="portal-chart__label" x="{MARGIN + 32}" y="{y + 5:.1f}">{escape(name)}</text>'
        )
    return keys


def _x_positions(xs: list[object], plot_w: float) -> dict[object, float]:
    """Dates and times are placed by the time between them, so that a month start and a
    day four days later are not drawn a month apart; labels are spaced evenly."""
    if len(xs) > 1 and (all(isinstance(x, datetime) for x in xs) or all(type(x) is date for x in xs)):
        moments = [x if isinstance(x, datetime) else datetime.combine(x, time.min) for x in xs]
        first, span = min(moments), (max(moments) - min(moments)).total_seconds()
        if span:
            return {
                x: MARGIN + (m - first).total_seconds() / span * plot_w
                for x, m in zip(xs, moments, strict=True)
            }
    step = plot_w / max(1, len(xs) - 1)
    return {x: MARGIN + i * step for i, x in enumerate(xs)}


def _interval(value: float, low: float, high: float, reference: float) -> str:
    return f"{sided(value, reference)} ({sided(low, reference)} to {sided(high, reference)})"


def interval_chart(
    *,
    title: str,
    rows: Sequence[tuple[str, float, float, float]],
    reference: float = 1.0,
    value_label: str,
    label_header: str,
) -> Chart:
    """A point and its confidence interval per row (label, value, low, high), on a log
    scale around a reference line (1 for a ratio), so that half and double sit equally
    far from it; for rate ratios, where a bar from zero would mislead."""
    element_id = f"chart-{next(_ids)}"
    logs = [math.log(v) for _, value, low, high in rows for v in (value, low, high) if v > 0]
    span = max((abs(v - math.log(reference)) for v in logs), default=0) or math.log(2)
    plot = WIDTH - LABEL_WIDTH - 40
    centre = LABEL_WIDTH + plot / 2

    def x_of(value: float) -> float:
        offset = (math.log(value) - math.log(reference)) / span if value > 0 else -1
        return centre + max(-1.0, min(1.0, offset)) * plot / 2

    body, y = [], 0.0
    for label, value, low, high in rows:
        lines, row = _wrapped(label)
        middle = y + row / 2
        body.append(
            _row_label(lines, middle)
            + f'<line class="portal-chart__line portal-chart__series--1" x1="{x_of(low):.1f}" '
            f'y1="{middle:.1f}" x2="{x_of(high):.1f}" y2="{middle:.1f}"></line>'
            f'<circle class="portal-chart__point portal-chart__series--1" cx="{x_of(value):.1f}" '
            f'cy="{middle:.1f}" r="5">'
            f"<title>{escape(label)}: {_interval(value, low, high, reference)}</title></circle>"
        )
        y += row + BAR_GAP
    axis = max(y, BAR_HEIGHT + BAR_GAP)
    height = int(math.ceil(axis)) + 24
    right = WIDTH - 40
    ends = ((reference * math.exp(-span), LABEL_WIDTH, "start"), (reference * math.exp(span), right, "end"))
    body += [
        f'<line class="portal-chart__axis" x1="{centre:.1f}" y1="0" x2="{centre:.1f}" '
        f'y2="{axis:.1f}"></line>',
        f'<line class="portal-chart__axis" x1="{LABEL_WIDTH}" y1="{axis:.1f}" x2="{right}" '
        f'y2="{axis:.1f}"></line>',
        f'<text class="portal-chart__label" x="{centre:.1f}" y="{axis + 18:.1f}" text-anchor="middle">'
        f"{escape(_number(reference))}</text>",
        *(
            f'<text class="portal-chart__label" x="{x}" y="{axis + 18:.1f}" text-anchor="{anchor}">'
            f"{end:.2f}</text>"
            for end, x, anchor in ends
        ),
    ]
    desc = (
        f"{len(rows)} values with their intervals, on a log scale around {_number(reference)}; "
        "the same figures are in the table that follows."
    )
    return Chart(
        title=title,
        svg=_svg(element_id, title, desc, WIDTH, height, body),
        headers=(label_header, value_label, "Lower 95%", "Upper 95%"),
        rows=tuple(
            (label, *(sided(v, reference) for v in (value, low, high))) for label, value, low, high in rows
        ),
        element_id=element_id,
    )
