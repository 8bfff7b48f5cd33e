"""Policies the browser tests register in the server (MEDACTION_EXTRA_POLICIES)."""

from __future__ import annotations

import time
from collections.abc import Iterator

from diagnosis.protocol import (
    CallInfo,
    FinalDecision,
    PartialDecision,
    PolicyContext,
    PolicyUpdate,
    TurnDecision,
)


class EchoPolicy:
    """Writes the case text back as its reasoning, a hypothesis, an order and its rationale:
    whatever markup the case carries reaches every model-text slot of the page."""

    key = "echo"

    def run(self, context: PolicyContext) -> Iterator[PolicyUpdate]:
        text = context.presentation[:190]
        final = context.turn_index >= 1
        action = (
            {"type": "final_diagnosis", "diagnosis": text, "confidence": 0.7}
            if final
            else {"type": "order_tests", "tests": [{"test": text, "rationale": text}]}
        )
        data = {
            "reasoning": text,
            "differential": [{"diagnosis": text, "probability": 0.7, "evidence_for": [text]}],
            "action": action,
        }
        yield PartialDecision(data={"reasoning": text})
        time.sleep(0.05)
        yield FinalDecision(
            decision=TurnDecision.model_validate(data), call=CallInfo(model=text[:100])
        )


class FlakyPolicy:
    """The model server is down for the first turn's first attempt and back for the retry."""

    key = "flaky"
    attempts: dict[tuple[str, int], int] = {}

    def run(self, context: PolicyContext) -> Iterator[PolicyUpdate]:
        from diagnosis.protocol import PolicyError
        from tests.doubles import ScriptedPolicy

        key = (context.session_id, context.turn_index)
        self.attempts[key] = self.attempts.get(key, 0) + 1
        if context.turn_index == 0 and self.attempts[key] == 1:
            yield PartialDecision(data={"reasoning": "Thinking"})
            raise PolicyError("Model server unavailable (connection refused).", retryable=True)
        yield from ScriptedPolicy().run(context)


class OutagePolicy:
    """The model server is down the first time each case is seen (in this server process), and
    back afterwards: a benchmark run fails every case, and a resume runs them all to the end."""

    key = "outage"
    seen: set[str] = set()

    def run(self, context: PolicyContext) -> Iterator[PolicyUpdate]:
        from diagnosis.protocol import PolicyError
        from tests.doubles import ScriptedPolicy

        if context.presentation not in self.seen:
            self.seen.add(context.presentation)
            raise PolicyError("Model server unavailable (connection refused).", retryable=True)
        yield from ScriptedPolicy().run(context)
