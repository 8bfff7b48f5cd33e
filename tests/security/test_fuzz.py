"""Fuzzing every form and every importer: 0 server errors.

Each form is posted, by a persona allowed to use it, with field values drawn by Hypothesis from
nasty text (NUL bytes, control characters, 10,000 characters, surrogate-free unicode, numbers out
of range, JSON fragments) plus fields the form does not know. Every answer must be below 500. The
importers read records of their own format with one subtree replaced by arbitrary JSON (deep,
huge, of the wrong type), and raw garbage lines: each line either parses or fails alone with its
line number. The API is fuzzed from its OpenAPI schema in tests/api/test_fuzz.py.

The number of requests and records tried is printed (`-s`) and checked against a floor.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diagnosis.cases.importers import parse_file
from diagnosis.sessions import services
from tests.cases.test_import_deep import RECORDS
from tests.factories import CaseFactory
from tests.helpers import scored_session

pytestmark = pytest.mark.django_db

TRIED: Counter[str] = Counter()
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)

nasty_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.sampled_from(
        [
            "\x00",
            "a\x00b",
            "\r\n\t\x0b\x1f",
            "x" * 10_000,
            "<script>alert(1)</script>",
            "-1",
            "0",
            "1e999",
            "NaN",
            "99999999999999999999",
            "[1, 2]",
            '{"a": 1}',
            "null",
            "../../etc/passwd",
            "   ",
        ]
    ),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


def form_data(fields: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    known = st.fixed_dictionaries({}, optional={f: nasty_text for f in fields})
    extra = st.dictionaries(st.text(min_size=1, max_size=10), nasty_text, max_size=3)
    return st.builds(lambda a, b: {**b, **a}, known, extra)


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world(personas, make_user, settings):  # type: ignore[no-untyped-def]
    settings.MEDACTION_DISPATCHER = "tests.doubles.NullDispatcher"
    case = CaseFactory()
    live = services.session_start(
        owner=personas["owner"], mode="live", policy="scripted", live_presentation="Cough."
    )
    scored = scored_session(personas["owner"], [{"ungrounded_order": True}])
    admin = make_user("ada", "clinician", is_staff=True, is_superuser=True)
    return {**personas, "admin": admin, "case": case, "live": live, "scored": scored}


FORMS: dict[str, tuple[str, Any, list[str]]] = {
    # name: (persona, url from the world, the form's fields)
    "start a session": (
        "owner",
        lambda w: "/sessions/start/",
        [
            "mode",
            "policy",
            "case",
            "max_turns",
            "live_title",
            "live_presentation",
            "live_demographics",
            "step_mode",
        ],
    ),
    "live results": (
        "owner",
        lambda w: f"/sessions/{w['live'].public_id}/results/",
        ["turn", "note", "extra_findings", "result-0", "not_done-0", "order-0"],
    ),
    "review a turn": (
        "reviewer",
        lambda w: f"/sessions/{w['scored'].public_id}/reviews/",
        ["turn", "differential_rating", "orders_rating", "failure_modes", "note"],
    ),
    "API token": ("owner", lambda w: "/account/api-tokens/", ["name", "expires"]),
    "launch a benchmark": (
        "reviewer",
        lambda w: "/benchmarks/new/",
        ["name", "source", "q", "dataset", "status", "limit", "format", "policy", "max_turns"],
    ),
    "distil": (
        "owner",
        lambda w: "/distill/start/",
        [
            "cases",
            "format",
            "policy",
            "branching",
            "depth",
            "seed",
            "workers",
            "limit",
            "min_rac",
            "min_dtc",
            "max_gold_rank",
            "min_prefix_turns",
        ],
    ),
    "case search": ("owner", lambda w: "/cases/", ["q", "dataset", "status", "page"]),
    "admin case form": (
        "admin",
        lambda w: f"/admin/diagnosis/case/{w['case'].pk}/change/",
        [
            "title",
            "demographics",
            "initial_presentation",
            "history",
            "gold_diagnosis",
            "gold_aliases",
            "gold_codes",
            "reference_differential",
            "references",
            "status",
            "menu_items-TOTAL_FORMS",
            "menu_items-INITIAL_FORMS",
            "menu_items-0-name",
            "menu_items-0-aliases",
            "menu_items-0-cost",
            "menu_items-0-result",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_no_form_answers_a_server_error(world, name):
    persona, url_of, fields = FORMS[name]
    client = _signed_in(world[persona])
    url = url_of(world)

    @FUZZ
    @given(data=form_data(fields))
    def post(data: dict[str, Any]) -> None:
        method = client.get if name == "case search" else client.post
        response = method(url, data)
        TRIED["form requests"] += 1
        assert response.status_code < 500, (name, data, response.status_code)

    post()


@FUZZ
@given(data=st.binary(max_size=3000))
def test_the_verify_page_answers_any_upload_without_a_server_error(world, data):
    client = _signed_in(world["auditor"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("export.json", data, content_type="application/json")
    response = client.post("/audit/verify/", {"file": upload})
    TRIED["verify uploads"] += 1
    assert response.status_code in (200, 400), response.status_code


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**80), max_value=2**80),
        st.floats(allow_nan=False, allow_infinity=False),
        nasty_text,
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            out += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out += _paths(child, (*prefix, index))
    return out


def _replace(value: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[head] = _replace(value[head], rest, new)
    return copy


@pytest.mark.parametrize("fmt", sorted(RECORDS))
def test_every_importer_fails_a_bad_record_alone_with_its_line_number(fmt, tmp_path):
    sample = RECORDS[fmt](1)
    paths = _paths(sample)

    @FUZZ
    @given(
        mutations=st.lists(st.tuples(st.sampled_from(paths), json_values), min_size=1, max_size=3),
        garbage=st.text(max_size=80),
    )
    def run(mutations: list[tuple[tuple, Any]], garbage: str) -> None:
        record = sample
        for path, new in mutations:
            try:
                record = _replace(record, path, new)
            except (KeyError, IndexError, TypeError):  # an earlier mutation removed the path
                continue
        lines = [json.dumps(RECORDS[fmt](7)), json.dumps(record), garbage.replace("\n", " ")]
        path = Path(tmp_path) / f"fuzz.{fmt}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
        parsed = list(parse_file(path, fmt))
        TRIED["importer records"] += len(lines)
        assert parsed[0].ok and parsed[0].line == 1, parsed[0].error
        for item in parsed[1:]:
            assert item.ok or (item.error and item.line in (2, 3)), item

    run()


def test_zz_report_what_was_tried():
    """Printed with -s; CI logs it. A floor so a silently skipped fuzz cannot pass."""
    print(f"\nfuzz: {dict(TRIED)}")
    if TRIED:  # run in the same process after the fuzz tests (not alone with -k)
        assert TRIED["form requests"] >= 8 * 30
        assert TRIED["importer records"] >= 4 * 60
