"""Audit records. Both tables are append-only (model guards here, triggers in migration 0005)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from diagnosis.models import EventImmutableError

__all__ = ["AuditAction", "AuditLogEntry", "SignedCheckpoint"]


class _AppendOnly(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise EventImmutableError(f"{type(self).__name__} rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise EventImmutableError(f"{type(self).__name__} rows are append-only")


class SignedCheckpoint(_AppendOnly):
    """A session's chain head at one seq, signed with a key the database never holds."""

    session = models.ForeignKey(
        "diagnosis.DiagnosticSession", on_delete=models.PROTECT, related_name="checkpoints"
    )
    seq = models.PositiveIntegerField()
    head = models.CharField(max_length=64)
    signature = models.CharField(max_length=100, help_text="Ed25519, base64.")
    key_id = models.CharField(max_length=40)
    public_key = models.CharField(max_length=60, help_text="Raw Ed25519 public key, base64.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "diagnosis"
        ordering = ["session", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["session", "seq"], name="checkpoint_unique_seq")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}@{self.seq} {self.head[:12]}"


class AuditAction(models.TextChoices):
    EXPORT = "export", "Export"
    VERIFY = "verify", "Verification"


class AuditLogEntry(_AppendOnly):
    """Who exported or verified which transcript, when, in which format, and what came of it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Who, as text: the command line has no user, and the text outlives any later rename.
    actor = models.CharField(max_length=200)
    action = models.CharField(max_length=10, choices=AuditAction.choices)
    session_public_id = models.CharField(max_length=36, blank=True, db_index=True)
    format = models.CharField(max_length=10, blank=True)
    ok = models.BooleanField()
    result = models.CharField(max_length=500)
    via = models.CharField(max_length=10, help_text="web or command")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        app_label = "diagnosis"
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit log entries"

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.action}"
