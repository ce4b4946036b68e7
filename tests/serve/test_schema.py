"""schemathesis against the desk's OpenAPI document: generated requests to every route (writes
with the token) never get a server error."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from .conftest import TOKEN

EXAMPLES = 30


def test_no_generated_request_gets_a_server_error(desk):
    schema = schemathesis.openapi.from_url(f"{desk.url}/openapi.json")
    # ingest routes start pipeline jobs; they are exercised in test_api.py and the browser tests
    operations = [result.ok() for result in schema.exclude(path_regex="^/api/ingest/").get_all_operations()]
    assert len(operations) >= 20
    failures: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case):
            case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error],
                                   timeout=120)  # a STIX export of every event takes seconds on a busy machine

        try:
            run()
        except Exception as exc:  # collect every operation's failure, then report them together
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc).strip()[-1500:]}")
    assert not failures, "\n\n".join(failures)
