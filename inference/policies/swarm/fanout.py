"""Running a stage's sub-agents concurrently, each in its own thread with its own context.

Each sub-agent reports partial output while it works (a lane on the page); one still running at
its deadline is cancelled and recorded as a timeout; one that fails (invalid JSON, a refusal, a
server error) is recorded with why. The others go on: a stage ends when every lane has ended.
`max_parallel` (1: one after another) bounds how many run at once: the sequential baseline.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any

from django import db

from diagnosis.protocol import CallInfo
from diagnosis.swarm.report import SubagentCall, SubagentStatus
from inference.policies.swarm.roles import SubTask

log = logging.getLogger(__name__)


class SubagentFailure(Exception):
    def __init__(self, status: SubagentStatus, message: str, call: CallInfo | None = None):
        super().__init__(message)
        self.status: SubagentStatus = status
        self.call = call or CallInfo()


Report = Callable[[dict[str, Any]], None]
OnCancel = Callable[[Callable[[str], None]], None]
# (task, report partial output, register a cancel hook) -> (validated output, its call)
RunOne = Callable[[SubTask, Report, OnCancel], tuple[dict[str, Any], CallInfo]]


@dataclass
class Lane:
    task: SubTask
    status: str = "queued"  # queued | running | ok | timeout | invalid | refused | error
    partial: dict[str, Any] = field(default_factory=dict)
    started: float | None = None
    ended: float | None = None
    output: dict[str, Any] = field(default_factory=dict)
    call: CallInfo = field(default_factory=CallInfo)
    error: str = ""
    cancel: Callable[[str], None] | None = None

    def view(self, t0: float) -> dict[str, Any]:
        """What the page shows of the lane while the turn streams."""
        now = self.ended or time.monotonic()
        return {
            "stage": self.task.stage,
            "role": self.task.role,
            "label": self.task.label,
            "status": self.status,
            "ms": round((now - self.started) * 1000, 1) if self.started else None,
            "error": self.error[:300],
            "output": self.output or self.partial,
        }


def _worker(index: int, lane: Lane, run_one: RunOne, out: queue.SimpleQueue[Any]) -> None:
    def report(partial: dict[str, Any]) -> None:
        out.put(("partial", index, partial))

    def on_cancel(hook: Callable[[str], None]) -> None:
        lane.cancel = hook

    try:
        output, call = run_one(lane.task, report, on_cancel)
        out.put(("done", index, (output, call)))
    except SubagentFailure as failure:
        out.put(("failed", index, failure))
    except Exception as exc:  # a crashing sub-agent is one failed lane, not a failed turn
        log.exception("sub-agent %s crashed", lane.task.key)
        out.put(("failed", index, SubagentFailure("error", f"crashed ({type(exc).__name__})")))
    finally:
        db.connections.close_all()  # this thread's connections only


def run_stage(
    tasks: list[SubTask],
    run_one: RunOne,
    *,
    t0: float,
    max_parallel: int,
    timeout_for: Callable[[str], float],
    lanes_before: list[dict[str, Any]] | None = None,
) -> Generator[list[dict[str, Any]], None, list[SubagentCall]]:
    """Yields every lane's view (earlier stages' first) as lanes change; returns the calls."""
    lanes = [Lane(task=t) for t in tasks]
    inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
    limit = max_parallel if max_parallel > 0 else len(lanes)
    waiting = list(range(len(lanes)))
    running: set[int] = set()
    before = lanes_before or []

    def start_more() -> None:
        while waiting and len(running) < limit:
            i = waiting.pop(0)
            lanes[i].status, lanes[i].started = "running", time.monotonic()
            running.add(i)
            threading.Thread(
                target=_worker,
                args=(i, lanes[i], run_one, inbox),
                name=f"swarm-{lanes[i].task.role}",
                daemon=True,
            ).start()

    def end(i: int, status: str, error: str = "", call: CallInfo | None = None) -> None:
        lane = lanes[i]
        lane.status, lane.error, lane.ended = status, error, time.monotonic()
        if call is not None:
            lane.call = call
        running.discard(i)

    start_more()
    yield before + [lane.view(t0) for lane in lanes]
    while running:
        deadlines = {i: lanes[i].started + timeout_for(lanes[i].task.role) for i in running}  # type: ignore[operator]
        wait = max(0.0, min(deadlines.values()) - time.monotonic())
        try:
            kind, i, value = inbox.get(timeout=wait)
        except queue.Empty:
            now = time.monotonic()
            for i, due in deadlines.items():
                if now >= due:
                    limit_s = timeout_for(lanes[i].task.role)
                    message = f"no answer within {limit_s:g} s"
                    hook = lanes[i].cancel
                    if hook is not None:
                        hook(message)
                    end(i, "timeout", message)
            start_more()
            yield before + [lane.view(t0) for lane in lanes]
            continue
        if i not in running:
            continue  # a lane already timed out: its late answer is not used
        if kind == "partial":
            lanes[i].partial = value
        elif kind == "done":
            lanes[i].output = value[0]
            end(i, "ok", call=value[1])
        else:
            end(i, value.status, str(value), call=value.call)
        start_more()
        yield before + [lane.view(t0) for lane in lanes]
    return [
        SubagentCall(
            stage=lane.task.stage,
            role=lane.task.role,
            label=lane.task.label,
            status=lane.status,  # type: ignore[arg-type]
            call=_timed(lane),
            started_ms=round(((lane.started or t0) - t0) * 1000, 2),
            ended_ms=round(((lane.ended or time.monotonic()) - t0) * 1000, 2),
            output=lane.output,
            error=lane.error,
        )
        for lane in lanes
    ]


def _timed(lane: Lane) -> CallInfo:
    """The lane's call with a total time even when it never returned one (a timeout)."""
    if lane.call.total_ms is not None or lane.started is None or lane.ended is None:
        return lane.call
    from dataclasses import replace

    return replace(lane.call, total_ms=round((lane.ended - lane.started) * 1000, 2))
