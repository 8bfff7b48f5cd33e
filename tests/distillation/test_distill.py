"""Distillation end to end: the SFT file is in the serving profile's format, the same seed gives
the same tree, identical siblings merge, forks share nothing, the parallel pool really runs
nodes at once, and the files agree with each other."""

from __future__ import annotations

import dataclasses
import json

import pytest

from diagnosis.distillation.models import DistillationRun, DistillationTree
from diagnosis.protocol import TurnDecision
from inference.jobs.bench.standin_server import StandinConfig, StandinServer
from inference.jobs.distillation.proposals import LLMProposer, Proposal, merge_identical
from inference.jobs.distillation.run import DistillOptions, distill
from inference.jobs.distillation.state import EnvState
from inference.serving.parsing import reader_for
from inference.serving.profiles import get_profile
from tests.workers import free_port

pytestmark = pytest.mark.django_db(transaction=True)


def options(cases_file, out, **kw):  # type: ignore[no-untyped-def]
    base = {"fmt": "agentclinic", "policy": "kg", "branching": 2, "depth": 4, "workers": 2}
    base.update(kw)
    return DistillOptions(cases=cases_file, out=out, **base)


def read_jsonl(path):  # type: ignore[no-untyped-def]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def order(*tests: str) -> TurnDecision:
    return TurnDecision.model_validate(
        {
            "reasoning": "r",
            "differential": [{"diagnosis": "Pneumonia", "probability": 0.6}],
            "action": {"type": "order_tests", "tests": [{"test": t} for t in tests]},
        }
    )


@pytest.mark.parametrize("profile", ["json-schema", "tagged-sections"])
def test_every_assistant_message_parses_as_a_decision_through_the_profile(
    cases_file, tmp_path, profile
):
    result = distill(options(cases_file, tmp_path / "out", profile=profile))
    reader = reader_for(get_profile(profile))
    rows = read_jsonl(tmp_path / "out" / "trajectories.sft.jsonl")
    assert rows, "the kg engine keeps at least one path of these two textbook cases"
    assert len(rows) == result.summary["retained"] + result.summary["truncated"]
    served = get_profile(profile)
    for row in rows:
        messages = row["messages"]
        assert messages[0]["role"] == "system"
        assert messages[0]["content"] == served.system.strip()
        roles = [m["role"] for m in messages[1:]]
        assert roles == ["user", "assistant"] * (len(roles) // 2)
        assert len(roles) // 2 == row["metadata"]["turns"]
        for m in messages[1:]:
            if m["role"] == "assistant":
                assert isinstance(reader.final(m["content"]), TurnDecision)
        meta = row["metadata"]
        assert meta["label"] in ("retained", "truncated")
        assert {"case_id", "case_version", "path_id", "dtc", "rac", "cost"} <= set(meta)


def test_summary_counts_are_integers_that_add_up_and_name_the_thresholds(cases_file, tmp_path):
    distill(
        options(cases_file, tmp_path / "out", min_rac=0.4)
        if False
        else options(cases_file, tmp_path / "out")
    )
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    for key in ("cases", "paths", "retained", "truncated", "pruned"):
        assert isinstance(summary[key], int)
    assert summary["cases"] == 2
    assert summary["retained"] + summary["truncated"] + summary["pruned"] == summary["paths"]
    assert summary["thresholds"] == {
        "min_rac": 0.5,
        "min_dtc": 0.5,
        "max_gold_rank": 3,
        "min_prefix_turns": 2,
    }
    nodes = read_jsonl(tmp_path / "out" / "trees.jsonl")
    leaves = [n for n in nodes if n["leaf"]]
    assert len(leaves) == summary["paths"]
    ids = {(n["case_id"], n["node"]) for n in nodes}
    assert all(n["parent"] is None or (n["case_id"], n["parent"]) in ids for n in nodes)


def test_the_same_seed_gives_the_same_tree(cases_file, tmp_path):
    distill(options(cases_file, tmp_path / "a", seed=3))
    distill(options(cases_file, tmp_path / "b", seed=3))
    assert (tmp_path / "a" / "trees.jsonl").read_text() == (
        tmp_path / "b" / "trees.jsonl"
    ).read_text()
    assert (tmp_path / "a" / "trajectories.sft.jsonl").read_text() == (
        tmp_path / "b" / "trajectories.sft.jsonl"
    ).read_text()


@pytest.fixture
def standin():  # type: ignore[no-untyped-def]
    server = StandinServer(
        free_port(),
        StandinConfig(ttft_ms=20, tokens=1, tokens_per_s=1e6, finalise_after_first=False),
    ).start()
    yield server
    server.stop()


def llm(server, seed=0):  # type: ignore[no-untyped-def]
    return LLMProposer(
        profile="json-schema", temperature=0.9, seed=seed, endpoints=[server.url], model="standin"
    )


def test_an_llm_tree_samples_k_in_one_request_seeded_per_node(cases_file, tmp_path, standin):
    one = distill(options(cases_file, tmp_path / "a", depth=3, limit=1), proposer=llm(standin, 5))
    bodies = list(standin.config.bodies)
    assert bodies and all(b["n"] == 2 and b["stream"] is False for b in bodies)
    assert all(b["temperature"] == 0.9 for b in bodies)
    seeds = [b["seed"] for b in bodies]
    assert len(set(seeds)) == len(seeds), "each node has its own seed"
    two = distill(options(cases_file, tmp_path / "b", depth=3, limit=1), proposer=llm(standin, 5))
    assert sorted(b["seed"] for b in standin.config.bodies[len(bodies) :]) == sorted(seeds)
    assert (tmp_path / "a" / "trees.jsonl").read_text() == (
        tmp_path / "b" / "trees.jsonl"
    ).read_text()
    # the stand-in samples differ per index: a full binary tree of depth 3
    assert one.summary["paths"] == two.summary["paths"] == 4


def test_identical_samples_are_merged_into_one_child(cases_file, tmp_path, standin):
    standin.config.reply_text = order("Chest x-ray", "CRP").model_dump_json()
    result = distill(
        options(cases_file, tmp_path / "out", depth=2, limit=1, branching=3), proposer=llm(standin)
    )
    standin.config.reply_text = None
    nodes = read_jsonl(tmp_path / "out" / "trees.jsonl")
    children = [n for n in nodes if n["parent"] == "r"]
    assert len(children) == 1 and children[0]["merged"] == 2
    assert result.summary["paths"] == 1


def test_merge_keys_on_the_set_of_tests_not_their_order_or_case():
    merged = merge_identical(
        [
            Proposal(order("Chest x-ray", "CRP")),
            Proposal(order("crp", "chest X-ray")),
            Proposal(order("Blood culture")),
        ],
        k=3,
    )
    assert [p.merged for p in merged] == [1, 0]
    assert [t.test for t in merged[1].decision.action.tests] == ["Blood culture"]


def test_forks_never_share_mutable_state(case):
    from diagnosis.cases.snapshots import case_snapshot
    from diagnosis.environment.costs import default_table

    table = default_table()
    root = EnvState(snapshot=case_snapshot(case), max_turns=4)
    decision = order("Complete blood count")
    left = root.step(decision, table=table)
    right = root.step(order("Ferritin"), table=table)
    assert root.turns == () and root.cost == 0
    assert left.turns[0].observations[0].result == "Hb 92 g/L, MCV 71 fL"
    assert right.turns[0].observations[0].result == "6 ug/L (low)"
    # the child holds its own copy: changing the decision handed in (or one child's) moves nothing
    decision.action.tests[0].test = "changed"
    left.turns[0].decision.differential[0].probability = 0.01
    again = root.step(order("Complete blood count"), table=table)
    assert left.turns[0].decision.action.tests[0].test == "Complete blood count"
    assert again.turns[0].decision.differential[0].probability == 0.6
    with pytest.raises(dataclasses.FrozenInstanceError):
        left.cost = 0  # type: ignore[misc]
    with pytest.raises(ValueError, match="ended"):
        left.step(
            TurnDecision.model_validate(
                {"action": {"type": "final_diagnosis", "diagnosis": "IDA", "confidence": 0.9}}
            ),
            table=table,
        ).step(decision, table=table)


def test_branches_expand_concurrently_and_grow_the_same_tree(cases_file, standin):
    from diagnosis.environment.costs import default_table
    from diagnosis.kg import get_kg
    from inference.jobs.distillation.bench import bench_parallel
    from inference.jobs.distillation.run import load_roots

    roots, _ = load_roots(options(cases_file, cases_file.parent / "unused", depth=3))
    figures = bench_parallel(
        roots, k=2, workers=4, latency_ms=30, table=default_table(), kg=get_kg(), port=free_port()
    )
    assert figures["same_tree"] is True
    assert figures["expansions"] == 2 * (1 + 2 + 4)
    assert figures["max_concurrent_requests"] >= 2  # one node at a time would never overlap


def test_a_command_run_is_recorded_with_one_tree_per_case(cases_file, tmp_path):
    from django.core.management import call_command

    call_command("distill", cases=str(cases_file), format="agentclinic", out=str(tmp_path / "o"))
    run = DistillationRun.objects.get()
    assert run.origin == "command" and run.status == "completed"
    assert run.summary["cases"] == 2
    trees = list(DistillationTree.objects.filter(run=run))
    assert len(trees) == 2
    assert sum(sum(t.counts.values()) for t in trees) == run.summary["paths"]


def test_the_kg_tree_is_the_same_in_processes_that_hash_strings_differently(cases_file, tmp_path):
    """String hashing changes set and dict order between processes; the tree must not."""
    import os
    import subprocess
    import sys

    from tests.browser.conftest import _database_url

    database = _database_url()  # the test database: the command imports the cases into it
    trees = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        done = subprocess.run(
            [
                sys.executable,
                "manage.py",
                "distill",
                "--cases",
                str(cases_file),
                "--format",
                "agentclinic",
                "--depth",
                "4",
                "--out",
                str(out),
                "--no-record",
            ],  # fmt: skip
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "PYTHONHASHSEED": seed, "DATABASE_URL": database},
        )
        assert done.returncode == 0, done.stderr[-2000:]
        trees.append((out / "trees.jsonl").read_text(encoding="utf-8"))
    assert trees[0] == trees[1]
