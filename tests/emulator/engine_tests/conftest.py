"""Fixtures of the engine tests: serve.py --engine mariadb (HTTPS), clients for both APIs and the engines."""
import contextlib
import os
import subprocess
import sys
import time

import pymysql
import pytest

from tests.emulator.tests.conftest import DEFAULTS, PROJECT_ID, REPO, Emulator
from tests.emulator.tests.test_emulator_cds import call

TIME_SCALE = 0.003
ROOT_PASSWORD = "Test_pass123"      # what Emulator.create_instance gives its instances
POLL = 0.05


def start_emulator(state, *extra):
    """serve.py --engine mariadb on ``state``; returns (Emulator, log file)."""
    log = open(os.path.join(state, "stderr.log"), "a", encoding="utf-8")  # noqa: SIM115 (closed by stop_emulator)
    proc = subprocess.Popen([sys.executable, os.path.join(REPO, "tests", "emulator", "serve.py"), "--tls",
                             "--time-scale", str(TIME_SCALE), "--state-dir", str(state), "--engine", "mariadb", *extra],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=log, text=True)
    line = proc.stdout.readline().strip()
    if not line.startswith("EMULATOR_URL="):
        proc.kill()
        log.close()
        raise RuntimeError(f"serve.py --engine mariadb did not start: {open(log.name, encoding='utf-8').read()}")
    return Emulator(line.split("=", 1)[1], os.path.join(state, "ca.pem"), proc), log


def stop_emulator(emu, log, timeout=60):
    emu.proc.terminate()
    try:
        emu.proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        emu.proc.kill()
        raise
    finally:
        log.close()


@pytest.fixture(scope="session")
def engine_emulator(tmp_path_factory):
    state = tmp_path_factory.mktemp("engine-emulator")
    emu, log = start_emulator(str(state))
    try:
        yield emu
    finally:
        stop_emulator(emu, log)


@pytest.fixture()
def emu(engine_emulator):
    """A clean emulator (every engine of the previous test stopped and removed) with a fast clock."""
    engine_emulator.admin("POST", "/reset")
    engine_emulator.config(**dict(DEFAULTS, time_scale=TIME_SCALE))
    return engine_emulator


# -- helpers -----------------------------------------------------------------------------------------------------
def eventually(fn, timeout=20.0):
    """fn() until it returns a true value (replication, asynchronous statuses); bounded."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = fn()
        except pymysql.MySQLError:
            value = None
        if value or time.monotonic() > deadline:
            return value
        time.sleep(POLL)


@contextlib.contextmanager
def connect(host, port, user="root", password=ROOT_PASSWORD, database=None):
    conn = pymysql.connect(host=host, port=int(port), user=user, password=password, database=database,
                           autocommit=True, connect_timeout=10)
    try:
        yield conn.cursor()
    finally:
        conn.close()


def sql(host, port, statement, user="root", password=ROOT_PASSWORD):
    with connect(host, port, user, password) as cur:
        cur.execute(statement)
        return cur.fetchall()


def gaussdb_detail(emu, instance_id):
    resp = emu.signed("GET", f"/v3.1/{PROJECT_ID}/instances/{instance_id}")
    assert resp.status_code == 200, resp.text
    return resp.json()["instance"]


def gaussdb_call(emu, method, path, body=None, params=None, expect=(200, 201, 202)):
    resp = emu.signed(method, f"/v3/{PROJECT_ID}{path}", body, params=params)
    assert resp.status_code in expect, resp.text
    return resp.json()


def gaussdb_job(emu, method, path, body=None):
    """A change answered with a job; returns the job once it ended (asserting it completed)."""
    answer = gaussdb_call(emu, method, path, body)
    job = emu.wait_job(answer["job_id"], timeout=60)
    assert job["status"] == "Completed", job
    return answer


def cds(emu, method, action, body=None, **params):
    status, answer = call(emu, method, action, body=body, **params)
    assert status == 200 and answer["Code"] == "Success", answer
    return answer
