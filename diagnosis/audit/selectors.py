"""Reads of the audit room, with their access rule: auditors (and superusers) only."""

from __future__ import annotations

from django.db.models import QuerySet

from diagnosis.audit.models import AuditLogEntry
from diagnosis.sessions.selectors import AUDITOR, User, user_roles


def can_audit(user: User) -> bool:
    return AUDITOR in user_roles(user)


def audit_log_for(user: User, *, limit: int = 200) -> QuerySet[AuditLogEntry]:
    if not can_audit(user):
        return AuditLogEntry.objects.none()
    return AuditLogEntry.objects.select_related("user").order_by("-created_at", "-id")[:limit]
