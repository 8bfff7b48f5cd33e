"""The signing key: made by audit_keygen or on first use, 0600, never in the database."""

from __future__ import annotations

import logging
import stat

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from diagnosis.audit import keys
from diagnosis.audit.models import SignedCheckpoint


def test_audit_keygen_writes_a_private_key_0600_and_its_public_key(tmp_path, capsys):
    path = tmp_path / "audit.pem"
    call_command("audit_keygen", "--out", str(path))
    out = capsys.readouterr().out
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    public = keys.public_key_read((tmp_path / "audit.pem.pub").read_bytes())
    assert f"key id {keys.key_id_of(public)}" in out
    with pytest.raises(CommandError, match="exists"):
        call_command("audit_keygen", "--out", str(path))
    call_command("audit_keygen", "--out", str(path), "--force")
    assert keys.public_key_read((tmp_path / "audit.pem.pub").read_bytes()) != public


def test_the_embedded_key_is_generated_on_first_use_0600_and_logged(settings, tmp_path, caplog):
    settings.MEDACTION_SIGNING_KEY_FILE = tmp_path / "var" / "audit" / "signing-key.pem"
    settings.MEDACTION_SIGNING_KEY_GENERATE = True
    with caplog.at_level(logging.WARNING, logger="diagnosis.audit.keys"):
        signer = keys.signer()
    assert stat.S_IMODE(settings.MEDACTION_SIGNING_KEY_FILE.stat().st_mode) == 0o600
    assert signer.key_id in caplog.text and "MEDACTION_SIGNING_KEY_FILE" in caplog.text
    assert keys.signer().key_id == signer.key_id  # the same key next time


def test_a_named_key_file_that_is_missing_is_a_clear_error(settings, tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    settings.MEDACTION_SIGNING_KEY_FILE = tmp_path / "nowhere.pem"
    settings.MEDACTION_SIGNING_KEY_GENERATE = False
    with pytest.raises(ImproperlyConfigured, match="audit_keygen"):
        keys.signer()


def test_a_public_key_that_is_not_one_is_refused(tmp_path):
    for junk in (b"hello", b"-----BEGIN PUBLIC KEY-----\nxx\n-----END PUBLIC KEY-----", b"AAAA"):
        with pytest.raises(keys.PublicKeyError):
            keys.public_key_read(junk)


@pytest.mark.django_db
def test_the_database_holds_only_public_keys_and_signatures(finished_session, signing_key):
    private = signing_key.read_bytes()
    for cp in SignedCheckpoint.objects.all():
        assert cp.public_key == keys.signer().public_b64
        assert cp.signature and cp.public_key.encode() not in private
