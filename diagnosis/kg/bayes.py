"""Naive-Bayes posterior over KG diseases and expected information gain of tests.

score(d) = log prior(d) + sum over present f of log(P(f|d) / leak_f)
                        + sum over absent f of log((1 - P(f|d)) / (1 - leak_f)),
with P(f|d) = leak_f where the KG has no link (so unlinked findings contribute 0). Only diseases
linked to an observed finding are touched; the untouched ones keep their prior in the normaliser.
The sum is multiplied by TEMPER (naive-Bayes overconfidence). Hypotheses are collapsed by concept
(the same disease from curated, HPO, DO and DDXPlus).
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field

from diagnosis.kg.model import KnowledgeGraph, TestSpec

# Findings are not independent (cough and productive cough, fever and chills): the summed log
# likelihood ratios are tempered so a handful of correlated findings cannot reach certainty.
# 0.5, then 0.7; with the larger curated catalogue 0.85 ranked gold first more often (even dev
# halves).
TEMPER = 0.85
CANDIDATE_POOL = 300


@dataclass
class Ranked:
    concept: str  # root disease id
    name: str
    probability: float
    moved_by: list[tuple[str, bool, float]] = field(
        default_factory=list
    )  # (finding id, present, log-LR)


def posterior(kg: KnowledgeGraph, findings: dict[str, bool], *, top: int = 10) -> list[Ranked]:
    delta: dict[str, float] = {}
    get = delta.get
    for fid, present in findings.items():
        for did, step in _steps(kg, fid, present):
            delta[did] = get(did, 0.0) + step
    touched_prior = sum(kg.diseases[d].prior for d in delta)
    untouched = max(kg.prior_total - touched_prior, 0.0)
    scores = {d: kg.log_prior[d] + s for d, s in delta.items()}
    peak = max(scores.values()) if scores else 0.0
    if untouched > 0:
        peak = max(peak, math.log(untouched))
    z = sum(math.exp(v - peak) for v in scores.values()) + untouched * math.exp(-peak)
    # only the strongest few hundred can matter for the ranking; the rest stay in the normaliser
    weights = {
        d: math.exp(v - peak)
        for d, v in heapq.nlargest(CANDIDATE_POOL, scores.items(), key=lambda kv: (kv[1], kv[0]))
    }
    # untouched diseases are candidates too: the most probable ones by prior may still lead
    extra = 0
    for d in kg.candidates_by_prior:
        if extra >= top * 2:
            break
        if d.id not in delta:
            weights[d.id] = d.prior * math.exp(-peak)
            extra += 1
    concepts: dict[str, float] = {}
    best_member: dict[str, tuple[float, str]] = {}
    for did, w in weights.items():
        root = kg.concept(did)
        concepts[root] = concepts.get(root, 0.0) + w / z
        if w > best_member.get(root, (-1.0, ""))[0]:
            best_member[root] = (w, did)
    # Ties (and sums that differ in the last bit with the order findings were read in, which
    # follows string hashing) break by concept id: the same findings give the same ranking in
    # every process, so distillation trees and evaluations reproduce.
    ranked = sorted(concepts.items(), key=lambda kv: (-round(kv[1], 12), kv[0]))[:top]
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
            if fid in kg.penalty_only:
                lr = min(lr, 0.0)
            moved.append((fid, present, lr))
        moved.sort(key=lambda m: -abs(m[2]))
        out.append(
            Ranked(
                concept=root,
                name=kg.display_name(member),
                probability=min(prob, 1.0),
                moved_by=moved[:6],
            )
        )
    return out


def _steps(kg: KnowledgeGraph, fid: str, present: bool) -> list[tuple[str, float]]:
    """(disease, tempered log-likelihood ratio) for one observed finding; cached per process."""
    cache: dict[tuple[str, bool], list[tuple[str, float]]] = kg.__dict__.setdefault(
        "_steps_cache", {}
    )
    hit = cache.get((fid, present))
    if hit is None:
        leak = kg.leak(fid)
        hit = []
        for did, p in kg.linked(fid).items():
            if did in kg.log_prior:
                step = math.log(p / leak) if present else math.log((1 - p) / (1 - leak))
                if fid in kg.penalty_only:  # a demographic can rule a disease out, never in
                    step = min(step, 0.0)
                hit.append((did, TEMPER * step))
        cache[(fid, present)] = hit
    return hit


def _entropy(ps: list[float]) -> float:
    return -sum(p * math.log2(p) for p in ps if p > 0)


def _concept_p(kg: KnowledgeGraph, concept: str, fid: str) -> float:
    cache: dict[tuple[str, str], float] = kg.__dict__.setdefault("_concept_p_cache", {})
    hit = cache.get((concept, fid))
    if hit is None:
        hit = cache[(concept, fid)] = _concept_p_uncached(kg, concept, fid)
    return hit


def _concept_p_uncached(kg: KnowledgeGraph, concept: str, fid: str) -> float:
    best = None
    for member in kg.concept_members(concept):
        p = kg.link_p(member, fid)
        if p is not None and (best is None or p > best):
            best = p
    return best if best is not None else kg.leak(fid)


class GainModel:
    """Expected information gain over a fixed set of leading hypotheses (one turn's worth)."""

    def __init__(self, kg: KnowledgeGraph, hypotheses: list[Ranked]) -> None:
        self.kg = kg
        self.hypotheses = hypotheses
        total = sum(h.probability for h in hypotheses) or 1.0
        self.prior = [h.probability / total for h in hypotheses]
        self.entropy = _entropy(self.prior)
        self._gains: dict[str, tuple[float, list[str]]] = {}

    def finding_gain(self, fid: str) -> tuple[float, list[str]]:
        """Expected entropy reduction (bits) from observing one finding, and the hypotheses it
        separates (linked with P(f|d) clearly different from the leak)."""
        hit = self._gains.get(fid)
        if hit is not None:
            return hit
        kg, prior = self.kg, self.prior
        likes = [_concept_p(kg, h.concept, fid) for h in self.hypotheses]
        p_yes = sum(p * lk for p, lk in zip(prior, likes, strict=True))
        if p_yes <= 0 or p_yes >= 1:
            hit = (0.0, [])
        else:
            post_yes = [p * lk / p_yes for p, lk in zip(prior, likes, strict=True)]
            post_no = [p * (1 - lk) / (1 - p_yes) for p, lk in zip(prior, likes, strict=True)]
            gain = self.entropy - p_yes * _entropy(post_yes) - (1 - p_yes) * _entropy(post_no)
            leak = kg.leak(fid)
            separated = [
                h.name for h, lk in zip(self.hypotheses, likes, strict=True) if abs(lk - leak) > 0.2
            ]
            hit = (max(gain, 0.0), separated)
        self._gains[fid] = hit
        return hit

    def test_value(self, test: TestSpec, known: set[str]) -> tuple[float, list[str]]:
        """Summed gain of the test's not-yet-known findings (treating them as independent: an
        upper bound), capped at the current entropy."""
        gain = 0.0
        separated: list[str] = []
        for fid in test.reveals:
            if fid in known:
                continue
            g, sep = self.finding_gain(fid)
            gain += g
            separated += [s for s in sep if s not in separated]
        return min(gain, self.entropy), separated
