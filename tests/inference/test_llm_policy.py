"""The LLM policy against a stand-in OpenAI-compatible server: streaming, schema, failures."""

from __future__ import annotations

import json

import pytest

from diagnosis.protocol import (
    FinalDecision,
    PartialDecision,
    PastTurn,
    PolicyContext,
    PolicyError,
    TurnDecision,
    turn_decision_json_schema,
)
from inference.jobs.bench.standin_server import StandinConfig, StandinServer
from inference.policies.llm import LLMPolicy
from inference.serving.pool import close_pools
from inference.serving.profiles import decision_schema, get_profile
from tests.doubles import decision_order
from tests.workers import free_port


@pytest.fixture
def standin(settings):  # type: ignore[no-untyped-def]
    server = StandinServer(
        free_port(), StandinConfig(ttft_ms=30, tokens_per_s=120, tokens=30)
    ).start()
    settings.VLLM_ENDPOINTS = [server.url]
    settings.VLLM_MODEL = "standin"
    settings.VLLM_PROFILE = "json-schema"
    settings.VLLM_RETRY_BACKOFF = 0.01
    yield server
    server.stop()
    close_pools()


def _context(**kw) -> PolicyContext:  # type: ignore[no-untyped-def]
    return PolicyContext(
        session_id="s-1",
        turn_index=kw.pop("turn_index", 0),
        mode="simulated",
        presentation="Three months of fatigue; pale.",
        demographics="34-year-old woman",
        **kw,
    )


def _run(policy: LLMPolicy, context: PolicyContext) -> tuple[list[PartialDecision], FinalDecision]:
    partials, finals = [], []
    for update in policy.run(context):
        (finals if isinstance(update, FinalDecision) else partials).append(update)
    assert len(finals) == 1
    return partials, finals[0]


def test_it_streams_the_differential_and_orders_before_the_final_decision(standin):
    partials, final = _run(LLMPolicy(), _context())
    assert final.decision.action.type == "order_tests"
    # The differential appears hypothesis by hypothesis, and the orders before the answer is
    # complete.
    sizes = [len(p.data.get("differential", [])) for p in partials]
    assert 1 in sizes and 2 in sizes and sizes.index(1) < sizes.index(2)
    assert any(p.data.get("action", {}).get("tests") for p in partials)
    assert partials[0].data != partials[-1].data


def test_it_records_model_endpoint_parameters_tokens_and_timings(standin):
    _, final = _run(LLMPolicy(), _context())
    call = final.call
    assert call.model == "standin" and call.endpoint == standin.url
    assert (
        call.prompt_tokens == 50 and call.completion_tokens == standin.config.usage_sent[-1] > 20
    )  # the usage chunk
    assert (
        call.parameters["constraint"] == "response_format" and call.parameters["max_tokens"] == 1024
    )
    assert call.parameters["attempts"] == 1 and "usage_estimated" not in call.parameters
    assert 30 <= call.ttft_ms < call.total_ms
    assert TurnDecision.model_validate_json(call.raw_output) == final.decision


def test_it_constrains_output_with_the_turn_decision_schema_not_guided_json(standin):
    _run(LLMPolicy(), _context())
    body = standin.config.bodies[-1]
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["schema"] == turn_decision_json_schema()
    assert "guided_json" not in json.dumps(body)
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}


def test_the_structured_outputs_constraint_goes_in_the_request_body(standin, settings, tmp_path):
    (tmp_path / "so.toml").write_text(
        'label = "SO"\nconstraint = "structured_outputs"\n'
        '[prompt]\nsystem = "s"\nuser = "$presentation"\n'
    )
    settings.VLLM_PROFILE_DIRS = [tmp_path]
    _run(LLMPolicy("so"), _context())
    body = standin.config.bodies[-1]
    assert (
        body["structured_outputs"]["json"] == turn_decision_json_schema()
        and "response_format" not in body
    )


def test_on_the_last_turn_the_schema_allows_only_a_final_diagnosis(standin):
    _, final = _run(LLMPolicy(), _context(must_finalise=True))
    schema = standin.config.bodies[-1]["response_format"]["json_schema"]["schema"]
    assert "OrderTestsAction" not in json.dumps(schema)
    assert final.decision.is_final


def test_the_prompt_carries_the_trajectory_so_far(standin):
    past = PastTurn(index=0, decision=decision_order(["Complete blood count"]))
    _run(LLMPolicy(), _context(turn_index=1, past_turns=(past,)))
    user = standin.config.bodies[-1]["messages"][1]["content"]
    assert "Turn 1: leading hypotheses: Iron deficiency anaemia (0.60)" in user
    assert "Three months of fatigue" in user


def test_a_truncated_answer_is_a_visible_failure_that_keeps_the_raw_text(standin):
    standin.config.script.append("truncate")
    with pytest.raises(PolicyError) as info:
        _run(LLMPolicy(), _context())
    assert "cut off" in str(info.value) and "1024 tokens" in str(info.value)
    assert info.value.raw_output.startswith('{"reasoning"')
    assert info.value.call is not None and info.value.call.completion_tokens > 0
    assert standin.config.requests == 1  # truncation is not repaired


def test_invalid_json_gets_one_repair_attempt_that_can_succeed(standin):
    standin.config.script.extend(["invalid", "ok"])
    _, final = _run(LLMPolicy(), _context())
    assert standin.config.requests == 2
    repair_messages = standin.config.bodies[-1]["messages"]
    assert (
        repair_messages[-2]["role"] == "assistant"
        and "differential" in repair_messages[-2]["content"]
    )
    assert "could not be used" in repair_messages[-1]["content"]
    assert final.call.parameters["repair_attempts"] == 1
    assert final.call.prompt_tokens == 100  # both calls counted
    assert final.call.completion_tokens == sum(standin.config.usage_sent[-2:])


def test_invalid_json_twice_fails_retryably_with_both_answers_kept(standin):
    standin.config.script.extend(["invalid", "invalid"])
    with pytest.raises(PolicyError) as info:
        _run(LLMPolicy(), _context())
    assert "even after one repair attempt" in str(info.value) and info.value.retryable
    assert info.value.raw_output.count("--- repair attempt ---") == 1
    assert standin.config.requests == 2


def test_an_empty_answer_fails_retryably(standin):
    standin.config.script.append("empty")
    with pytest.raises(PolicyError, match="empty answer") as info:
        _run(LLMPolicy(), _context())
    assert info.value.retryable


def test_a_refusal_fails_and_says_so(standin):
    standin.config.script.append("refuse")
    with pytest.raises(PolicyError, match="declined") as info:
        _run(LLMPolicy(), _context())
    assert not info.value.retryable


def test_a_stream_that_breaks_after_the_first_token_is_not_silently_retried(standin):
    standin.config.script.append("drop")
    with pytest.raises(PolicyError, match="broke off") as info:
        _run(LLMPolicy(), _context())
    assert info.value.retryable and info.value.raw_output  # what arrived is kept
    assert standin.config.requests == 1


def test_an_unreachable_server_is_a_retryable_failure(settings):
    settings.VLLM_ENDPOINTS = [f"http://127.0.0.1:{free_port()}"]
    settings.VLLM_RETRY_BACKOFF = 0.01
    try:
        with pytest.raises(PolicyError, match="cannot be reached|No model server") as info:
            _run(LLMPolicy(), _context())
        assert info.value.retryable and "retry" in str(info.value)
    finally:
        close_pools()


def test_without_endpoints_the_policy_fails_clearly(settings):
    settings.VLLM_ENDPOINTS = []
    with pytest.raises(PolicyError, match="VLLM_ENDPOINTS"):
        _run(LLMPolicy(), _context())


def test_the_small_model_profile_narrows_the_schema_to_a_subset(standin):
    schema = get_profile("smollm2").schema(must_finalise=False)
    assert schema is not None
    assert schema["properties"]["reasoning"]["maxLength"] == 60
    assert schema["required"] == ["reasoning", "differential", "action"]
    assert schema["properties"]["action"] == {
        "$ref": "#/$defs/OrderTestsAction"
    }  # orders until the last turn
    last = get_profile("smollm2").schema(must_finalise=True)
    assert last is not None and last["properties"]["action"] == {
        "$ref": "#/$defs/FinalDiagnosisAction"
    }
    assert (
        decision_schema(get_profile("json-schema").limits, must_finalise=False)
        == turn_decision_json_schema()
    )
