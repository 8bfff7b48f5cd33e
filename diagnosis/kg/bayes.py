"""Naive-Bayes posterior over KG diseases and expected information gain of tests.

score(d) = log prior(d) + sum over present f of log(P(f|d) / leak_f)
                        + sum over absent f of log((1 - P(f|d)) / (1 - leak_f)),
with P(f|d) = leak_f where the KG has no link (so unlinked findings contribute 0). Only diseases
linked to an observed finding are touched; the untouched ones keep their prior in the normaliser.
The sum is multiplied by TEMPER (naive-Bayes overconfidence). Hypotheses are collapsed by concept (the same disease from curated, HPO, DO and DDXPlus).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from diagnosis.kg.model import KnowledgeGraph, TestSpec

# Findings are not independent (cough and productive cough, fever and chills): the summed log
# likelihood ratios are tempered so a handful of correlated findings cannot reach certainty.
TEMPER = 0.5


@dataclass
class Ranked:
    concept: str  # root disease id
    name: str
    probability: float
    moved_by: list[tuple[str, bool, float]] = field(default_factory=list)  # (finding id, present, log-LR)


def posterior(kg: KnowledgeGraph, findings: dict[str, bool], *, top: int = 10) -> list[Ranked]:
    delta: dict[str, float] = {}
    for fid, present in findings.items():
        leak = kg.leak(fid)
        for did, p in kg.linked(fid).items():
            if did not in kg.log_prior:
                continue
            step = math.log(p / leak) if present else math.log((1 - p) / (1 - leak))
            delta[did] = delta.get(did, 0.0) + TEMPER * step
    touched_prior = sum(kg.diseases[d].prior for d in delta)
    untouched = max(kg.prior_total - touched_prior, 0.0)
    if delta:
        peak = max(kg.log_prior[d] + s for d, s in delta.items())
        peak = max(peak, math.log(untouched) if untouched > 0 else peak)
    else:
        peak = 0.0
    weights = {d: math.exp(kg.log_prior[d] + s - peak) for d, s in delta.items()}
    z = sum(weights.values()) + untouched * math.exp(-peak)
    # untouched diseases are candidates too: the most probable ones by prior may still lead
    by_prior = sorted((d for d in kg.candidates if d.id not in delta), key=lambda d: -d.prior)[: top * 2]
    for d in by_prior:
        weights[d.id] = d.prior * math.exp(-peak)
    concepts: dict[str, float] = {}
    best_member: dict[str, tuple[float, str]] = {}
    for did, w in weights.items():
        root = kg.concept(did)
        concepts[root] = concepts.get(root, 0.0) + w / z
        if w > best_member.get(root, (-1.0, ""))[0]:
            best_member[root] = (w, did)
    ranked = sorted(concepts.items(), key=lambda kv: -kv[1])[:top]
    out = []
    for root, prob in ranked:
        member = best_member[root][1]
        moved = []
        for fid, present in findings.items():
            p = kg.link_p(member, fid)
            if p is None:
                continue
            leak = kg.leak(fid)
            lr = math.log(p / leak) if present else math.log((1 - p) / (1 - leak))
            moved.append((fid, present, lr))
        moved.sort(key=lambda m: -abs(m[2]))
        out.append(Ranked(concept=root, name=kg.display_name(member), probability=min(prob, 1.0), moved_by=moved[:6]))
    return out


def _entropy(ps: list[float]) -> float:
    return -sum(p * math.log2(p) for p in ps if p > 0)


def _concept_p(kg: KnowledgeGraph, concept: str, fid: str) -> float:
    best = None
    for member in kg.concept_members(concept):
        p = kg.link_p(member, fid)
        if p is not None and (best is None or p > best):
            best = p
    return best if best is not None else kg.leak(fid)


def finding_gain(kg: KnowledgeGraph, hypotheses: list[Ranked], fid: str) -> tuple[float, list[str]]:
    """Expected entropy reduction (bits) over the hypotheses from observing one finding, and the
    hypotheses it separates (linked with clearly different P(f|d))."""
    total = sum(h.probability for h in hypotheses) or 1.0
    prior = [h.probability / total for h in hypotheses]
    likes = [_concept_p(kg, h.concept, fid) for h in hypotheses]
    p_yes = sum(p * lk for p, lk in zip(prior, likes, strict=True))
    if p_yes <= 0 or p_yes >= 1:
        return 0.0, []
    post_yes = [p * lk / p_yes for p, lk in zip(prior, likes, strict=True)]
    post_no = [p * (1 - lk) / (1 - p_yes) for p, lk in zip(prior, likes, strict=True)]
    gain = _entropy(prior) - p_yes * _entropy(post_yes) - (1 - p_yes) * _entropy(post_no)
    leak = kg.leak(fid)
    separated = [h.name for h, lk in zip(hypotheses, likes, strict=True) if abs(lk - leak) > 0.2]
    return max(gain, 0.0), separated


def test_value(kg: KnowledgeGraph, hypotheses: list[Ranked], test: TestSpec,
               known: set[str]) -> tuple[float, list[str]]:
    """Summed information gain of the test's not-yet-known findings (an upper-bound approximation
    that treats them as independent), capped at the current entropy."""
    total = sum(h.probability for h in hypotheses) or 1.0
    cap = _entropy([h.probability / total for h in hypotheses])
    gain = 0.0
    separated: list[str] = []
    for fid in test.reveals:
        if fid in known:
            continue
        g, sep = finding_gain(kg, hypotheses, fid)
        gain += g
        separated += [s for s in sep if s not in separated]
    return min(gain, cap), separated
