"""Sub-agents that are model calls: each its own prompt (from the profile's role templates), its
own small JSON schema, through the endpoint pool (so they are in flight at the same time)."""

from __future__ import annotations

import time
from string import Template
from typing import Any

import pydantic_core
from django.conf import settings
from pydantic import ValidationError

from diagnosis.protocol import CallInfo, PolicyContext
from diagnosis.swarm.report import SubagentStatus
from inference.policies.swarm.config import SwarmConfig
from inference.policies.swarm.fanout import OnCancel, Report, SubagentFailure
from inference.policies.swarm.roles import SCHEMA_NAMES, SubTask, role_schema, role_validate
from inference.serving.client import ChatRequest
from inference.serving.pool import ModelCallError, get_pool
from inference.serving.profiles import Profile, prompt_values

PARSE_INTERVAL = 0.05  # s: re-read a lane's growing answer at most this often


class LLMAgents:
    def __init__(self, profile: Profile, config: SwarmConfig, context: PolicyContext) -> None:
        self.profile, self.config, self.context = profile, config, context
        self.base = prompt_values(context, profile, None)

    def request(self, task: SubTask) -> ChatRequest:
        role = self.config.role(task.role)
        if not role.system or not role.user:
            raise SubagentFailure("error", f"the profile has no prompt for the {task.role} role")
        values = {**self.base, **task.values}
        messages = (
            {"role": "system", "content": Template(role.system).safe_substitute(values).strip()},
            {"role": "user", "content": Template(role.user).safe_substitute(values).strip()},
        )
        return ChatRequest(
            model=self.profile.model_name,
            messages=messages,
            max_tokens=min(role.max_tokens, settings.VLLM_MAX_TOKENS),
            temperature=self.profile.temperature,
            top_p=self.profile.top_p,
            seed=self.profile.seed,
            schema=role_schema(task.role),
            schema_name=SCHEMA_NAMES[task.role],
            constraint=(
                self.profile.constraint if self.profile.constraint != "none" else "response_format"
            ),
        )

    def run_one(
        self, task: SubTask, report: Report, on_cancel: OnCancel
    ) -> tuple[dict[str, Any], CallInfo]:
        request = self.request(task)
        stream = get_pool().stream(request)
        on_cancel(stream.cancel)
        parsed_at = 0.0
        try:
            for _piece in stream:
                now = time.monotonic()
                if now - parsed_at < PARSE_INTERVAL:
                    continue
                parsed_at = now
                try:
                    partial = pydantic_core.from_json(
                        stream.outcome.text, allow_partial="trailing-strings"
                    )
                except ValueError:
                    continue
                if isinstance(partial, dict):
                    report(partial)
        except ModelCallError as exc:
            status: SubagentStatus = "timeout" if exc.error.kind == "timeout" else "error"
            raise SubagentFailure(status, str(exc), exc.call) from None
        outcome = stream.outcome
        call = outcome.call
        if outcome.refusal or outcome.finish_reason == "content_filter":
            raise SubagentFailure(
                "refused", f"declined: {outcome.refusal[:200] or 'content filter'}", call
            )
        if outcome.finish_reason == "length":
            raise SubagentFailure("invalid", "the answer was cut off at its token limit", call)
        if not outcome.text.strip():
            raise SubagentFailure("invalid", "the answer was empty", call)
        try:
            return role_validate(task.role, outcome.text), call
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "answer"
            raise SubagentFailure(
                "invalid", f"the answer does not fit its schema ({where}: {first['msg']})", call
            ) from None
