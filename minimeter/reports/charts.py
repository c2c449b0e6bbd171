"""Small inline-SVG charts (bars and lines over months) for the HTML report. No JavaScript.

Each function returns one ``<svg>`` element as a string; every text is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

W, H = 560, 230
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 28, 46


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """0 and round steps (1, 2, 2.5, 5 x 10^k) up to at least ``top``."""
    if top <= 0 or not math.isfinite(top):
        return [0.0, 1.0]
    raw = top / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    n = math.ceil(top / step - 1e-9)
    return [i * step for i in range(n + 1)]


def _fmt(v: float) -> str:
    if v == 0:
        return "0"
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.0f}" if v == int(v) else f"{v:.1f}"
    return f"{v:.4g}"


def _frame(title: str, months: Sequence[str], ticks: list[float], unit: str) -> tuple[list[str], float, float]:
    plot_w, plot_h = W - LEFT - RIGHT, H - TOP - BOTTOM
    out = [f'<svg class="chart" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
           f'aria-label="{escape(title)}">',
           f'<text x="{LEFT}" y="16" class="ct">{escape(title)}</text>']
    for t in ticks:
        y = TOP + plot_h - plot_h * t / ticks[-1]
        out.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" class="yl">{escape(_fmt(t))}</text>')
    out.append(f'<text x="12" y="{TOP + plot_h / 2:.0f}" class="unit" '
               f'transform="rotate(-90 12 {TOP + plot_h / 2:.0f})">{escape(unit)}</text>')
    slot = plot_w / max(1, len(months))
    every = max(1, math.ceil(len(months) / 12))
    for i, m in enumerate(months):
        if i % every == 0:
            x = LEFT + slot * (i + 0.5)
            out.append(f'<text x="{x:.1f}" y="{H - BOTTOM + 16}" class="xl">{escape(m)}</text>')
    out.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" class="axis"/>')
    return out, slot, plot_h


def bar_chart(title: str, months: Sequence[str], values: Sequence[float | None], unit: str, *,
              muted: Sequence[bool] = (), color: str = "#2f6fb3") -> str:
    """Bars per month; ``None`` leaves the month empty; ``muted`` months are drawn lighter."""
    present = [v for v in values if v is not None]
    ticks = nice_ticks(max(present, default=0.0))
    out, slot, plot_h = _frame(title, months, ticks, unit)
    for i, v in enumerate(values):
        if v is None:
            continue
        h = plot_h * max(v, 0.0) / ticks[-1]
        bar_w = min(slot * 0.7, 56.0)  # one month alone should not fill the whole chart
        x = LEFT + slot * (i + 0.5) - bar_w / 2
        light = i < len(muted) and muted[i]
        out.append(f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                   f'fill="{color}" class="bar{" pending" if light else ""}">'
                   f'<title>{escape(months[i])}: {escape(_fmt(v))} {escape(unit)}</title></rect>')
    out.append("</svg>")
    return "".join(out)


def line_chart(title: str, months: Sequence[str], values: Sequence[float | None], unit: str, *,
               color: str = "#c2571a") -> str:
    """A line through the months that have a value (broken where a month has none), with dots."""
    present = [v for v in values if v is not None]
    ticks = nice_ticks(max(present, default=0.0) * 1.1)
    out, slot, plot_h = _frame(title, months, ticks, unit)
    segment: list[str] = []
    dots: list[str] = []
    for i, v in enumerate(values + [None] if isinstance(values, list) else [*values, None]):
        if v is None:
            if len(segment) > 1:
                out.append(f'<polyline points="{" ".join(segment)}" fill="none" stroke="{color}" '
                           f'stroke-width="2.5"/>')
            segment = []
            continue
        x, y = LEFT + slot * (i + 0.5), TOP + plot_h - plot_h * v / ticks[-1]
        segment.append(f"{x:.1f},{y:.1f}")
        dots.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{color}" class="dot">'
                    f'<title>{escape(months[i])}: {escape(_fmt(v))} {escape(unit)}</title></circle>')
    out.extend(dots)
    out.append("</svg>")
    return "".join(out)
