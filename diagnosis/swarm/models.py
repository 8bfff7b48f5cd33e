"""A swarm turn's record: one SwarmRun per turn attempt, one SubagentCall per sub-agent call."""

from __future__ import annotations

from django.db import models


class SwarmRun(models.Model):
    """The plan and the three times of one attempt at a swarm turn."""

    turn = models.ForeignKey("diagnosis.Turn", on_delete=models.CASCADE, related_name="swarm_runs")
    attempt = models.PositiveIntegerField()
    plan = models.CharField(max_length=20)
    max_parallel = models.PositiveIntegerField(default=0)
    orchestrator_ms = models.FloatField()
    critical_path_ms = models.FloatField(
        help_text="Orchestrator steps plus the slowest sub-agent of each stage."
    )
    sequential_ms = models.FloatField(help_text="The sum of every sub-agent call's time.")
    wall_ms = models.FloatField()
    failures = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "diagnosis"
        ordering = ["turn", "attempt"]
        constraints = [
            models.UniqueConstraint(fields=["turn", "attempt"], name="swarmrun_unique_attempt")
        ]

    def __str__(self) -> str:
        return f"swarm run of turn {self.turn_id} attempt {self.attempt}"


class SubagentCall(models.Model):
    """One sub-agent's model call (or KG computation), recorded like the turn's own call."""

    run = models.ForeignKey(SwarmRun, on_delete=models.CASCADE, related_name="calls")
    turn = models.ForeignKey(
        "diagnosis.Turn", on_delete=models.CASCADE, related_name="subagent_calls"
    )
    stage = models.PositiveIntegerField()
    position = models.PositiveIntegerField()
    role = models.CharField(max_length=40)
    label = models.CharField(max_length=300)
    status = models.CharField(max_length=12)  # ok | timeout | invalid | refused | error
    error = models.TextField(blank=True)
    output = models.JSONField(default=dict, blank=True)
    model_name = models.CharField(max_length=200, blank=True)
    endpoint = models.CharField(max_length=300, blank=True)
    parameters = models.JSONField(default=dict, blank=True)
    prompt_tokens = models.PositiveIntegerField(default=0)
    completion_tokens = models.PositiveIntegerField(default=0)
    ttft_ms = models.FloatField(null=True, blank=True)
    total_ms = models.FloatField(null=True, blank=True)
    started_ms = models.FloatField(help_text="Offset from the start of the turn's policy run.")
    ended_ms = models.FloatField()
    raw_output = models.TextField(blank=True)

    class Meta:
        app_label = "diagnosis"
        ordering = ["run", "stage", "position"]

    def __str__(self) -> str:
        return f"{self.role} ({self.status}) of turn {self.turn_id}"
