"""The LLM policy: a served model (vLLM, through the endpoint pool) decides each turn.

The prompt comes from the model profile and the trajectory so far; a JSON profile holds the
output to the TurnDecision schema with vLLM structured outputs. The stream is read as partial
JSON (or tagged sections) so the differential and the orders show while they are generated.
Whatever goes wrong ends in a PolicyError with the raw text kept, never in a crashed session:
- the server is down or slow: retryable (the pool already retried before the first token);
- the answer was cut off at max_tokens (finish_reason "length"): a clear failure;
- the answer is not a valid TurnDecision: one repair attempt, then a failure;
- an empty or refused answer: a failure.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator, Iterator
from dataclasses import replace

from django.conf import settings

from diagnosis.protocol import (
    CallInfo,
    FinalDecision,
    PartialDecision,
    PolicyContext,
    PolicyError,
    PolicyUpdate,
    TurnDecision,
)
from inference.serving.client import ChatRequest
from inference.serving.parsing import (
    DecisionParseError,
    JsonDecisionReader,
    TaggedDecisionReader,
    reader_for,
)
from inference.serving.pool import CallOutcome, ModelCallError, get_pool
from inference.serving.profiles import Profile, get_profile

log = logging.getLogger(__name__)

PARTIAL_PARSE_INTERVAL = (
    0.025  # s: re-parse the growing answer at most this often (the first piece at once)
)

Reader = JsonDecisionReader | TaggedDecisionReader


class LLMPolicy:
    def __init__(self, profile: str | None = None) -> None:
        self.profile_key = profile or settings.VLLM_PROFILE
        self.key = f"llm:{profile}" if profile else "llm"

    def run(self, context: PolicyContext) -> Iterator[PolicyUpdate]:
        if not settings.VLLM_ENDPOINTS:
            raise PolicyError(
                "No model server is configured (VLLM_ENDPOINTS is empty).", retryable=True
            )
        try:
            profile = get_profile(self.profile_key)
        except KeyError as exc:
            raise PolicyError(
                f"This session's model profile is gone: {exc.args[0]}", retryable=False
            ) from None
        reader = reader_for(profile)
        schema = profile.schema(must_finalise=context.must_finalise)
        messages = profile.messages(context, schema)
        max_tokens = min(profile.max_tokens, settings.VLLM_MAX_TOKENS)
        request = ChatRequest(
            model=profile.model_name,
            messages=messages,
            max_tokens=max_tokens,
            temperature=profile.temperature,
            top_p=profile.top_p,
            stop=profile.stop,
            seed=profile.seed,
            schema=schema,
            constraint=profile.constraint,
            session_key=context.session_id,
            cache_salt=settings.VLLM_CACHE_SALT,
        )
        log.info(
            "session %s turn %s: asking %s (profile %s)",
            context.session_id,
            context.turn_index,
            request.model,
            profile.key,
        )
        first = yield from self._stream(request, reader)
        try:
            decision = self._decide(first, reader, profile, calls=[first.call])
        except DecisionParseError as problem:
            log.info(
                "session %s turn %s: answer unusable (%s); one repair attempt",
                context.session_id,
                context.turn_index,
                problem,
            )
            repair = replace(
                request,
                messages=(
                    *messages,
                    {"role": "assistant", "content": first.text},
                    profile.repair_message(str(problem)),
                ),
            )
            second = yield from self._stream(repair, reader, earlier=[first])
            calls = [first.call, second.call]
            try:
                decision = self._decide(second, reader, profile, calls=calls)
            except DecisionParseError as again:
                raise PolicyError(
                    "The model's answer could not be used, even after one repair attempt: "
                    f"{again}.",
                    retryable=True,
                    raw_output=_joined([first, second]),
                    call=merge_calls(calls),
                ) from None
            yield FinalDecision(decision=decision, call=merge_calls(calls, repaired=True))
            return
        yield FinalDecision(decision=decision, call=first.call)

    def _stream(
        self, request: ChatRequest, reader: Reader, earlier: list[CallOutcome] | None = None
    ) -> Generator[PartialDecision, None, CallOutcome]:
        started = time.monotonic()
        stream = get_pool().stream(request)
        last: dict = {}
        parsed_at = 0.0
        first_partial_ms: float | None = None
        try:
            for _piece in stream:
                now = time.monotonic()
                if last and now - parsed_at < PARTIAL_PARSE_INTERVAL:
                    continue
                parsed_at = now
                partial = reader.partial(stream.outcome.text)
                if partial and partial != last:
                    last = partial
                    if first_partial_ms is None:
                        first_partial_ms = round((now - started) * 1000, 2)
                    yield PartialDecision(data=partial)
        except ModelCallError as exc:
            outcomes = [*(earlier or []), stream.outcome]
            calls = [o.call for o in earlier or []] + [exc.call]
            if exc.after_first_token:
                message = (
                    f"The model's answer broke off while streaming: {exc}. You can retry the turn."
                )
            else:
                message = f"{exc} You can retry the turn once the model server is back."
            raise PolicyError(
                message,
                retryable=exc.retryable,
                raw_output=_joined(outcomes),
                call=merge_calls(calls),
            ) from None
        final = reader.partial(stream.outcome.text)
        if final and final != last:
            yield PartialDecision(data=final)
        if first_partial_ms is not None:
            # When the model had written enough to show something: the model's share of the
            # time to the first streamed event (benchmarks subtract it).
            stream.outcome.call = replace(
                stream.outcome.call,
                parameters={**stream.outcome.call.parameters, "first_partial_ms": first_partial_ms},
            )
        return stream.outcome

    @staticmethod
    def _decide(
        outcome: CallOutcome, reader: Reader, profile: Profile, *, calls: list[CallInfo]
    ) -> TurnDecision:
        raw = _joined_text(calls)
        if outcome.refusal or outcome.finish_reason == "content_filter":
            raise PolicyError(
                f"The model declined to answer: {outcome.refusal[:300] or 'content filter'}.",
                retryable=False,
                raw_output=raw,
                call=merge_calls(calls),
            )
        if outcome.finish_reason == "length":
            raise PolicyError(
                "The model's answer was cut off at its limit of "
                f"{outcome.call.parameters.get('max_tokens')} tokens "
                "before it was complete.",
                retryable=profile.temperature > 0,
                raw_output=raw,
                call=merge_calls(calls),
            )
        if not outcome.text.strip():
            raise PolicyError(
                "The model returned an empty answer.",
                retryable=True,
                raw_output=raw,
                call=merge_calls(calls),
            )
        return reader.final(outcome.text)


def merge_calls(calls: list[CallInfo], *, repaired: bool = False) -> CallInfo:
    """One CallInfo for the turn: tokens and time summed over the first call and its repair."""
    first, last = calls[0], calls[-1]
    params = dict(first.parameters)
    if len(calls) > 1 or repaired:
        params["repair_attempts"] = len(calls) - 1
    return CallInfo(
        model=first.model,
        endpoint=last.endpoint or first.endpoint,
        parameters=params,
        prompt_tokens=sum(c.prompt_tokens for c in calls),
        completion_tokens=sum(c.completion_tokens for c in calls),
        ttft_ms=first.ttft_ms,
        total_ms=round(sum(c.total_ms or 0.0 for c in calls), 2),
        raw_output=_joined_text(calls),
    )


def _joined_text(calls: list[CallInfo]) -> str:
    return "\n\n--- repair attempt ---\n\n".join(c.raw_output for c in calls if c.raw_output)


def _joined(outcomes: list[CallOutcome]) -> str:
    return "\n\n--- repair attempt ---\n\n".join(o.text for o in outcomes if o.text)
