"""Numbers a resume states, sorted, so the claim check looks each claimed number up by
bisection instead of comparing it with every number of the other resume (quadratic: a
10,000-bullet resume took minutes)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from engine.text_facts import precision_step, rounded_down_from, same_value

_STEPS = (0.01, 0.1, *(10.0 ** e for e in range(13)))  # every precision rounded_down_from uses


class NumberIndex:
    def __init__(self, values: Iterable[float]) -> None:
        self._values = sorted(values)

    def _near(self, low: float, high: float) -> list[float]:
        slack = 1e-9 * max(1.0, abs(low), abs(high))
        return self._values[bisect_left(self._values, low - slack):
                            bisect_right(self._values, high + slack)]

    def supports(self, claimed: float) -> bool:
        """Whether a known number equals ``claimed`` or rounds down to it ("1,200+" from
        1,234): such a number lies in [claimed, claimed + its precision step]."""
        return any(same_value(claimed, known) or rounded_down_from(claimed, known)
                   for known in self._near(claimed, claimed + precision_step(claimed)))

    def keeps(self, original: float) -> bool:
        """Whether a known number equals ``original`` or is ``original`` rounded down:
        one candidate per precision step."""
        candidates = {original, *((original // step) * step for step in _STEPS)}
        return any(same_value(original, known) or rounded_down_from(known, original)
                   for value in candidates for known in self._near(value, value))

