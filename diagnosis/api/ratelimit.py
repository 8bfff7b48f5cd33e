"""Fixed-window request counters in the Django cache (Redis in production, so every web process
counts together): `hit` counts one request and says how long to wait once a window is full.

Rates read like allauth's: "600/m" is 600 a minute; units s, m, h, d, optionally with a count
("20/5m").
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    amount: int
    seconds: int


def parse_rate(text: str) -> Rate:
    match = _RATE.match(text or "")
    if not match:
        raise ImproperlyConfigured(f"A rate reads like 600/m or 20/5m, not {text!r}.")
    amount, count, unit = int(match.group(1)), int(match.group(2) or 1), match.group(3)
    if amount < 1 or count < 1:
        raise ImproperlyConfigured(f"A rate needs at least 1 request per period, not {text!r}.")
    return Rate(amount=amount, seconds=count * _UNIT[unit])


def _window(key: str, rate: Rate, now: float) -> tuple[str, int]:
    start = int(now // rate.seconds) * rate.seconds
    wait = max(1, math.ceil(start + rate.seconds - now))
    return f"medaction-api-rate:{key}:{rate.amount}/{rate.seconds}:{start}", wait


def hit(key: str, rate: Rate) -> int | None:
    """Count one request under `key`; None while within the rate, else seconds to wait."""
    cache_key, wait = _window(key, rate, time.time())
    cache.add(cache_key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr: this request opens the window
        cache.set(cache_key, 1, timeout=rate.seconds + 1)
        count = 1
    return wait if count > rate.amount else None


def full(key: str, rate: Rate) -> int | None:
    """Without counting: None while the window has room, else seconds to wait."""
    cache_key, wait = _window(key, rate, time.time())
    count = cache.get(cache_key) or 0
    return wait if count >= rate.amount else None
