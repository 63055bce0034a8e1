"""One way for every benchmark to report a figure beside its goal (`make bench` collects them).

A figure is printed twice: a readable line for people running one script, and a line starting
with ``FIGURE`` and a JSON object that bench/run.py gathers into one table. Absolute times
are noisy on a shared machine, so a figure may carry a reference measured in the same run
(for instance a bare regex pass over the same files): the table then shows the ratio too.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

MARKER = "FIGURE "


@dataclass(frozen=True)
class Figure:
    label: str
    value: float
    unit: str
    goal: float
    # "max": the value must stay at or under the goal (times); "min": at or over it (rates).
    goal_is: str = "max"
    reference_label: str = ""
    reference_value: float | None = None

    @property
    def met(self) -> bool:
        return self.value <= self.goal if self.goal_is == "max" else self.value >= self.goal

    @property
    def ratio(self) -> float | None:
        if not self.reference_value:
            return None
        return self.value / self.reference_value

    def as_line(self) -> str:
        sign = "<=" if self.goal_is == "max" else ">="
        text = (
            f"{self.label}: {_number(self.value)} {self.unit}"
            f"  (goal {sign} {_number(self.goal)} {self.unit}: {'met' if self.met else 'MISSED'})"
        )
        if self.ratio is not None:
            text += (
                f"  = {self.ratio:.2f} x {self.reference_label}"
                f" ({_number(self.reference_value or 0)} {self.unit})"
            )
        return text


def report(
    label: str,
    value: float,
    unit: str,
    *,
    goal: float,
    goal_is: str = "max",
    reference: tuple[str, float] | None = None,
) -> Figure:
    """Print one figure for people and for bench/run.py; returns it for the caller's checks."""
    if goal_is not in ("max", "min"):
        raise ValueError("goal_is is 'max' (stay under) or 'min' (reach at least)")
    figure = Figure(
        label=label,
        value=value,
        unit=unit,
        goal=goal,
        goal_is=goal_is,
        reference_label=reference[0] if reference else "",
        reference_value=reference[1] if reference else None,
    )
    print(figure.as_line())
    print(MARKER + json.dumps(asdict(figure)), flush=True)
    return figure


def figures_in(output: str) -> list[Figure]:
    """The figures a benchmark printed, in order."""
    return [
        Figure(**json.loads(line[len(MARKER) :]))
        for line in output.splitlines()
        if line.startswith(MARKER)
    ]


def _number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"
