"""The PDF transcript: the event log folded into the page's own view state, rendered by a Django
template (autoescaped: case and result text stay text) and laid out by WeasyPrint. The signed
chain head and how to verify it sit in a fixed footer, which WeasyPrint repeats on every page."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from diagnosis.audit import export
from diagnosis.models import DiagnosticSession
from diagnosis.web.transcript import SessionView, fold

TEMPLATE = "diagnosis/audit/transcript_pdf.html"


def transcript_html(session: DiagnosticSession, *, exported_by: str) -> str:
    header = export.header_build(session, exported_by=exported_by)
    up_to = header["session"]["last_seq"]
    view = SessionView(public_id=str(session.public_id), title=session.title)
    count, head = 0, ""
    for record in export.events_iter(session.pk, up_to):
        fold(view, [record])
        count, head = count + 1, record["hash"]
    chain = export.chain_sign(header, events=count, head_seq=up_to if count else 0, head=head)
    context: dict[str, Any] = {
        "header": header,
        "session": header["session"],
        "view": view,
        "chain": chain,
        "turns_meta": {t["index"]: t for t in header["turns"]},
    }
    return render_to_string(TEMPLATE, context)


def transcript_pdf(session: DiagnosticSession, *, exported_by: str) -> bytes:
    from weasyprint import HTML  # imported on use: pango loads with it

    html = transcript_html(session, exported_by=exported_by)
    return bytes(HTML(string=html).write_pdf())
