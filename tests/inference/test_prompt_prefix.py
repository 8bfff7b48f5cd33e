"""Prompts grow append-only from turn to turn, so vLLM's automatic prefix cache (and the pool's
session-sticky routing) reuses a conversation's earlier turns: what changes each turn (its number,
the instruction) comes after the trajectory, never before it."""

from __future__ import annotations

import os

import pytest

from diagnosis.protocol import Observation, PastTurn, PolicyContext
from inference.serving.profiles import all_profiles
from tests.doubles import decision_order

# Each profile's prompt as one text, the way the chat template lays the messages end to end.
PROFILES = sorted(all_profiles())


def _context(turn_index: int) -> PolicyContext:
    past = tuple(
        PastTurn(
            index=i,
            decision=decision_order([f"Test {i}"]),
            observations=(Observation(order=f"Test {i}", status="answered", result=f"value {i}"),),
        )
        for i in range(turn_index)
    )
    return PolicyContext(
        session_id="s-1",
        turn_index=turn_index,
        mode="simulated",
        presentation="Three months of fatigue; pale; heavy periods.",
        demographics="34-year-old woman",
        past_turns=past,
        max_turns=8,
    )


def _prompt(key: str, turn_index: int) -> str:
    profile = all_profiles()[key]
    schema = profile.schema(must_finalise=False)
    messages = profile.messages(_context(turn_index), schema)
    return "\n".join(m["content"] for m in messages)


@pytest.mark.parametrize("key", PROFILES)
def test_the_next_turns_prompt_starts_with_all_of_this_turns_trajectory(key):
    for turn in (1, 2, 3):
        now, following = _prompt(key, turn), _prompt(key, turn + 1)
        shared = len(os.path.commonprefix([now, following]))
        last_line = f"Test {turn - 1}"  # the newest result line of this turn's prompt
        if last_line not in now:
            continue  # a profile (a swarm panel's) that shows no trajectory
        end_of_trajectory = now.rindex(last_line) + len(last_line)
        assert shared >= end_of_trajectory, (
            f"{key}: turn {turn + 1}'s prompt departs from turn {turn}'s at "
            f"{now[shared : shared + 60]!r}, before the end of its trajectory"
        )
