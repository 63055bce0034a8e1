"""Lay out the weekly load chart of a session plan: bars per unit and week, the limit as a
line. Pure arithmetic on a `WeeklyLoad`; the template draws the SVG (no JavaScript)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

WIDTH = 640
HEIGHT = 240
LEFT = 36  # room for the count labels
RIGHT = 8
TOP = 12
BOTTOM = 36  # room for the week labels
MIN_LABEL_GAP = 56  # pixels between two week labels
MAX_BAR_WIDTH = 40
PALETTE_SIZE = 6


@dataclass
class Bar:
    unit: str
    week: date
    documents: int
    over_limit: bool
    x: float
    y: float
    width: float
    height: float
    colour: int  # index into the palette (CSS classes u0..u5)


@dataclass
class Label:
    x: float
    y: float
    text: str


@dataclass
class LoadChart:
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - BOTTOM
    left: int = LEFT
    right: float = WIDTH - RIGHT
    limit_y: float | None = None
    limit: int = 0
    bars: list[Bar] = field(default_factory=list)
    week_labels: list[Label] = field(default_factory=list)
    count_labels: list[Label] = field(default_factory=list)
    units: list[tuple[str, int]] = field(default_factory=list)  # legend: name, colour


def _round(value: float) -> float:
    return round(value, 1)


def load_chart_layout(load) -> LoadChart:
    """Grouped bars: one group per week, one bar per unit with documents that week."""
    chart = LoadChart(limit=load.limit)
    chart.units = [(unit, index % PALETTE_SIZE) for index, (unit, _) in enumerate(load.rows)]
    if not load.weeks:
        return chart
    top = max(load.peak, load.limit + 1, 1)
    plot_height = HEIGHT - TOP - BOTTOM
    scale = plot_height / top
    group = (WIDTH - LEFT - RIGHT) / len(load.weeks)
    bar_width = min(group * 0.8 / max(len(load.rows), 1), MAX_BAR_WIDTH)
    inset = (group - bar_width * len(load.rows)) / 2  # centre each week's bars
    for index, (_, cells) in enumerate(load.rows):
        for position, cell in enumerate(cells):
            if not cell.documents:
                continue
            height = cell.documents * scale
            chart.bars.append(
                Bar(
                    unit=cell.unit,
                    week=cell.week,
                    documents=cell.documents,
                    over_limit=cell.over_limit,
                    x=_round(LEFT + position * group + inset + index * bar_width),
                    y=_round(chart.baseline - height),
                    width=_round(max(bar_width - 1, 1)),
                    height=_round(height),
                    colour=index % PALETTE_SIZE,
                )
            )
    chart.limit_y = _round(chart.baseline - load.limit * scale)
    every = max(1, int(MIN_LABEL_GAP // group) + (1 if MIN_LABEL_GAP % group else 0))
    for position, week in enumerate(load.weeks):
        if position % every == 0:
            chart.week_labels.append(
                Label(
                    _round(LEFT + position * group + 2),
                    HEIGHT - BOTTOM + 16,
                    week.strftime("%d %b"),
                )
            )
    step = max(1, top // 4)
    for count in range(0, top + 1, step):
        chart.count_labels.append(
            Label(LEFT - 6, _round(chart.baseline - count * scale + 4), str(count))
        )
    return chart
