"""bench_inference's measuring rounds on a running stack: P1 per level (open loop), the bare chain
beside each level (floor.py), P2, and the closed loop; CPU per completed turn over each timed
window (cpu.py). The command (inference/management/commands/bench_inference.py) starts the stack
and prints the report.
"""

from __future__ import annotations

from typing import Any

from inference.jobs.bench.cpu import Meter, per_turn, window_ms
from inference.jobs.bench.floor import Floor
from inference.jobs.bench.harness import Bench, LoopLag, SessionProbe, summarise
from inference.jobs.bench.sessions import turn_ttfts


def completed_turns(probes: list[SessionProbe]) -> int:
    """Turns requested in the window that completed (turn 0, the warm-up, is never requested)."""
    return sum(1 for p in probes for index in p.requested if index in p.completed)


async def _timed(meter: Meter | None, coro: Any) -> tuple[Any, dict[str, float]]:
    """Run coro between two CPU readings; the components' CPU ms over it ({} without a meter)."""
    from asgiref.sync import sync_to_async

    if meter is None:
        return await coro, {}
    before = await sync_to_async(meter.read)()
    out = await coro
    after = await sync_to_async(meter.read)()
    return out, window_ms(before, after)


async def _p1_level(
    bench: Bench, meter: Meter | None, n: int, duration: float, **shape: float
) -> dict[str, Any]:
    from asgiref.sync import sync_to_async

    probes = await bench.open_sessions(n)
    lag = LoopLag().start()  # is the load generator itself keeping up?
    load, ms = await _timed(meter, bench.run_load(probes, duration, **shape))
    load["generator_loop_lag_ms"] = lag.stop()
    turn_ttft = await sync_to_async(turn_ttfts)([p.pk for p in probes])
    samples = bench.p1_samples(probes, turn_ttft)
    done = completed_turns(probes)
    return {
        **summarise(samples),
        **load,
        "completed_turns": done,
        "turns_per_s": round(done / load["seconds"], 2),
        "events_per_s_per_session": round(sum(p.events for p in probes) / load["seconds"] / n, 1),
        "frames_per_s_per_session": round(sum(p.frames for p in probes) / load["seconds"] / n, 1),
        "in_order": all(p.seqs_ok for p in probes),
        "failed_turns": sum(len(p.failed) for p in probes),
        "cpu": {"turns": done, "ms": ms, **per_turn(ms, done)} if meter else None,
    }


async def floor_level(floor: Floor, meter: Meter | None, n: int, duration: float) -> dict[str, Any]:
    """The bare chain at n clients, the turns' shape; its first request per client untimed (as a
    session's warm-up turn 0 is)."""
    import asyncio

    probes = await floor.open(n)
    await asyncio.gather(*(floor.one(p) for p in probes))
    for probe in probes:
        probe.samples_ms.clear()
    load, ms = await _timed(meter, floor.run_load(probes, duration))
    samples = [ms_ for p in probes for ms_ in p.samples_ms]
    return {
        **summarise(samples),
        **load,
        "cpu": per_turn(ms, load["requests"]) if meter else None,
    }


async def open_loop(
    bench: Bench,
    floor: Floor | None,
    meter: Meter | None,
    levels: list[int],
    opts: dict[str, Any],
    say: Any,
) -> dict[str, Any]:
    result: dict[str, Any] = {"p1": {}, "floor": {}}
    for n in levels:
        say(f"P1 at {n} session(s): {opts['duration']:g} s of load …")
        v = result["p1"][n] = await _p1_level(bench, meter, n, opts["duration"])
        cpu = f"; CPU {v['cpu']['cpu_ms_per_turn']} ms/turn" if v["cpu"] else ""
        say(
            f"  P1 p50 {v['p50']} ms, p99 {v['p99']} ms over {v['n']} turns{cpu} (load "
            f"generator's loop lag p50/p99 {v['generator_loop_lag_ms']['p50']}/"
            f"{v['generator_loop_lag_ms']['p99']} ms)"
        )
        if floor is not None:
            f = result["floor"][n] = await floor_level(floor, meter, n, opts["duration"])
            say(
                f"  bare chain at {n}: p50 {f['p50']} ms, p99 {f['p99']} ms over {f['n']} "
                f"requests ({f['lost']} lost)"
            )
    n = opts["p2_sessions"]
    # One turn alone (the median of three sessions, one after another), then n at once.
    alone = [await bench.one_turn_latency(p) for p in await bench.open_sessions(3)]
    single = sorted(alone)[1]
    wall = await bench.all_at_once(await bench.open_sessions(n))
    result["p2"] = {
        "sessions": n,
        "single_turn_s": round(single, 3),
        "wall_s": round(wall, 3),
        "ratio": round(wall / single, 3),
    }
    say(f"P2: one turn alone {single:.3f} s; {n} at once {wall:.3f} s; ratio {wall / single:.2f}")
    return result


async def closed_loop(
    bench: Bench, meter: Meter | None, levels: list[int], opts: dict[str, Any], say: Any
) -> dict[int, Any]:
    """Each session asks for its next turn as soon as the previous one ends (model turns of
    about --closed-loop-turn-s); first requests spread over one turn."""
    result: dict[int, Any] = {}
    for n in levels:
        say(f"closed loop at {n} session(s): {opts['closed_loop_duration']:g} s …")
        v = result[n] = await _p1_level(
            bench,
            meter,
            n,
            opts["closed_loop_duration"],
            interval=0.0,
            stagger=opts["closed_loop_turn_s"],
        )
        v.pop("late_ticks", None)  # every tick is "late" in a closed loop
        say(
            f"  P1 p50 {v['p50']} ms, p99 {v['p99']} ms; {v['turns_per_s']} turns/s "
            f"({v['completed_turns']} turns in {v['seconds']} s)"
        )
    return result
