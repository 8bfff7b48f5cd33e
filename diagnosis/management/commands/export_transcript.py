"""python manage.py export_transcript SESSION_ID --format json|jsonl|pdf --out FILE

Writes a session's transcript with every event's seq, hash and previous hash, the case version,
turns (model, parameters, tokens), metrics, reviews, signed checkpoints and a signed chain head.
The database's chain is first held against its signed checkpoints: when it disagrees, the file
is still written (it is evidence) and the command says so and exits 1. Logged in the audit log.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from diagnosis.audit import checkpoints, export, services
from diagnosis.models import DiagnosticSession


class Command(BaseCommand):
    help = "Export a session's transcript (json, jsonl or pdf) with its signed chain head."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("session_id", help="The session's public id (a UUID).")
        parser.add_argument("--format", choices=export.FORMATS, default="json")
        parser.add_argument("--out", required=True, help="File to write; - for stdout.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            public_id = uuid.UUID(options["session_id"])
        except ValueError as error:
            raise CommandError(f"{options['session_id']!r} is not a session id (UUID)") from error
        session = DiagnosticSession.objects.filter(public_id=public_id).first()
        if session is None:
            raise CommandError(f"no session {public_id}")
        fmt, out = options["format"], options["out"]
        check = checkpoints.session_check(session)
        try:
            self._write(session, fmt, out)
        except OSError as error:
            raise CommandError(f"{out}: {error.strerror}") from error
        result = (
            f"exported {check.events} events"
            if check.ok
            else f"exported, but the database check failed: {check.summary}"
        )
        services.audit_log_record(
            user=None,
            action="export",
            session_public_id=str(public_id),
            fmt=fmt,
            ok=check.ok,
            result=result,
            via="command",
        )
        if not check.ok:
            self.stderr.write(f"{public_id}: {check.summary}")
            self.stderr.write("The file was written, but it will not verify.")
            sys.exit(1)
        self.stderr.write(f"{public_id}: {result} to {out} ({fmt})")

    def _write(self, session: DiagnosticSession, fmt: str, out: str) -> None:
        if fmt == "pdf":
            from diagnosis.web.audit_pdf import transcript_pdf

            data = transcript_pdf(session, exported_by="command line")
            if out == "-":
                sys.stdout.buffer.write(data)
            else:
                Path(out).write_bytes(data)
            return
        chunks = export.export_chunks(session, fmt=fmt, exported_by="command line")
        if out == "-":
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
        else:
            with open(out, "w", encoding="utf-8") as file:
                file.writelines(chunks)
