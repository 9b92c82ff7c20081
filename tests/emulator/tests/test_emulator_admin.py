"""Admin API: stats, seed, reset, config, routes."""
import os
import subprocess
import sys
import time

from types import SimpleNamespace

import pytest
import requests
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

from conftest import PROJECT_ID, REPO

CATALOG_TOOL = os.path.join(os.path.dirname(REPO), "shared", "tools", "catalog_coverage.py")


def test_stats_count_api_requests_only(emu):
    assert emu.stats()["requests_total"] == 0
    emu.signed("GET", f"/v3.1/{PROJECT_ID}/instances")
    emu.signed("GET", f"/v3.1/{PROJECT_ID}/instances")
    emu.signed("GET", f"/v3.1/{PROJECT_ID}/instances/nope0000000000000000000000000000in07")
    emu.http.get(f"{emu.url}/v3/{PROJECT_ID}/no-such-api", verify=emu.ca)
    emu.admin("GET", "/config")
    stats = emu.stats()
    assert stats["requests_total"] == 4
    assert stats["by_route"]["GET /v3.1/{project_id}/instances"] == 2
    assert stats["by_route"]["GET /v3.1/{project_id}/instances/{instance_id}"] == 1
    assert stats["by_route"]["GET (unmatched)"] == 1
    assert stats["by_status"] == {"200": 2, "404": 2}


def test_seed_is_fast_and_ready(emu):
    started = time.time()
    created = emu.seed(gaussdb_instances=2000, nodes_per_instance=3)
    assert time.time() - started < 3.0
    ids = created["gaussdb_instances"]
    assert len(ids) == 2000 and all(i.endswith("in07") for i in ids)
    page = emu.signed("GET", f"/v3.1/{PROJECT_ID}/instances", params={"offset": 1900, "limit": 100}).json()
    assert page["total_count"] == 2000 and len(page["instances"]) == 100
    assert {i["status"] for i in page["instances"]} == {"normal"}
    batch = emu.signed("GET", f"/v3.1/{PROJECT_ID}/instances/details", params={"instance_ids": ",".join(ids[:20])})
    instances = batch.json()["instances"]
    assert len(instances) == 20 and all(len(i["nodes"]) == 3 for i in instances)
    started = time.time()
    for offset in range(0, 2000, 100):
        emu.signed("GET", f"/v3.1/{PROJECT_ID}/instances", params={"offset": offset, "limit": 100})
    assert time.time() - started < 10


def test_reset_clears_state_and_stats(emu):
    ids = emu.seed(gaussdb_instances=3)["gaussdb_instances"]
    emu.signed("GET", f"/v3.1/{PROJECT_ID}/instances")
    emu.admin("POST", "/reset")
    assert emu.stats()["requests_total"] == 0
    resp = emu.signed("GET", f"/v3.1/{PROJECT_ID}/instances/{ids[0]}")
    assert resp.status_code == 404 and resp.json()["error_code"] == "DBS.201028"


def test_config_is_validated(emu):
    config = emu.admin("GET", "/config")
    assert config["time_scale"] > 0 and config["fault_kinds"]
    for bad in ({"nope": 1}, {"fault_kinds": ["meteor"]}, {"fault_rate": 2}, {"time_scale": 0},
                {"drop_responses": [{"method": "POST"}]}):
        resp = emu.http.put(f"{emu.url}/_emulator/config", json=bad, verify=emu.ca)
        assert resp.status_code == 400, bad
    assert emu.config(latency_ms=5)["latency_ms"] == 5


def test_routes_are_documented_templates(emu):
    routes = emu.admin("GET", "/routes")["routes"]
    keys = {(r["method"], r["path"]) for r in routes}
    for expected in (("POST", "/v3/{project_id}/instances"), ("GET", "/v3.1/{project_id}/instances/details"),
                     ("GET", "/v3/{project_id}/jobs"), ("POST", "/v3/{project_id}/instances/{instance_id}/tags/action"),
                     ("POST", "/v3/auth/tokens"), ("GET", "/v3/projects")):
        assert expected in keys
    assert not [r for r in routes if "<" in r["path"] or not r["path"].startswith("/")]


def test_catalog_coverage_tool_recognises_the_routes(emu):
    if not os.path.exists(CATALOG_TOOL):
        pytest.skip("the shared catalog tool is not beside the repository")
    out = subprocess.run([sys.executable, CATALOG_TOOL, emu.url, emu.ca], capture_output=True, text=True,
                         check=True, env=dict(os.environ, SSL_CERT_FILE=emu.ca)).stdout
    lines = out.splitlines()
    group_43 = next(line for line in lines if line.strip().endswith("Instance management"))
    assert group_43.split()[0] == "41/41"
    served, documented = (int(n) for n in lines[-1].split()[1].split("/"))
    assert served == documented == 189, lines[-1]


def test_admin_answers_loopback_only_and_is_never_faulty(emu):
    emu.config(fault_rate=1.0, fault_kinds=["server_error"], latency_ms=0)
    for attempt in range(5):
        assert emu.stats()["requests_total"] == 0, attempt
    resp = requests.get(f"{emu.url}/_emulator/stats", verify=emu.ca, timeout=10)
    assert resp.headers["X-Request-Id"]


def test_serve_plain_http_with_seed_file(tmp_path):
    seed = tmp_path / "seed.json"
    seed.write_text('{"gaussdb_instances": 3, "nodes_per_instance": 2}')
    proc = subprocess.Popen([sys.executable, os.path.join(REPO, "tests", "emulator", "serve.py"), "--port", "0",
                             "--seed", str(seed), "--state-dir", str(tmp_path / "state")],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline().strip()
        assert line.startswith("EMULATOR_URL=http://127.0.0.1:")
        url = line.split("=", 1)[1]
        routes = requests.get(f"{url}/_emulator/routes", timeout=10).json()["routes"]
        assert routes and not (tmp_path / "state" / "ca.pem").exists()
        req = SdkRequest(method="GET", schema="http", host=url.split("://")[1],
                         resource_path=f"/v3.1/{PROJECT_ID}/instances", query_params=[],
                         header_params={"Content-Type": "application/json"}, body="")
        Signer(SimpleNamespace(ak="EMULATORAK0000000001", sk="emulator-secret-key")).sign(req)
        headers = {k: v for k, v in req.header_params.items() if k != "Host"}
        assert requests.get(url + req.uri, headers=headers, timeout=10).json()["total_count"] == 3
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_in_process_app():
    from tests.emulator import core
    app = core.create_app({"time_scale": 0.001})
    client = app.test_client()
    assert client.post("/_emulator/seed", json={"gaussdb_instances": 2}).status_code == 201
    assert client.get("/_emulator/routes").json["routes"]
    resp = client.get(f"/v3.1/{PROJECT_ID}/instances")
    assert resp.status_code == 401 and resp.headers["X-Request-Id"]
