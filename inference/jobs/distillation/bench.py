"""The parallel-expansion benchmark: a tree's wall time on W workers against one node at a time.

The model's latency is held fixed by the stand-in server (inference/jobs/bench/standin_server.py,
a benchmark instrument answering `n` samples after a set delay), so the ratio measures the
expansion, not a model: it approaches W when enough nodes are open at once (several cases, or
a wide tree), and stays below W while a tree's top levels have fewer than W open nodes.
"""

from __future__ import annotations

import socket
from typing import Any

from diagnosis.environment.costs import CostTable
from inference.jobs.bench.standin_server import StandinConfig, StandinServer
from inference.jobs.distillation.proposals import LLMProposer, decision_key
from inference.jobs.distillation.state import EnvState
from inference.jobs.distillation.tree import Tree, grow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _shape(trees: dict[str, Tree]) -> set[tuple[str, str, tuple[str, ...]]]:
    return {
        (key, node.id, decision_key(node.decision) if node.decision else ())
        for key, tree in trees.items()
        for node in tree.nodes.values()
    }


def bench_parallel(
    roots: dict[str, EnvState],
    *,
    k: int,
    workers: int,
    latency_ms: float,
    table: CostTable,
    kg: Any,
    seed: int = 0,
    port: int = 0,
) -> dict[str, Any]:
    """`port`: where the stand-in listens (0: a free one the OS picks)."""
    config = StandinConfig(
        ttft_ms=latency_ms, tokens=1, tokens_per_s=1e6, finalise_after_first=False
    )
    with StandinServer(port or _free_port(), config) as server:
        proposer = LLMProposer(
            profile="json-schema",
            temperature=0.8,
            seed=seed,
            endpoints=[server.url],
            model=config.model,
        )
        one, sequential = grow(roots, proposer, k=k, workers=1, table=table, kg=kg)
        many, parallel = grow(roots, proposer, k=k, workers=workers, table=table, kg=kg)
    expansions = sum(1 for t in one.values() for n in t.nodes.values() if n.children or n.error)
    return {
        "model_latency_ms": latency_ms,
        "workers": workers,
        "cases": len(roots),
        "nodes": sum(len(t.nodes) for t in one.values()),
        "expansions": expansions,
        "sequential_s": round(sequential, 3),
        "parallel_s": round(parallel, 3),
        "ratio": round(sequential / parallel, 2) if parallel else None,
        "same_tree": _shape(one) == _shape(many),
        "max_concurrent_requests": config.max_active,
    }
