"""/api/v1/sessions/{id}/transcript: an auditor's export of the session (json or jsonl), the
same file the session page and `manage.py export_transcript` give, logged in the audit log.
The PDF is a page rendering and stays on the session page."""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, StreamingHttpResponse
from ninja import Query, Router

from diagnosis.api.auth import user_of
from diagnosis.api.shapes import ERRORS
from diagnosis.audit import checkpoints, export, services
from diagnosis.audit import selectors as audit_selectors
from diagnosis.sessions import selectors

router = Router(tags=["transcript"])

CONTENT_TYPES = {"json": "application/json", "jsonl": "application/x-ndjson"}


@router.get(
    "/{session_id}/transcript",
    response={200: dict, **ERRORS},
    summary="Export the transcript (auditors)",
)
def transcript_export(
    request: HttpRequest,
    session_id: str,
    format: Literal["json", "jsonl"] = Query("json"),  # noqa: A002
) -> StreamingHttpResponse:
    """Every event with its seq, hash and previous hash, the case version, model and
    parameters, tokens, metrics, reviews, signed checkpoints and the signed chain head. Check
    it with `manage.py verify_transcript FILE`. The `X-Chain-Check` header says whether the
    database's chain still matched its signed checkpoints when exported."""
    user = user_of(request)
    if not audit_selectors.can_audit(user):
        raise PermissionDenied("Only auditors export transcripts.")
    session = selectors.session_get_for_user(public_id=session_id, user=user)
    if session is None:
        raise Http404("No such session.")
    check = checkpoints.session_check(session)
    services.audit_log_record(
        user=user,
        action="export",
        session_public_id=str(session.public_id),
        fmt=format,
        ok=check.ok,
        result=f"exported {check.events} events"
        if check.ok
        else f"exported, but the database check failed: {check.summary}",
        via="api",
    )
    chunks = export.export_chunks(session, fmt=format, exported_by=user.get_username())
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[format])
    response["Content-Disposition"] = (
        f'attachment; filename="transcript-{session.public_id}.{format}"'
    )
    response["X-Chain-Check"] = "ok" if check.ok else "failed"
    return response
