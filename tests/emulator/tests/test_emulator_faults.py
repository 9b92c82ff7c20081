"""Fault injection and lost responses."""
import time

import pytest
import requests

from conftest import PROJECT_ID

LIST = f"/v3.1/{PROJECT_ID}/instances"


def test_throttle_has_retry_after_and_gateway_body(emu):
    emu.config(fault_rate=1.0, fault_kinds=["throttle"], retry_after=3)
    resp = emu.signed("GET", LIST)
    assert resp.status_code == 429 and resp.headers["Retry-After"] == "3"
    body = resp.json()
    assert body["error_code"] == "APIGW.0308" and body["request_id"] == resp.headers["X-Request-Id"]
    assert emu.stats()["faults"] == {"throttle": 1}


def test_server_errors(emu):
    emu.config(fault_rate=1.0, fault_kinds=["server_error"])
    statuses = {emu.signed("GET", LIST).status_code for attempt in range(15)}
    assert statuses <= {500, 502, 503} and len(statuses) >= 2


def test_reset_closes_the_connection_before_processing(emu):
    emu.config(fault_rate=1.0, fault_kinds=["reset"])
    with pytest.raises(requests.exceptions.ConnectionError):
        emu.create_instance(name="never-created", wait=False)
    emu.config(fault_rate=0.0)
    assert emu.signed("GET", LIST).json()["total_count"] == 0
    assert emu.stats()["by_status"]["reset"] == 1


def test_busy_only_for_changes(emu):
    emu.config(fault_rate=1.0, fault_kinds=["busy"])
    assert emu.signed("GET", LIST).status_code == 200
    resp = emu.signed("POST", f"/v3/{PROJECT_ID}/instances", {"name": "x"})
    assert resp.status_code == 409 and resp.json()["error_code"] == "DBS.200019"


def test_slow_and_latency(emu):
    emu.config(fault_rate=1.0, fault_kinds=["slow"], slow_ms=300)
    started = time.time()
    assert emu.signed("GET", LIST).status_code == 200
    assert time.time() - started >= 0.3
    emu.config(fault_rate=0.0, latency_ms=200)
    started = time.time()
    emu.signed("GET", LIST)
    assert time.time() - started >= 0.2


def test_faults_are_reproducible(emu):
    def run():
        emu.config(fault_rate=0.5, fault_kinds=["throttle", "server_error"], random_seed=42)
        return [emu.signed("GET", LIST).status_code for attempt in range(12)]
    first = run()
    assert 200 in first and set(first) - {200}
    assert run() == first


def test_dropped_response_still_creates(emu):
    emu.config(drop_responses=[{"method": "POST", "path": "/v3/{project_id}/instances", "count": 1}])
    with pytest.raises(requests.exceptions.ConnectionError):
        emu.create_instance(name="lost-answer", wait=False)
    listed = emu.signed("GET", LIST, params={"name": "lost-answer"}).json()
    assert listed["total_count"] == 1  # the create happened; only the answer was lost
    assert emu.admin("GET", "/config")["drop_responses"] == []
    emu.create_instance(name="second-one", wait=False)  # the rule is used up
    stats = emu.stats()
    assert stats["dropped"] == 1 and stats["by_route"]["POST /v3/{project_id}/instances"] == 2
