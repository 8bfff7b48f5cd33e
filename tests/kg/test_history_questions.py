"""The KG engine asks history questions like it orders tests (by expected information gain), a
MediQ-like case reveals a fact only when asked, the engine stops asking a record that stays
silent, and the prior baseline sees only the presentation. Priors weigh prevalence: a rare
(HPO/Orphanet) disease does not outrank a common one at equal evidence."""

from __future__ import annotations

from diagnosis.cases.snapshots import as_snapshot
from diagnosis.environment.answers import answer_orders
from diagnosis.environment.costs import default_table
from diagnosis.environment.history import question_of
from diagnosis.kg import get_kg
from diagnosis.kg.bayes import posterior
from diagnosis.protocol import FinalDecision, PastTurn, PolicyContext
from inference.policies.kg import KGPolicy, PriorPolicy

SNAP = as_snapshot(
    {
        "title": "rash",
        "initial_presentation": "A 30-year-old woman presents with a rash on her elbows.",
        "menu": [
            {"name": "Reported fact 1", "category": "History", "result": "She has itching."},
            {"name": "Reported fact 2", "category": "History", "result": "Silvery scales."},
        ],
        "gold": {"name": "Psoriasis"},
        "source": {"dataset": "mediq", "id": "t"},
    }
)


def ctx(past: tuple[PastTurn, ...] = ()) -> PolicyContext:
    return PolicyContext(
        session_id="s",
        turn_index=len(past),
        mode="simulated",
        presentation=SNAP.initial_presentation,
        past_turns=past,
        max_turns=10,
    )


def decide(policy, context):  # type: ignore[no-untyped-def]
    return [u for u in policy.run(context) if isinstance(u, FinalDecision)][-1].decision


def play(past: tuple[PastTurn, ...]) -> tuple[object, PastTurn | None]:
    decision = decide(KGPolicy(), ctx(past))
    if decision.action.type != "order_tests":
        return decision, None
    orders = [t.test for t in decision.action.tests]
    obs = tuple(answer_orders(SNAP, orders, table=default_table()))
    return decision, PastTurn(index=len(past), decision=decision, observations=obs)


def test_the_engine_asks_history_questions_at_no_cost_and_reads_what_is_answered():
    decision, first = play(())
    assert first is not None
    questions = [o for o in first.observations if question_of(o.order) is not None]
    assert questions, "the first turn asks history questions beside its tests"
    assert all(o.cost == 0.0 for o in questions)
    past = (first,)
    while (step := play(past))[1] is not None and len(past) < 6:
        past = (*past, step[1])
    answered = [o for t in past for o in t.observations if o.status == "answered"]
    # a fact comes back only for a question about it
    assert all(question_of(o.order) is not None for o in answered)
    assert {o.result for o in answered} <= {"She has itching.", "Silvery scales."}


def test_the_engine_stops_asking_a_record_that_stays_silent():
    silent = as_snapshot({**SNAP.stored(), "menu": []})
    past: tuple[PastTurn, ...] = ()
    for _ in range(3):
        decision = decide(KGPolicy(), ctx(past))
        if decision.action.type != "order_tests":
            break
        orders = [t.test for t in decision.action.tests]
        obs = tuple(answer_orders(silent, orders, table=default_table()))
        past = (*past, PastTurn(index=len(past), decision=decision, observations=obs))
    rounds = [[o for o in t.observations if question_of(o.order)] for t in past]
    assert all(not r for r in rounds[2:]), "no questions after two silent rounds"


def test_the_prior_baseline_sees_only_the_presentation_and_asks_nothing():
    decision = decide(PriorPolicy(), ctx())
    assert decision.action.type == "final_diagnosis"


def test_a_rare_disease_does_not_outrank_a_common_one_at_equal_evidence():
    kg = get_kg()
    fever = next(iter(kg.findings_in("fever")))
    common = max(
        (d for d in kg.linked(fever) if d in kg.log_prior and kg.diseases[d].source == "curated"),
        key=lambda d: kg.diseases[d].prior,
    )
    rare = [d for d in kg.linked(fever) if d.startswith(("ORPHA:", "OMIM:")) and d in kg.log_prior]
    assert rare and kg.diseases[rare[0]].prior < kg.diseases[common].prior
    ranked = posterior(kg, {fever: True}, top=50)
    names = [h.concept for h in ranked]
    assert kg.concept(common) in names
    top_rare = [i for i, h in enumerate(ranked) if kg.concept(rare[0]) == h.concept]
    assert not top_rare or top_rare[0] > names.index(kg.concept(common))
