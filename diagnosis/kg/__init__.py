"""The medical knowledge graph (HPO via hpo3, curated common diseases, optional DO and DDXPlus).

get_kg() builds it once per process (thread-safe) from settings.MEDACTION_DATA_DIR.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from diagnosis.kg.model import Disease, Finding, KnowledgeGraph, TestSpec

__all__ = ["Disease", "Finding", "KnowledgeGraph", "TestSpec", "get_kg", "load_kg"]

log = logging.getLogger(__name__)
_lock = threading.Lock()
_cached: KnowledgeGraph | None = None


def load_kg(data_dir: Path | None) -> KnowledgeGraph:
    from diagnosis.kg.build import build

    started = time.perf_counter()
    kg = build(data_dir)
    kg.stats["load_seconds"] = round(time.perf_counter() - started, 3)
    log.info(
        "knowledge graph loaded in %.2f s: %s",
        kg.stats["load_seconds"],
        {k: v for k, v in kg.stats.items() if k != "curated_hpo_unresolved"},
    )
    return kg


def get_kg() -> KnowledgeGraph:
    global _cached
    if _cached is None:
        with _lock:
            if _cached is None:
                from django.conf import settings

                data_dir = getattr(settings, "MEDACTION_DATA_DIR", None)
                _cached = load_kg(
                    Path(data_dir) if data_dir and str(data_dir) not in ("", ".") else None
                )
    return _cached
