"""python manage.py verify_transcript FILE [--public-key KEY.pub ...]

Needs only the export (json or jsonl, told apart by content) and, to pin the signer, its public
key. Exit 0 and "intact, N events, head …" with the signature's status; exit 1 naming the first bad
seq when an event was changed, reordered, removed or added, or a signature is bad or missing.
The verification is logged in the audit log when a database is reachable.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from diagnosis.audit import keys, services
from diagnosis.audit.verify import TranscriptFormatError, verify_file


class Command(BaseCommand):
    help = "Verify a transcript export: its hash chain, signed checkpoints and signed head."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--public-key",
            action="append",
            default=[],
            type=Path,
            help="Pin the signer: a public key file (PEM from audit_keygen, or base64). Repeat "
            "for a rotated key.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        pinned = []
        for path in options["public_key"]:
            try:
                pinned.append(keys.public_key_read(path.read_bytes()))
            except (OSError, keys.PublicKeyError) as error:
                raise CommandError(f"{path}: {error}") from error
        try:
            with open(options["file"], "rb") as file:
                report = verify_file(file, pinned=pinned)
        except OSError as error:
            raise CommandError(f"{options['file']}: {error.strerror}") from error
        except TranscriptFormatError as error:
            self._log("", False, f"not an export: {error}")
            raise CommandError(f"{options['file']}: {error}") from error
        self._log(report.session, report.ok, report.summary)
        if not report.ok:
            self.stdout.write(report.summary)
            sys.exit(1)
        self.stdout.write(report.summary)
        for line in report.lines:
            self.stdout.write(line)

    def _log(self, session: str, ok: bool, result: str) -> None:
        try:
            services.audit_log_record(
                user=None,
                action="verify",
                session_public_id=session,
                ok=ok,
                result=result,
                via="command",
            )
        except DatabaseError:
            self.stderr.write("(not logged: the database is not reachable)")
