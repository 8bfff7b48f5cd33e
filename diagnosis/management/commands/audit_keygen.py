"""python manage.py audit_keygen --out FILE [--force]

Writes a new Ed25519 signing key (FILE, mode 0600) and its public key (FILE.pub) for
MEDACTION_SIGNING_KEY_FILE. Give FILE.pub to auditors: `verify_transcript --public-key FILE.pub`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from diagnosis.audit import keys


class Command(BaseCommand):
    help = "Write an Ed25519 key pair for signing chain heads (private FILE, public FILE.pub)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--out", required=True, type=Path)
        parser.add_argument("--force", action="store_true", help="Replace an existing key file.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["out"]
        try:
            signer = keys.key_pair_write(path, overwrite=options["force"])
        except FileExistsError as error:
            raise CommandError(f"{path} exists; --force replaces it") from error
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        self.stdout.write(f"private key {path} (0600), public key {path}.pub")
        self.stdout.write(f"key id {signer.key_id}")
        self.stdout.write(f"set MEDACTION_SIGNING_KEY_FILE={path}")
