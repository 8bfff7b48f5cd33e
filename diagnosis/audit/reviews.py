"""The export's `reviews` section, filled by this one function.

Reviews (issue 12 §1) are built in another room. After that merge, the lead wires it here:
`from diagnosis.reviews.selectors import reviews_for_session` and returns its rows as plain JSON
(author, time, turn, ratings, failure modes, note, agreement with the machine's flags). Until
then a session has no reviews to export and the section is an empty list: the only placeholder
in the audit room. The section is covered by the header digest the export signs, like the rest.
"""

from __future__ import annotations

from typing import Any

from diagnosis.models import DiagnosticSession


def session_reviews(session: DiagnosticSession) -> list[dict[str, Any]]:
    return []
