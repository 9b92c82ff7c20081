"""The engines' processes: stopped with the emulator (also when it is killed), reset, state across restarts."""
import os
import signal

import pytest

from tests.emulator.engine_tests.conftest import eventually, gaussdb_detail, sql, start_emulator, stop_emulator


def servers_of(state):
    """Pids of the mariadbd processes whose option file is under ``state`` (Linux /proc)."""
    marker = f"--defaults-file={os.path.join(str(state), 'engines')}".encode()
    pids = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                args = f.read().split(b"\0")
        except OSError:
            continue
        if any(a.startswith(marker) for a in args):
            pids.append(int(pid))
    return pids


@pytest.fixture()
def state(tmp_path):
    yield tmp_path
    for pid in servers_of(tmp_path):      # never leave a server behind, even when a test fails
        os.kill(pid, signal.SIGKILL)


def test_state_and_data_survive_a_restart(state):
    emu, log = start_emulator(str(state))
    try:
        instance_id = emu.create_instance("eng-restart", slave_count=1)["instance"]["id"]
        detail = gaussdb_detail(emu, instance_id)
        write, port = detail["private_write_ips"][0], int(detail["port"])
        sql(write, port, "CREATE DATABASE kept")
        sql(write, port, "CREATE TABLE kept.t (a INT)")
        sql(write, port, "INSERT INTO kept.t VALUES (7)")
        assert len(servers_of(state)) == 2
    finally:
        stop_emulator(emu, log)
    assert servers_of(state) == []
    emu, log = start_emulator(str(state))
    try:
        assert gaussdb_detail(emu, instance_id)["private_write_ips"] == [write]
        assert sql(write, port, "SELECT a FROM kept.t") == ((7,),)
        replica = [n for n in gaussdb_detail(emu, instance_id)["nodes"] if n["type"] == "slave"][0]["private_read_ips"][0]
        sql(write, port, "INSERT INTO kept.t VALUES (8)")
        assert eventually(lambda: sql(replica, port, "SELECT COUNT(*) FROM kept.t") == ((2,),))
        emu.admin("POST", "/reset")
        assert servers_of(state) == [] and not os.path.exists(os.path.join(str(state), "engines", "e1"))
    finally:
        stop_emulator(emu, log)


def test_servers_die_with_a_killed_emulator(state):
    emu, log = start_emulator(str(state))
    try:
        emu.create_instance("eng-kill", slave_count=1)
        assert len(servers_of(state)) == 2
        emu.proc.kill()                   # no chance to clean up: PR_SET_PDEATHSIG does it
        emu.proc.wait(10)
        assert eventually(lambda: servers_of(state) == [], timeout=30)
    finally:
        log.close()
