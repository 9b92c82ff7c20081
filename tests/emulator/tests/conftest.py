"""Fixtures: the real serve.py in a subprocess (HTTPS, its own CA), an admin helper, signed HTTP and the SDK."""
import contextlib
import json
import os
import subprocess
import sys
import time

import pytest
import requests

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
if REPO not in sys.path:
    sys.path.insert(0, REPO)

from huaweicloudsdkcore.sdk_request import SdkRequest  # noqa: E402
from huaweicloudsdkcore.signer.signer import Signer  # noqa: E402
from types import SimpleNamespace  # noqa: E402

AK = "EMULATORAK0000000001"
SK = "emulator-secret-key"
PROJECT_ID = "0123456789abcdef0123456789abcdef"
OTHER_PROJECT_ID = "fedcba9876543210fedcba9876543210"
TEST_TIME_SCALE = 0.003   # creation ~1.8 s; serve.py itself starts with --time-scale 0.01 as documented
DEFAULTS = {"latency_ms": 0, "time_scale": TEST_TIME_SCALE, "fault_rate": 0.0,
            "fault_kinds": ["throttle", "server_error", "reset", "busy", "slow"], "random_seed": 0,
            "slow_ms": 1500, "retry_after": 1, "job_visible_after": 2.0, "drop_responses": [], "fail_jobs": []}


class Emulator:
    def __init__(self, url, ca, proc):
        self.url = url
        self.ca = ca
        self.proc = proc
        self.http = requests.Session()
        self.http.verify = ca

    # -- admin --------------------------------------------------------------------------------------------------
    def admin(self, method, path, body=None):
        resp = self.http.request(method, f"{self.url}/_emulator{path}", json=body, timeout=30, verify=self.ca)
        resp.raise_for_status()
        return resp.json()

    def config(self, **changes):
        return self.admin("PUT", "/config", changes)

    @contextlib.contextmanager
    def slow_clock(self, time_scale):
        """Operations started inside last long enough to be read while they run (seconds, not the test
        scale's tenths); the test scale again afterwards."""
        self.config(time_scale=time_scale)
        try:
            yield
        finally:
            self.config(time_scale=TEST_TIME_SCALE)

    def stats(self):
        return self.admin("GET", "/stats")

    def seed(self, **spec):
        return self.admin("POST", "/seed", spec)

    # -- signed calls -------------------------------------------------------------------------------------------
    def signed(self, method, path, body=None, params=None, ak=AK, sk=SK, headers=None, sign_date=None):
        """Call the API like the official SDK does: sign with huaweicloudsdkcore's Signer, send those bytes."""
        data = json.dumps(body) if body is not None else ""
        hdrs = {"Content-Type": "application/json", "X-Project-Id": PROJECT_ID}
        hdrs.update(headers or {})
        if sign_date:
            hdrs["X-Sdk-Date"] = sign_date
        host = self.url.split("://", 1)[1]
        req = SdkRequest(method=method, schema="https", host=host, resource_path=path,
                         query_params=list((params or {}).items()), header_params=hdrs, body=data)
        Signer(SimpleNamespace(ak=ak, sk=sk)).sign(req)
        send_headers = {k: v for k, v in req.header_params.items() if k.lower() != "host"}
        return self.http.request(method, f"{self.url}{req.uri}", headers=send_headers,
                                 data=data.encode() if data else None, timeout=30, verify=self.ca)

    def wait_job(self, job_id, timeout=20.0, project_id=PROJECT_ID):
        deadline = time.time() + timeout
        while time.time() < deadline:
            resp = self.signed("GET", f"/v3/{project_id}/jobs", params={"id": job_id})
            if resp.status_code == 200 and resp.json()["job"]["status"] in ("Completed", "Failed"):
                return resp.json()["job"]
            time.sleep(0.05)
        raise AssertionError(f"job {job_id} did not finish")

    def create_instance(self, name="test-instance", slave_count=1, wait=True, **extra):
        resp = self.signed("POST", f"/v3/{PROJECT_ID}/instances", instance_body(name, slave_count, **extra))
        assert resp.status_code == 201, resp.text
        data = resp.json()
        if wait and "job_id" in data:
            assert self.wait_job(data["job_id"])["status"] == "Completed"
        return data


def instance_body(name="test-instance", slave_count=1, **extra):
    """A valid 4.3.1 create body (pay-per-use, single zone); ``extra`` overrides or adds fields."""
    body = {"region": "cn-north-4", "name": name, "datastore": {"type": "gaussdb-mysql", "version": "8.0"},
            "mode": "Cluster", "flavor_ref": "gaussdb.mysql.xlarge.x86.4", "vpc_id": "vpc-1",
            "subnet_id": "subnet-1", "password": "Test_pass123", "availability_zone_mode": "single",
            "slave_count": slave_count}
    body.update(extra)
    return body


@pytest.fixture(scope="session")
def emulator(tmp_path_factory):
    state = tmp_path_factory.mktemp("emulator-state")
    log = open(state / "stderr.log", "w", encoding="utf-8")  # a file: a full pipe would block the server
    proc = subprocess.Popen([sys.executable, os.path.join(REPO, "tests", "emulator", "serve.py"), "--tls",
                             "--time-scale", "0.01", "--state-dir", str(state)],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        line = proc.stdout.readline().strip()
        if not line.startswith("EMULATOR_URL="):
            proc.kill()
            raise RuntimeError(f"serve.py did not start: {line!r} {(state / 'stderr.log').read_text()}")
        emu = Emulator(line.split("=", 1)[1], str(state / "ca.pem"), proc)
        yield emu
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture()
def emu(emulator):
    """A clean emulator for each test: no state, no stats, default config with a fast clock."""
    emulator.admin("POST", "/reset")
    emulator.config(**DEFAULTS)
    return emulator


def wait_job(sdk, job_id, timeout=20):
    """Poll a job (4.13.1) through the SDK until it ends; a job is not queryable for a moment after it starts."""
    from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
    from huaweicloudsdkgaussdb.v3 import ShowGaussMySqlJobInfoRequest

    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            job = sdk.show_gauss_my_sql_job_info(ShowGaussMySqlJobInfoRequest(id=job_id)).job
        except ClientRequestException as exc:
            assert exc.error_code == "DBS.200543"  # not queryable yet
            time.sleep(0.05)
            continue
        assert job.status in ("Pending", "Running", "Completed", "Failed")
        if job.status in ("Completed", "Failed"):
            return job
        assert job.process.endswith("%")
        time.sleep(0.05)
    raise AssertionError("job did not end")


@pytest.fixture()
def sdk(emu):
    """The official GaussDB client, unchanged, pointed at the emulator and trusting its CA."""
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.http.http_config import HttpConfig
    from huaweicloudsdkgaussdb.v3 import GaussDBClient

    config = HttpConfig.get_default_config()
    config.ssl_ca_cert = emu.ca
    config.timeout = (5, 30)
    creds = BasicCredentials(AK, SK, PROJECT_ID)
    return GaussDBClient.new_builder().with_http_config(config).with_credentials(creds) \
        .with_endpoints([emu.url]).build()
