"""The signing key: Ed25519, from a file the database never sees (MEDACTION_SIGNING_KEY_FILE).

With the setting unset (embedded), a key pair is generated under MEDACTION_VAR_DIR on first use,
0600, and the event is logged. A verifier needs only the public key: exports carry it with its key
id (the first 16 hex digits of the SHA-256 of the raw public key)."""

from __future__ import annotations

import base64
import hashlib
import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

log = logging.getLogger(__name__)
ALGORITHM = "ed25519"


class PublicKeyError(ValueError):
    """A public key that cannot be read."""


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:16]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class Signer:
    private: Ed25519PrivateKey

    @property
    def public_raw(self) -> bytes:
        return raw_public(self.private.public_key())

    @property
    def public_b64(self) -> str:
        return b64(self.public_raw)

    @property
    def key_id(self) -> str:
        return key_id_of(self.public_raw)

    def sign(self, message: bytes) -> str:
        return b64(self.private.sign(message))


def signature_valid(*, public_raw: bytes, message: bytes, signature_b64: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(unb64(signature_b64), message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def private_pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def key_pair_write(path: Path, *, overwrite: bool = False) -> Signer:
    """Write a new private key (0600) to `path` and its public key to `path`.pub."""
    key = Ed25519PrivateKey.generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if overwrite else os.O_EXCL)
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(private_pem(key))
    os.chmod(path, 0o600)
    Path(f"{path}.pub").write_bytes(public_pem(key.public_key()))
    return Signer(key)


@lru_cache(maxsize=4)
def _load(path: str, generate: bool) -> Signer:
    file = Path(path)
    if not file.exists():
        if not generate:
            raise ImproperlyConfigured(
                f"MEDACTION_SIGNING_KEY_FILE={path} does not exist (make one with "
                "`python manage.py audit_keygen --out FILE`)"
            )
        try:
            signer = key_pair_write(file)
        except FileExistsError:  # another process made it first
            return _load(path, False)
        log.warning(
            "generated an embedded audit signing key %s (key id %s); production sets "
            "MEDACTION_SIGNING_KEY_FILE",
            path,
            signer.key_id,
        )
        return signer
    key = serialization.load_pem_private_key(file.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(f"{path} is not an Ed25519 private key")
    return Signer(key)


def signer() -> Signer:
    return _load(str(settings.MEDACTION_SIGNING_KEY_FILE), settings.MEDACTION_SIGNING_KEY_GENERATE)


def public_key_read(data: bytes) -> bytes:
    """A pinned public key: a PEM file (from audit_keygen) or the raw key in base64."""
    text = data.strip()
    try:
        if text.startswith(b"-----BEGIN"):
            key = serialization.load_pem_public_key(text)
            if not isinstance(key, Ed25519PublicKey):
                raise PublicKeyError("not an Ed25519 public key")
            return raw_public(key)
        raw = base64.b64decode(text, validate=True)
    except (ValueError, TypeError) as error:
        raise PublicKeyError(f"not a public key: {error}") from error
    if len(raw) != 32:
        raise PublicKeyError("not an Ed25519 public key (32 bytes)")
    return raw
