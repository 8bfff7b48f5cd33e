"""Read-only admin pages for the audit log and the signed checkpoints (no add, change, delete)."""

from __future__ import annotations

from django.contrib import admin

from diagnosis.audit.models import AuditLogEntry, SignedCheckpoint


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(_ReadOnly):
    list_display = ("created_at", "actor", "action", "session_public_id", "format", "via", "ok")
    list_filter = ("action", "ok", "via", "format")
    search_fields = ("actor", "session_public_id", "result")


@admin.register(SignedCheckpoint)
class SignedCheckpointAdmin(_ReadOnly):
    list_display = ("session", "seq", "head", "key_id", "created_at")
    search_fields = ("session__public_id", "head")
