"""History questions for the KG engine, chosen like tests: by expected information gain.

A question is "History: <finding name>?" for a finding linked to one of the live hypotheses
that no laboratory, imaging or procedure test reveals (symptoms, exposures, what a patient can
tell or the clinician sees). It costs nothing on the ledger (diagnosis.environment.costs: the
History category is part of the visit), so its value is its gain over COST_OFFSET, as a free
test's is. Questions are asked while the case answers them: once two rounds of questions came back
all UNAVAILABLE (a case whose history was all given at turn 0), the engine stops asking.
"""

from __future__ import annotations

from diagnosis.environment.history import question_of
from diagnosis.kg import KnowledgeGraph
from diagnosis.kg.bayes import GainModel, Ranked
from diagnosis.metrics.judge import LIVE_PROBABILITY
from diagnosis.protocol import PolicyContext

MAX_QUESTIONS = 7  # per turn, beside the tests
QUIET_ROUNDS = 2
ASKABLE_CATEGORIES = {"examination", "vital signs"}  # tests whose findings a history may hold


def question_for(kg: KnowledgeGraph, fid: str) -> str:
    return f"History: {kg.finding_name(fid)}?"


def _test_only(kg: KnowledgeGraph) -> frozenset[str]:
    """Findings only a laboratory, imaging or other non-examination test reveals."""
    hit: frozenset[str] | None = kg.__dict__.get("_test_only_findings")
    if hit is None:
        hit = kg.__dict__["_test_only_findings"] = frozenset(
            f for t in kg.tests if t.category.lower() not in ASKABLE_CATEGORIES for f in t.reveals
        )
    return hit


def _askable(kg: KnowledgeGraph, fid: str) -> bool:
    """A finding the question can name so that the answer is read back as the same finding."""
    cache: dict[str, bool] = kg.__dict__.setdefault("_askable_cache", {})
    hit = cache.get(fid)
    if hit is None:
        hit = cache[fid] = (
            fid not in kg.penalty_only
            and fid not in _test_only(kg)
            and fid in kg.findings_in(kg.finding_name(fid))
        )
    return hit


def still_asking(context: PolicyContext) -> bool:
    """False once QUIET_ROUNDS rounds of history questions in a row were answered not at all
    (the record is silent on what these hypotheses predict, or holds no history to ask)."""
    rounds = [
        [o for o in turn.observations if question_of(o.order) is not None]
        for turn in context.past_turns
    ]
    rounds = [r for r in rounds if r][-QUIET_ROUNDS:]
    return not (
        len(rounds) == QUIET_ROUNDS and all(o.status == "unavailable" for r in rounds for o in r)
    )


def pick_questions(
    kg: KnowledgeGraph,
    context: PolicyContext,
    ranked: list[Ranked],
    known: set[str],
    model: GainModel,
    min_gain: float,
) -> list[tuple[str, float, list[str]]]:
    """(question, gain in bits, hypotheses it separates), best first, at most MAX_QUESTIONS."""
    if not still_asking(context):
        return []
    asked = {o.lower() for o in context.ordered_tests()}
    # grounded, as the metrics' judge reads it: findings of the live hypotheses (else the top one)
    live = [h for h in ranked[:8] if h.probability >= LIVE_PROBABILITY] or ranked[:1]
    candidates: set[str] = set()
    for h in live:
        for member in kg.concept_members(h.concept):
            candidates.update(kg.links.get(member, {}))
    scored = []
    for fid in candidates:
        if fid in known or not _askable(kg, fid):
            continue
        question = question_for(kg, fid)
        if question.lower() in asked:
            continue
        gain, separated = model.finding_gain(fid)
        if gain >= min_gain:
            scored.append((question, gain, separated))
    scored.sort(key=lambda s: (-s[1], s[0]))
    return scored[:MAX_QUESTIONS]
