"""Reading a model's answer into a TurnDecision, while it streams and once it is complete.

JSON answers are parsed as partial JSON by pydantic_core (jiter) with trailing strings kept, so
the reasoning, the differential and the orders show while they are generated. Tagged free text
is read by the section names and line patterns of the model profile.
"""

from __future__ import annotations

import re
from typing import Any

import pydantic_core
from pydantic import ValidationError

from diagnosis.protocol import TurnDecision
from inference.serving.profiles import Profile, TaggedFormat


class DecisionParseError(ValueError):
    """The complete answer is not a valid TurnDecision; the message says why, briefly."""


def _validation_summary(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(p) for p in err["loc"]) or "answer"
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


class JsonDecisionReader:
    def partial(self, text: str) -> dict[str, Any]:
        try:
            value = pydantic_core.from_json(text, allow_partial="trailing-strings")
        except ValueError:
            return {}
        return clean_partial(value)

    def final(self, text: str) -> TurnDecision:
        if not text.strip():
            raise DecisionParseError("the answer is empty")
        try:
            return TurnDecision.model_validate_json(text)
        except ValidationError as exc:
            if any(e["type"] == "json_invalid" for e in exc.errors()):
                raise DecisionParseError(
                    f"the answer is not valid JSON ({exc.errors()[0]['msg']})"
                ) from None
            raise DecisionParseError(
                f"the answer does not fit the TurnDecision schema ({_validation_summary(exc)})"
            ) from None


def clean_partial(value: Any) -> dict[str, Any]:
    """Keep what a viewer can show: known keys, hypotheses that have a name, orders with a test."""
    if not isinstance(value, dict):
        return {}
    out: dict[str, Any] = {}
    if isinstance(value.get("reasoning"), str):
        out["reasoning"] = value["reasoning"]
    if isinstance(value.get("differential"), list):
        out["differential"] = [
            h
            for h in value["differential"]
            if isinstance(h, dict) and isinstance(h.get("diagnosis"), str)
        ]
    action = value.get("action")
    if isinstance(action, dict):
        kept = {k: v for k, v in action.items() if k in ("type", "diagnosis", "confidence")}
        if isinstance(action.get("tests"), list):
            kept["tests"] = [
                t for t in action["tests"] if isinstance(t, dict) and isinstance(t.get("test"), str)
            ]
        out["action"] = kept
    return out


class TaggedDecisionReader:
    def __init__(self, fmt: TaggedFormat) -> None:
        self.fmt = fmt
        self._hyp = re.compile(fmt.hypothesis_pattern)
        self._order = re.compile(fmt.order_pattern)
        self._final = re.compile(fmt.final_pattern)

    def _section(self, text: str, tag: str) -> tuple[str, bool] | None:
        """The section's body so far and whether it is closed; None when it has not started."""
        start = re.search(rf"<{re.escape(tag)}>", text)
        if start is None:
            return None
        body = text[start.end() :]
        end = re.search(rf"</{re.escape(tag)}>", body)
        return (body[: end.start()], True) if end else (body, False)

    @staticmethod
    def _lines(body: str, closed: bool) -> list[str]:
        lines = body.split("\n")
        if not closed:
            lines = lines[:-1]  # the last line may still be growing
        return [line for line in lines if line.strip()]

    def _read(self, text: str, *, complete: bool) -> dict[str, Any]:
        out: dict[str, Any] = {}
        reasoning = self._section(text, self.fmt.reasoning)
        if reasoning is not None:
            out["reasoning"] = reasoning[0].strip()
        diff = self._section(text, self.fmt.differential)
        if diff is not None:
            hyps = []
            for line in self._lines(diff[0], diff[1] or complete):
                m = self._hyp.match(line)
                if m:
                    hyps.append(
                        {
                            "diagnosis": m["diagnosis"].strip(),
                            "probability": float(m["probability"]),
                        }
                    )
            out["differential"] = hyps
        final = self._section(text, self.fmt.final)
        orders = self._section(text, self.fmt.orders)
        if final is not None and (final[1] or complete):
            m = self._final.match(final[0].strip())
            if m:
                out["action"] = {
                    "type": "final_diagnosis",
                    "diagnosis": m["diagnosis"].strip(),
                    "confidence": float(m["confidence"]),
                }
        elif orders is not None:
            tests = []
            for line in self._lines(orders[0], orders[1] or complete):
                m = self._order.match(line)
                if m:
                    tests.append(
                        {"test": m["test"].strip(), "rationale": (m["rationale"] or "").strip()}
                    )
            out["action"] = {"type": "order_tests", "tests": tests}
        return out

    def partial(self, text: str) -> dict[str, Any]:
        return self._read(text, complete=False)

    def final(self, text: str) -> TurnDecision:
        if not text.strip():
            raise DecisionParseError("the answer is empty")
        data = self._read(text, complete=True)
        if "action" not in data:
            raise DecisionParseError(
                f"the answer has neither <{self.fmt.orders}> nor a readable "
                f"<{self.fmt.final}> section"
            )
        try:
            return TurnDecision.model_validate(data)
        except ValidationError as exc:
            raise DecisionParseError(
                f"the answer does not make a valid decision ({_validation_summary(exc)})"
            ) from None


def reader_for(profile: Profile) -> JsonDecisionReader | TaggedDecisionReader:
    return (
        JsonDecisionReader() if profile.output == "json" else TaggedDecisionReader(profile.tagged)
    )
