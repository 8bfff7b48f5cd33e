"""The Distill pages: the runs and a form to start one, a run's status and trees, one tree with
its paths coloured by label (retained green, truncated yellow, pruned red), one node's decision
and result (an htmx fragment, or a page of its own without htmx)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from diagnosis.cases.importers import FORMATS
from diagnosis.distillation import selectors, services
from diagnosis.distillation.models import DistillationRun, DistillationStatus
from diagnosis.distillation.options import MAX_BRANCHING, MAX_DEPTH, Thresholds
from diagnosis.sessions.dispatching import get_policy_registry

MAX_UI_WORKERS = 16


def case_files() -> list[Path]:
    files: list[Path] = []
    for directory in settings.MEDACTION_DISTILLATION_CASE_DIRS:
        if Path(directory).is_dir():
            files += sorted(p for p in Path(directory).iterdir() if p.suffix in (".jsonl", ".json"))
    return files


def _policy_choices() -> list[tuple[str, str]]:
    return [
        (p.key, p.label)
        for p in get_policy_registry().available_policies()
        if p.available and (p.key == "kg" or p.key.split(":")[0] == "llm")
    ]


class DistillForm(forms.Form):
    cases = forms.ChoiceField(label="Case file")
    format = forms.ChoiceField(choices=[(f, f) for f in FORMATS], initial="agentclinic")
    policy = forms.ChoiceField(label="Policy")
    branching = forms.IntegerField(min_value=1, max_value=MAX_BRANCHING, initial=2, label="K")
    depth = forms.IntegerField(min_value=1, max_value=MAX_DEPTH, initial=5, label="D")
    seed = forms.IntegerField(min_value=0, max_value=2**31 - 1, initial=0)
    workers = forms.IntegerField(min_value=1, max_value=MAX_UI_WORKERS, initial=2)
    limit = forms.IntegerField(min_value=1, required=False, label="First N cases")
    min_rac = forms.FloatField(min_value=0, max_value=1, initial=Thresholds.min_rac)
    min_dtc = forms.FloatField(min_value=0, max_value=1, initial=Thresholds.min_dtc)
    max_gold_rank = forms.IntegerField(min_value=1, max_value=15, initial=Thresholds.max_gold_rank)
    min_prefix_turns = forms.IntegerField(
        min_value=1, max_value=MAX_DEPTH, initial=Thresholds.min_prefix_turns
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cases"].choices = [(str(p), p.name) for p in case_files()]  # type: ignore[attr-defined]
        self.fields["policy"].choices = _policy_choices()  # type: ignore[attr-defined]


def _need_distill(request: HttpRequest) -> None:
    if not selectors.can_distill(request.user):
        raise PermissionDenied("Only clinicians and reviewers distil.")


def _run_or_404(request: HttpRequest, public_id: str) -> DistillationRun:
    run = selectors.distillation_get_for_user(public_id=public_id, user=request.user)
    if run is None:
        raise Http404("No such distillation run.")
    return run


@require_GET
def distill_list(request: HttpRequest) -> HttpResponse:
    _need_distill(request)
    runs = selectors.distillation_list_for_user(user=request.user)[:50]
    form = DistillForm()
    return render(request, "diagnosis/distillation/list.html", {"runs": runs, "form": form})


@require_POST
def distill_start(request: HttpRequest) -> HttpResponse:
    _need_distill(request)
    form = DistillForm(request.POST)
    if not form.is_valid():
        runs = selectors.distillation_list_for_user(user=request.user)[:50]
        return render(
            request, "diagnosis/distillation/list.html", {"runs": runs, "form": form}, status=400
        )
    data = form.cleaned_data
    thresholds = Thresholds(
        min_rac=data["min_rac"],
        min_dtc=data["min_dtc"],
        max_gold_rank=data["max_gold_rank"],
        min_prefix_turns=data["min_prefix_turns"],
    )
    options = {k: data[k] for k in ("cases", "format", "policy", "branching", "depth", "seed")}
    options.update(workers=data["workers"], limit=data["limit"])
    run = services.distillation_create(
        owner=request.user, options=options, thresholds=thresholds.as_dict()
    )
    return redirect("distill_run", public_id=str(run.public_id))


@require_GET
def distill_run(request: HttpRequest, public_id: str) -> HttpResponse:
    run = _run_or_404(request, public_id)
    live = run.status in (DistillationStatus.PENDING, DistillationStatus.RUNNING)
    context = {"run": run, "trees": run.trees.all(), "live": live}
    if getattr(request, "htmx", False):
        return render(request, "diagnosis/distillation/partials/run_body.html", context)
    return render(request, "diagnosis/distillation/run.html", context)


def _nested(nodes: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The nodes as a tree of dicts with `kids`, root first."""
    by_id = {n["node"]: {**n, "kids": []} for n in nodes}
    root = None
    for node in by_id.values():
        parent = node.get("parent")
        if parent is None:
            root = node
        elif parent in by_id:
            by_id[parent]["kids"].append(node)
    return root


@require_GET
def distill_tree(request: HttpRequest, public_id: str, position: int) -> HttpResponse:
    run = _run_or_404(request, public_id)
    tree = selectors.distillation_tree_get(run=run, position=position)
    if tree is None:
        raise Http404("No such tree.")
    return render(
        request,
        "diagnosis/distillation/tree.html",
        {"run": run, "tree": tree, "root": _nested(tree.nodes)},
    )


@require_GET
def distill_node(request: HttpRequest, public_id: str, position: int, node: str) -> HttpResponse:
    run = _run_or_404(request, public_id)
    tree = selectors.distillation_tree_get(run=run, position=position)
    found = next((n for n in (tree.nodes if tree else []) if n.get("node") == node), None)
    if tree is None or found is None:
        raise Http404("No such node.")
    context = {"run": run, "tree": tree, "n": found}
    if getattr(request, "htmx", False):
        return render(request, "diagnosis/distillation/partials/node.html", context)
    return render(request, "diagnosis/distillation/node.html", context)
