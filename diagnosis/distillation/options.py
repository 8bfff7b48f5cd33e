"""The options of a distillation run, their bounds and the labelling thresholds' defaults
(docs/distillation.md). One definition for the command, the Distill form and the runner."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

MAX_BRANCHING = 8
MAX_DEPTH = 12
MAX_WORKERS = 64


@dataclass(frozen=True)
class Thresholds:
    """min_rac: the least RAC a kept path (session RAC) or kept turn (turn RAC) may have;
    min_dtc: the least session DTC of a retained path; max_gold_rank: the worst rank of the gold
    diagnosis in a consistent turn; min_prefix_turns: the shortest truncated prefix kept."""

    min_rac: float = 0.5
    min_dtc: float = 0.5
    max_gold_rank: int = 3
    min_prefix_turns: int = 2

    def __post_init__(self) -> None:
        for name in ("min_rac", "min_dtc"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {value}")
        if not 1 <= self.max_gold_rank <= 15:
            raise ValueError(f"max_gold_rank must be between 1 and 15, got {self.max_gold_rank}")
        if not 1 <= self.min_prefix_turns <= MAX_DEPTH:
            raise ValueError(
                f"min_prefix_turns must be between 1 and {MAX_DEPTH}, got {self.min_prefix_turns}"
            )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
