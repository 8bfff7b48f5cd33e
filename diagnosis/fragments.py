"""HTML fragments for htmx: the same partial templates serve a full page, an htmx response and a
WebSocket push (swapped out-of-band by stable element ids)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string


def render_events_html(session: Any, events: list[dict[str, Any]], *, error: str = "") -> str:
    return render_to_string("diagnosis/partials/ws_events.html", {"session": session, "events": events, "error": error})
