"""Up to K different next decisions at a node, from the kg policy or an LLM.

- kg: deterministic. Alternative 0 is the policy's own decision. Unless the turn must finalise,
  alternative j (j = 0 … K-1) orders the MAX_ORDERS tests of the engine's value ranking after
  leaving out its j best ones (a sliding window over the ranking), with the same differential:
  the engine's K best distinct test sets. The seed does not change a kg tree.
- llm: one request with `n` = K samples at `temperature` (the shared prompt prefix is computed
  once by vLLM), seeded per node from the run's seed, so the same seed gives the same tree on a
  server that honours seeds. A sample that does not parse as a decision is dropped (counted).

Identical proposals are merged (`decision_key`): the same set of tests (normalised names), or
the same final diagnosis; the first one stays and counts how many it absorbed.
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings

from diagnosis.kg import get_kg
from diagnosis.kg.bayes import posterior
from diagnosis.kg.text import normalise_name
from diagnosis.protocol import (
    FinalDecision,
    FinalDiagnosisAction,
    PartialDecision,
    PolicyError,
    TurnDecision,
)
from inference.jobs.distillation.state import EnvState
from inference.policies.kg import LEADING, MAX_ORDERS, KGPolicy, observed_findings
from inference.serving.client import ChatRequest, ModelServerError
from inference.serving.parsing import DecisionParseError, reader_for
from inference.serving.profiles import Profile, get_profile
from inference.serving.sampling import sample_completions


@dataclass(frozen=True)
class Proposal:
    decision: TurnDecision
    merged: int = 0  # identical proposals merged into this one
    source: dict[str, Any] = field(default_factory=dict)  # how it was produced


class Proposer(Protocol):
    key: str

    def propose(self, state: EnvState, *, k: int, node_id: str) -> list[Proposal]:
        """Up to k distinct decisions; raise PolicyError when there is none."""
        ...


def decision_key(decision: TurnDecision) -> tuple[str, ...]:
    action = decision.action
    if isinstance(action, FinalDiagnosisAction):
        return ("final", normalise_name(action.diagnosis))
    return ("order", *sorted({normalise_name(t.test) for t in action.tests}))


def merge_identical(proposals: list[Proposal], k: int) -> list[Proposal]:
    """Distinct proposals in first-seen order, at most k; each counts the duplicates it absorbed
    (including those past k)."""
    kept: dict[tuple[str, ...], Proposal] = {}
    for p in proposals:
        key = decision_key(p.decision)
        if key in kept:
            first = kept[key]
            kept[key] = Proposal(first.decision, first.merged + 1 + p.merged, first.source)
        elif len(kept) < k:
            kept[key] = p
    return list(kept.values())


class KGProposer:
    key = "kg"

    def propose(self, state: EnvState, *, k: int, node_id: str) -> list[Proposal]:
        context = state.context(session_id=f"distill:{node_id}")
        policy = KGPolicy()
        said = ""
        own: TurnDecision | None = None
        for update in policy.run(context):
            if isinstance(update, PartialDecision) and "action" not in update.data:
                said = str(update.data.get("reasoning") or "")
            elif isinstance(update, FinalDecision):
                own = update.decision
        if own is None:
            raise PolicyError("the kg policy stopped without a decision")
        proposals = [Proposal(own, source={"policy": "kg", "alternative": "policy"})]
        if k > 1 and not context.must_finalise:
            kg = get_kg()
            findings, _origin = observed_findings(kg, context)
            ranked = posterior(kg, findings, top=LEADING)
            ranking = policy.pick_tests(kg, context, ranked, findings, limit=MAX_ORDERS + k - 1)
            for j in range(k):
                window = ranking[j : j + MAX_ORDERS]
                if not window:
                    break
                names = ", ".join(name for name, _ in window)
                data = {
                    "reasoning": f"{said} Ordering {names}."[:8000],
                    "differential": [h.model_dump() for h in own.differential],
                    "action": {
                        "type": "order_tests",
                        "tests": [{"test": n, "rationale": why[:1000]} for n, why in window],
                    },
                }
                proposals.append(
                    Proposal(
                        TurnDecision.model_validate(data),
                        source={"policy": "kg", "alternative": f"test set {j + 1}"},
                    )
                )
        return merge_identical(proposals, k)


def node_seed(seed: int, node_id: str) -> int:
    digest = hashlib.sha256(f"{seed}:{node_id}".encode()).hexdigest()
    return int(digest[:8], 16)


class LLMProposer:
    """Samples from a served model in the format of a model profile."""

    _round_robin = itertools.count()

    def __init__(
        self,
        *,
        profile: str | None = None,
        temperature: float = 0.8,
        seed: int = 0,
        endpoints: list[str] | None = None,
        model: str | None = None,
    ) -> None:
        self.profile: Profile = get_profile(profile or settings.VLLM_PROFILE)
        self.key = f"llm:{self.profile.key}"
        self.temperature = temperature
        self.seed = seed
        self.endpoints = list(endpoints or settings.VLLM_ENDPOINTS)
        self.model = model or self.profile.model_name
        if not self.endpoints:
            raise PolicyError("No model server is configured (VLLM_ENDPOINTS is empty).")

    def propose(self, state: EnvState, *, k: int, node_id: str) -> list[Proposal]:
        context = state.context(session_id=f"distill:{node_id}")
        profile = self.profile
        schema = profile.schema(must_finalise=context.must_finalise)
        request = ChatRequest(
            model=self.model,
            messages=profile.messages(context, schema),
            max_tokens=min(profile.max_tokens, settings.VLLM_MAX_TOKENS),
            temperature=self.temperature,
            top_p=profile.top_p,
            stop=profile.stop,
            seed=node_seed(self.seed, node_id),
            schema=schema,
            constraint=profile.constraint,
        )
        endpoint = self.endpoints[next(self._round_robin) % len(self.endpoints)]
        try:
            sampled = sample_completions(
                endpoint,
                request,
                n=k,
                api_key=settings.VLLM_API_KEY,
                timeout=settings.VLLM_TOTAL_TIMEOUT,
            )
        except ModelServerError as exc:
            raise PolicyError(str(exc), retryable=exc.retryable) from None
        reader = reader_for(profile)
        proposals: list[Proposal] = []
        problems: list[str] = []
        for index, choice in enumerate(sampled.choices):
            if choice.finish_reason == "length":
                problems.append(f"sample {index}: cut off at max_tokens")
                continue
            try:
                decision = reader.final(choice.text)
            except DecisionParseError as exc:
                problems.append(f"sample {index}: {exc}")
                continue
            proposals.append(
                Proposal(
                    decision,
                    source={
                        "policy": self.key,
                        "sample": index,
                        "seed": request.seed,
                        "temperature": self.temperature,
                        "endpoint": sampled.endpoint,
                    },
                )
            )
        if not proposals:
            raise PolicyError("no usable sample: " + "; ".join(problems)[:500] or "no samples")
        return merge_identical(proposals, k)


def proposer_for(
    policy: str, *, seed: int, temperature: float, profile: str | None = None
) -> Proposer:
    """`kg`, `llm` (the VLLM_PROFILE profile) or `llm:<profile>`."""
    if policy == "kg":
        return KGProposer()
    if policy == "llm" or policy.startswith("llm:"):
        name = policy.partition(":")[2] or profile
        return LLMProposer(profile=name, temperature=temperature, seed=seed)
    raise ValueError(f"unknown policy {policy!r}: expected kg, llm or llm:<profile>")
