#!/usr/bin/env bash
# Generate the secrets docker/compose.yml reads, into docker/secrets/ (git-ignored; never commit
# them). Idempotent: an existing file is kept, so re-running never rotates a live secret.
#
#   docker/make-secrets.sh [HOSTNAME]     (HOSTNAME: the TLS certificate's name, default
#                                          $MEDACTION_HOSTNAME or localhost)
#
# Writes: django_secret, postgres_password, database_url (with that password), vllm_api_key,
# tls.crt + tls.key (self-signed, 825 days; replace them with a real certificate in production).
set -euo pipefail
DIR=${MEDACTION_SECRETS_DIR:-"$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/secrets"}
HOST=${1:-${MEDACTION_HOSTNAME:-localhost}}
mkdir -p "$DIR"
chmod 700 "$DIR"
umask 077

rand() { printf '%s' "$(openssl rand -base64 48 | tr -d '\n/+=' | cut -c1-"$1")"; }  # no newline
make() {  # make NAME COMMAND...: write the file unless it exists
    local name=$1; shift
    if [ -s "$DIR/$name" ]; then echo "make-secrets: keeping $name"; return; fi
    "$@" > "$DIR/$name"
    echo "make-secrets: wrote $name"
}

make django_secret rand 50
make postgres_password rand 32
make database_url sh -c "printf 'postgres://medaction:%s@postgres:5432/medaction' \"\$(cat '$DIR/postgres_password')\""
make vllm_api_key rand 40
if [ ! -s "$DIR/tls.crt" ] || [ ! -s "$DIR/tls.key" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=$HOST" \
        -addext "subjectAltName=DNS:$HOST,DNS:localhost,IP:127.0.0.1" \
        -keyout "$DIR/tls.key" -out "$DIR/tls.crt" 2>/dev/null
    echo "make-secrets: wrote tls.crt, tls.key (self-signed for $HOST)"
else
    echo "make-secrets: keeping tls.crt, tls.key"
fi
# The proxy and database containers run as their own users: they must be able to read theirs.
chmod 644 "$DIR"/*
