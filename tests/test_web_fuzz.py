"""schemathesis fuzzes every operation of the OpenAPI schema in process, with valid and invalid input: no 500."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, given, settings  # noqa: E402 - after the skip check
from schemathesis.checks import not_a_server_error  # noqa: E402

from legation.web import api, create_app  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

OPERATIONS = sorted((method, route.path) for route in api.router.routes for method in route.methods)
EXAMPLES = 10  # per operation and mode: bounded, so the whole file runs in about a minute on two cores


@pytest.fixture(scope="module")
def web_schema(web_db):
    """The app's OpenAPI schema, loaded from the app itself (calls go to the app in process)."""
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(web_db))


@pytest.mark.parametrize("mode", list(schemathesis.GenerationMode), ids=lambda m: m.value)
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_no_input_gives_a_server_error(web_schema, method, path, mode):
    operation = web_schema[path][method.lower()]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    def fuzz(case) -> None:
        case.call_and_validate(checks=[not_a_server_error])

    fuzz()


@pytest.mark.parametrize(("a", "b"), [("RUS", "CHN"), ("usa", "jpn")])
def test_no_report_option_gives_a_server_error(web_schema, a, b):
    operation = web_schema["/api/dyads/{a}/{b}"]["get"]

    @given(case=operation.as_strategy(path_parameters={"a": a, "b": b}))
    @settings(max_examples=6, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    def fuzz(case) -> None:
        case.call_and_validate(checks=[not_a_server_error])

    fuzz()
