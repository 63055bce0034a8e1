"""Lay out the timeline chart: sessions as bands on a date axis, due dates as markers.

Pure arithmetic on rows already loaded; the template draws the SVG from the result. A
marker stands for every deliverable due on its day (counted by the database), so the chart
stays the same size whether a day has one deliverable or a thousand.

The same layout is drawn twice: across the page (time running right) and, for phones,
upright (time running down, `UPRIGHT_*`). Squeezed into a phone's width the wide chart
shrank its words to three pixels; upright, it is drawn near its natural size, the date
axis as long as on a desktop and the lanes of markers side by side.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

WIDTH = 960
MARGIN = 16
AXIS_Y = 56  # the date axis, below the session labels (one row of labels per body)
LABEL_ROW = 13
LANE_HEIGHT = 18
MARKER_GAP = 14  # markers closer than this (in pixels) go to the next lane
# The upright chart: month labels left of the axis, marker lanes right of it, session
# labels at the right edge (one column per body, as the wide chart has one row per body).
UPRIGHT_WIDTH = 360  # about a phone's width, so the chart is drawn at about 1:1
UPRIGHT_AXIS_X = 72
UPRIGHT_LABEL_COLUMN = 56
UPRIGHT_EDGE = 8  # from the right edge to the end of a session label


@dataclass
class Band:
    session: object
    x: float
    width: float
    label: str
    estimated: bool
    label_y: int
    row: int = 0  # the body's label row (0, 1, 2)
    label_x: int = 0  # upright: where the label ends, one column per body from the right


@dataclass
class Marker:
    due_date: date
    count: int  # deliverables due that day
    x: float
    y: float
    label: str
    lane: int = 0

    @property
    def upright_x(self) -> int:
        """Upright: lane n sits n + 1 lanes right of the axis (across, below it)."""
        return UPRIGHT_AXIS_X + LANE_HEIGHT * (self.lane + 1)


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Timeline:
    start: date
    end: date
    width: int
    height: int
    axis_y: int
    bands: list[Band] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    today_x: float | None = None
    upright_width: int = UPRIGHT_WIDTH
    upright_axis_x: int = UPRIGHT_AXIS_X

    @property
    def upright_band_width(self) -> int:
        """Upright, a band runs from the axis to 4 pixels short of the right edge."""
        return self.upright_width - 4 - self.upright_axis_x


def _first_of_months(start: date, end: date) -> list[date]:
    months: list[date] = []
    year, month = start.year, start.month
    while True:
        day = date(year, month, 1)
        if day > end:
            return months
        if day >= start:
            months.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def timeline_layout(
    *,
    sessions: Iterable,
    days: Iterable[tuple[date, int, str]],
    start: date,
    end: date,
    today: date | None = None,
    width: int = WIDTH,
) -> Timeline:
    """Positions for every band, marker and month tick between start and end. `days`:
    (due date, how many deliverables are due that day, what the marker's label says)."""
    span_days = max((end - start).days, 1)
    plot = width - 2 * MARGIN

    def x_of(day: date) -> float:
        clamped = min(max(day, start), end)
        return round(MARGIN + plot * (clamped - start).days / span_days, 1)

    bands = []
    rows: dict[int, int] = {}  # body id -> label row, so HRC and GA labels do not collide
    for session in sessions:
        row = rows.setdefault(session.body_id, len(rows))
        # The General Assembly sits all year; its main part is what deadlines refer to.
        closes = session.main_part_end or session.end
        bands.append(
            Band(
                session=session,
                x=x_of(session.start),
                width=max(round(x_of(closes) - x_of(session.start), 1), 2.0),
                label=str(session),
                estimated=session.is_estimated,
                label_y=16 + LABEL_ROW * min(row, 2),
                row=min(row, 2),
            )
        )
    lanes: list[float] = []  # the last x used in each lane
    markers = []
    for due_date, count, what in sorted(day for day in days if day[0]):
        x = x_of(due_date)
        lane = next((i for i, last in enumerate(lanes) if x - last >= MARKER_GAP), len(lanes))
        if lane == len(lanes):
            lanes.append(x)
        else:
            lanes[lane] = x
        markers.append(
            Marker(
                due_date=due_date,
                count=count,
                x=x,
                y=AXIS_Y + LANE_HEIGHT * (lane + 1),
                label=f"{due_date.isoformat()}: {what}",
                lane=lane,
            )
        )
    months = _first_of_months(start, end)
    every = max(1, -(-len(months) // 12))  # at most about 12 labels, whatever the span
    ticks = [
        Tick(x=x_of(day), label=day.strftime("%b %Y") if index % every == 0 else "")
        for index, day in enumerate(months)
    ]
    height = AXIS_Y + LANE_HEIGHT * (max(len(lanes), 1) + 1)
    # Upright, wider than a phone only when the lanes would reach the session labels.
    upright_width = max(
        UPRIGHT_WIDTH,
        UPRIGHT_AXIS_X
        + LANE_HEIGHT * (len(lanes) + 1)
        + 12
        + UPRIGHT_LABEL_COLUMN * min(len(rows), 3),
    )
    for band in bands:
        band.label_x = upright_width - UPRIGHT_EDGE - UPRIGHT_LABEL_COLUMN * band.row
    return Timeline(
        start=start,
        end=end,
        width=width,
        height=height,
        axis_y=AXIS_Y,
        bands=bands,
        markers=markers,
        ticks=ticks,
        today_x=x_of(today) if today and start <= today <= end else None,
        upright_width=upright_width,
    )
