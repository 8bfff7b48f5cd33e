"""Benchmark runs: a named set of cases run with one policy, one row per case.

A run is created with all its items at once (pending); workers claim items one at a time
(diagnosis.benchmarks.services.item_claim), run the case's session and record its outcome on the
item, so the results page reads the items without recomputing sessions.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

__all__ = ["BenchmarkItem", "BenchmarkRun", "ItemStatus", "RunStatus"]


class RunStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    # Finished, but some cases failed (a resume runs them again).
    FAILED = "failed", "Done with failures"


class ItemStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class BenchmarkRun(models.Model):
    name = models.CharField(max_length=200, unique=True)
    description = models.CharField(max_length=500, blank=True, help_text="The case set.")
    # sha256 of the sorted case keys (dataset/source id): two runs compare only when equal.
    case_set_key = models.CharField(max_length=64, db_index=True)
    policy = models.CharField(max_length=100)
    parameters = models.JSONField(default=dict, blank=True)
    model_id = models.CharField(max_length=200, blank=True)
    max_turns = models.PositiveIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="benchmark_runs",
    )
    status = models.CharField(
        max_length=12, choices=RunStatus.choices, default=RunStatus.PENDING, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # The last launch or resume (the ETA's pace is measured from here).
    launched_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "diagnosis"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class BenchmarkItem(models.Model):
    run = models.ForeignKey(
        "diagnosis.BenchmarkRun", on_delete=models.CASCADE, related_name="items"
    )
    case = models.ForeignKey("diagnosis.Case", on_delete=models.PROTECT, related_name="+")
    # "dataset/source id": what makes a case the same case across runs (compare).
    case_key = models.CharField(max_length=260)
    position = models.PositiveIntegerField()
    session = models.ForeignKey(
        "diagnosis.DiagnosticSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        max_length=12, choices=ItemStatus.choices, default=ItemStatus.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    correct = models.BooleanField(null=True)
    top3 = models.BooleanField(null=True)
    dtc = models.FloatField(null=True)
    rac = models.FloatField(null=True)
    cost = models.FloatField(null=True)
    turns = models.PositiveIntegerField(null=True)
    gold_in_kg = models.BooleanField(null=True)
    kg_coverage = models.FloatField(null=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "diagnosis"
        ordering = ["run", "position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "case"], name="benchmarkitem_unique_case"),
        ]

    def __str__(self) -> str:
        return f"{self.run_id}#{self.position} {self.case_key}"
