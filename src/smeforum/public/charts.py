"""Server-rendered, accessible SVG bar charts, embedded inline in the page.

Horizontal bars with their labels, a formatted value at the end of each bar, a value axis with
round ticks and grid lines, a visible title, and ``<title>``/``<desc>`` with ``role="img"`` for
assistive technology. No inline scripts or style attributes: every look comes from classes
styled in ``public/site.css``, so the markup is fine under a strict Content Security Policy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

WIDTH = 860
LABEL_W = 200  # label column, right-aligned at LABEL_W - 10
MIN_VALUE_W, MAX_VALUE_W = 60, 320  # room for the value text after the longest bar
TOP = 58  # title and axis ticks
ROW = 30
BAR = 18
FONT = 13.0


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal  # the bar's length, in the chart's unit
    value_label: str  # shown after the bar, e.g. “2.1 bn”
    note: str = ""  # shown after the value in a muted colour, e.g. “12 outcomes”
    tooltip: str = ""  # the bar's <title>; the label and value when empty


def nice_ticks(maximum: Decimal, count: int = 5) -> list[Decimal]:
    """Round tick values from 0 to at least ``maximum``: steps of 1, 2, 2.5 or 5 × 10ⁿ."""
    if maximum <= 0:
        return [Decimal(0), Decimal(1)]
    raw = maximum / count
    exponent = raw.adjusted()
    magnitude = Decimal(10) ** exponent
    step = next(
        m * magnitude
        for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
        if m * magnitude >= raw
    )
    ticks = [Decimal(0)]
    while ticks[-1] < maximum:
        ticks.append(ticks[-1] + step)
    return ticks


def _text_width(text: str) -> float:
    return sum(FONT if ord(ch) > 0x2E7F else FONT * 0.56 for ch in text)


def _fit(text: str, width: float) -> str:
    """``text`` cut with an ellipsis to about ``width`` units."""
    if _text_width(text) <= width:
        return text
    while text and _text_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return text.removesuffix(".0")


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    desc: str,
    empty_text: str,
    tick_format: Callable[[Decimal], str],
    id_prefix: str,
) -> str:
    """The SVG markup of a horizontal bar chart (safe to embed), or a short note when there is
    nothing to draw (no bars, or all zero)."""
    if not bars or all(bar.value <= 0 for bar in bars):
        return format_html('<p class="note chart-empty">{}</p>', empty_text)
    maximum = max(bar.value for bar in bars)
    ticks = nice_ticks(maximum)
    top_tick = ticks[-1]
    # Room after the bars for the longest value text (bold digits run a little wider).
    value_w = max(
        _text_width(bar.value_label) * 1.08 + (_text_width(bar.note) + 6 if bar.note else 0)
        for bar in bars
    )
    value_w = min(max(value_w + 14, MIN_VALUE_W), MAX_VALUE_W)
    plot_x0, plot_x1 = float(LABEL_W), float(WIDTH - value_w)
    plot_w = plot_x1 - plot_x0
    height = TOP + ROW * len(bars) + 8

    def x_of(value: Decimal) -> float:
        return plot_x0 + float(value / top_tick) * plot_w

    axis = format_html_join(
        "",
        '<line class="chart-grid" x1="{x}" y1="{y0}" x2="{x}" y2="{y1}"/>'
        '<text class="chart-tick" x="{x}" y="{ty}" text-anchor="middle">{label}</text>',
        (
            {
                "x": _fmt(x_of(tick)),
                "y0": TOP - 6,
                "y1": height - 4,
                "ty": TOP - 12,
                "label": tick_format(tick),
            }
            for tick in ticks
        ),
    )
    rows = []
    for index, bar in enumerate(bars):
        y = TOP + ROW * index + (ROW - BAR) / 2
        width = x_of(bar.value) - plot_x0 if bar.value > 0 else 0.0
        if bar.value > 0:
            width = max(width, 2.0)
        value_x = plot_x0 + width + 6
        baseline = y + BAR / 2 + FONT / 2 - 2
        tooltip = bar.tooltip or " · ".join(
            part for part in (bar.label, bar.value_label, bar.note) if part
        )
        note = (
            format_html('<tspan class="chart-note" dx="6">{}</tspan>', bar.note) if bar.note else ""
        )
        rows.append(
            format_html(
                '<g class="chart-row"><title>{tooltip}</title>'
                '<text class="chart-label" x="{lx}" y="{by}" text-anchor="end">{label}</text>'
                '<rect class="chart-bar" x="{x}" y="{y}" width="{w}" height="{h}" rx="2"/>'
                '<text class="chart-value" x="{vx}" y="{by}">{value}{note}</text></g>',
                tooltip=tooltip,
                lx=LABEL_W - 10,
                by=_fmt(baseline),
                label=_fit(bar.label, LABEL_W - 16),
                x=_fmt(plot_x0),
                y=_fmt(y),
                w=_fmt(width),
                h=BAR,
                vx=_fmt(value_x),
                value=bar.value_label,
                note=note,
            )
        )
    return format_html(
        '<svg class="bar-chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{p}-title '
        '{p}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{p}-title">{title}</title><desc id="{p}-desc">{desc}</desc>'
        '<text class="chart-title" x="0" y="18">{title}</text>'
        '<g class="chart-axis">{axis}</g>'
        '<line class="chart-baseline" x1="{x0}" y1="{y0}" x2="{x0}" y2="{y1}"/>'
        "<g>{rows}</g></svg>",
        w=WIDTH,
        h=height,
        p=id_prefix,
        title=title,
        desc=desc,
        axis=axis,
        x0=_fmt(plot_x0),
        y0=TOP - 6,
        y1=height - 4,
        rows=mark_safe("".join(rows)),
    )
