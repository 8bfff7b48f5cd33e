"""Growing trees: node expansion on a worker pool, many cases at once.

A node is a state reached by a decision (the root: the case at turn 0, no decision). Expanding
a node asks the proposer for up to K distinct decisions, steps the state once per decision and
scores each child with the turn metrics; that is one task. Tasks of every open node of every
case run on one pool of `workers` threads (an LLM call waits on the server, not on Python), and a
finished node's children are queued at once. workers=1 expands one node at a time: the same tree
(node ids come from positions, never from timing), which the benchmark compares against.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from django.db import connections

from diagnosis.environment.costs import CostTable
from diagnosis.metrics import compute_turn_metrics
from diagnosis.protocol import PolicyError, TurnDecision
from inference.jobs.distillation.proposals import Proposer
from inference.jobs.distillation.state import EnvState

log = logging.getLogger(__name__)

ROOT = "r"


@dataclass
class Node:
    id: str  # "r", "r.0", "r.0.1": the child positions from the root
    parent: str | None
    state: EnvState
    decision: TurnDecision | None = None
    metrics: dict[str, Any] = field(default_factory=dict)  # turn metrics of this node's turn
    merged: int = 0  # identical sibling proposals merged into this node
    source: dict[str, Any] = field(default_factory=dict)
    error: str = ""  # expanding this node failed (the path ends here)
    children: list[str] = field(default_factory=list)

    @property
    def depth(self) -> int:
        return self.state.turn

    @property
    def leaf(self) -> bool:
        return not self.children


@dataclass
class Tree:
    key: str  # the case's id, as text
    nodes: dict[str, Node]

    def leaves(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.leaf]

    def path_to(self, node: Node) -> list[Node]:
        """The nodes from the root's first child down to `node` (the root has no decision)."""
        out = []
        current: Node | None = node
        while current is not None and current.parent is not None:
            out.append(current)
            current = self.nodes[current.parent]
        return out[::-1]


def expand(
    node: Node, proposer: Proposer, *, k: int, table: CostTable, kg: Any, case_key: str
) -> list[Node] | str:
    """The children of `node`, or the error that stopped it."""
    try:
        proposals = proposer.propose(node.state, k=k, node_id=f"{case_key}/{node.id}")
    except PolicyError as exc:
        return str(exc)[:500] or type(exc).__name__
    children = []
    for index, proposal in enumerate(proposals):
        state = node.state.step(proposal.decision, table=table)
        metrics = compute_turn_metrics(
            snapshot=state.snapshot,
            decisions=state.decisions,
            observations=state.observations,
            kg=kg,
        )
        children.append(
            Node(
                id=f"{node.id}.{index}",
                parent=node.id,
                state=state,
                decision=state.turns[-1].decision,
                metrics=metrics,
                merged=proposal.merged,
                source=proposal.source,
            )
        )
    return children


def _expand_task(*args: Any, **kwargs: Any) -> list[Node] | str:
    try:
        return expand(*args, **kwargs)
    finally:
        connections.close_all()  # a pool thread keeps no database connection between tasks


def grow(
    roots: dict[str, EnvState],
    proposer: Proposer,
    *,
    k: int,
    workers: int,
    table: CostTable,
    kg: Any,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[dict[str, Tree], float]:
    """The tree of every case (by key), and the wall time in seconds."""
    trees = {key: Tree(key, {ROOT: Node(ROOT, None, state)}) for key, state in roots.items()}
    started = time.perf_counter()
    expanded = 0
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="distill") as pool:
        pending: dict[Future[list[Node] | str], tuple[str, Node]] = {}

        def submit(key: str, node: Node) -> None:
            future = pool.submit(
                _expand_task, node, proposer, k=k, table=table, kg=kg, case_key=key
            )
            pending[future] = (key, node)

        for key, tree in trees.items():
            submit(key, tree.nodes[ROOT])
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                key, node = pending.pop(future)
                expanded += 1
                result = future.result()
                if isinstance(result, str):
                    node.error = result
                    log.info("distill case %s node %s: %s", key, node.id, result)
                    continue
                for child in result:
                    trees[key].nodes[child.id] = child
                    node.children.append(child.id)
                    if not child.state.ended:
                        submit(key, child)
            if progress:
                progress(expanded, expanded + len(pending))
    return trees, time.perf_counter() - started
