"""Scoring every leaf path, and the files a run writes (docs/distillation.md, "Output").

SFT transcripts are written in the serving profile's own format, so the model trained on them
is served by that profile and nothing else: the system message is the profile's system prompt;
turn t's user message is exactly the user prompt the serving path sends at turn t (the profile's
template over the case and the observations so far); turn t's assistant message is the decision
as the profile's parser reads it (TurnDecision JSON for a json profile, tagged sections for a
tagged one).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from diagnosis.metrics import compute_session_metrics
from diagnosis.protocol import FinalDiagnosisAction, TurnDecision
from inference.jobs.distillation.labels import (
    LABELS,
    RETAINED,
    PathLabel,
    PathTurn,
    Thresholds,
    label_path,
)
from inference.jobs.distillation.tree import Node, Tree
from inference.serving.profiles import Profile

_BEST = {label: i for i, label in enumerate(LABELS)}  # retained best, pruned worst


@dataclass(frozen=True)
class ScoredPath:
    path_id: str
    leaf: Node
    nodes: list[Node]
    session: dict[str, Any]
    label: PathLabel
    ending: str


def score_tree(tree: Tree, thresholds: Thresholds, kg: Any) -> list[ScoredPath]:
    out = []
    for leaf in sorted(tree.leaves(), key=lambda n: n.id):
        nodes = tree.path_to(leaf)
        state = leaf.state
        if leaf.error:
            ending = "failed"
        elif state.final_diagnosis is not None:
            ending = "final_diagnosis"
        else:
            ending = "turn_budget"
        session = (
            compute_session_metrics(
                snapshot=state.snapshot,
                decisions=state.decisions,
                observations=state.observations,
                final_diagnosis=state.final_diagnosis or "",
                end_reason="final_diagnosis" if ending == "final_diagnosis" else "turn_budget",
                kg=kg,
            )
            if nodes
            else {"correct": False, "dtc": 0.0, "rac": None, "turns": 0, "cost": 0.0}
        )
        label = label_path(
            [PathTurn(n.decision, n.metrics) for n in nodes if n.decision is not None],
            session,
            ending=ending,
            thresholds=thresholds,
            failure=leaf.error,
        )
        out.append(ScoredPath(f"{tree.key}:{leaf.id}", leaf, nodes, session, label, ending))
    return out


def render_decision(decision: TurnDecision, profile: Profile) -> str:
    """The assistant message: the text the profile's parser reads back as this decision."""
    if profile.output == "json":
        return json.dumps(decision.model_dump(mode="json"), ensure_ascii=False)
    fmt = profile.tagged

    def line(text: str) -> str:  # one line, no column separator: the patterns read lines
        return " ".join(text.replace("|", "/").split())

    parts = [f"<{fmt.reasoning}>\n{decision.reasoning.strip()}\n</{fmt.reasoning}>"]
    hyps = "\n".join(f"- {line(h.diagnosis)} | {h.probability:.4g}" for h in decision.differential)
    parts.append(f"<{fmt.differential}>\n{hyps}\n</{fmt.differential}>")
    action = decision.action
    if isinstance(action, FinalDiagnosisAction):
        parts.append(
            f"<{fmt.final}>{line(action.diagnosis)} | {action.confidence:.4g}</{fmt.final}>"
        )
    else:
        orders = "\n".join(
            f"- {line(t.test)} | {line(t.rationale)}" if t.rationale else f"- {line(t.test)}"
            for t in action.tests
        )
        parts.append(f"<{fmt.orders}>\n{orders}\n</{fmt.orders}>")
    return "\n".join(parts)


def sft_record(path: ScoredPath, profile: Profile) -> dict[str, Any] | None:
    """One kept path as a chat transcript; None for a pruned one."""
    kept = path.nodes[: path.label.kept_turns]
    if not kept:
        return None
    messages: list[dict[str, str]] = []
    for node in kept:
        # the state before this node's turn is its parent's: what the model saw when it decided
        before = node.state.__class__(
            snapshot=node.state.snapshot,
            max_turns=node.state.max_turns,
            turns=node.state.turns[:-1],
        )
        context = before.context(session_id="distill")
        system, user = profile.messages(
            context, profile.schema(must_finalise=context.must_finalise)
        )
        if not messages:
            messages.append(system)
        messages.append(user)
        assert node.decision is not None
        messages.append({"role": "assistant", "content": render_decision(node.decision, profile)})
    snap = path.leaf.state.snapshot
    last = kept[-1].metrics
    full = path.label.label == RETAINED
    return {
        "messages": messages,
        "metadata": {
            "case_id": snap.id,
            "case_version": snap.version,
            "source_id": snap.source.id,
            "path_id": path.path_id,
            "label": path.label.label,
            "reason": path.label.reason,
            "dtc": path.session.get("dtc") if full else last.get("dtc"),
            "rac": path.session.get("rac") if full else last.get("rac"),
            "cost": float(kept[-1].state.cost),
            "turns": len(kept),
            "profile": profile.key,
        },
    }


def node_records(tree: Tree, paths: list[ScoredPath]) -> list[dict[str, Any]]:
    """Every node of a tree (trees.jsonl): a leaf carries its path's label and session metrics;
    an inner node the best label of the paths through it."""
    best: dict[str, str] = {}
    by_leaf = {p.leaf.id: p for p in paths}
    for p in paths:
        for node_id in ["r", *(n.id for n in p.nodes)]:
            if node_id not in best or _BEST[p.label.label] < _BEST[best[node_id]]:
                best[node_id] = p.label.label
    snap = tree.nodes["r"].state.snapshot
    out = []
    for node in sorted(tree.nodes.values(), key=lambda n: [int(x) for x in n.id.split(".")[1:]]):
        turn = node.state.turns[-1] if node.decision is not None else None
        record: dict[str, Any] = {
            "case_id": snap.id,
            "case_version": snap.version,
            "node": node.id,
            "parent": node.parent,
            "depth": node.depth,
            "decision": node.decision.model_dump(mode="json") if node.decision else None,
            "observations": [o.as_dict() for o in turn.observations] if turn else [],
            "cost": float(node.state.cost),
            "metrics": node.metrics,
            "merged": node.merged,
            "source": node.source,
            "error": node.error,
            "leaf": node.leaf,
            "label": best.get(node.id),
        }
        path = by_leaf.get(node.id)
        if path is not None:
            record["path"] = {
                "id": path.path_id,
                "label": path.label.label,
                "rule": path.label.rule,
                "reason": path.label.reason,
                "kept_turns": path.label.kept_turns,
                "ending": path.ending,
                "session": path.session,
            }
        out.append(record)
    return out
