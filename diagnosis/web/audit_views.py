"""Auditor pages: export a session's transcript (json, jsonl, pdf), verify an uploaded export,
and read the audit log. Everyone else gets 403; every export and verification is logged."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from itertools import islice

from asgiref.sync import sync_to_async
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.handlers.asgi import ASGIRequest
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from diagnosis.audit import checkpoints, export, keys, selectors, services
from diagnosis.audit.verify import TranscriptFormatError, verify_file
from diagnosis.sessions import selectors as session_selectors

CONTENT_TYPES = {
    "json": "application/json",
    "jsonl": "application/x-ndjson",
    "pdf": "application/pdf",
}


async def _pulled(chunks: Iterator[str], batch: int = 200) -> AsyncIterator[str]:
    """Serve a sync generator under ASGI piece by piece (Django would gather it into a list
    first); every pull runs in the one thread that holds the database cursor."""
    pull = sync_to_async(lambda: "".join(islice(chunks, batch)), thread_sensitive=True)
    while piece := await pull():
        yield piece


def _auditor_only(request: HttpRequest) -> None:
    if not selectors.can_audit(request.user):
        raise PermissionDenied("Only auditors can export, verify or read the audit log.")


@require_GET
def session_export(
    request: HttpRequest, public_id: str, fmt: str
) -> HttpResponse | StreamingHttpResponse:
    _auditor_only(request)
    if fmt not in export.FORMATS:
        raise Http404("No such export format.")
    session = session_selectors.session_get_for_user(public_id=public_id, user=request.user)
    if session is None:
        raise Http404("No such session.")
    check = checkpoints.session_check(session)
    services.audit_log_record(
        user=request.user,
        action="export",
        session_public_id=str(session.public_id),
        fmt=fmt,
        ok=check.ok,
        result=f"exported {check.events} events"
        if check.ok
        else f"exported, but the database check failed: {check.summary}",
        via="web",
    )
    who = request.user.get_username()
    response: HttpResponse | StreamingHttpResponse
    if fmt == "pdf":
        from diagnosis.web.audit_pdf import transcript_pdf

        response = HttpResponse(transcript_pdf(session, exported_by=who))
    else:
        chunks = export.export_chunks(session, fmt=fmt, exported_by=who)
        streamed = _pulled(chunks) if isinstance(request, ASGIRequest) else chunks
        response = StreamingHttpResponse(streamed)
    response["Content-Type"] = CONTENT_TYPES[fmt]
    response["Content-Disposition"] = f'attachment; filename="transcript-{session.public_id}.{fmt}"'
    response["X-Chain-Check"] = "ok" if check.ok else "failed"
    return response


class VerifyForm(forms.Form):
    transcript = forms.FileField(help_text="A json or jsonl export.")
    public_key = forms.FileField(
        required=False, help_text="Optional: the signer's public key (.pub) to pin."
    )


def _bad(request: HttpRequest, form: VerifyForm, message: str) -> HttpResponse:
    context = {"form": form, "error": message}
    return render(request, "diagnosis/audit/verify.html", context, status=400)


@require_http_methods(["GET", "POST"])
def verify_page(request: HttpRequest) -> HttpResponse:
    _auditor_only(request)
    if request.method == "GET":
        return render(request, "diagnosis/audit/verify.html", {"form": VerifyForm()})
    form = VerifyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _bad(request, form, "Choose a transcript export (json or jsonl) to verify.")
    upload = form.cleaned_data["transcript"]
    limit = settings.MEDACTION_VERIFY_MAX_BYTES
    if upload.size > limit:
        return _bad(request, form, f"The file is over the {limit // (1024 * 1024)} MB limit.")
    pinned = []
    if form.cleaned_data.get("public_key"):
        key_file = form.cleaned_data["public_key"]
        try:
            pinned.append(keys.public_key_read(key_file.read(4096)))
        except keys.PublicKeyError as error:
            return _bad(request, form, f"The public key cannot be read: {error}.")
    try:
        report = verify_file(upload.file, pinned=pinned)
    except (TranscriptFormatError, UnicodeDecodeError) as error:
        services.audit_log_record(
            user=request.user,
            action="verify",
            ok=False,
            result=f"not an export: {error}",
            via="web",
        )
        return _bad(request, form, f"This file is not a transcript export: {error}")
    services.audit_log_record(
        user=request.user,
        action="verify",
        session_public_id=report.session,
        ok=report.ok,
        result=report.summary,
        via="web",
    )
    context = {"form": VerifyForm(), "report": report, "filename": upload.name}
    return render(request, "diagnosis/audit/verify.html", context)


@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    _auditor_only(request)
    entries = selectors.audit_log_for(request.user)
    return render(request, "diagnosis/audit/log.html", {"entries": entries})
