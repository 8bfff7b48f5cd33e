"""CPU used by the processes of a benchmark's stack, read from /proc (Linux), and its cost per
completed turn. The one /proc reader of bench_inference and bench_sockets.

A reading is user + system CPU seconds per process (/proc/PID/stat utime and stime, fields 14 and
15; with `children`, also cutime and cstime, 16 and 17: the children it has waited for). Two
readings, one at each end of a timed window, give each component's CPU over the window: a process
that exited during the window is counted up to its last reading (none), one that appeared in it
from zero (it started inside the window).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_cpu_seconds(pid: int, *, children: bool = False) -> float | None:
    """User + system CPU seconds of one process so far; None when it is gone or unreadable."""
    try:
        # The command name (field 2) is in parentheses and may itself hold spaces or ")".
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    # fields[0] is field 3 (state): utime, stime, cutime, cstime are fields 14..17.
    ticks = int(fields[11]) + int(fields[12])
    if children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / CLK_TCK


def cpu_seconds(pids: Iterable[int], *, children: bool = False) -> float:
    """User + system CPU of these processes so far (the ones still running)."""
    return sum(process_cpu_seconds(pid, children=children) or 0.0 for pid in pids)


Reading = dict[str, dict[int, float]]  # component -> pid -> CPU seconds so far


def read_components(
    components: Mapping[str, Iterable[int]], *, children: Iterable[str] = ()
) -> Reading:
    """One reading of each component's processes (children counted for those named)."""
    with_children = set(children)
    out: Reading = {}
    for name, pids in components.items():
        out[name] = {}
        for pid in pids:
            seconds = process_cpu_seconds(pid, children=name in with_children)
            if seconds is not None:
                out[name][pid] = seconds
    return out


def window_ms(before: Reading, after: Reading) -> dict[str, float]:
    """CPU milliseconds per component between two readings."""
    out: dict[str, float] = {}
    for name in sorted(set(before) | set(after)):
        start, end = before.get(name, {}), after.get(name, {})
        seconds = sum(max(0.0, cpu - start.get(pid, 0.0)) for pid, cpu in end.items())
        out[name] = round(seconds * 1000, 1)
    return out


def per_turn(window: Mapping[str, float], turns: int) -> dict[str, float | None]:
    """`cpu_ms_per_turn` (all components) and each component's share per completed turn; None
    when no turn completed."""
    if turns <= 0:
        return {"cpu_ms_per_turn": None, **{f"{name}_ms": None for name in window}}
    split = {f"{name}_ms": round(ms / turns, 2) for name, ms in window.items()}
    return {"cpu_ms_per_turn": round(sum(window.values()) / turns, 2), **split}


def postgres_backends(database: str, exclude: Iterable[int] = ()) -> list[int]:
    """Process ids of the Postgres backends connected to `database` (pg_stat_activity; the
    server's background processes, shared with every other database, are left out)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND backend_type = "
            "'client backend'",
            [database],
        )
        pids = [int(row[0]) for row in cursor.fetchall()]
    skip = set(exclude)
    return [pid for pid in pids if pid not in skip]


def redis_server_pid(url: str) -> int | None:
    """The redis-server's process id (INFO server), when it runs on this machine."""
    import redis

    try:
        client = redis.Redis.from_url(url)
        info = client.info("server")
    except Exception:
        return None
    pid = info.get("process_id")
    return int(pid) if pid and Path(f"/proc/{pid}/stat").exists() else None


class Meter:
    """Readings of a stack's components: the web server and the workers (with their children),
    the Postgres backends on the bench's database (those of the load generator's request threads
    too: they do the Step requests' database work a web server's would), and the redis-server.
    Never the load generator's own process or the stand-in model server."""

    def __init__(
        self, *, web: list[int], workers: list[int], database: str, redis_url: str
    ) -> None:
        self.web, self.workers, self.database = web, workers, database
        self.redis = redis_server_pid(redis_url)

    def read(self) -> Reading:
        return read_components(
            {
                "web": self.web,
                "workers": self.workers,
                "postgres": postgres_backends(self.database),
                "redis": [self.redis] if self.redis else [],
            },
            children=("web", "workers"),
        )
