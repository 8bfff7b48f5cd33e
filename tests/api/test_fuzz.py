"""Fuzzing every API route from its OpenAPI schema (schemathesis strategies driven by
hypothesis), with a valid clinician's token: data that fits the schema and data that does not,
against real rows (a case, an own session, a live session waiting for results) and random ids.
No answer may be a server error; the number of requests tried is printed.

Turns are not run (NullDispatcher): the target is how each route treats its input.
"""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode

from diagnosis.sessions import services
from tests.api.conftest import token_for
from tests.factories import CaseFactory
from tests.helpers import awaiting_live_session

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

EXAMPLES = {GenerationMode.POSITIVE: 16, GenerationMode.NEGATIVE: 16}  # ~30 s on a quiet machine


@pytest.fixture
def keep_test_connection() -> Any:
    """A WSGI request closes "old" database connections when it ends, which would close the
    test's own transaction; Django's test client turns that off for its requests, so do we."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world(personas, settings, keep_test_connection):  # type: ignore[no-untyped-def]
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"
    settings.MEDACTION_API_TOKEN_RATE = "100000/m"
    settings.MEDACTION_DEFAULT_POLICY = "scripted"
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    case = CaseFactory()
    own = services.session_start(
        owner=personas["owner"], mode="simulated", policy="scripted", case=case
    )
    live = awaiting_live_session(personas["owner"])
    return {
        "token": token_for(personas["owner"]),
        "case_ids": [case.pk],
        "session_ids": [str(own.public_id), str(live.public_id)],
    }


def test_no_route_answers_a_server_error(world, capsys):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    auth = {"Authorization": f"Bearer {world['token']}"}
    real = itertools.cycle([True, False])
    tried: Counter[str] = Counter()
    statuses: Counter[int] = Counter()
    failures: list[str] = []

    def send(case: Any) -> None:
        if next(real):  # every other request names a real row instead of a random id
            if "session_id" in (case.path_parameters or {}):
                case.path_parameters["session_id"] = world["session_ids"][tried.total() % 2]
            if "case_id" in (case.path_parameters or {}):
                case.path_parameters["case_id"] = world["case_ids"][0]
        response = case.call(headers=auth)
        tried[f"{case.method} {case.path}"] += 1
        statuses[response.status_code] += 1
        if response.status_code >= 500:
            failures.append(f"{case.method} {case.formatted_path} -> {response.status_code}")
        elif response.status_code >= 400:
            error = response.json()["error"]  # the one error shape, whatever went wrong
            assert set(error) == {"code", "message", "fields"}, error

    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        plans = [(operation.as_strategy(generation_mode=m), n) for m, n in EXAMPLES.items()]
        # The schema's own examples (a start body, live results) reach the happy paths too.
        plans += [(s, 2) for s in schema.get_strategies_from_examples(operation)]
        for strategy, count in plans:

            @given(case=strategy)
            @settings(
                max_examples=count,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def run(case: Any) -> None:
                send(case)

            run()

    with capsys.disabled():
        print(
            f"\nAPI fuzz: {tried.total()} requests over {len(operations)} operations, "
            f"statuses {dict(sorted(statuses.items()))}, server errors {len(failures)}"
        )
    assert len(tried) == len(operations)  # every route was reached
    assert failures == []
