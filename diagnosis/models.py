"""Domain models. Writes go through diagnosis.sessions.services; reads with access checks through
selectors."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class CaseStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Case(models.Model):
    """A case record: what is seen at turn 0, a hidden test menu, and the gold diagnosis."""

    title = models.CharField(max_length=300)
    demographics = models.CharField(max_length=300, blank=True)
    initial_presentation = models.TextField(help_text="What the policy sees at turn 0.")
    # [{"question": "...", "answer": "..."}] answerable history items (MediQ facts, OSCE history)
    history = models.JSONField(default=list, blank=True)
    gold_diagnosis = models.CharField(max_length=500)
    gold_aliases = models.JSONField(default=list, blank=True)
    # {"icd10": ["I21.4"], "omim": [...], "orpha": [...], "doid": [...]}
    gold_codes = models.JSONField(default=dict, blank=True)
    reference_differential = models.JSONField(default=list, blank=True)
    source_dataset = models.CharField(max_length=50, default="native", db_index=True)
    source_id = models.CharField(max_length=200)
    source_url = models.URLField(max_length=500, blank=True)
    licence = models.CharField(max_length=200, blank=True)
    # Where the medicine in an original (native) case comes from: guidelines, reviews, textbooks.
    references = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=12, choices=CaseStatus.choices, default=CaseStatus.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(default=1, help_text="Raised on every saved edit.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_dataset", "source_id"], name="case_unique_source"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class TestMenuItem(models.Model):
    """One orderable test of a case with its (hidden) result."""

    __test__ = False

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="menu_items")
    category = models.CharField(max_length=100, blank=True)
    name = models.CharField(max_length=300)
    aliases = models.JSONField(default=list, blank=True)
    # Leaves ordered together share a panel ("Complete blood count"); an order for the panel gets
    # them all.
    panel = models.CharField(max_length=300, blank=True)
    result = models.TextField()
    values = models.JSONField(default=dict, blank=True)
    cost = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Leave empty to price from the cost table.",
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class CaseVersion(models.Model):
    """The case as it was at one version: every saved edit adds one, so a session's
    `case_version` always points at the exact record it ran on."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    snapshot = models.JSONField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="caseversion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} v{self.version}"


class TestPrice(models.Model):
    """A price for a test, matched to orders through the oracle's name normalisation.

    Values are our own approximations of US Medicare fee schedule amounts (CLFS for labs, MPFS
    global for imaging and procedures); `source` says where each number comes from.
    """

    __test__ = False

    name = models.CharField(max_length=200, unique=True)
    aliases = models.JSONField(default=list, blank=True)
    category = models.CharField(max_length=100, blank=True)
    code = models.CharField(
        max_length=50, blank=True, help_text="CPT/HCPCS code the price refers to."
    )
    price = models.DecimalField(max_digits=10, decimal_places=2)
    source = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.price})"


class CostPolicy(models.Model):
    """Singleton (pk=1): the per-turn visit fee and the price of a test the table does not know."""

    visit_fee = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        default=0,
        help_text="Charged once per turn that orders tests; 0 disables it.",
    )
    default_test_price = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        default=25,
        help_text="Price of an answered test that no price row matches.",
    )
    currency = models.CharField(max_length=3, default="USD")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "cost policy"

    def __str__(self) -> str:
        return f"visit fee {self.visit_fee} {self.currency}"


class SessionMode(models.TextChoices):
    SIMULATED = "simulated", "Simulated (oracle answers)"
    LIVE = "live", "Live patient (clinician enters results)"


class SessionStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    AWAITING_CLINICIAN = "awaiting", "Awaiting clinician"
    COMPLETED = "completed", "Completed"
    FAILED = "failed", "Failed"


class DiagnosticSession(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="diagnostic_sessions"
    )
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions"
    )
    case_version = models.PositiveIntegerField(null=True, blank=True)
    # The case as it was at start (menu and gold included; policies never see those parts).
    case_snapshot = models.JSONField(default=dict)
    title = models.CharField(max_length=300)
    mode = models.CharField(max_length=12, choices=SessionMode.choices)
    policy = models.CharField(max_length=100)
    status = models.CharField(
        max_length=12, choices=SessionStatus.choices, default=SessionStatus.ACTIVE, db_index=True
    )
    max_turns = models.PositiveIntegerField(default=8)
    # Stepping: when true, a simulated session pauses after each turn.
    step_mode = models.BooleanField(default=False)
    final_diagnosis = models.CharField(max_length=500, blank=True)
    metrics = models.JSONField(default=dict, blank=True)
    total_cost = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    error = models.TextField(blank=True)
    # Event chain head: allocated under a row lock so seq stays gapless.
    last_seq = models.PositiveIntegerField(default=0)
    last_hash = models.CharField(max_length=64, blank=True)
    batch_label = models.CharField(max_length=200, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.public_id})"

    @property
    def is_open(self) -> bool:
        return self.status in (
            SessionStatus.ACTIVE,
            SessionStatus.PAUSED,
            SessionStatus.AWAITING_CLINICIAN,
        )


class TurnStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    COMPLETED = "completed", "Completed"
    FAILED = "failed", "Failed"


class Turn(models.Model):
    session = models.ForeignKey(DiagnosticSession, on_delete=models.CASCADE, related_name="turns")
    index = models.PositiveIntegerField()
    status = models.CharField(
        max_length=12, choices=TurnStatus.choices, default=TurnStatus.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    decision = models.JSONField(null=True, blank=True)
    # [{"order", "status", "item", "category", "result", "score", "cost", "source"}]
    observations = models.JSONField(default=list, blank=True)
    # Live mode: orders the clinician accepted or edited, before results are entered.
    accepted_orders = models.JSONField(default=list, blank=True)
    # What was asked of this turn, e.g. {"must_finalise": true} when the clinician wants a
    # diagnosis.
    options = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    retryable = models.BooleanField(default=False)
    raw_output = models.TextField(blank=True)
    model_name = models.CharField(max_length=200, blank=True)
    endpoint = models.CharField(max_length=300, blank=True)
    parameters = models.JSONField(default=dict, blank=True)
    prompt_tokens = models.PositiveIntegerField(default=0)
    completion_tokens = models.PositiveIntegerField(default=0)
    ttft_ms = models.FloatField(null=True, blank=True)
    latency_ms = models.FloatField(null=True, blank=True)
    metrics = models.JSONField(default=dict, blank=True)
    cost = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["session", "index"]
        constraints = [
            models.UniqueConstraint(fields=["session", "index"], name="turn_unique_index")
        ]
        # The admin's model-server health page (the servers that run turns): operators.
        permissions = [("view_model_health", "Can view the model servers' health page")]

    def __str__(self) -> str:
        return f"turn {self.index} of {self.session_id}"


class EventImmutableError(Exception):
    pass


class SessionEvent(models.Model):
    """Append-only, hash-chained log: the truth a browser resumes from and an auditor verifies."""

    session = models.ForeignKey(DiagnosticSession, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=50)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField()
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["session", "seq"]
        constraints = [models.UniqueConstraint(fields=["session", "seq"], name="event_unique_seq")]

    def __str__(self) -> str:
        return f"{self.session_id}#{self.seq} {self.kind}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise EventImmutableError("session events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise EventImmutableError("session events are append-only")

    def as_wire(self) -> dict:
        return {
            "seq": self.seq,
            "kind": self.kind,
            "payload": self.payload,
            "created": self.created_at.isoformat(),
        }


from diagnosis.accounts.models import ApiToken  # noqa: E402,F401
from diagnosis.audit.models import AuditAction, AuditLogEntry, SignedCheckpoint  # noqa: E402,F401
from diagnosis.benchmarks.models import BenchmarkItem, BenchmarkRun  # noqa: E402,F401
from diagnosis.distillation.models import DistillationRun, DistillationTree  # noqa: E402,F401
from diagnosis.reviews.models import TurnReview  # noqa: E402,F401
from diagnosis.swarm.models import SubagentCall, SwarmRun  # noqa: E402,F401
