"""The report's timeline as geometry: dates to x positions, chairmanship bands, occurrence marks.

Pure arithmetic on plain values, so the picture can be tested without a browser; the template
only writes the numbers computed here into SVG elements (and escapes every text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from bsec_plan.plaindata import dataclass

WIDTH = 1000.0  # SVG user units; the drawing scales to the page's width (never below its CSS
# min-width: on a phone the figure scrolls sideways rather than shrink its 12-unit text below 9 px)
LEFT = 72.0  # room for the labels of the lanes: action ids, or statuses in a summary
RIGHT = 12.0
AXIS_Y = 14.0  # baseline of the year labels
BAND_TOP, BAND_HEIGHT = 22.0, 24.0
LANES_TOP, LANE_HEIGHT = 58.0, 18.0
BOTTOM = 24.0  # room for the as-of date's label under the lanes
RADIUS = 5.5
MAX_LANES = 40  # more actions than this, and the marks are summarised: one lane per status

# Colour alone never tells a status: each has its own shape too (see the legend).
SHAPES = {
    "overdue": "triangle",
    "due soon": "square",
    "upcoming": "ring",
    "done": "circle",
    "done late": "diamond",
}


@dataclass(frozen=True)
class Scale:
    """Days `start`..`end` (both included) laid over x = left..right."""

    start: dt.date
    end: dt.date
    left: float = LEFT
    right: float = WIDTH - RIGHT

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def x(self, day: dt.date) -> float:
        """Where `day` begins; the day after `end` begins at `right`."""
        return round(self.left + (day - self.start).days * (self.right - self.left) / self.days, 2)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Band:
    """A run of days with one holder of the Chairmanship-in-Office (None: not found)."""

    holder: str | None
    start: dt.date
    end: dt.date
    x0: float
    x1: float

    @property
    def width(self) -> float:
        return round(self.x1 - self.x0, 2)

    @property
    def middle(self) -> float:
        return round((self.x0 + self.x1) / 2, 2)


def bands(
    scale: Scale, holder_on: Callable[[dt.date], str | None], changes: Iterable[dt.date]
) -> list[Band]:
    """The whole scale cut into runs of days with the same holder: each band ends where the next
    begins, so there is no gap and no overlap; days without a known holder form their own bands.

    `changes` are the only days on which the holder may change (each term's first day and the
    day after its last), so the work grows with the terms, not with the days of the scale."""
    cuts = sorted({scale.start, *(d for d in changes if scale.start < d <= scale.end)})
    after_end = scale.end + dt.timedelta(days=1)
    out: list[Band] = []
    for start, following in zip(cuts, [*cuts[1:], after_end], strict=True):
        holder = holder_on(start)
        if out and out[-1].holder == holder:  # a term that follows one of the same state
            start = out.pop().start
        last = following - dt.timedelta(days=1)
        out.append(Band(holder, start, last, scale.x(start), scale.x(following)))
    return out


@dataclass(frozen=True)
class Point:
    """One dated occurrence to draw: its lane (the action), due date, status and full title."""

    lane: str
    due: dt.date
    status: str
    title: str


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    status: str
    path: str  # SVG path data of the status's shape
    title: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str | None  # a year's first day is labelled (or the scale's, in its first year)


@dataclass(frozen=True)
class Timeline:
    width: float
    height: float
    scale: Scale
    bands: list[Band]
    lanes: list[tuple[str, float]]  # label, y of the lane's centre
    marks: list[Mark]
    ticks: list[Tick]
    as_of: dt.date
    as_of_x: float | None  # None when the as-of date is outside the drawing
    summarised: bool = False  # one lane per status, one mark per status and month

    @property
    def as_of_anchor(self) -> str:
        """Where the as-of label sits on its line: centred, unless that runs off an edge."""
        x = self.as_of_x or 0.0
        if x < self.scale.left + 60:
            return "start"
        return "end" if x > self.scale.right - 60 else "middle"


def shape_path(status: str, x: float, y: float, r: float = RADIUS) -> str:
    """SVG path data of the status's shape centred on (x, y)."""
    shape = SHAPES[status]
    if shape == "triangle":
        return f"M{x:g},{y - r:g}L{x + r:g},{y + r * 0.85:g}L{x - r:g},{y + r * 0.85:g}Z"
    if shape == "square":
        s = round(r * 0.85, 2)
        return f"M{x - s:g},{y - s:g}h{2 * s:g}v{2 * s:g}h{-2 * s:g}Z"
    if shape == "diamond":
        return f"M{x:g},{y - r:g}L{x + r:g},{y:g}L{x:g},{y + r:g}L{x - r:g},{y:g}Z"
    # circle and ring: the same outline; CSS fills one and leaves the other hollow
    return f"M{x - r:g},{y:g}a{r:g},{r:g} 0 1,0 {2 * r:g},0a{r:g},{r:g} 0 1,0 {-2 * r:g},0Z"


def ticks(scale: Scale) -> list[Tick]:
    """The first day of each year (labelled) and of each July within the scale; a scale that
    starts within a year has that year labelled at its start, so every year is named."""
    out = []
    for year in range(scale.start.year, scale.end.year + 1):
        for month, label in ((1, str(year)), (7, None)):
            day = dt.date(year, month, 1)
            if scale.contains(day):
                out.append(Tick(scale.x(day), label))
    if scale.start != dt.date(scale.start.year, 1, 1):
        out.insert(0, Tick(scale.left, str(scale.start.year)))
    return out


def summary(points: Iterable[Point]) -> list[Point]:
    """Too many lanes to draw: one point per status and month, at the month's first due date,
    its title counting the occurrences and naming the first few. The points are read once and
    not kept (a large plan's report passes them as they are made)."""
    groups: dict[tuple[str, int, int], list[Any]] = {}  # count, first due, first lanes
    for p in points:
        group = groups.get((p.status, p.due.year, p.due.month))
        if group is None:
            groups[(p.status, p.due.year, p.due.month)] = [1, p.due, [p.lane]]
            continue
        group[0] += 1
        group[1] = min(group[1], p.due)
        if len(group[2]) < 3:
            group[2].append(p.lane)
    order = {s: n for n, s in enumerate(SHAPES)}
    out = []
    for (status, year, month), (n, first, lanes) in sorted(
        groups.items(), key=lambda g: (order[g[0][0]], g[0][1:])
    ):
        names = ", ".join(lanes) + (f" and {n - 3} more" if n > 3 else "")
        count = f"{n} occurrence{'s' if n != 1 else ''}"
        title = f"{count} {status}, due in {year}-{month:02d}: {names}"
        out.append(Point(status, first, status, title))
    return out


def layout(
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    holder_on: Callable[[dt.date], str | None],
    changes: Iterable[dt.date],
    points: Sequence[Point],
    summarised: bool = False,
) -> Timeline:
    """The timeline of days start..end: one lane per action with a dated occurrence, in the
    order the points come, one mark per point; past MAX_LANES actions, a summary (`summary`).
    `summarised`: the points are a summary already (`summary` of a large plan's occurrences)."""
    scale = Scale(start, end)
    if not summarised and len({p.lane for p in points}) > MAX_LANES:
        points, summarised = summary(points), True
    lane_y: dict[str, float] = {}
    marks = []
    for p in points:
        y = lane_y.setdefault(p.lane, LANES_TOP + LANE_HEIGHT * (len(lane_y) + 0.5))
        x = scale.x(p.due)
        marks.append(Mark(x, y, p.status, shape_path(p.status, x, y), p.title))
    height = LANES_TOP + LANE_HEIGHT * len(lane_y) + BOTTOM
    return Timeline(
        width=WIDTH,
        height=height,
        scale=scale,
        bands=bands(scale, holder_on, changes),
        lanes=list(lane_y.items()),
        marks=marks,
        ticks=ticks(scale),
        as_of=as_of,
        as_of_x=scale.x(as_of) if scale.contains(as_of) else None,
        summarised=summarised,
    )
