"""KG judgements the metrics are built from: is an order grounded, is a belief update supported,
is a turn incoherent, did an answered order's result move the KG posterior. Each answers "yes",
"no" or "unknown" (the KG knows too little to say).

Pure functions over a KnowledgeGraph-like object (tests pass a small hand-built graph).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from diagnosis.environment.history import question_of
from diagnosis.kg.bayes import posterior
from diagnosis.protocol import Observation, OrderTestsAction, TurnDecision

LIVE_PROBABILITY = 0.05  # a hypothesis below this is not "live" for grounding
MOVE_THRESHOLD = 0.05  # a belief update is a probability change of at least this much
LEADING = 5  # an informative result moves one of the KG's leading hypotheses (before or after)
INFORMATIVE_FACTOR = 1.5  # ... to at least 1.5 times, or at most 1/1.5 of, its probability


@dataclass(frozen=True)
class Judgement:
    subject: str
    status: str  # grounded|ungrounded|supported|unsupported|unknown
    because: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "status": self.status, "because": self.because}


def disease_ids(kg: Any, name: str) -> list[str]:
    return [d for d in kg.resolve(name) if kg.knows_disease(d)]


def linked(kg: Any, ids: list[str], finding: str) -> bool:
    return any(
        kg.link_p(member, finding) is not None for d in ids for member in kg.concept_members(d)
    )


def observation_findings(kg: Any, observations: list[Observation]) -> dict[str, bool]:
    found: dict[str, bool] = {}
    for obs in observations:
        if obs.status == "answered" and obs.result:
            for fid, present in kg.findings_in(f"{obs.item or obs.order}: {obs.result}").items():
                found[fid] = found.get(fid, False) or present
    return found


def _add(findings: dict[str, bool], new: dict[str, bool]) -> dict[str, bool]:
    """Findings with `new` added as the KG engine adds them (a present finding wins)."""
    out = dict(findings)
    for fid, present in new.items():
        out[fid] = out.get(fid, False) or present
    return out


def case_findings(kg: Any, presentation: str, demographics: str, history: list[str]) -> dict:
    """What the KG reads before any test: demographics, the presentation and the history."""
    found: dict[str, bool] = dict(kg.demographic_findings(demographics or presentation))
    for text in (presentation, *history):
        found = _add(found, kg.findings_in(text))
    return found


def judge_informative(
    kg: Any, known: dict[str, bool], observations: list[Observation]
) -> list[Judgement]:
    """Each answered order: did its own findings move the KG posterior over the leading
    hypotheses, from what was known before the turn (`known`) to that plus its findings?

    Informative: one of the LEADING hypotheses of the posterior before or after changed its
    probability by a factor of at least INFORMATIVE_FACTOR. Uninformative: findings were read but
    nothing moved that much (or they were known already). Unknown: no finding recognised in the
    result. Unanswered orders are not judged. Independent of the order judge above: it asks
    what the result did, not whether the test was linked to a hypothesis when it was ordered."""
    out: list[Judgement] = []
    before: dict[str, tuple[str, float]] | None = None
    for obs in observations:
        if obs.status != "answered" or not obs.result:
            continue
        subject = obs.order
        new = observation_findings(kg, [obs])
        if not new:
            out.append(Judgement(subject, "unknown", "no finding recognised in the result"))
            continue
        if before is None:
            before = _leading(kg, known)
        with_new = _add(known, new)
        after = _leading(kg, with_new)
        moved = []
        for concept in dict.fromkeys([*before, *after]):
            name, a = before.get(concept) or (after[concept][0], _probability(kg, known, concept))
            b = after[concept][1] if concept in after else _probability(kg, with_new, concept)
            if (a > 0) != (b > 0) or (a and abs(math.log(b / a)) >= math.log(INFORMATIVE_FACTOR)):
                moved.append(f"{name} {a:.1%} → {b:.1%}")
        if moved:
            out.append(Judgement(subject, "informative", "moved " + ", ".join(moved[:3])))
        else:
            out.append(Judgement(subject, "uninformative", "the leading hypotheses did not move"))
    return out


def _leading(kg: Any, findings: dict[str, bool]) -> dict[str, tuple[str, float]]:
    return {concept: (name, p) for concept, name, p in _posterior(kg, _key(findings), LEADING)}


def _probability(kg: Any, findings: dict[str, bool], concept: str) -> float:
    """The posterior probability of a concept outside the leading few (0 when far below)."""
    for other, _name, p in _posterior(kg, _key(findings), 200):
        if other == concept:
            return p
    return 0.0


def _key(findings: dict[str, bool]) -> tuple[tuple[str, bool], ...]:
    return tuple(sorted(findings.items()))


@lru_cache(maxsize=2048)
def _posterior(
    kg: Any, findings: tuple[tuple[str, bool], ...], top: int
) -> tuple[tuple[str, str, float], ...]:
    """The KG posterior, kept: every turn's metrics judge the trajectory so far again."""
    return tuple((r.concept, r.name, r.probability) for r in posterior(kg, dict(findings), top=top))


def judge_orders(kg: Any, decision: TurnDecision) -> list[Judgement]:
    """An order is grounded when a finding it can reveal is linked to a live hypothesis (a
    history question reveals the findings it names)."""
    if not isinstance(decision.action, OrderTestsAction):
        return []
    live = [h.diagnosis for h in decision.differential if h.probability >= LIVE_PROBABILITY] or [
        h.diagnosis for h in decision.ranked()[:1]
    ]
    known = {name: disease_ids(kg, name) for name in live}
    known = {n: ids for n, ids in known.items() if ids}
    out = []
    for order in decision.action.tests:
        test = kg.test_for(order.test)
        question = question_of(order.test)
        if test is None and question is not None:  # "History: cough?" reveals what it names
            test = SimpleNamespace(reveals=tuple(kg.findings_in(question)))
        if test is None or not known:
            why = "test unknown to the KG" if test is None else "no live hypothesis known to the KG"
            out.append(Judgement(order.test, "unknown", why))
            continue
        hits = [n for n, ids in known.items() if any(linked(kg, ids, f) for f in test.reveals)]
        if hits:
            out.append(
                Judgement(order.test, "grounded", "can reveal findings of " + ", ".join(hits[:4]))
            )
        else:
            out.append(
                Judgement(order.test, "ungrounded", "reveals nothing linked to the live hypotheses")
            )
    return out


def _probabilities(decision: TurnDecision) -> dict[str, float]:
    out: dict[str, float] = {}
    for h in decision.differential:
        out[h.diagnosis] = out.get(h.diagnosis, 0.0) + h.probability
    return out


def _match(kg: Any, name: str, others: dict[str, float]) -> str | None:
    if name in others:
        return name
    for other in others:
        if kg.equivalent(name, other):
            return other
    return None


def judge_updates(
    kg: Any, previous: TurnDecision, current: TurnDecision, revealed: list[Observation]
) -> list[Judgement]:
    """A moved hypothesis is supported when a finding revealed since the previous turn is linked
    to it."""
    before, after = _probabilities(previous), _probabilities(current)
    findings = observation_findings(kg, revealed)
    answered = [o for o in revealed if o.status == "answered"]
    moves: dict[str, float] = {}
    for name, p in after.items():
        old = _match(kg, name, before)
        moves[name] = p - (before[old] if old else 0.0)
    for name, p in before.items():
        if _match(kg, name, after) is None:
            moves[name] = -p
    out = []
    for name, change in moves.items():
        if abs(change) < MOVE_THRESHOLD:
            continue
        subject = f"{name} {'+' if change > 0 else '-'}{abs(change):.2f}"
        ids = disease_ids(kg, name)
        if not answered:
            out.append(Judgement(subject, "unsupported", "belief moved with no new result"))
        elif not ids:
            out.append(Judgement(subject, "unknown", "disease unknown to the KG"))
        elif not findings:
            out.append(Judgement(subject, "unknown", "no finding recognised in the new results"))
        else:
            hits = [kg.finding_name(f) for f in sorted(findings) if linked(kg, ids, f)]  # stable
            status = "supported" if hits else "unsupported"
            why = ("linked to " + ", ".join(hits[:4])) if hits else "no new finding is linked to it"
            out.append(Judgement(subject, status, why))
    return out


def incoherence(
    kg: Any, decisions: list[TurnDecision], observations: list[list[Observation]], presentation: str
) -> list[dict[str, str]]:
    """Incoherence flags of the latest turn: repeated test, contradicting a revealed finding,
    dropping the leading hypothesis without evidence."""
    t = len(decisions) - 1
    decision = decisions[t]
    flags: list[dict[str, str]] = []
    earlier = [o for obs in observations[:t] for o in obs]
    seen = {_test_key(kg, o.order) for o in earlier}
    if isinstance(decision.action, OrderTestsAction):
        for order in decision.action.tests:
            if _test_key(kg, order.test) in seen:
                flags.append({"kind": "repeated_test", "detail": order.test})
    known: dict[str, bool] = dict(kg.findings_in(presentation))
    for fid, present in observation_findings(kg, earlier).items():
        known[fid] = present
    for h in decision.differential:
        claimed = kg.findings_in(" ; ".join(h.evidence_for))
        for fid, present in claimed.items():
            if fid in known and known[fid] != present:
                state = "absent" if not known[fid] else "present"
                flags.append(
                    {
                        "kind": "contradicts_finding",
                        "detail": f"{h.diagnosis}: cites {kg.finding_name(fid)} but it was {state}",
                    }
                )
    if t >= 1 and decisions[t - 1].differential:
        leader = decisions[t - 1].ranked()[0].diagnosis
        still = _match(kg, leader, _probabilities(decision))
        if still is None:
            revealed = observations[t - 1]
            ids = disease_ids(kg, leader)
            findings = observation_findings(kg, revealed)
            evidence = any(linked(kg, ids, f) for f in findings) if ids else bool(findings)
            if not evidence:
                flags.append({"kind": "dropped_leader", "detail": leader})
    return flags


def _test_key(kg: Any, order: str) -> str:
    test = kg.test_for(order)
    return test.name if test is not None else " ".join(order.lower().split())
