"""Benchmark pages: the list of runs, the launch form, a run's live progress and results (plots,
per-case rows), resume, compare two runs, exports (CSV, JSON).

Roles (diagnosis.benchmarks.selectors): reviewers and superusers launch and resume runs;
reviewers, auditors and superusers read them; everyone else gets 404 (no hint a run exists).
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from diagnosis.benchmarks import selectors, services
from diagnosis.benchmarks.models import BenchmarkRun
from diagnosis.sessions import selectors as session_selectors
from diagnosis.sessions.dispatching import get_policy_registry
from diagnosis.web.benchmark_charts import run_plots
from diagnosis.web.benchmark_forms import LaunchRunForm

CSV_KEYS = (
    "case_key",
    "item_status",
    "attempts",
    "session",
    "gold",
    "final_diagnosis",
    "correct",
    "top3",
    "dtc",
    "rac",
    "cost",
    "turns",
    "gold_in_kg",
    "kg_coverage",
    "end_reason",
    "item_error",
)


def _readable(request: HttpRequest) -> None:
    if not selectors.can_read_benchmarks(request.user):
        raise Http404("No such page.")


def _run_or_404(request: HttpRequest, run_id: int) -> BenchmarkRun:
    run = selectors.run_get_for_user(run_id=run_id, user=request.user)
    if run is None:
        raise Http404("No such run.")
    return run


@require_GET
def benchmark_list(request: HttpRequest) -> HttpResponse:
    _readable(request)
    runs = list(selectors.runs_visible_to(request.user)[:200])
    return render(
        request,
        "diagnosis/benchmarks/list.html",
        {
            "runs": [(run, selectors.run_progress(run)) for run in runs],
            "can_launch": selectors.can_launch_benchmarks(request.user),
        },
    )


def _form(request: HttpRequest, data: Any = None, files: Any = None) -> LaunchRunForm:
    return LaunchRunForm(
        data,
        files,
        policies=get_policy_registry().available_policies(),
        datasets=session_selectors.case_datasets(user=request.user),
    )


@require_http_methods(["GET", "POST"])
def benchmark_new(request: HttpRequest) -> HttpResponse:
    _readable(request)
    if not selectors.can_launch_benchmarks(request.user):
        raise PermissionDenied("Only reviewers (researchers) launch benchmark runs.")
    if request.method == "GET":
        return render(request, "diagnosis/benchmarks/new.html", {"form": _form(request)})
    form = _form(request, request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        options = {
            "name": data["name"],
            "policy": data["policy"],
            "max_turns": data.get("max_turns"),
            "created_by": request.user,
        }
        try:
            if data["source"] == "file":
                run = _open_from_upload(data, options)
            else:
                run = _open_from_library(request, data, options)
        except services.ServiceError as exc:
            form.add_error(None, str(exc))
            for error in getattr(exc, "errors", [])[:50]:
                form.add_error("file", error)
        else:
            return redirect("benchmark_detail", run_id=run.pk)
    return render(request, "diagnosis/benchmarks/new.html", {"form": form}, status=400)


def _open_from_library(
    request: HttpRequest, data: dict[str, Any], options: dict[str, Any]
) -> BenchmarkRun:
    cases = session_selectors.cases_search(
        user=request.user,
        query=data.get("q") or "",
        dataset=data.get("dataset") or "",
        status=data.get("status") or "",
    ).order_by("source_dataset", "source_id")
    chosen = list(cases[: data.get("limit") or services.MAX_CASES + 1])
    words = [f"{k}={data[k]!r}" for k in ("q", "dataset", "status", "limit") if data.get(k)]
    description = "library: " + (", ".join(words) or "all cases")
    return services.benchmark_open(cases=chosen, description=description, **options)


def _open_from_upload(data: dict[str, Any], options: dict[str, Any]) -> BenchmarkRun:
    upload = data["file"]
    suffix = Path(upload.name).suffix.lower()
    if suffix not in (".json", ".jsonl"):
        suffix = ".jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        with path.open("wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        return services.benchmark_open(
            path=path,
            fmt=data["format"],
            description=f"file: {upload.name[:200]} ({data['format']})",
            parameters={"format": data["format"]},
            **options,
        )


def results_context(run: BenchmarkRun) -> dict[str, Any]:
    report = selectors.run_report(run)
    return {
        "run": run,
        "report": report,
        "aggregate": report["aggregate"],
        "rows": report["cases"],
        "plots": run_plots(report["cases"], selectors.run_gold_ranks(run)),
        "progress": selectors.run_progress(run),
    }


@require_GET
def benchmark_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    run = _run_or_404(request, run_id)
    context = results_context(run)
    context.update(
        {
            "can_launch": selectors.can_launch_benchmarks(request.user),
            "others": selectors.runs_visible_to(request.user)
            .filter(case_set_key=run.case_set_key)
            .exclude(pk=run.pk)[:50],
        }
    )
    return render(request, "diagnosis/benchmarks/detail.html", context)


@require_POST
def benchmark_resume(request: HttpRequest, run_id: int) -> HttpResponse:
    run = _run_or_404(request, run_id)
    if not selectors.can_launch_benchmarks(request.user):
        raise PermissionDenied("Only reviewers (researchers) resume benchmark runs.")
    try:
        sent = services.benchmark_launch(run=run, resume=True)
    except services.ServiceError as exc:
        return render(
            request,
            "diagnosis/benchmarks/bad.html",
            {"message": str(exc), "run": run},
            status=409,
        )
    messages.success(request, f"Resumed: {len(sent)} case(s) sent to the workers.")
    return redirect("benchmark_detail", run_id=run.pk)


@require_GET
def benchmark_export(request: HttpRequest, run_id: int, fmt: str) -> HttpResponse:
    run = _run_or_404(request, run_id)
    if fmt not in ("csv", "json"):
        raise Http404("Exports are .csv or .json.")
    report = selectors.run_report(run)
    filename = "".join(c if c.isalnum() or c in "-_." else "_" for c in run.name)[:100]
    if fmt == "json":
        response: HttpResponse = JsonResponse(report, json_dumps_params={"indent": 2})
    else:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(CSV_KEYS), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(report["cases"])
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@require_GET
def benchmark_compare(request: HttpRequest) -> HttpResponse:
    _readable(request)
    ids = [request.GET.get("a", ""), request.GET.get("b", "")]
    if not all(i.isdigit() for i in ids):
        return _bad(request, "Choose two runs to compare (a and b).")
    a, b = (selectors.run_get_for_user(run_id=i, user=request.user) for i in ids)
    if a is None or b is None:
        raise Http404("No such run.")
    if a.pk == b.pk:
        return _bad(request, "Choose two different runs.")
    try:
        comparison = selectors.runs_compare(a, b)
    except selectors.DifferentCaseSets as exc:
        return _bad(request, str(exc))
    if request.GET.get("format") == "json":
        return JsonResponse(comparison, json_dumps_params={"indent": 2})
    return render(request, "diagnosis/benchmarks/compare.html", {"a": a, "b": b, "cmp": comparison})


def _bad(request: HttpRequest, message: str) -> HttpResponse:
    if request.GET.get("format") == "json":
        return JsonResponse({"error": message}, status=400)
    return render(request, "diagnosis/benchmarks/bad.html", {"message": message}, status=400)
