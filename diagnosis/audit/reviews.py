"""The export's review sections: every reviewer's turn reviews and their agreement with the
machine's flags, as the reviews room reports them. Both are covered by the header digest the
export signs, like the rest of the header."""

from __future__ import annotations

from typing import Any

from diagnosis.models import DiagnosticSession
from diagnosis.reviews.selectors import agreement_for_session, reviews_for_session


def session_reviews(session: DiagnosticSession) -> list[dict[str, Any]]:
    return reviews_for_session(session)


def session_review_agreement(session: DiagnosticSession) -> dict[str, Any]:
    return agreement_for_session(session)
