"""The labelling rules of docs/distillation.md on constructed paths."""

from __future__ import annotations

from diagnosis.protocol import TurnDecision
from inference.jobs.distillation.labels import PathTurn, Thresholds, label_path

T = Thresholds()


def orders(rank: int | None, *, rac_turn: float | None = 1.0, rac: float | None = 1.0,
           incoherent: bool = False) -> PathTurn:  # fmt: skip
    decision = TurnDecision.model_validate(
        {"action": {"type": "order_tests", "tests": [{"test": "Chest x-ray"}]}}
    )
    metrics = {
        "gold_rank": rank,
        "rac_turn": rac_turn,
        "rac": rac,
        "dtc": 0.5,
        "flags": {"incoherent": incoherent},
        "incoherence": [{"kind": "repeated_test"}] if incoherent else [],
    }
    return PathTurn(decision, metrics)


def final(diagnosis: str = "Pneumonia") -> PathTurn:
    decision = TurnDecision.model_validate(
        {"action": {"type": "final_diagnosis", "diagnosis": diagnosis, "confidence": 0.9}}
    )
    return PathTurn(decision, {"gold_rank": 1, "rac_turn": None, "rac": 1.0, "flags": {}})


def session(correct: bool, rac: float | None = 0.8, dtc: float = 0.75) -> dict:
    return {"correct": correct, "rac": rac, "dtc": dtc}


def test_a_complete_path_to_gold_with_enough_rac_and_dtc_is_retained():
    got = label_path([orders(2), orders(1), final()], session(True), ending="final_diagnosis",
                     thresholds=T)  # fmt: skip
    assert (got.label, got.kept_turns) == ("retained", 3)


def test_an_unjudged_rac_does_not_stop_a_correct_path():
    got = label_path([orders(1), final()], session(True, rac=None), ending="final_diagnosis",
                     thresholds=T)  # fmt: skip
    assert got.label == "retained"


def test_a_wrong_final_keeps_the_consistent_prefix_and_says_where_it_was_cut():
    got = label_path([orders(2), orders(1), final("Asthma")], session(False),
                     ending="final_diagnosis", thresholds=T)  # fmt: skip
    assert (got.label, got.kept_turns, got.rule) == ("truncated", 2, "divergent")
    assert "turn 3: wrong final diagnosis 'Asthma'" in got.reason


def test_gold_falling_out_of_the_top_ranks_cuts_the_path_there():
    got = label_path([orders(1), orders(3), orders(5), final("Asthma")], session(False),
                     ending="final_diagnosis", thresholds=T)  # fmt: skip
    assert (got.label, got.kept_turns) == ("truncated", 2)
    assert "turn 3: the gold diagnosis is at rank 5" in got.reason


def test_a_prefix_shorter_than_the_minimum_is_pruned_as_divergent():
    got = label_path([orders(None), final("Asthma")], session(False), ending="final_diagnosis",
                     thresholds=T)  # fmt: skip
    assert (got.label, got.rule, got.kept_turns) == ("pruned", "divergent", 0)
    assert "not in the differential" in got.reason


def test_an_ungrounded_turn_cuts_and_a_low_prefix_rac_prunes():
    cut = label_path([orders(1), orders(1), orders(1, rac_turn=0.2), final()], session(True, 0.3),
                     ending="final_diagnosis", thresholds=T)  # fmt: skip
    assert (cut.label, cut.kept_turns, cut.rule) == ("truncated", 2, "ungrounded")
    low = label_path([orders(1, rac=0.4), orders(1, rac=0.4), final("Asthma")], session(False),
                     ending="final_diagnosis", thresholds=T)  # fmt: skip
    assert (low.label, low.rule) == ("pruned", "ungrounded")


def test_an_incoherent_first_turn_prunes_the_path():
    got = label_path([orders(1, incoherent=True), final()], session(False),
                     ending="final_diagnosis", thresholds=T)  # fmt: skip
    assert (got.label, got.rule) == ("pruned", "incoherent")
    assert "repeated_test" in got.reason


def test_a_correct_path_below_the_dtc_threshold_is_not_retained():
    got = label_path([orders(1), orders(1), final()], session(True, dtc=0.4),
                     ending="final_diagnosis", thresholds=T)  # fmt: skip
    assert (got.label, got.kept_turns) == ("truncated", 2)


def test_a_policy_failure_and_the_turn_budget_end_a_path_without_a_final():
    failed = label_path([orders(1), orders(1)], session(False), ending="failed", thresholds=T,
                        failure="server down")  # fmt: skip
    assert (failed.label, failed.rule, failed.kept_turns) == ("truncated", "failed", 2)
    budget = label_path([orders(1)], session(False), ending="turn_budget", thresholds=T)
    assert (budget.label, budget.rule) == ("pruned", "budget")


def test_thresholds_change_the_outcome_and_a_case_without_gold_is_never_kept():
    loose = Thresholds(min_prefix_turns=1, max_gold_rank=5)
    got = label_path([orders(4), final("Asthma")], session(False), ending="final_diagnosis",
                     thresholds=loose)  # fmt: skip
    assert (got.label, got.kept_turns) == ("truncated", 1)
    none = label_path([orders(1), final()], {"correct": None, "dtc": None, "rac": 1.0},
                      ending="final_diagnosis", thresholds=T)  # fmt: skip
    assert (none.label, none.rule) == ("pruned", "no_gold")
