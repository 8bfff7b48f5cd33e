"""A distillation run (options, status, summary) and one tree per case (its nodes as JSON)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class DistillationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    COMPLETED = "completed", "Completed"
    FAILED = "failed", "Failed"


class DistillationRun(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    origin = models.CharField(max_length=20, default="ui")  # "ui" | "command"
    status = models.CharField(
        max_length=20, choices=DistillationStatus.choices, default=DistillationStatus.PENDING
    )
    options = models.JSONField(default=dict)  # cases, format, policy, branching, depth, …
    thresholds = models.JSONField(default=dict)
    summary = models.JSONField(default=dict)
    out_dir = models.CharField(max_length=500, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "diagnosis"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"distillation {self.public_id} ({self.status})"


class DistillationTree(models.Model):
    run = models.ForeignKey(
        "diagnosis.DistillationRun", on_delete=models.CASCADE, related_name="trees"
    )
    position = models.PositiveIntegerField()
    case = models.ForeignKey(
        "diagnosis.Case", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    case_title = models.CharField(max_length=300, blank=True)
    counts = models.JSONField(default=dict)  # paths per label
    nodes = models.JSONField(default=list)  # the trees.jsonl rows of this case

    class Meta:
        app_label = "diagnosis"
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "position"], name="distillation_tree_position")
        ]

    def __str__(self) -> str:
        return f"tree {self.position} of run {self.run_id}"
