"""Where a worker's time per turn goes: with MEDACTION_BENCH_CPROFILE=<file> in its environment a
Celery worker profiles every task it runs (cProfile, per thread: a profiler is enabled on the
task's thread when it starts and disabled when it ends, timing the thread's CPU, not the wall
clock) and writes the merged statistics to
<file>.<pid> when it shuts down (read them with `python -m pstats`). A benchmark's instrument:
profiling slows every call it sees, so a profiled run's latencies are not figures. What runs
outside the task's thread (the publishing loop's group_send, Celery's consumer thread: fetching
and acknowledging messages) is not in the profile.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import threading
import time
from typing import Any

_profiles: list[cProfile.Profile] = []
_lock = threading.Lock()
_local = threading.local()


def _started(**kwargs: Any) -> None:
    profile = cProfile.Profile(time.thread_time)  # CPU of the task's thread, not wall time
    _local.profile = profile
    profile.enable()


def _finished(**kwargs: Any) -> None:
    profile = getattr(_local, "profile", None)
    if profile is None:
        return
    profile.disable()
    _local.profile = None
    with _lock:
        _profiles.append(profile)


def dump(path: str) -> str | None:
    """Merge the finished tasks' profiles into path.<pid>; None when there were none."""
    with _lock:
        profiles = list(_profiles)
    if not profiles:
        return None
    stats = pstats.Stats(profiles[0])
    for profile in profiles[1:]:
        stats.add(profile)
    out = f"{path}.{os.getpid()}"
    stats.dump_stats(out)
    return out


def install(path: str) -> None:
    from celery.signals import task_postrun, task_prerun, worker_shutdown

    task_prerun.connect(_started, weak=False)
    task_postrun.connect(_finished, weak=False)
    worker_shutdown.connect(lambda **kwargs: dump(path), weak=False)
