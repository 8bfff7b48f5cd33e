"""What one model call gives its reader: the outcome filled in as the stream is read, and the
error raised when the call fails (before or after the first token)."""

from __future__ import annotations

from dataclasses import dataclass, field

from diagnosis.protocol import CallInfo
from inference.serving.client import ModelServerError


@dataclass
class CallOutcome:
    """Filled in as the stream is read; complete once iteration ends."""

    text: str = ""
    refusal: str = ""
    finish_reason: str | None = None
    call: CallInfo = field(default_factory=CallInfo)


class ModelCallError(Exception):
    def __init__(self, error: ModelServerError, call: CallInfo, *, after_first_token: bool) -> None:
        super().__init__(str(error))
        self.error = error
        self.call = call
        self.after_first_token = after_first_token

    @property
    def retryable(self) -> bool:
        return self.error.retryable
