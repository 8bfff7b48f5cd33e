"""The environment state of one tree node: a frozen, copyable value.

A node's state is everything the next decision depends on: the case (a frozen CaseSnapshot),
the turns so far (each a frozen PastTurn holding a private copy of its decision and a tuple of
frozen Observations), the running cost and whether the path has ended. `step` returns a new
state and never changes the one it was called on, so sibling branches share no mutable value.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from diagnosis.cases.snapshots import CaseSnapshot
from diagnosis.environment import answers
from diagnosis.environment.costs import CostTable, turn_cost
from diagnosis.protocol import (
    FinalDiagnosisAction,
    Observation,
    OrderTestsAction,
    PastTurn,
    PolicyContext,
    TurnDecision,
)


@dataclass(frozen=True)
class EnvState:
    snapshot: CaseSnapshot
    max_turns: int
    turns: tuple[PastTurn, ...] = ()
    cost: Decimal = Decimal("0")
    final_diagnosis: str | None = None  # set once a final diagnosis ended the path

    @property
    def turn(self) -> int:
        """The index of the next turn (0 at the root)."""
        return len(self.turns)

    @property
    def ended(self) -> bool:
        return self.final_diagnosis is not None or self.turn >= self.max_turns

    @property
    def decisions(self) -> list[TurnDecision]:
        return [t.decision for t in self.turns]

    @property
    def observations(self) -> list[list[Observation]]:
        return [list(t.observations) for t in self.turns]

    def context(self, session_id: str) -> PolicyContext:
        """What the policy may see at this node: never the menu or the gold diagnosis."""
        snap = self.snapshot
        return PolicyContext(
            session_id=session_id,
            turn_index=self.turn,
            mode="simulated",
            presentation=snap.initial_presentation,
            demographics=snap.demographics,
            history=tuple(h.model_dump() for h in snap.history),
            past_turns=self.turns,
            max_turns=self.max_turns,
            must_finalise=self.turn + 1 >= self.max_turns,
        )

    def step(self, decision: TurnDecision, *, table: CostTable) -> EnvState:
        """The state after `decision`: its orders answered by the case (as in a simulated
        session, environment/answers.py), priced with the turn fee; a final diagnosis ends it."""
        if self.ended:
            raise ValueError("this path has ended; it has no next turn")
        own = decision.model_copy(deep=True)  # the child's own copy: siblings never share it
        action = own.action
        observations: tuple[Observation, ...] = ()
        if isinstance(action, OrderTestsAction):
            orders = [t.test for t in action.tests]
            observations = tuple(answers.answer_orders(self.snapshot, orders, table=table))
        cost = turn_cost(
            observations_cost=sum(o.cost for o in observations),
            ordered=isinstance(action, OrderTestsAction),
            table=table,
        )
        final = action.diagnosis if isinstance(action, FinalDiagnosisAction) else None
        return EnvState(
            snapshot=self.snapshot,
            max_turns=self.max_turns,
            turns=(*self.turns, PastTurn(index=self.turn, decision=own, observations=observations)),
            cost=self.cost + cost,
            final_diagnosis=final,
        )
