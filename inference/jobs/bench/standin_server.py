# Over 400 lines: one instrument, its canned answers per protocol beside the server sending them.
"""A stand-in OpenAI-compatible streaming server: a BENCHMARK AND TEST INSTRUMENT, not a model.

It answers /v1/models and streaming /v1/chat/completions with a fixed, schema-valid TurnDecision,
after a set time to first token and at a set token rate, so the app's own latency can be measured
apart from a model's (python manage.py bench_inference) and failures can be staged in tests
(a status error, a stall, a cut-off answer, invalid JSON, a dropped connection).

    python -m inference.jobs.bench.standin_server --port 8290 \\
        --ttft-ms 100 --tokens-per-s 40 --tokens 40
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

MODES = ("ok", "truncate", "invalid", "empty", "refuse", "status503", "status400", "stall", "drop")


@dataclass
class StandinConfig:
    model: str = "standin"
    ttft_ms: float = 100.0
    tokens_per_s: float = 40.0
    tokens: int = 40
    finalise_after_first: bool = True  # a prompt that shows an earlier turn gets a final diagnosis
    default_mode: str = "ok"
    script: deque[str] = field(
        default_factory=deque
    )  # modes for the next requests, then default_mode
    reply_text: str | None = None  # answer with this text instead of a TurnDecision (other formats)
    requests: int = 0
    active: int = 0
    max_active: int = 0
    bodies: list[dict[str, Any]] = field(
        default_factory=list
    )  # requests received (tests look at them)
    usage_sent: list[int] = field(default_factory=list)  # completion tokens reported, per answer
    # Swarm sub-agents: a mode per schema name ("SwarmChallenger": "invalid"), before the script
    schema_modes: dict[str, str] = field(default_factory=dict)

    def next_mode(self) -> str:
        self.requests += 1
        return self.script.popleft() if self.script else self.default_mode


def decision_json(*, final: bool) -> str:
    reasoning = "Fatigue with pallor: separate anaemia types before committing."
    differential = [
        {"diagnosis": "Iron deficiency anaemia", "probability": 0.6},
        {"diagnosis": "Hypothyroidism", "probability": 0.25},
    ]
    action: dict[str, Any] = (
        {"type": "final_diagnosis", "diagnosis": "Iron deficiency anaemia", "confidence": 0.8}
        if final
        else {
            "type": "order_tests",
            "tests": [
                {"test": "Complete blood count", "rationale": "anaemia?"},
                {"test": "Ferritin", "rationale": "iron stores"},
            ],
        }
    )
    return json.dumps({"reasoning": reasoning, "differential": differential, "action": action})


# A swarm sub-agent's answer, by the name of the schema it is held to (fixed, schema-valid).
SWARM_REPLIES: dict[str, dict[str, Any]] = {
    "SwarmPlanner": {
        "hypotheses": [
            {"diagnosis": "Iron deficiency anaemia", "probability": 0.6},
            {"diagnosis": "Hypothyroidism", "probability": 0.25},
        ]
    },
    "SwarmAdvocate": {
        "support": 0.6,
        "evidence_for": ["pallor"],
        "evidence_against": ["no blood loss reported"],
        "decisive_test": "Ferritin",
    },
    "SwarmTestChooser": {
        "tests": [
            {"test": "Complete blood count", "cost": 8, "rationale": "anaemia?"},
            {"test": "TSH", "cost": 23, "rationale": "thyroid"},
        ]
    },
    "SwarmChallenger": {
        "anchoring": False,
        "premature_closure": False,
        "cant_miss": [{"diagnosis": "Colorectal cancer", "why": "occult blood loss"}],
        "note": "Consider occult blood loss.",
    },
    "SwarmSteward": {"vetoes": [{"test": "Whole-body MRI", "reason": "costly"}], "note": ""},
}


def schema_name(body: dict[str, Any]) -> str:
    return str(((body.get("response_format") or {}).get("json_schema") or {}).get("name") or "")


SAMPLED_TESTS = ("Complete blood count", "Ferritin", "Thyroid function tests", "Chest x-ray")


def sampled_decision_json(*, final: bool, index: int) -> str:
    """Choice `index` of an `n`-sampled answer: a different pair of tests per index (so sampled
    siblings differ, as a model's samples at a temperature would), the same final diagnosis."""
    if final:
        return decision_json(final=True)
    data = json.loads(decision_json(final=False))
    tests = [SAMPLED_TESTS[(index + i) % len(SAMPLED_TESTS)] for i in range(2)]
    data["action"]["tests"] = [{"test": t, "rationale": "separates the leading two"} for t in tests]
    return json.dumps(data)


def _wants_final(config: StandinConfig, body: dict[str, Any]) -> bool:
    fmt = body.get("response_format") or {}
    schema = (
        (fmt.get("json_schema") or {}).get("schema")
        or ((body.get("structured_outputs") or {}).get("json"))
        or {}
    )
    if schema and "OrderTestsAction" not in json.dumps(schema):
        return True  # the schema allows only a final diagnosis (the last turn)
    prompt = " ".join(str(m.get("content", "")) for m in body.get("messages", []))
    return config.finalise_after_first and "Turn 1:" in prompt


def _pieces(text: str, tokens: int) -> list[str]:
    """`tokens` pieces; the first carries the answer's opening up to its first word, so the very
    first token already makes a partial decision (what P1 measures is the stack, not the model)."""
    opening = '{"reasoning": "'
    head = text.find(" ", len(opening)) if text.startswith(opening) else 0
    if head <= 0 or tokens <= 1:
        size = max(1, math.ceil(len(text) / max(tokens, 1)))
        return [text[i : i + size] for i in range(0, len(text), size)]
    first, rest = text[:head], text[head:]
    size = max(1, math.ceil(len(rest) / (tokens - 1)))
    return [first] + [rest[i : i + size] for i in range(0, len(rest), size)]


def make_app(config: StandinConfig):  # type: ignore[no-untyped-def]
    async def send_json(send: Any, status: int, payload: Any) -> None:
        body = json.dumps(payload).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def stream(send: Any, body: dict[str, Any], mode: str, received: float) -> None:
        if mode == "status503":
            await send_json(send, 503, {"error": {"message": "stand-in: overloaded"}})
            return
        if mode == "status400":
            await send_json(send, 400, {"error": {"message": "stand-in: bad request"}})
            return
        if body.get("model") != config.model:
            await send_json(
                send,
                404,
                {"error": {"message": f"The model `{body.get('model')}` does not exist."}},
            )
            return
        name = schema_name(body)
        if config.reply_text is not None:
            text = config.reply_text
        elif name in SWARM_REPLIES:
            text = json.dumps(SWARM_REPLIES[name])
        else:
            text = decision_json(final=_wants_final(config, body))
        finish = "stop"
        if mode == "truncate":
            text, finish = text[: len(text) // 2], "length"
        elif mode == "invalid":
            broken = text.replace('"differential"', "differential")
            text = broken if broken != text else text[1:]  # not JSON any more
        elif mode in ("empty", "refuse"):
            text = ""
        pieces = _pieces(text, config.tokens)
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"text/event-stream"),
                    (b"cache-control", b"no-cache"),
                ],
            }
        )
        cid = f"chatcmpl-standin-{config.requests}"

        async def event(
            delta: dict[str, Any], reason: str | None = None, usage: dict[str, int] | None = None
        ) -> None:
            chunk: dict[str, Any] = {
                "id": cid,
                "object": "chat.completion.chunk",
                "created": int(time.time()),
                "model": config.model,
                "choices": [] if usage else [{"index": 0, "delta": delta, "finish_reason": reason}],
            }
            if usage:
                chunk["usage"] = usage
            await send(
                {
                    "type": "http.response.body",
                    "body": b"data: " + json.dumps(chunk).encode() + b"\n\n",
                    "more_body": True,
                }
            )

        if mode == "stall":
            await asyncio.sleep(3600)
        # The server's own time to first token, measured from receipt of the request.
        await asyncio.sleep(max(0.0, config.ttft_ms / 1000 - (time.monotonic() - received)))
        if mode == "refuse":
            await event(
                {"role": "assistant", "content": None, "refusal": "I can't help with that."}
            )
        start = time.monotonic()
        for i, piece in enumerate(pieces):
            await event({"role": "assistant", "content": piece} if i == 0 else {"content": piece})
            if mode == "drop" and i >= 3:
                raise ConnectionError("stand-in: dropped the connection mid-stream")
            due = start + (i + 1) / config.tokens_per_s
            await asyncio.sleep(max(0.0, due - time.monotonic()))
        await event({}, reason=finish)
        if (body.get("stream_options") or {}).get("include_usage"):
            config.usage_sent.append(len(pieces))
            await event(
                {},
                usage={
                    "prompt_tokens": 50,
                    "completion_tokens": len(pieces),
                    "total_tokens": 50 + len(pieces),
                },
            )
        await send({"type": "http.response.body", "body": b"data: [DONE]\n\n", "more_body": False})

    async def complete(send: Any, body: dict[str, Any], received: float) -> None:
        """A non-streaming answer with `n` choices after the same time a stream would take."""
        if body.get("model") != config.model:
            await send_json(
                send,
                404,
                {"error": {"message": f"The model `{body.get('model')}` does not exist."}},
            )
            return
        final = _wants_final(config, body)
        n = max(1, int(body.get("n") or 1))
        texts = [
            config.reply_text
            if config.reply_text is not None
            else sampled_decision_json(final=final, index=i)
            for i in range(n)
        ]
        due = received + config.ttft_ms / 1000 + config.tokens / config.tokens_per_s
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        choices = [
            {"index": i, "message": {"role": "assistant", "content": t}, "finish_reason": "stop"}
            for i, t in enumerate(texts)
        ]
        usage = {"prompt_tokens": 50, "completion_tokens": config.tokens * n}
        await send_json(
            send, 200, {"object": "chat.completion", "choices": choices, "usage": usage}
        )

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        if scope["method"] == "GET" and scope["path"] in ("/v1/models", "/health"):
            await send_json(
                send,
                200,
                {
                    "object": "list",
                    "data": [
                        {"id": config.model, "object": "model", "created": 0, "owned_by": "standin"}
                    ],
                },
            )
            return
        if scope["method"] != "POST" or scope["path"] != "/v1/chat/completions":
            await send_json(send, 404, {"error": {"message": "not found"}})
            return
        raw = b""
        while True:
            message = await receive()
            raw += message.get("body", b"")
            if not message.get("more_body"):
                break
        body = json.loads(raw or b"{}")
        received = time.monotonic()
        mode = config.schema_modes.get(schema_name(body)) or config.next_mode()
        config.bodies.append(body)
        del config.bodies[:-50]
        config.active += 1
        config.max_active = max(config.max_active, config.active)
        try:
            if body.get("stream") is False:
                await complete(send, body, received)
            else:
                await stream(send, body, mode, received)
        finally:
            config.active -= 1

    return app


class StandinServer:
    """Run the stand-in in a thread of this process (tests); stop() closes the port."""

    def __init__(
        self, port: int, config: StandinConfig | None = None, host: str = "127.0.0.1"
    ) -> None:
        import uvicorn

        self.config = config or StandinConfig()
        self.url = f"http://{host}:{port}"
        self._server = uvicorn.Server(
            uvicorn.Config(
                make_app(self.config),
                host=host,
                port=port,
                log_level="warning",
                lifespan="off",
                access_log=False,
            )
        )
        self._thread: threading.Thread | None = None

    def start(self) -> StandinServer:
        self._thread = threading.Thread(target=self._server.run, name="standin-server", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError(f"stand-in server did not start on {self.url}")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._server.force_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)

    def __enter__(self) -> StandinServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(
        description="Stand-in OpenAI-compatible streaming server (benchmark instrument)."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--model", default="standin")
    parser.add_argument("--ttft-ms", type=float, default=100.0)
    parser.add_argument("--tokens-per-s", type=float, default=40.0)
    parser.add_argument("--tokens", type=int, default=40)
    parser.add_argument(
        "--never-finalise", action="store_true", help="always order tests (benchmarks)"
    )
    args = parser.parse_args()
    config = StandinConfig(
        model=args.model,
        ttft_ms=args.ttft_ms,
        tokens_per_s=args.tokens_per_s,
        tokens=args.tokens,
        finalise_after_first=not args.never_finalise,
    )
    uvicorn.run(
        make_app(config),
        host=args.host,
        port=args.port,
        log_level="warning",
        lifespan="off",
        access_log=False,
    )


if __name__ == "__main__":
    main()
