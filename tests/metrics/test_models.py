"""The typed reading of stored metrics: every key the session page shows, read as computed."""

from __future__ import annotations

from typing import Any

from diagnosis.metrics import compute_session_metrics, compute_turn_metrics
from diagnosis.metrics.models import SessionMetrics, TurnMetrics
from diagnosis.web.scorecard import final_stats, kg_check, running_stats, turn_flags
from tests.metrics.test_metrics import SNAPSHOT, tiny_kg, trajectory

# What the session page shows (diagnosis/web/scorecard.py): per turn, then per session.
TURN_KEYS = {"flags", "details", "incoherence", "orders", "updates", "informative_orders"}
RUNNING_KEYS = {"dtc", "rac", "kg_coverage", "gold_rank", "top3", "informative_order_rate"}
SESSION_KEYS = {
    "correct",
    "dtc",
    "rac",
    "kg_coverage",
    "grounded_order_rate",
    "supported_update_rate",
    "tests",
    "tests_answered",
    "incoherent_turns",
    "informative_order_rate",
    "end_reason",
}


def _metrics() -> tuple[dict[str, Any], dict[str, Any]]:
    kg = tiny_kg()
    decisions, observations = trajectory()
    turn = compute_turn_metrics(
        snapshot=SNAPSHOT, decisions=decisions[:2], observations=observations[:2], kg=kg
    )
    session = compute_session_metrics(
        snapshot=SNAPSHOT,
        decisions=decisions,
        observations=observations,
        final_diagnosis="Pneumonia",
        kg=kg,
    )
    return turn, session


def test_the_models_type_every_key_the_page_shows_and_read_computed_values_unchanged():
    turn, session = _metrics()
    assert TURN_KEYS | RUNNING_KEYS <= set(TurnMetrics.model_fields) and TURN_KEYS <= set(turn)
    assert SESSION_KEYS <= set(SessionMetrics.model_fields) and SESSION_KEYS <= set(session)
    for model, computed in ((TurnMetrics, turn), (SessionMetrics, session)):
        read = model.read(computed)
        # A typed field whose type did not fit would read as None and show "unknown": none does.
        typed = {k: v for k, v in read.model_dump().items() if k in model.model_fields}
        assert typed == {k: v for k, v in computed.items() if k in model.model_fields}
        assert read.model_dump() == computed  # and keys not typed (yet) are kept, not dropped


def test_the_page_shows_the_same_for_a_computed_dict_and_its_typed_reading():
    turn, session = _metrics()
    typed_turn, typed_session = TurnMetrics.read(turn), SessionMetrics.read(session)
    assert turn_flags(typed_turn) == turn_flags(turn) and turn_flags(turn)
    assert kg_check(typed_turn) == kg_check(turn) == "orders: 1 grounded; updates: 2 supported"
    assert running_stats(typed_turn) == running_stats(turn)
    assert [(s.key, s.value) for s in running_stats(turn)] == [
        ("dtc", "1.00"),
        ("rac", "100%"),
        ("informative_order_rate", "67%"),
        ("gold_rank", "#1"),
    ]
    assert [(s.key, s.value) for s in final_stats(typed_session)] == [
        ("dtc", "1.00"),
        ("rac", "86%"),
        ("informative_order_rate", "67%"),
        ("grounded_order_rate", "100%"),
        ("supported_update_rate", "75%"),
        ("tests", "3 of 3"),
        ("incoherent_turns", "1"),
    ]


def test_a_value_of_the_wrong_type_reads_as_unknown_and_a_missing_key_stays_missing():
    read = TurnMetrics.read(
        {"rac": "high", "dtc": True, "gold_rank": 2.0, "top3": True, "flags": "garbage"}
    )
    assert read.rac is None and read.dtc is None and read.gold_rank is None
    assert "rac" in read.model_fields_set and "kg_coverage" not in read.model_fields_set
    assert {s.key: s.value for s in running_stats(read)} == {
        "dtc": "unknown",
        "rac": "unknown",
        "gold_rank": "not listed",
    }
    assert TurnMetrics.read(["not", "a", "dict"]) == TurnMetrics()
    assert final_stats(SessionMetrics.read(None)) == []


def test_the_page_says_rac_is_self_judged_for_the_kg_policies_and_shows_informative_orders():
    turn, session = _metrics()
    for stats in (running_stats(turn, policy="kg"), final_stats(session, policy="prior")):
        by_key = {s.key: s for s in stats}
        assert "self-judged" in by_key["rac"].note
        assert by_key["informative_order_rate"].label == "Informative orders"
    for stats in (running_stats(turn, policy="llm"), final_stats(session)):
        by_key = {s.key: s for s in stats}
        assert "self-judged" not in by_key["rac"].note
    # The trajectory's first chest X-ray and D-dimer moved the KG posterior; the repeat did not.
    assert {s.key: s for s in final_stats(session)}["informative_order_rate"].value == "67%"
