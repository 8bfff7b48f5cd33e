"""python manage.py audit_verify [SESSION_ID ...] [--public-key KEY.pub]

Holds each session's chain in the database against its signed checkpoints (trusted key: this
server's, or the pinned ones). Exit 1 when any session fails, naming its first bad seq."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from diagnosis.audit import keys
from diagnosis.audit.checkpoints import session_check
from diagnosis.models import DiagnosticSession


class Command(BaseCommand):
    help = "Check the database's event chains against their signed checkpoints."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("session_ids", nargs="*")
        parser.add_argument("--public-key", action="append", default=[], type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            pinned = frozenset(keys.public_key_read(p.read_bytes()) for p in options["public_key"])
        except (OSError, keys.PublicKeyError) as error:
            raise CommandError(str(error)) from error
        sessions = DiagnosticSession.objects.order_by("pk")
        if options["session_ids"]:
            sessions = sessions.filter(public_id__in=options["session_ids"])
        failed = checked = 0
        for session in sessions.iterator():
            check = session_check(session, pinned=pinned)
            checked += 1
            if not check.ok:
                failed += 1
                self.stdout.write(f"{session.public_id}: {check.summary}")
        self.stdout.write(f"{checked} session(s) checked, {failed} failed")
        if failed:
            sys.exit(1)
