"""What bench_inference sets up in the database: the bench user's login, its sessions, and the
model's share of each turn's time read back afterwards. Writes go through the services."""

from __future__ import annotations


def login_cookie() -> str:
    from django.test import Client

    from inference.jobs.bench.harness import bench_user

    client = Client()
    client.force_login(bench_user())
    return f"sessionid={client.cookies['sessionid'].value}"


def make_sessions(n: int, max_turns: int) -> list[tuple[int, str]]:
    from diagnosis.sessions import services
    from inference.jobs.bench.harness import bench_case, bench_user

    user, case = bench_user(), bench_case()
    rows = []
    for _ in range(n):
        session = services.session_start(
            owner=user,
            mode="simulated",
            policy="llm",
            case=case,
            max_turns=max_turns,
            step_mode=True,
        )
        rows.append((session.pk, str(session.public_id)))
    return rows


def turn_ttfts(session_pks: list[int]) -> dict[tuple[int, int], float]:
    """The model's share of the time to the first partial: from the call to the first answer text
    that parses into something to show (recorded by the LLM policy as first_partial_ms)."""
    from diagnosis.models import Turn

    rows = Turn.objects.filter(session_id__in=session_pks).values_list(
        "session_id", "index", "parameters"
    )
    return {
        (s, i): float(p["first_partial_ms"]) / 1000
        for s, i, p in rows
        if p and p.get("first_partial_ms") is not None
    }
