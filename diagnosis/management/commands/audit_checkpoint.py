"""python manage.py audit_checkpoint [SESSION_ID ...]

The backstop to the checkpoints signed on commit (diagnosis/audit/checkpoints.py): signs the heads
of sessions that have none yet and of open sessions, after holding each chain against the
checkpoints it has. Never extends an ended session's signed head."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from diagnosis.audit.checkpoints import session_sweep
from diagnosis.models import DiagnosticSession


class Command(BaseCommand):
    help = "Sign chain heads that have no checkpoint yet (backfill and open sessions)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("session_ids", nargs="*")

    def handle(self, *args: Any, **options: Any) -> None:
        sessions = DiagnosticSession.objects.order_by("pk")
        if options["session_ids"]:
            sessions = sessions.filter(public_id__in=options["session_ids"])
        for session in sessions.iterator():
            self.stdout.write(f"{session.public_id}: {session_sweep(session)}")
