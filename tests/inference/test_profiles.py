"""Model profiles are configuration: a new model family (e.g. tagged free text) needs no code."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from diagnosis.protocol import FinalDecision, PartialDecision, PolicyContext, PolicyError
from inference.jobs.bench.standin_server import StandinConfig, StandinServer
from inference.policies import registry
from inference.serving.parsing import DecisionParseError, JsonDecisionReader, TaggedDecisionReader
from inference.serving.pool import close_pools
from inference.serving.profiles import TaggedFormat, all_profiles
from tests.workers import free_port

TAGGED_ANSWER = """<reasoning>Pallor and fatigue.</reasoning>
<differential>
- Iron deficiency anaemia | 0.6
- Hypothyroidism | 0.3
</differential>
<orders>
- Complete blood count | anaemia?
- TSH
</orders>"""

NEW_FAMILY = """
label = "Clinic-FT 8B"
output = "tagged"
constraint = "none"
max_tokens = 512
[tagged]
reasoning = "think"
differential = "ddx"
orders = "tests"
final = "dx"
[prompt]
system = "You diagnose."
user = "$presentation ($demographics). Turn $turn of $max_turns. $instruction"
"""


def _context() -> PolicyContext:
    return PolicyContext(
        session_id="s",
        turn_index=0,
        mode="simulated",
        presentation="Tired and pale.",
        demographics="F 34",
    )


def test_the_tagged_reader_shows_complete_lines_while_streaming():
    reader = TaggedDecisionReader(TaggedFormat())
    half = TAGGED_ANSWER[: TAGGED_ANSWER.index("Hypothyroidism") + 5]
    partial = reader.partial(half)
    assert partial["reasoning"] == "Pallor and fatigue."
    assert partial["differential"] == [
        {"diagnosis": "Iron deficiency anaemia", "probability": 0.6}
    ]  # the growing line waits
    decision = reader.final(TAGGED_ANSWER)
    assert [t.test for t in decision.action.tests] == ["Complete blood count", "TSH"]
    assert decision.differential[1].diagnosis == "Hypothyroidism"


def test_the_tagged_reader_rejects_an_answer_without_an_action():
    with pytest.raises(DecisionParseError, match="neither"):
        TaggedDecisionReader(TaggedFormat()).final("<reasoning>hm</reasoning>")


def test_the_json_reader_says_what_is_wrong():
    reader = JsonDecisionReader()
    assert reader.partial('{"reasoning": "ab') == {"reasoning": "ab"}
    with pytest.raises(DecisionParseError, match="not valid JSON"):
        reader.final('{"reasoning": ')
    with pytest.raises(DecisionParseError, match="does not fit the TurnDecision schema"):
        reader.final('{"action": {"type": "order_tests", "tests": []}}')


def test_a_new_model_family_is_added_with_a_profile_file_and_no_code(settings, tmp_path):
    (tmp_path / "clinic-ft.toml").write_text(NEW_FAMILY)
    answer = (
        TAGGED_ANSWER.replace("reasoning>", "think>")
        .replace("differential>", "ddx>")
        .replace("orders>", "tests>")
    )
    server = StandinServer(
        free_port(), StandinConfig(ttft_ms=5, tokens_per_s=150, tokens=40, reply_text=answer)
    ).start()
    settings.VLLM_ENDPOINTS, settings.VLLM_MODEL, settings.VLLM_PROFILE_DIRS = (
        [server.url],
        "standin",
        [tmp_path],
    )
    try:
        assert "llm:clinic-ft" in {p.key for p in registry.available_policies()}
        updates = list(registry.get_policy("llm:clinic-ft").run(_context()))
    finally:
        server.stop()
        close_pools()
    final = updates[-1]
    assert isinstance(final, FinalDecision) and final.decision.action.type == "order_tests"
    assert any(
        isinstance(u, PartialDecision) and len(u.data.get("differential", [])) == 1 for u in updates
    )
    body = server.config.bodies[-1]
    assert "response_format" not in body and body["max_tokens"] == 512
    assert body["messages"][1]["content"].startswith("Tired and pale. (F 34). Turn 1 of 8.")


def test_a_tagged_answer_that_cannot_be_read_is_repaired_once_then_fails(settings, tmp_path):
    (tmp_path / "clinic-ft.toml").write_text(NEW_FAMILY)
    server = StandinServer(
        free_port(),
        StandinConfig(ttft_ms=5, tokens_per_s=500, tokens=5, reply_text="I am not sure."),
    ).start()
    settings.VLLM_ENDPOINTS, settings.VLLM_MODEL, settings.VLLM_PROFILE_DIRS = (
        [server.url],
        "standin",
        [tmp_path],
    )
    try:
        with pytest.raises(PolicyError, match="even after one repair attempt") as info:
            list(registry.get_policy("llm:clinic-ft").run(_context()))
    finally:
        server.stop()
        close_pools()
    assert "I am not sure." in info.value.raw_output and server.config.requests == 2


@pytest.mark.parametrize(
    "text, problem",
    [
        ('label = "x"\n', r"needs a \[prompt\] table"),
        ('label = "x"\nmax_tokenz = 5\n[prompt]\nsystem = "s"\nuser = "u"\n', "unknown setting"),
        ('label = "x"\n[prompt]\nsystem = "s"\nuser = "$presentaton"\n', "unknown placeholders"),
        (
            'label = "x"\noutput = "xml"\n[prompt]\nsystem = "s"\nuser = "u"\n',
            "output must be json or tagged",
        ),
        (
            'label = "x"\n[tagged]\norder_pattern = "(("\n[prompt]\nsystem = "s"\nuser = "u"\n',
            "not a valid regular expression",
        ),
        ('label = "x\n', "clinic"),
    ],
)
def test_a_bad_profile_file_is_refused_naming_the_file(settings, tmp_path, text, problem):
    (tmp_path / "clinic.toml").write_text(text)
    settings.VLLM_PROFILE_DIRS = [tmp_path]
    with pytest.raises(ImproperlyConfigured, match=problem) as info:
        all_profiles()
    assert "clinic.toml" in str(info.value)


def test_llm_policies_are_offered_only_when_model_endpoints_are_configured(settings):
    settings.VLLM_ENDPOINTS = []
    assert not any(p.key.startswith("llm") for p in registry.available_policies())
    settings.VLLM_ENDPOINTS = ["http://127.0.0.1:9"]
    keys = {p.key for p in registry.available_policies()}
    assert {"llm", "llm:json-schema", "llm:smollm2", "llm:tagged-sections"} <= keys


def test_the_system_check_reports_a_bad_profile_or_an_unknown_default(settings, tmp_path):
    from inference.checks import model_profiles_load

    settings.VLLM_ENDPOINTS = ["http://127.0.0.1:9"]
    assert model_profiles_load(None) == []
    settings.VLLM_PROFILE = "nope"
    assert [e.id for e in model_profiles_load(None)] == ["medaction.E102"]
    (tmp_path / "broken.toml").write_text('label = "x"\n')
    settings.VLLM_PROFILE_DIRS = [tmp_path]
    assert [e.id for e in model_profiles_load(None)] == ["medaction.E101"]


ADAPTER_PROFILE = """
label = "Cardiology fine-tune"
adapter = "cardio-lora"
[prompt]
system = "You are a diagnostician."
user = "$presentation"
"""


def test_a_profile_naming_a_lora_adapter_asks_for_it_on_the_server_that_serves_it(
    settings, tmp_path
):
    """Two profiles share a server by naming its base model and an adapter it serves; a request
    for the adapter goes only where /v1/models lists it."""
    (tmp_path / "cardio.toml").write_text(ADAPTER_PROFILE)
    base = StandinServer(free_port(), StandinConfig(ttft_ms=5, tokens_per_s=200, tokens=20))
    base.start()  # (its port is taken before the next free one is looked for)
    lora = StandinServer(
        free_port(), StandinConfig(model="cardio-lora", ttft_ms=5, tokens_per_s=200, tokens=20)
    )
    lora.start()
    settings.VLLM_ENDPOINTS, settings.VLLM_MODEL, settings.VLLM_PROFILE_DIRS = (
        [base.url, lora.url],
        "standin",
        [tmp_path],
    )
    try:
        assert all_profiles()["cardio"].model_name == "cardio-lora"
        for _ in range(3):
            final = list(registry.get_policy("llm:cardio").run(_context()))[-1]
            assert isinstance(final, FinalDecision)
            assert final.call.model == "cardio-lora" and final.call.endpoint == lora.url
    finally:
        base.stop(), lora.stop()
        close_pools()
    assert lora.config.requests == 3 and base.config.requests == 0
    assert {b["model"] for b in lora.config.bodies} == {"cardio-lora"}


def test_an_adapter_name_that_is_not_a_model_name_is_refused(settings, tmp_path):
    (tmp_path / "bad.toml").write_text(ADAPTER_PROFILE.replace("cardio-lora", "cardio lora!"))
    settings.VLLM_PROFILE_DIRS = [tmp_path]
    with pytest.raises(ImproperlyConfigured, match="adapter must be a served model name"):
        all_profiles()
