"""Test doubles for the policy protocol (the real policies live in inference/)."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterator

from diagnosis.protocol import (
    CallInfo,
    FinalDecision,
    PartialDecision,
    PolicyContext,
    PolicyError,
    PolicyUpdate,
    TurnDecision,
)


def decision_order(tests: list[str], leading: str = "Iron deficiency anaemia") -> TurnDecision:
    return TurnDecision.model_validate(
        {
            "reasoning": "Fatigue and pallor: check blood counts.",
            "differential": [
                {"diagnosis": leading, "probability": 0.6, "evidence_for": ["pallor"]},
                {"diagnosis": "Hypothyroidism", "probability": 0.3},
            ],
            "action": {
                "type": "order_tests",
                "tests": [{"test": t, "rationale": "separates the leading two"} for t in tests],
            },
        }
    )


def decision_final(diagnosis: str = "Iron deficiency anaemia") -> TurnDecision:
    return TurnDecision.model_validate(
        {
            "reasoning": "Microcytic anaemia with low ferritin.",
            "differential": [
                {"diagnosis": diagnosis, "probability": 0.9},
                {"diagnosis": "Hypothyroidism", "probability": 0.05},
            ],
            "action": {"type": "final_diagnosis", "diagnosis": diagnosis, "confidence": 0.9},
        }
    )


class ScriptedPolicy:
    """Turn 0 orders a CBC and a made-up test; turn 1 (or a forced final) commits.

    Streams a few partial decisions, spaced so that the runner's batching emits several events.
    """

    key = "scripted"
    partial_delay = 0.1

    def run(self, context: PolicyContext) -> Iterator[PolicyUpdate]:
        final = context.turn_index >= 1 or context.must_finalise
        decision = (
            decision_final()
            if final
            else decision_order(["Complete blood count", "Unobtainium level"])
        )
        data = decision.model_dump(mode="json")
        yield PartialDecision(data={"reasoning": data["reasoning"][:10]})
        time.sleep(self.partial_delay)
        yield PartialDecision(
            data={"reasoning": data["reasoning"], "differential": data["differential"][:1]}
        )
        time.sleep(self.partial_delay)
        yield PartialDecision(
            data={"reasoning": data["reasoning"], "differential": data["differential"]}
        )
        time.sleep(self.partial_delay)
        yield FinalDecision(
            decision=decision,
            call=CallInfo(
                model="scripted",
                prompt_tokens=10,
                completion_tokens=20,
                ttft_ms=1.0,
                total_ms=3 * self.partial_delay * 1000,
            ),
        )


class SlowScriptedPolicy(ScriptedPolicy):
    partial_delay = 0.6


class PatientScriptedPolicy(ScriptedPolicy):
    """Waits 1.5 s between partials, like a model streaming a long answer (about 4.5 s a turn)."""

    partial_delay = 1.5


class FailingPolicy:
    key = "failing"

    def run(self, context: PolicyContext) -> Iterator[PolicyUpdate]:
        yield PartialDecision(data={"reasoning": "thinking"})
        raise PolicyError("Model server unavailable.", retryable=True)


class CrashingPolicy:
    key = "crashing"

    def run(self, context: PolicyContext) -> Iterator[PolicyUpdate]:
        raise ZeroDivisionError("boom")
        yield  # pragma: no cover


class NullDispatcher:
    """A turn dispatcher that runs nothing: the turn stays pending (tests of pages, sockets,
    logs)."""

    def dispatch_turn(self, turn_id: int, *, batch: bool | None = None) -> None:
        return None

    def dispatch_job(self, path: str, object_id: int) -> None:
        return None


class SyncDispatcher:
    """Runs each dispatched turn at once, in the dispatching thread (webapp.settings_test's
    dispatcher). Services dispatch on commit, so a service call returns after the turns it set off
    have run: a flow test reads the outcome instead of polling a worker thread.

    The turn a completing turn dispatches (on the commit inside turn_run) is queued and run when
    that one has returned: turns run one after another in a loop, never nested.
    """

    def __init__(self) -> None:
        self._local = threading.local()

    def dispatch_turn(self, turn_id: int, *, batch: bool | None = None) -> None:
        from diagnosis.sessions import runner

        queued: deque[int] | None = getattr(self._local, "queued", None)
        if queued is not None:  # called from inside a running turn
            queued.append(turn_id)
            return
        self._local.queued = queued = deque([turn_id])
        try:
            while queued:
                runner.turn_run(queued.popleft())
        finally:
            self._local.queued = None

    def dispatch_job(self, path: str, object_id: int) -> None:
        """A long job (a distillation run) at once, in this thread."""
        from django.utils.module_loading import import_string

        import_string(path)(object_id)


def launch_inline(run_id: int, item_ids: list[int], allow_failed: bool) -> None:
    """A benchmark launcher that runs each item at once, in the launching thread (the suite's)."""
    from diagnosis.benchmarks.driver import item_run

    for item_id in item_ids:
        item_run(item_id, allow_failed=allow_failed)
