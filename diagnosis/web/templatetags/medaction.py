"""Template filters for the session page. All return plain strings (autoescaped by the template)."""

from __future__ import annotations

from typing import Any

from django import template

from diagnosis.web import scorecard

register = template.Library()


@register.filter
def money(value: Any) -> str:
    try:
        return scorecard.money(float(value))
    except (TypeError, ValueError):
        return "—"


@register.filter
def percent(value: Any) -> str:
    try:
        return f"{float(value):.0%}"
    except (TypeError, ValueError):
        return "—"


@register.filter
def duration(ms: Any) -> str:
    try:
        ms = float(ms)
    except (TypeError, ValueError):
        return ""
    return f"{ms:.0f} ms" if ms < 1000 else f"{ms / 1000:.1f} s"


@register.filter
def turn_flags(metrics: Any) -> list[scorecard.Flag]:
    return scorecard.turn_flags(metrics)


@register.filter
def kg_check(metrics: Any) -> str:
    return scorecard.kg_check(metrics)


@register.filter
def human_turn(index: Any) -> str:
    """Turns are counted from 0 in the data and from 1 on screen."""
    try:
        return str(int(index) + 1)
    except (TypeError, ValueError):
        return "?"


@register.filter
def lookup(mapping: Any, key: Any) -> Any:
    return mapping.get(key, "") if isinstance(mapping, dict) else ""
