"""The turn-dispatch seam: diagnosis/ asks for a turn; the dispatcher named in settings runs it."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from diagnosis.protocol import PolicyRegistry


class TurnDispatcher(Protocol):
    def dispatch_turn(self, turn_id: int, *, batch: bool | None = None) -> None:
        """Run the turn. `batch`: whether it belongs to a batch session, when the caller knows
        (None: the dispatcher looks it up if it routes by it)."""
        ...


@lru_cache(maxsize=4)
def _dispatcher(path: str) -> TurnDispatcher:
    return import_string(path)()


def get_dispatcher() -> TurnDispatcher:
    return _dispatcher(settings.MEDACTION_DISPATCHER)


_driving = threading.local()


@contextmanager
def driven_here() -> Iterator[None]:
    """Within this block the calling thread runs the turns it sets off itself, one after another
    (a benchmark item's driver): they are not also sent to the dispatcher."""
    previous = getattr(_driving, "on", False)
    _driving.on = True
    try:
        yield
    finally:
        _driving.on = previous


def dispatch_turn_on_commit(turn_id: int, *, batch: bool | None = None) -> None:
    """Queue work only after commit: the worker must find the row it is asked to run."""
    if getattr(_driving, "on", False):
        return  # the driver in this thread runs it next
    transaction.on_commit(lambda: get_dispatcher().dispatch_turn(turn_id, batch=batch))


@lru_cache(maxsize=4)
def _registry(path: str) -> PolicyRegistry:
    try:
        return importlib.import_module(path)  # type: ignore[return-value]  # a module of functions
    except ImportError:
        obj = import_string(path)
        return obj() if isinstance(obj, type) else obj


def get_policy_registry() -> PolicyRegistry:
    return _registry(settings.MEDACTION_POLICY_REGISTRY)
