"""Server-rendered SVG geometry: each hypothesis's probability across turns.

Only numbers are computed here; the template draws them (hypothesis names stay autoescaped).
Colours are the Okabe–Ito palette, and each series also has its own dash pattern and marker so the
lines stay apart without colour.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8C6D00", "#3F7FBF")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 4", "1 2")
MARKERS = ("circle", "square", "diamond", "triangle", "circle", "square")


@dataclass
class Point:
    turn: int
    probability: float
    x: float
    y: float
    marker: str = "circle"

    @property
    def percent(self) -> int:
        return round(self.probability * 100)

    @property
    def marker_path(self) -> str:
        """A small closed shape centred on the point (circle, square, diamond or triangle)."""
        x, y, r = self.x, self.y, 4.5
        if self.marker == "square":
            return (
                f"M{x - r + 1:.1f},{y - r + 1:.1f}"
                f"h{2 * r - 2:.1f}v{2 * r - 2:.1f}h{-(2 * r - 2):.1f}Z"
            )
        if self.marker == "diamond":
            return (
                f"M{x:.1f},{y - r:.1f}L{x + r:.1f},{y:.1f}L{x:.1f},{y + r:.1f}L{x - r:.1f},{y:.1f}Z"
            )
        if self.marker == "triangle":
            return f"M{x:.1f},{y - r:.1f}L{x + r:.1f},{y + r - 1:.1f}L{x - r:.1f},{y + r - 1:.1f}Z"
        return f"M{x - r:.1f},{y:.1f}a{r},{r} 0 1,0 {2 * r},0a{r},{r} 0 1,0 {-2 * r},0"


@dataclass
class Series:
    label: str
    colour: str
    dash: str
    marker: str
    points: list[Point] = field(default_factory=list)

    @property
    def path(self) -> str:
        """Lines join consecutive turns only; a turn without the hypothesis breaks the line."""
        parts, previous = [], None
        for p in self.points:
            parts.append(
                f"{'L' if previous is not None and p.turn == previous + 1 else 'M'}"
                f"{p.x:.1f},{p.y:.1f}"
            )
            previous = p.turn
        return " ".join(parts)

    latest: Point | None = None  # the point at the chart's last turn, if the hypothesis is there


@dataclass
class Tick:
    value: str
    x: float
    y: float


@dataclass
class Chart:
    width: int
    height: int
    left: int
    top: int
    plot_width: int
    plot_height: int
    series: list[Series]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    turns: list[int]
    hidden: int  # hypotheses not drawn (beyond the most probable few)

    @property
    def bottom(self) -> int:
        return self.top + self.plot_height

    @property
    def right(self) -> int:
        return self.left + self.plot_width

    def table(self) -> list[tuple[str, list[str]]]:
        """The same numbers as rows for screen readers and the "as a table" view."""
        rows = []
        for s in self.series:
            by_turn = {p.turn: f"{p.percent}%" for p in s.points}
            rows.append((s.label, [by_turn.get(t, "—") for t in self.turns]))
        return rows


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def probability_chart(
    turns: list[tuple[int, list[tuple[str, float]]]],
    *,
    max_series: int = 6,
    width: int = 320,
    height: int = 200,
) -> Chart | None:
    """turns: [(turn_index, [(diagnosis, probability), ...]), ...] for completed turns, in order."""
    turns = [(i, diff) for i, diff in turns if diff]
    if not turns:
        return None
    labels: dict[str, str] = {}
    values: dict[str, dict[int, float]] = {}
    for index, differential in turns:
        for name, probability in differential:
            key = _key(name)
            if not key:
                continue
            labels.setdefault(key, name)
            values.setdefault(key, {})[index] = max(0.0, min(1.0, float(probability or 0.0)))
    # The most probable hypotheses at any point, ties broken by the latest turn's standing.
    last_index = turns[-1][0]
    ranked = sorted(
        values,
        key=lambda k: (max(values[k].values()), values[k].get(last_index, 0.0)),
        reverse=True,
    )
    shown = ranked[:max_series]
    left, top, right_pad, bottom_pad = 38, 10, 12, 30
    plot_w, plot_h = width - left - right_pad, height - top - bottom_pad
    indices = [i for i, _ in turns]
    lo, hi = indices[0], indices[-1]
    span = max(hi - lo, 1)

    def x_of(index: int) -> float:
        return left + (plot_w / 2 if hi == lo else (index - lo) / span * plot_w)

    def y_of(p: float) -> float:
        return top + (1.0 - p) * plot_h

    series = []
    for n, key in enumerate(shown):
        s = Series(
            label=labels[key],
            colour=PALETTE[n % len(PALETTE)],
            dash=DASHES[n % len(DASHES)],
            marker=MARKERS[n % len(MARKERS)],
        )
        s.points = [
            Point(
                turn=i,
                probability=values[key][i],
                x=x_of(i),
                y=y_of(values[key][i]),
                marker=s.marker,
            )
            for i in indices
            if i in values[key]
        ]
        s.latest = s.points[-1] if s.points[-1].turn == hi else None
        series.append(s)
    return Chart(
        width=width,
        height=height,
        left=left,
        top=top,
        plot_width=plot_w,
        plot_height=plot_h,
        series=series,
        x_ticks=[Tick(value=str(i + 1), x=x_of(i), y=top + plot_h + 18) for i in indices],
        y_ticks=[Tick(value=f"{v}%", x=left - 6, y=y_of(v / 100)) for v in (0, 25, 50, 75, 100)],
        turns=indices,
        hidden=max(0, len(ranked) - len(shown)),
    )
